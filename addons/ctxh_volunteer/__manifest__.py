{
    "name": "Hospital Social Work: Volunteers",
    "summary": "Volunteers and staff collaborators: roster, shifts, attendance and hours",
    "version": "18.0.1.0.0",
    "category": "Social Work",
    "website": "https://github.com/ctxh/ctxh",
    "author": "ctxh contributors",
    "license": "LGPL-3",
    "application": True,
    "installable": True,
    "depends": ["ctxh_case"],
    "data": [
        "security/ctxh_volunteer_security.xml",
    ],
}
