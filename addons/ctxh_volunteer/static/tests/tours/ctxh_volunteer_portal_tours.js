/** Volunteers on their phone: apply online, then sign up, cancel, see their hours and certificate. */
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("ctxh_volunteer_apply_tour", {
    url: "/volunteer/apply",
    steps: () => [
        {
            content: "Full name",
            trigger: ".o_ctxh_apply_form input[name=name]",
            run: "edit Lưu Thị Tour",
        },
        {
            content: "Phone",
            trigger: ".o_ctxh_apply_form input[name=phone]",
            run: "edit 0909 876 543",
        },
        {
            content: "E-mail",
            trigger: ".o_ctxh_apply_form input[name=email]",
            run: "edit tour.applicant@example.vn",
        },
        {
            content: "Organisation",
            trigger: ".o_ctxh_apply_form input[name=organisation]",
            run: "edit Đoàn Thanh niên Tour",
        },
        {
            content: "A skill",
            trigger: ".o_ctxh_apply_form label:contains('Tour guidance')",
            run: "click",
        },
        {
            content: "Available on Tuesday mornings",
            trigger: ".o_ctxh_availability input[value='1-morning']",
            run: "click",
        },
        {
            content: "Sign the confidentiality pledge",
            trigger: ".o_ctxh_apply_form input[name=pledge]",
            run: "click",
        },
        {
            content: "Send the application",
            trigger: ".o_ctxh_apply_submit",
            run: "click",
        },
        {
            content: "The application is received",
            trigger: ".o_ctxh_apply_thanks",
        },
    ],
});

registry.category("web_tour.tours").add("ctxh_volunteer_accept_tour", {
    url: "/odoo/action-ctxh_volunteer.ctxh_volunteer_action_pending",
    steps: () => [
        {
            content: "Open the online application",
            trigger: ".o_data_row td:contains('Lưu Thị Tour')",
            run: "click",
        },
        {
            content: "The signed pledge is on the application",
            trigger: ".o_form_view .o_field_widget[name=pledge_date]",
        },
        {
            content: "Accept the applicant",
            trigger: ".o_form_view button[name=action_accept]",
            run: "click",
        },
        {
            content: "The volunteer is active with a portal login",
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value=active]",
        },
    ],
});

registry.category("web_tour.tours").add("ctxh_volunteer_portal_tour", {
    url: "/my",
    steps: () => [
        {
            content: "Open the shifts open to sign-up",
            trigger: ".o_portal_index_card a[href='/my/volunteer/open-shifts']",
            run: "click",
        },
        {
            content: "A shift they cannot take says why",
            trigger: ".o_ctxh_open_shift_refused .o_ctxh_refusal[data-code=skills]",
        },
        {
            content: "Sign up for the Tour post shift",
            trigger: ".o_ctxh_open_shift_ok:has(.fw-bold:contains('Tour post')) .o_ctxh_signup button",
            run: "click",
        },
        {
            content: "Signed up: the shift is among their coming shifts",
            trigger: ".o_ctxh_volunteer_message.alert-success",
        },
        {
            content: "The shift is in the list",
            trigger: ".o_ctxh_volunteer_assignment:has(.fw-bold:contains('Tour post'))",
        },
        {
            content: "Cancel the place (before the deadline)",
            trigger: ".o_ctxh_volunteer_assignment:has(.fw-bold:contains('Tour post')) .o_ctxh_volunteer_cancel button",
            run: "click",
        },
        {
            content: "Cancelled",
            trigger: ".o_ctxh_volunteer_message.alert-success",
        },
        {
            content: "No coming shift left",
            trigger: "body:not(:has(.o_ctxh_volunteer_assignment))",
        },
        {
            content: "See their hours",
            trigger: ".o_ctxh_volunteer_nav a[href='/my/volunteer/hours']",
            run: "click",
        },
        {
            content: "Their approved hours (3 hours served last month)",
            trigger: ".o_ctxh_hours_total:contains('3,0')",
        },
        {
            content: "The certificate of service is one tap away",
            trigger: "a.o_ctxh_certificate[href='/my/volunteer/certificate.pdf']",
        },
    ],
});
