from odoo import fields, models


class CtxhInterventionType(models.Model):
    """Kind of social work intervention (counselling, escort, legal aid, ...); counted in reports."""

    _name = "ctxh.intervention.type"
    _description = "Intervention Type"
    _inherit = ["ctxh.validity.mixin"]
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    task_group_id = fields.Many2one("ctxh.task.group", string="Task Group")
    description = fields.Text(translate=True)

    _sql_constraints = [
        ("code_uniq", "unique(code)", "The code of an intervention type must be unique."),
    ]
