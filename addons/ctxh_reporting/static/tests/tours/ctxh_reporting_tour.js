import { registry } from "@web/core/registry";

/* A manager's figures as they read them: the money tile of the dashboard with its currency, the
   report wizard proposing the last complete quarter, its year without a thousands separator. */
registry.category("web_tour.tours").add("ctxh_reporting_manager_tour", {
    url: "/odoo/action-ctxh_reporting.ctxh_dashboard_kpi_action",
    steps: () => [
        {
            content: "The funds' available money, with the currency symbol",
            trigger: "[data-kpi=funds_available] .o_field_monetary:contains('₫')",
        },
        {
            content: "Counts stay plain numbers",
            trigger: "[data-kpi=active_cases]:not(:has(.o_field_monetary)):not(:contains('₫'))",
        },
        {
            content: "Open the reports",
            trigger: ".o_menu_sections [data-menu-xmlid='ctxh_case.ctxh_menu_reporting']",
            run: "click",
        },
        {
            content: "The periodic report",
            trigger: "[data-menu-xmlid='ctxh_reporting.ctxh_report_wizard_menu']",
            run: "click",
        },
        {
            content: "The year is written 2026, not 2.026",
            trigger: ".modal .o_field_widget[name=year] input",
            run() {
                const value = this.anchor.value;
                if (value !== "2026") {
                    throw new Error(`the year reads "${value}"`);
                }
            },
        },
        {
            content: "The third quarter of 2026 (the last complete one in November)",
            trigger: ".modal .o_field_widget[name=date_from]:contains('01/07/2026')",
        },
        {
            content: "until 30/09/2026",
            trigger: ".modal .o_field_widget[name=date_to]:contains('30/09/2026')",
        },
    ],
});
