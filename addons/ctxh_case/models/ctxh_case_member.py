from odoo import fields, models


class CtxhCaseMember(models.Model):
    """A member of the patient's household or a family contact."""

    _name = "ctxh.case.member"
    _description = "Household Member"
    _order = "case_id, sequence, id"

    case_id = fields.Many2one("ctxh.case", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="case_id.company_id", store=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True)
    relationship = fields.Selection(
        [
            ("spouse", "Spouse"),
            ("parent", "Parent"),
            ("child", "Child"),
            ("sibling", "Sibling"),
            ("grandparent", "Grandparent"),
            ("grandchild", "Grandchild"),
            ("relative", "Other relative"),
            ("guardian", "Guardian"),
            ("other", "Other"),
        ],
        required=True,
        default="relative",
    )
    birth_year = fields.Integer()
    phone = fields.Char()
    occupation = fields.Char()
    is_caregiver = fields.Boolean(string="Caregiver")
    lives_with_patient = fields.Boolean(default=True)
