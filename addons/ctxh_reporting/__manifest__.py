{
    "name": "Hospital Social Work: Reports",
    "summary": "Statutory Excel reports, dashboards and provincial consolidation",
    "version": "18.0.1.0.0",
    "category": "Social Work",
    "website": "https://github.com/ctxh/ctxh",
    "author": "ctxh contributors",
    "license": "LGPL-3",
    "application": False,
    "installable": True,
    "depends": ["ctxh_case", "ctxh_volunteer", "ctxh_donation", "report_xlsx"],
    "external_dependencies": {"python": ["xlsxwriter", "openpyxl"]},
    "data": [],
}
