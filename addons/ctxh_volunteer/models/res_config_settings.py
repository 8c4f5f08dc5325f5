from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    ctxh_volunteer_deadline_hours = fields.Integer(
        related="company_id.ctxh_volunteer_deadline_hours", readonly=False
    )
    ctxh_understaffed_alert_hours = fields.Integer(
        related="company_id.ctxh_understaffed_alert_hours", readonly=False
    )

    ctxh_availability_policy = fields.Selection(related="company_id.ctxh_availability_policy", readonly=False)
    ctxh_volunteer_self_signup = fields.Boolean(
        related="company_id.ctxh_volunteer_self_signup", readonly=False
    )
    ctxh_shift_horizon_days = fields.Integer(related="company_id.ctxh_shift_horizon_days", readonly=False)
