import { registry } from "@web/core/registry";

/* A patient's support from intake to payment, as three people do it in the Vietnamese UI: the
   social worker takes in a case, assesses it, plans and requests support (one tour), a manager
   approves it, the finance officer pays it; and a gift recorded and confirmed by the finance
   officer. Buttons and fields are found by their technical names, menus by their xml ids. */

let caseReference = "";

function pick(content, text) {
    return {
        content,
        trigger: `.ui-autocomplete .ui-menu-item:not(.o_m2o_dropdown_option) a:contains('${text}')`,
        run: "click",
    };
}

function openMenu(section, item) {
    return [
        {
            content: `Open the menu ${section}`,
            trigger: `.o_menu_sections [data-menu-xmlid='${section}']`,
            run: "click",
        },
        {
            content: `Choose ${item}`,
            trigger: `.dropdown-item[data-menu-xmlid='${item}'], a[data-menu-xmlid='${item}']`,
            run: "click",
        },
    ];
}

function chooseCase() {
    return [
        {
            content: "Type the reference of the case",
            trigger: ".o_field_widget[name=case_id] input",
            run: (helpers) => helpers.edit(caseReference),
        },
        pick("Pick the case", "CTXH-"),
    ];
}

registry.category("web_tour.tours").add("ctxh_support_request_tour", {
    url: "/odoo/action-ctxh_case.ctxh_case_action",
    steps: () => [
        // 1. intake: a new case for a patient who arrives
        { content: "The social worker's cases", trigger: ".o_kanban_view .o_kanban_renderer" },
        { content: "The list of cases", trigger: ".o_switch_view.o_list", run: "click" },
        { content: "New case", trigger: ".o_list_button_add", run: "click" },
        {
            content: "The patient, a new contact",
            trigger: ".o_field_widget[name=partner_id] input",
            run: "edit Lường Văn Tour",
        },
        {
            content: "Create the patient",
            trigger: ".ui-autocomplete .o_m2o_dropdown_option_create a",
            run: "click",
        },
        {
            content: "The kind of case",
            trigger: ".o_field_widget[name=case_type_id] input",
            run: "edit Khó khăn",
        },
        { content: "Financial hardship", trigger: ".ui-autocomplete a:contains('Khó khăn tài chính')", run: "click" },
        {
            content: "What brings the patient",
            trigger: ".o_field_widget[name=presenting_problem] textarea",
            run: "edit Người bệnh ung thư, hộ nghèo, không đủ tiền đóng viện phí đợt hóa trị.",
        },
        { content: "Save the case", trigger: ".o_form_button_save", run: "click" },
        {
            content: "The case has its reference",
            trigger: ".o_form_saved .o_field_widget[name=name]:contains('CTXH-')",
            run() {
                caseReference = this.anchor.textContent.trim();
            },
        },
        // 2. the needs assessment
        ...openMenu("ctxh_case.ctxh_menu_cases", "ctxh_case.ctxh_case_assessment_menu"),
        { content: "New assessment", trigger: ".o_list_button_add", run: "click" },
        ...chooseCase(),
        {
            content: "Finances: critical need",
            trigger: ".o_field_widget[name=score_finances] select",
            run: 'select "4"',
        },
        {
            content: "Need: finances",
            trigger: ".o_field_widget[name=need_finances] input",
            run: "click",
        },
        { content: "Complete the assessment", trigger: "button[name=action_done]", run: "click" },
        {
            content: "The assessment is completed",
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value=done]",
        },
        // 3. the care plan
        ...openMenu("ctxh_case.ctxh_menu_cases", "ctxh_case.ctxh_case_plan_menu"),
        { content: "New care plan", trigger: ".o_list_button_add", run: "click" },
        ...chooseCase(),
        {
            content: "The goal of the plan",
            trigger: ".o_field_widget[name=goal] textarea",
            run: "edit Người bệnh hoàn thành đợt hóa trị",
        },
        {
            content: "Add an action",
            trigger: ".o_field_widget[name=line_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            content: "The action",
            trigger: ".o_field_widget[name=line_ids] .o_data_row .o_field_widget[name=name] input",
            run: "edit Đề nghị Quỹ hỗ trợ viện phí",
        },
        { content: "Submit the plan", trigger: "button[name=action_submit]", run: "click" },
        {
            content: "The plan waits for its supervisor",
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value=to_approve]",
        },
        // 4. the support request
        ...openMenu("ctxh_donation.ctxh_donation_menu_root", "ctxh_donation.ctxh_allocation_menu"),
        { content: "New request", trigger: ".o_list_button_add", run: "click" },
        ...chooseCase(),
        {
            content: "The fund",
            trigger: ".o_field_widget[name=fund_id] input",
            run: "edit Quỹ Hỗ trợ",
        },
        pick("Pick the fund", "Quỹ Hỗ trợ người bệnh Tour"),
        {
            content: "The kind of support",
            trigger: ".o_field_widget[name=support_type_id] input",
            run: "edit Viện phí",
        },
        { content: "Hospital fees", trigger: ".ui-autocomplete a:contains('Viện phí')", run: "click" },
        { content: "Paid by bank transfer", trigger: ".o_field_widget[name=method] select", run: 'select "bank"' },
        { content: "The amount", trigger: ".o_field_widget[name=amount] input", run: "edit 3500000" },
        { content: "Submit the request", trigger: "button[name=action_submit]", run: "click" },
        {
            content: "The request waits for a manager",
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value=to_approve]",
        },
    ],
});

registry.category("web_tour.tours").add("ctxh_support_approve_tour", {
    url: "/odoo/action-ctxh_donation.ctxh_allocation_action_to_approve",
    steps: () => [
        {
            content: "The manager opens the request of 3.500.000",
            trigger: ".o_list_view .o_data_row:contains('3.500.000') .o_data_cell",
            run: "click",
        },
        { content: "Approve", trigger: "button[name=action_approve]", run: "click" },
        {
            content: "Approved",
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value=approved]",
        },
    ],
});

registry.category("web_tour.tours").add("ctxh_support_pay_tour", {
    url: "/odoo/action-ctxh_donation.ctxh_allocation_action",
    steps: () => [
        {
            content: "The finance officer opens the approved support of 3.500.000",
            trigger: ".o_list_view .o_data_row:contains('3.500.000') .o_data_cell",
            run: "click",
        },
        { content: "Pay", trigger: "button[name=action_pay]", run: "click" },
        {
            content: "Paid",
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value=paid]",
        },
    ],
});

registry.category("web_tour.tours").add("ctxh_gift_tour", {
    url: "/odoo/action-ctxh_donation.ctxh_donation_action",
    steps: () => [
        { content: "New donation", trigger: ".o_list_button_add", run: "click" },
        {
            content: "The donor, a new contact",
            trigger: ".o_field_widget[name=partner_id] input",
            run: "edit Công ty CP Sao Mai Tour",
        },
        {
            content: "Create the donor",
            trigger: ".ui-autocomplete .o_m2o_dropdown_option_create a",
            run: "click",
        },
        {
            content: "The donor agrees to be named on the public page",
            trigger: ".o_field_widget[name=publish_name] input",
            run: "click",
        },
        { content: "The fund", trigger: ".o_field_widget[name=fund_id] input", run: "edit Quỹ Hỗ trợ" },
        pick("Pick the fund", "Quỹ Hỗ trợ người bệnh Tour"),
        { content: "By bank transfer", trigger: ".o_field_widget[name=channel] select", run: 'select "bank"' },
        { content: "The amount", trigger: ".o_field_widget[name=amount_currency] input", run: "edit 7500000" },
        { content: "Confirm the gift", trigger: "button[name=action_confirm]", run: "click" },
        {
            content: "Confirmed, with its receipt number",
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value=confirmed]",
        },
        { content: "The receipt number", trigger: ".o_field_widget[name=receipt_number]:contains('/')" },
    ],
});
