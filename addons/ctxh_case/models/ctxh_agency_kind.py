from odoo import fields, models


class CtxhAgencyKind(models.Model):
    """Kind of outside agency a case is referred to (police, commune, NGO, ...)."""

    _name = "ctxh.agency.kind"
    _description = "Agency Kind"
    _inherit = ["ctxh.validity.mixin"]
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    description = fields.Text(translate=True)

    _sql_constraints = [
        ("code_uniq", "unique(code)", "The code of an agency kind must be unique."),
    ]
