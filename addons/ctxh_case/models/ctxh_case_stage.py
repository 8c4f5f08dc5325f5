from odoo import fields, models

PHASES = [
    ("intake", "Intake"),
    ("screening", "Screening"),
    ("assessment", "Assessment"),
    ("care_plan", "Care Plan"),
    ("services", "Services"),
    ("follow_up", "Follow-up"),
    ("closed", "Closed"),
    ("cancelled", "Cancelled"),
]

# Phases in which a case is no longer open.
DONE_PHASES = ("closed", "cancelled")


class CtxhCaseStage(models.Model):
    """Configurable stage of a case; each stage belongs to one workflow phase."""

    _name = "ctxh.case.stage"
    _description = "Case Stage"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    phase = fields.Selection(PHASES, required=True, default="intake")
    fold = fields.Boolean(string="Folded in Kanban")
    description = fields.Text(translate=True)
