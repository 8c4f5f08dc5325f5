import pytz

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.ctxh_case.tools import set_required_column_defaults

DEFAULT_TZ = "Asia/Ho_Chi_Minh"


class ResCompany(models.Model):
    _inherit = "res.company"

    ctxh_volunteer_deadline_hours = fields.Integer(
        string="Volunteer Sign-up and Cancellation Deadline (hours)",
        default=24,
        help="Volunteers sign themselves up for a shift or cancel their place until this many hours "
        "before it starts; after that they ask for a swap or call the coordinator.",
    )
    ctxh_understaffed_alert_hours = fields.Integer(
        string="Understaffed Shift Alert (hours)",
        default=48,
        help="The coordinator gets an activity when a shift still has fewer volunteers than its "
        "minimum this many hours before it starts.",
    )

    @api.constrains("ctxh_volunteer_deadline_hours", "ctxh_understaffed_alert_hours")
    def _check_ctxh_volunteer_hours(self):
        for company in self:
            if company.ctxh_volunteer_deadline_hours < 0 or company.ctxh_understaffed_alert_hours < 0:
                raise ValidationError(
                    _("The sign-up deadline and the understaffed alert cannot be negative.")
                )

    # Required with a database default (see _auto_init): modules loaded before ctxh_volunteer
    # create companies without knowing the column.
    ctxh_availability_policy = fields.Selection(
        [("block", "Block"), ("warn", "Warn")],
        string="Assignments Outside Availability",
        default="block",
        required=True,
        help="Block: refuse an assignment outside the volunteer's declared weekly availability. "
        "Warn: accept it and flag it.",
    )
    ctxh_volunteer_self_signup = fields.Boolean(
        string="Volunteer Self Sign-up on All Posts",
        help="Volunteers may sign themselves up for the shifts of every post.",
    )
    ctxh_shift_horizon_days = fields.Integer(
        string="Shift Generation Horizon (days)",
        default=28,
        help="The daily scheduled action generates the shifts of the active templates this many days ahead.",
    )

    def _auto_init(self):
        res = super()._auto_init()
        set_required_column_defaults(self)
        return res

    def _ctxh_tz(self):
        """Timezone in which the company's shift times are entered (Asia/Ho_Chi_Minh by default)."""
        self.ensure_one()
        # sudo: a portal volunteer cannot read the company's contact; its timezone is no secret
        return pytz.timezone(self.sudo().partner_id.tz or DEFAULT_TZ)
