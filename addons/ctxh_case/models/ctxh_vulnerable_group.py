from odoo import fields, models


class CtxhVulnerableGroup(models.Model):
    """Vulnerable group a case belongs to (oncology, psychiatry, abandoned child, ...)."""

    _name = "ctxh.vulnerable.group"
    _description = "Vulnerable Group"
    _inherit = ["ctxh.validity.mixin"]
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    color = fields.Integer()
    sensitive = fields.Boolean(
        help="Cases in this group (violence, child protection, ...) are restricted "
        "to the Sensitive Cases group.",
    )

    _sql_constraints = [
        ("code_uniq", "unique(code)", "The code of a vulnerable group must be unique."),
    ]
