from odoo import fields, models


class CtxhCaseType(models.Model):
    """Configurable kind of case (financial hardship, abandoned newborn, violence, ...)."""

    _name = "ctxh.case.type"
    _description = "Case Type"
    _inherit = ["ctxh.validity.mixin"]
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    review_interval_days = fields.Integer(
        string="Review Every (days)",
        default=30,
        help="A case of this type must be reviewed at least this often.",
    )
    description = fields.Text(translate=True)
    special_category = fields.Selection(
        [
            ("violence", "Domestic violence or abuse"),
            ("child_protection", "Child protection"),
            ("abandoned", "Abandoned newborn or child"),
            ("unidentified", "Unidentified patient"),
        ],
        help="Shows the extra fields of this special category on the case.",
    )
    sensitive = fields.Boolean(
        help="Cases of this type are restricted to the Sensitive Cases group and managers.",
    )

    _sql_constraints = [
        ("code_uniq", "unique(code)", "The code of a case type must be unique."),
        (
            "review_interval_positive",
            "CHECK(review_interval_days > 0)",
            "The review interval must be a positive number of days.",
        ),
    ]
