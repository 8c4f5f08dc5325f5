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
    "depends": ["ctxh_case", "account"],
    "data": [
        "security/ctxh_donation_security.xml",
    ],
}
