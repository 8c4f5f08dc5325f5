from odoo import fields, models


class CtxhSupportType(models.Model):
    """Kind of material or financial support given to a patient (hospital fees, meals, ...)."""

    _name = "ctxh.support.type"
    _description = "Support Type"
    _inherit = ["ctxh.validity.mixin"]
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    task_group_id = fields.Many2one("ctxh.task.group", string="Task Group")
    is_cash = fields.Boolean(
        string="Cash Handed Over",
        help="Support paid in cash to the beneficiary: a signed receipt is required.",
    )

    _sql_constraints = [
        ("code_uniq", "unique(code)", "The code of a support type must be unique."),
    ]
