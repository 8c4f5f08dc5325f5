from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    ctxh_second_approval_amount = fields.Monetary(
        string="Second Approval Above",
        currency_field="currency_id",
        default=10000000,
        help="Allocations of a higher amount need a second approval by another manager.",
    )
    ctxh_segregation_of_duties = fields.Boolean(
        string="Segregation of Duties",
        default=True,
        help="The person who requests support, the managers who approve it and the finance "
        "officer who pays it must be different people.",
    )
