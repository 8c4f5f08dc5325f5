from odoo import fields, models


class CtxhTaskGroup(models.Model):
    """Task group of hospital social work (Circular 43/2015, 51/2024); reports count by it."""

    _name = "ctxh.task.group"
    _description = "Social Work Task Group"
    _inherit = ["ctxh.validity.mixin"]
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    description = fields.Text(translate=True)

    _sql_constraints = [
        ("code_uniq", "unique(code)", "The code of a task group must be unique."),
    ]
