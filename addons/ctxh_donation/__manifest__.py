{
    "name": "Hospital Social Work: Donations",
    "summary": "Sponsorship funds, donations, allocations to patients and transparent accounting",
    "version": "18.0.1.0.0",
    "category": "Social Work",
    "website": "https://github.com/ctxh/ctxh",
    "author": "ctxh contributors",
    "license": "LGPL-3",
    "application": True,
    "installable": True,
    "depends": ["ctxh_case", "account", "product"],
    "data": [
        "security/ctxh_donation_security.xml",
        "security/ir.model.access.csv",
        "data/ctxh_donation_data.xml",
        "views/ctxh_fund_views.xml",
        "views/ctxh_campaign_views.xml",
        "views/ctxh_donation_views.xml",
        "views/ctxh_allocation_views.xml",
        "views/ctxh_distribution_views.xml",
        "views/ctxh_fund_publication_views.xml",
        "views/ctxh_case_views.xml",
        "views/ctxh_donation_menus.xml",
        "report/ctxh_donation_reports.xml",
    ],
    "demo": [
        "demo/ctxh_donation_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "ctxh_donation/static/tests/tours/*.js",
        ],
    },
}
