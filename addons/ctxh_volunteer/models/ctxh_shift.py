import pytz

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .ctxh_shift_assignment import ACTIVE_STATES


class CtxhShift(models.Model):
    _name = "ctxh.shift"
    _description = "Volunteer Shift"
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
    staffing_status = fields.Selection(
        [("under", "Understaffed"), ("ok", "Staffed"), ("full", "Full")],
        compute="_compute_staffing",
        store=True,
        index=True,
    )
    self_signup = fields.Boolean(compute="_compute_self_signup")
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
            count = len(shift.assignment_ids.filtered(lambda a: a.state in ACTIVE_STATES))
            shift.volunteer_count = count
            if count >= shift.max_volunteers:
                shift.staffing_status = "full"
            elif count >= shift.min_volunteers:
                shift.staffing_status = "ok"
            else:
                shift.staffing_status = "under"

    @api.depends("post_id.self_signup", "company_id.ctxh_volunteer_self_signup")
    def _compute_self_signup(self):
        for shift in self:
            shift.self_signup = shift.post_id.self_signup or shift.company_id.ctxh_volunteer_self_signup

    @api.constrains("start_datetime", "end_datetime", "min_volunteers", "max_volunteers")
    def _check_shift(self):
        for shift in self:
            if shift.end_datetime <= shift.start_datetime:
                raise ValidationError(_("A shift must end after it starts."))
            if shift.min_volunteers < 0 or shift.max_volunteers < max(shift.min_volunteers, 1):
                raise ValidationError(
                    _("The maximum number of volunteers must be at least 1 and not below the minimum.")
                )

    def action_self_signup(self):
        """Sign the current user's volunteer up for this shift."""
        self.ensure_one()
        volunteer = self.env["ctxh.volunteer"].search([("user_id", "=", self.env.uid)], limit=1)
        if not volunteer:
            raise ValidationError(_("Your user is not linked to a volunteer."))
        self.env["ctxh.shift.assignment"].create({"shift_id": self.id, "volunteer_id": volunteer.id})
        return True
