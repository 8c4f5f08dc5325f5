import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("ctxh_case_tour", {
    url: "/odoo/action-ctxh_case.ctxh_case_action",
    steps: () => [
        {
            content: "The cases open in their kanban view",
            trigger: ".o_kanban_view .o_kanban_renderer",
        },
        {
            content: "Switch to the list of cases",
            trigger: ".o_switch_view.o_list",
            run: "click",
        },
        {
            content: "Create a case",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "Choose the patient",
            trigger: ".o_field_widget[name=partner_id] input",
            run: "edit Tour Patient Phạm",
        },
        {
            content: "Pick the patient in the dropdown",
            trigger: ".ui-autocomplete .o_m2o_dropdown_option_create a, .ui-autocomplete a:contains('Tour Patient Phạm')",
            run: "click",
        },
        {
            content: "Choose the case type",
            trigger: ".o_field_widget[name=case_type_id] input",
            run: "edit Psychosocial",
        },
        {
            content: "Pick the case type",
            trigger: ".ui-autocomplete a:contains('Psychosocial support')",
            run: "click",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "The case got its reference",
            trigger: ".o_form_saved .o_field_widget[name=name]:contains('CTXH-')",
        },
    ],
});
