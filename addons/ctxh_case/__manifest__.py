{
    "name": "Hospital Social Work: Cases",
    "summary": "Case management for patients and families in hardship, "
    "with the hospital social work team (Công tác xã hội)",
    "version": "18.0.1.1.0",
    "category": "Social Work",
    "website": "https://github.com/ctxh/ctxh",
    "author": "ctxh contributors",
    "license": "LGPL-3",
    "application": True,
    "installable": True,
    "depends": ["hr", "mail", "contacts"],
    "data": [
        "security/ctxh_case_security.xml",
        "security/ir.model.access.csv",
        "data/ctxh_case_sequence_data.xml",
        "data/ctxh_case_stage_data.xml",
        "data/ctxh_case_type_data.xml",
        "data/ctxh_vulnerable_group_data.xml",
        "data/ctxh_master_data.xml",
        # case workflow
        "data/ctxh_case_workflow_data.xml",
        "views/ctxh_menus.xml",
        "views/ctxh_team_views.xml",
        "views/ctxh_case_stage_views.xml",
        "views/ctxh_case_type_views.xml",
        "views/ctxh_vulnerable_group_views.xml",
        "views/ctxh_master_data_views.xml",
        "views/ctxh_case_views.xml",
        # case workflow
        "views/ctxh_case_master_data_views.xml",
        "views/ctxh_case_assessment_views.xml",
        "views/ctxh_case_plan_views.xml",
        "views/ctxh_case_intervention_views.xml",
        "views/ctxh_case_referral_views.xml",
        "views/ctxh_case_note_views.xml",
        "views/ctxh_case_consent_views.xml",
        # data protection
        "data/ctxh_access_log_cron.xml",
        "views/ctxh_access_log_views.xml",
        "wizards/ctxh_case_stage_wizard_views.xml",
        # workforce and service log
        "data/ctxh_workforce_data.xml",
        "data/ctxh_workforce_cron.xml",
        "data/ctxh_role_period_data.xml",
        "views/hr_employee_views.xml",
        "views/ctxh_training_views.xml",
        "views/ctxh_award_views.xml",
        "views/ctxh_service_log_views.xml",
    ],
    "demo": [
        "demo/ctxh_case_language_demo.xml",
        "demo/ctxh_case_demo.xml",
        # case workflow
        "demo/ctxh_case_workflow_demo.xml",
        # workforce and service log
        "demo/ctxh_workforce_demo.xml",
        "demo/ctxh_award_demo.xml",
        # the demo hospital (company, bank account, administrator), after the demo users
        "demo/res_company_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "ctxh_case/static/tests/tours/*.js",
        ],
    },
}
