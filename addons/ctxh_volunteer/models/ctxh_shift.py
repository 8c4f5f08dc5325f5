from datetime import timedelta

import pytz

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .ctxh_shift_assignment import ACTIVE_STATES, STAFF_STATES

MAX_SHIFT_HOURS = 24


class CtxhShift(models.Model):
    _name = "ctxh.shift"
    _description = "Volunteer Shift"
    _inherit = ["mail.thread", "mail.activity.mixin", "ctxh.input.check"]
    _order = "start_datetime, post_id"

    name = fields.Char(compute="_compute_name", store=True)
    template_id = fields.Many2one("ctxh.shift.template", ondelete="set null", index=True)
    post_id = fields.Many2one("ctxh.shift.post", required=True, index=True, ondelete="restrict")
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    start_datetime = fields.Datetime(string="Start", required=True, index=True)
    end_datetime = fields.Datetime(string="End", required=True)
    date = fields.Date(
        compute="_compute_date", store=True, index=True, help="Local date of the start of the shift."
    )
    duration = fields.Float(compute="_compute_duration", store=True, help="Planned length in hours.")
    min_volunteers = fields.Integer(string="Minimum Volunteers", default=1)
    max_volunteers = fields.Integer(string="Maximum Volunteers", default=3)
    assignment_ids = fields.One2many("ctxh.shift.assignment", "shift_id", string="Assignments")
    volunteer_count = fields.Integer(
        string="Volunteers",
        compute="_compute_staffing",
        store=True,
        help="Planned, confirmed and attended assignments.",
    )
    requested_count = fields.Integer(
        string="Sign-ups to Approve",
        compute="_compute_staffing",
        store=True,
        help="Sign-ups waiting for the coordinator's approval; they hold a place.",
    )
    staffing_status = fields.Selection(
        [("under", "Understaffed"), ("ok", "Staffed"), ("full", "Full")],
        compute="_compute_staffing",
        store=True,
        index=True,
    )
    self_signup = fields.Boolean(compute="_compute_self_signup")
    signup_deadline = fields.Datetime(
        compute="_compute_signup_deadline",
        help="Volunteers sign up for this shift or cancel their place until this time.",
    )
    is_upcoming = fields.Boolean(
        string="Upcoming",
        compute="_compute_is_upcoming",
        search="_search_is_upcoming",
        help="The shift has not ended yet.",
    )
    understaffed_alerted = fields.Boolean(
        readonly=True, copy=False, help="The coordinator got an activity for this understaffed shift."
    )
    color = fields.Integer(related="post_id.color")
    note = fields.Text()

    @api.depends("post_id.name", "start_datetime", "end_datetime", "company_id")
    def _compute_name(self):
        for shift in self:
            if not (shift.post_id and shift.start_datetime and shift.end_datetime):
                shift.name = False
                continue
            tz = shift.company_id._ctxh_tz() if shift.company_id else pytz.utc
            start = pytz.utc.localize(shift.start_datetime).astimezone(tz)
            end = pytz.utc.localize(shift.end_datetime).astimezone(tz)
            shift.name = self._format_name(shift.post_id.name, start, end)

    @api.model
    def _format_name(self, post_name, start_local, end_local):
        """``Post 31/01/2026 19:00-07:00``; a shift ending on another day shows that day."""
        if end_local.date() != start_local.date():
            return f"{post_name} {start_local:%d/%m/%Y %H:%M}-{end_local:%d/%m %H:%M}"
        return f"{post_name} {start_local:%d/%m/%Y %H:%M}-{end_local:%H:%M}"

    @api.depends("start_datetime", "company_id")
    def _compute_date(self):
        for shift in self:
            if not shift.start_datetime:
                shift.date = False
                continue
            tz = shift.company_id._ctxh_tz() if shift.company_id else pytz.utc
            shift.date = pytz.utc.localize(shift.start_datetime).astimezone(tz).date()

    @api.depends("start_datetime", "end_datetime")
    def _compute_duration(self):
        for shift in self:
            if shift.start_datetime and shift.end_datetime:
                shift.duration = (shift.end_datetime - shift.start_datetime).total_seconds() / 3600
            else:
                shift.duration = 0.0

    @api.depends("assignment_ids.state", "min_volunteers", "max_volunteers")
    def _compute_staffing(self):
        for shift in self:
            states = shift.assignment_ids.mapped("state")
            staffed = sum(1 for state in states if state in STAFF_STATES)
            requested = sum(1 for state in states if state == "requested")
            shift.volunteer_count = staffed
            shift.requested_count = requested
            if staffed + requested >= shift.max_volunteers:
                shift.staffing_status = "full"
            elif staffed >= shift.min_volunteers:
                shift.staffing_status = "ok"
            else:
                shift.staffing_status = "under"

    @api.depends("post_id.self_signup", "company_id.ctxh_volunteer_self_signup")
    def _compute_self_signup(self):
        for shift in self:
            shift.self_signup = shift.post_id.self_signup or shift.company_id.ctxh_volunteer_self_signup

    @api.depends("start_datetime", "company_id.ctxh_volunteer_deadline_hours")
    def _compute_signup_deadline(self):
        for shift in self:
            if shift.start_datetime:
                hours = shift.company_id.ctxh_volunteer_deadline_hours or 0
                shift.signup_deadline = shift.start_datetime - timedelta(hours=hours)
            else:
                shift.signup_deadline = False

    @api.depends("end_datetime")
    def _compute_is_upcoming(self):
        now = fields.Datetime.now()
        for shift in self:
            shift.is_upcoming = bool(shift.end_datetime and shift.end_datetime > now)

    def _search_is_upcoming(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise ValidationError(_("Search the upcoming shifts with = True or = False only."))
        upcoming = (operator == "=") == value
        return [("end_datetime", ">" if upcoming else "<=", fields.Datetime.now())]

    @api.constrains("start_datetime", "end_datetime", "min_volunteers", "max_volunteers")
    def _check_shift(self):
        for shift in self:
            if shift.end_datetime <= shift.start_datetime:
                raise ValidationError(_("A shift must end after it starts."))
            if shift.end_datetime - shift.start_datetime > timedelta(hours=MAX_SHIFT_HOURS):
                raise ValidationError(
                    _("A shift lasts at most %(hours)s hours: split longer duties.", hours=MAX_SHIFT_HOURS)
                )
            if shift.min_volunteers < 0 or shift.max_volunteers < max(shift.min_volunteers, 1):
                raise ValidationError(
                    _("The maximum number of volunteers must be at least 1 and not below the minimum.")
                )

    def _get_mail_message_access(self, res_ids, operation, model_name=None):
        """Messages of a shift are read by those who manage it: a coordinator's message to the
        volunteers of a shift names them, and volunteers who may only read the (open) shift must
        not see that. The recipients themselves get the message by e-mail."""
        check_operation = super()._get_mail_message_access(res_ids, operation, model_name=model_name)
        return "write" if check_operation == "read" else check_operation

    def action_self_signup(self):
        """Sign the current user's volunteer up for this shift."""
        self.ensure_one()
        volunteer = self.env["ctxh.volunteer"].search([("user_id", "=", self.env.uid)], limit=1)
        if not volunteer:
            raise ValidationError(_("Your user is not linked to a volunteer."))
        self.env["ctxh.shift.assignment"].create({"shift_id": self.id, "volunteer_id": volunteer.id})
        return True

    def action_message_volunteers(self):
        """Open the mail composer to write to the volunteers of this shift (by e-mail and chatter)."""
        self.ensure_one()
        partners = self.assignment_ids.filtered(lambda a: a.state in ACTIVE_STATES).volunteer_id.partner_id
        return {
            "type": "ir.actions.act_window",
            "name": _("Message to the Volunteers"),
            "res_model": "mail.compose.message",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {
                "default_model": self._name,
                "default_res_ids": self.ids,
                "default_composition_mode": "comment",
                "default_subtype_xmlid": "mail.mt_comment",
                "default_partner_ids": partners.ids,
                "default_subject": self.name,
            },
        }

    @api.model
    def _cron_alert_understaffed(self):
        """Give the post's coordinator one activity per shift still under its minimum shortly before it
        starts (the company sets how long before); withdraw the alert once the shift is staffed."""
        now = fields.Datetime.now()
        activity_type = self.env.ref("ctxh_volunteer.mail_activity_type_understaffed")
        recovered = self.search([("understaffed_alerted", "=", True), ("staffing_status", "!=", "under")])
        if recovered:
            recovered.activity_unlink(["ctxh_volunteer.mail_activity_type_understaffed"])
            recovered.understaffed_alerted = False
        companies = self.env["res.company"].search([])
        max_hours = max(companies.mapped("ctxh_understaffed_alert_hours") or [0])
        shifts = self.search(
            [
                ("staffing_status", "=", "under"),
                ("understaffed_alerted", "=", False),
                ("start_datetime", ">", now),
                ("start_datetime", "<=", now + timedelta(hours=max_hours)),
            ]
        )
        shifts = shifts.filtered(
            lambda s: s.start_datetime <= now + timedelta(hours=s.company_id.ctxh_understaffed_alert_hours)
        )
        if not shifts:
            return
        coordinators = {post: post._get_coordinator() for post in shifts.post_id}
        activity_vals = []
        for shift in shifts:
            activity_vals.append(
                {
                    "activity_type_id": activity_type.id,
                    "automated": True,
                    "res_model_id": self.env["ir.model"]._get_id(self._name),
                    "res_id": shift.id,
                    "user_id": coordinators[shift.post_id].id,
                    "date_deadline": fields.Date.context_today(self),
                    "summary": _(
                        "%(count)s of at least %(minimum)s volunteers",
                        count=shift.volunteer_count,
                        minimum=shift.min_volunteers,
                    ),
                }
            )
        # no e-mail per activity: the coordinator finds them in their activities
        self.env["mail.activity"].with_context(mail_activity_quick_update=True).create(activity_vals)
        shifts.understaffed_alerted = True
