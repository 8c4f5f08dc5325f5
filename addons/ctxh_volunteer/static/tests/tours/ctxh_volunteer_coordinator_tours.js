/** A coordinator builds a week of shifts from a template, then checks a volunteer in. */
import { registry } from "@web/core/registry";

const { DateTime } = luxon;

registry.category("web_tour.tours").add("ctxh_volunteer_week_tour", {
    url: "/odoo/action-ctxh_volunteer.ctxh_shift_template_action",
    steps: () => [
        {
            content: "New shift template",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "Its name",
            trigger: ".o_field_widget[name=name] input",
            run: "edit Tour post, weekday mornings",
        },
        {
            content: "Its post",
            trigger: ".o_field_widget[name=post_id] input",
            run: "edit Tour post",
        },
        {
            content: "Pick the post",
            trigger: ".o-autocomplete--dropdown-item a:contains('Tour post')",
            run: "click",
        },
        ...["monday", "tuesday", "wednesday", "thursday", "friday"].map((day) => ({
            content: `Every ${day}`,
            trigger: `.o_field_widget[name=${day}] input`,
            run: "click",
        })),
        {
            content: "From 07:00",
            trigger: ".o_field_widget[name=start_time] input",
            run: "edit 07:00",
        },
        {
            content: "To 11:30",
            trigger: ".o_field_widget[name=end_time] input",
            run: "edit 11:30",
        },
        {
            content: "Save the template",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Generate the shifts",
            trigger: ".o_form_saved .o_form_statusbar button.o_ctxh_generate",
            run: "click",
        },
        // next week, Monday to Friday: the same five days whatever the hour and the timezones
        // of the browser and the server (their "today" differ from 17:00 to 24:00 UTC in Vietnam)
        {
            content: "From next Monday",
            trigger: ".modal .o_field_widget[name=date_from] input",
            run: `edit ${DateTime.now().plus({ weeks: 1 }).startOf("week").toFormat("dd/MM/yyyy")}`,
        },
        {
            content: "To next Friday",
            trigger: ".modal .o_field_widget[name=date_to] input",
            run: `edit ${DateTime.now().plus({ weeks: 1 }).startOf("week").plus({ days: 4 }).toFormat("dd/MM/yyyy")}`,
        },
        {
            content: "Generate",
            trigger: ".modal button[name=action_generate]",
            run: "click",
        },
        {
            content: "The week's five shifts are listed",
            trigger: ".o_list_view:has(.o_data_row:nth-child(5)):not(:has(.o_data_row:nth-child(6)))",
        },
    ],
});

registry.category("web_tour.tours").add("ctxh_volunteer_check_in_tour", {
    url: "/odoo/action-ctxh_volunteer.ctxh_shift_assignment_action",
    steps: () => [
        {
            content: "Find the volunteer",
            trigger: ".o_searchview_input",
            run: "edit Hùng Tour",
        },
        {
            content: "Search",
            trigger: ".o_searchview_input",
            run: "press Enter",
        },
        {
            content: "Open their assignment on today's shift",
            trigger: ".o_data_row td:contains('Hùng Tour')",
            run: "click",
        },
        {
            content: "Record that they came",
            trigger: ".o_form_view button[name=action_attend]",
            run: "click",
        },
        {
            content: "Attended",
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value=attended]",
        },
    ],
});
