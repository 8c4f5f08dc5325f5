from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    ctxh_access_log_retention_days = fields.Integer(
        related="company_id.ctxh_access_log_retention_days", readonly=False
    )
