from odoo import fields, models


class CtxhAgencyKind(models.Model):
    """Kind of outside agency a case is referred to (police, commune, NGO, ...)."""

    _name = "ctxh.agency.kind"
    _description = "Agency Kind"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    legal_basis = fields.Char(help="Regulation this kind of agency is based on.")
    date_from = fields.Date(string="Valid From")
    date_to = fields.Date(string="Valid To")
    description = fields.Text(translate=True)

    _sql_constraints = [
        ("code_uniq", "unique(code)", "The code of an agency kind must be unique."),
    ]
