from odoo import fields, models


class CtxhClosureReason(models.Model):
    """Why a case was closed (goals met, discharged, transferred, died, ...)."""

    _name = "ctxh.closure.reason"
    _description = "Case Closure Reason"
    _inherit = ["ctxh.validity.mixin"]
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    follow_up_needed = fields.Boolean(
        string="Follow-up Usually Needed",
        help="Suggest a follow-up when a case is closed with this reason.",
    )
    description = fields.Text(translate=True)

    _sql_constraints = [
        ("code_uniq", "unique(code)", "The code of a closure reason must be unique."),
    ]
