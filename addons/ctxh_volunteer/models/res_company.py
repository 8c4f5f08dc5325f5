import pytz

from odoo import fields, models

DEFAULT_TZ = "Asia/Ho_Chi_Minh"


class ResCompany(models.Model):
    _inherit = "res.company"

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

    def _ctxh_tz(self):
        """Timezone in which the company's shift times are entered (Asia/Ho_Chi_Minh by default)."""
        self.ensure_one()
        return pytz.timezone(self.partner_id.tz or DEFAULT_TZ)
