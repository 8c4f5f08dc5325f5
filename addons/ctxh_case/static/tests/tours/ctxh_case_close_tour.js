import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("ctxh_case_close_tour", {
    steps: () => [
        {
            content: "The case form shows the Close button",
            trigger: ".o_form_view button[name=action_open_close_wizard]",
            run: "click",
        },
        {
            content: "Choose the closure reason",
            trigger: ".modal .o_field_widget[name=closure_reason_id] input",
            run: "edit Tour closure reason",
        },
        {
            content: "Pick the closure reason",
            trigger: ".ui-autocomplete a:contains('Tour closure reason')",
            run: "click",
        },
        {
            content: "Write the outcome",
            trigger: ".modal .o_field_widget[name=outcome] textarea",
            run: "edit Tour outcome reached",
        },
        {
            content: "Confirm",
            trigger: ".modal button[name=action_confirm]",
            run: "click",
        },
        {
            content: "The case is closed: it can be reopened",
            trigger: ".o_form_view button[name=action_open_reopen_wizard]",
        },
    ],
});
