from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    ctxh_hospital_code = fields.Char(
        string="Hospital Code",
        help="Code of the hospital in the provincial Department of Health's list of units; "
        "identifies the unit in the period datasets it exports for consolidation.",
    )
