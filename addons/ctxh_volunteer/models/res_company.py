import pytz

from odoo import fields, models

from odoo.addons.ctxh_case.tools import set_required_column_defaults

DEFAULT_TZ = "Asia/Ho_Chi_Minh"


class ResCompany(models.Model):
    _inherit = "res.company"

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
        return pytz.timezone(self.partner_id.tz or DEFAULT_TZ)
