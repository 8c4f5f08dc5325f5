from datetime import datetime, time, timedelta

import pytz

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .ctxh_volunteer_availability import DAYS_OF_WEEK

# Writing one of these fields regenerates the template's future, unattended shifts.
SCHEDULE_FIELDS = {"post_id", "start_time", "end_time", "min_volunteers", "max_volunteers", "active"}


def local_datetime(day, hours):
    """Naive local datetime of a time of day given as float hours (24.0 is the next midnight)."""
    return datetime.combine(day, time.min) + timedelta(minutes=round(hours * 60))


class CtxhShiftTemplate(models.Model):
    _name = "ctxh.shift.template"
    _description = "Recurring Shift Template"
    _inherit = ["mail.thread", "ctxh.input.check"]
    _order = "post_id, start_time"

    name = fields.Char(required=True, tracking=True)
    active = fields.Boolean(default=True, tracking=True)
    post_id = fields.Many2one("ctxh.shift.post", required=True, tracking=True, ondelete="restrict")
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company)
    monday = fields.Boolean()
    tuesday = fields.Boolean()
    wednesday = fields.Boolean()
    thursday = fields.Boolean()
    friday = fields.Boolean()
    saturday = fields.Boolean()
    sunday = fields.Boolean()
    start_time = fields.Float(
        required=True, default=7.0, tracking=True, help="Local time in the company's timezone."
    )
    end_time = fields.Float(
        required=True,
        default=11.0,
        tracking=True,
        help="Local time in the company's timezone. An end before the start means the next day "
        "(a night shift from 19:00 to 07:00); the same time as the start, a 24-hour shift.",
    )
    overnight = fields.Boolean(
        compute="_compute_overnight", help="The shifts end on the day after they start."
    )
    min_volunteers = fields.Integer(string="Minimum Volunteers", default=1, tracking=True)
    max_volunteers = fields.Integer(string="Maximum Volunteers", default=3, tracking=True)
    shift_ids = fields.One2many("ctxh.shift", "template_id", string="Shifts")

    @api.depends("start_time", "end_time")
    def _compute_overnight(self):
        for template in self:
            template.overnight = template.end_time <= template.start_time

    @api.constrains("start_time", "end_time", "min_volunteers", "max_volunteers")
    def _check_schedule(self):
        for template in self:
            if not (0 <= template.start_time < 24 and 0 < template.end_time <= 24):
                raise ValidationError(_("Shift times must be between 00:00 and 24:00."))
            if template.min_volunteers < 0 or template.max_volunteers < max(template.min_volunteers, 1):
                raise ValidationError(
                    _("The maximum number of volunteers must be at least 1 and not below the minimum.")
                )

    def _weekdays(self):
        self.ensure_one()
        names = [name.lower() for _key, name in DAYS_OF_WEEK]
        return {index for index, name in enumerate(names) if self[name]}

    def _prepare_occurrences(self, date_from, date_to):
        """All shift values of ``self`` between two local dates (included), in Python only."""
        Shift = self.env["ctxh.shift"]
        vals_list = []
        days = [date_from + timedelta(days=n) for n in range((date_to - date_from).days + 1)]
        for template in self:
            weekdays = template._weekdays()
            if not weekdays:
                continue
            tz = template.company_id._ctxh_tz()
            # an end at or before the start is on the next day (night and 24-hour shifts)
            end_offset = template.end_time + (24 if template.end_time <= template.start_time else 0)
            post_name = template.post_id.name
            for day in days:
                if day.weekday() not in weekdays:
                    continue
                start_local = tz.localize(local_datetime(day, template.start_time))
                end_local = tz.localize(local_datetime(day, end_offset))
                start = start_local.astimezone(pytz.utc)
                end = end_local.astimezone(pytz.utc)
                vals_list.append(
                    {
                        # stored computed values given here so that creating the shifts is one
                        # INSERT with no UPDATE afterwards
                        "name": Shift._format_name(post_name, start_local, end_local),
                        "date": day,
                        "duration": (end - start).total_seconds() / 3600,
                        "volunteer_count": 0,
                        "requested_count": 0,
                        "staffing_status": "under" if template.min_volunteers else "ok",
                        "template_id": template.id,
                        "post_id": template.post_id.id,
                        "company_id": template.company_id.id,
                        "start_datetime": start.replace(tzinfo=None),
                        "end_datetime": end.replace(tzinfo=None),
                        "min_volunteers": template.min_volunteers,
                        "max_volunteers": template.max_volunteers,
                    }
                )
        return vals_list

    def _generate_shifts(self, date_from, date_to, after=None):
        """Create the missing shifts of ``self`` between two local dates, in one batch.

        Occurrences are computed in Python, the existing ones are read with one search and the
        missing ones created with one ``create(vals_list)``: the number of queries does not grow
        with the number of shifts.

        :param after: when given, only occurrences starting after this UTC datetime
        :return: the created shifts
        """
        templates = self.filtered("active")
        if not templates or date_to < date_from:
            return self.env["ctxh.shift"]
        vals_list = templates._prepare_occurrences(date_from, date_to)
        if after:
            vals_list = [vals for vals in vals_list if vals["start_datetime"] > after]
        if not vals_list:
            return self.env["ctxh.shift"]
        Shift = self.env["ctxh.shift"].with_context(tracking_disable=True)
        existing = Shift.search_fetch(
            [
                ("template_id", "in", templates.ids),
                ("start_datetime", ">=", min(vals["start_datetime"] for vals in vals_list)),
                ("start_datetime", "<=", max(vals["start_datetime"] for vals in vals_list)),
            ],
            ["template_id", "start_datetime"],
        )
        keys = {(shift.template_id.id, shift.start_datetime) for shift in existing}
        missing = [vals for vals in vals_list if (vals["template_id"], vals["start_datetime"]) not in keys]
        return Shift.create(missing)

    def _regenerate_future_shifts(self):
        """Replace the future shifts of ``self`` that nobody is assigned to (past and staffed shifts stay)."""
        now = fields.Datetime.now()
        future = self.env["ctxh.shift"].search(
            [("template_id", "in", self.ids), ("start_datetime", ">", now)]
        )
        staffed = future.filtered(lambda shift: any(a.state != "cancelled" for a in shift.assignment_ids))
        last = max(future.mapped("start_datetime"), default=False)
        (future - staffed).unlink()
        if last:
            tz = self.env.company._ctxh_tz()
            today = fields.Date.context_today(self)
            last_local = pytz.utc.localize(last).astimezone(tz).date()
            self._generate_shifts(today, last_local, after=now)

    def write(self, vals):
        res = super().write(vals)
        if SCHEDULE_FIELDS.intersection(vals) or any(name in vals for name in self._weekday_fields()):
            self._regenerate_future_shifts()
        return res

    @api.model
    def _weekday_fields(self):
        return [name.lower() for _key, name in DAYS_OF_WEEK]

    @api.model
    def _cron_generate_shifts(self):
        """Daily: generate the shifts of every active template over its company's horizon."""
        today = fields.Date.context_today(self)
        templates = self.search([])
        for company in templates.company_id:
            horizon = company.ctxh_shift_horizon_days or 28
            templates.filtered(lambda t, c=company: t.company_id == c)._generate_shifts(
                today, today + timedelta(days=horizon)
            )

    def action_view_shifts(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("ctxh_volunteer.ctxh_shift_action")
        action["domain"] = [("template_id", "=", self.id)]
        return action

    @api.model
    def _demo_fill_roster(self, date_from_offset=-20, date_to_offset=10):
        """Demo data: generate a month of shifts and staff them with the demo volunteers.

        Past shifts get attended (mostly approved), absent and excused assignments; future shifts
        planned and confirmed ones. Every assignment goes through the normal constraints.
        """
        today = fields.Date.context_today(self)
        templates = self.search([])
        shifts = templates._generate_shifts(
            today + timedelta(days=date_from_offset), today + timedelta(days=date_to_offset)
        )
        volunteers = self.env["ctxh.volunteer"].search(
            [("state", "=", "active"), ("pledge_date", "!=", False)], order="id"
        )
        now = fields.Datetime.now()
        busy = {volunteer.id: [] for volunteer in volunteers}
        vals_list = []
        cursor = 0
        for index, shift in enumerate(shifts.sorted("start_datetime")):
            wanted = shift.min_volunteers + (index % 2 if shift.max_volunteers > shift.min_volunteers else 0)
            if index % 7 == 3:
                wanted = max(shift.min_volunteers - 1, 0)  # some shifts stay understaffed
            chosen = []
            for step in range(len(volunteers)):
                if len(chosen) >= wanted:
                    break
                volunteer = volunteers[(cursor + step) % len(volunteers)]
                skills = volunteer.skill_ids | volunteer.language_ids
                if shift.post_id.required_skill_ids - skills:
                    continue
                if volunteer.pledge_date > shift.date or not volunteer._is_available_for(shift):
                    continue
                if any(s < shift.end_datetime and e > shift.start_datetime for s, e in busy[volunteer.id]):
                    continue
                chosen.append(volunteer)
                busy[volunteer.id].append((shift.start_datetime, shift.end_datetime))
            cursor = (cursor + len(chosen) + 1) % max(len(volunteers), 1)
            for position, volunteer in enumerate(chosen):
                vals = {"shift_id": shift.id, "volunteer_id": volunteer.id}
                if shift.start_datetime < now:
                    vals["state"] = "attended"
                    if (index + position) % 11 == 5:
                        vals["state"] = "absent"
                    elif (index + position) % 13 == 7:
                        vals["state"] = "excused"
                    if vals["state"] == "attended":
                        vals["hours_approved"] = shift.date < today - timedelta(days=3)
                elif (index + position) % 3 == 0:
                    vals["state"] = "confirmed"
                vals_list.append(vals)
        assignments = self.env["ctxh.shift.assignment"].create(vals_list)
        approved = assignments.filtered("hours_approved")
        approved.write({"approved_by_id": self.env.uid})
        return assignments
