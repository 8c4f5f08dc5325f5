from odoo import fields, models


class CtxhCaseTracing(models.Model):
    """An attempt to identify an unidentified patient or to trace the family."""

    _name = "ctxh.case.tracing"
    _description = "Identification and Family Tracing Attempt"
    _inherit = ["ctxh.access.logged", "ctxh.input.check"]
    _order = "date desc, id desc"

    case_id = fields.Many2one("ctxh.case", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="case_id.company_id", store=True)
    date = fields.Date(required=True, default=fields.Date.context_today)
    method = fields.Selection(
        [
            ("police", "Police"),
            ("media", "Press or social media notice"),
            ("commune", "Commune authorities"),
            ("phone", "Phone calls"),
            ("records", "Hospital records"),
            ("other", "Other"),
        ],
        required=True,
        default="police",
    )
    description = fields.Text(required=True)
    result = fields.Selection(
        [("no_result", "No result"), ("lead", "Lead found"), ("identified", "Identified / family found")],
        default="no_result",
        required=True,
    )
    user_id = fields.Many2one("res.users", string="Staff", default=lambda self: self.env.user)
