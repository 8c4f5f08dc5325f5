from odoo import fields, models


class CtxhCasePlanLine(models.Model):
    """A goal or a planned action of a care plan."""

    _name = "ctxh.case.plan.line"
    _description = "Care Plan Goal or Action"
    _inherit = ["ctxh.access.logged", "ctxh.input.check"]
    _order = "plan_id, sequence, id"

    plan_id = fields.Many2one("ctxh.case.plan", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="plan_id.company_id", store=True)
    sequence = fields.Integer(default=10)
    kind = fields.Selection([("goal", "Goal"), ("action", "Action")], default="action", required=True)
    name = fields.Char(string="Description", required=True)
    intervention_type_id = fields.Many2one("ctxh.intervention.type")
    user_id = fields.Many2one("res.users", string="Responsible")
    due_date = fields.Date()
    state = fields.Selection(
        [("todo", "To Do"), ("done", "Done"), ("cancelled", "Cancelled")], default="todo", required=True
    )
