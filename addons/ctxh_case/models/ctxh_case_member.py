from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .ctxh_validation import check_vn_phone


class CtxhCaseMember(models.Model):
    """A member of the patient's household or a family contact. When a contact is linked,
    that contact becomes protected like the patient (see res.partner ``ctxh_is_patient``)."""

    _name = "ctxh.case.member"
    _inherit = ["ctxh.access.logged", "ctxh.input.check"]
    _description = "Household Member"
    _order = "case_id, sequence, id"
    _ctxh_text_limits = {"phone": 32}

    case_id = fields.Many2one("ctxh.case", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="case_id.company_id", store=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Contact",
        index="btree_not_null",
        help="The relative's contact, when the team needs one (e.g. a caregiver to call). "
        "It is then visible only to those who can read the case.",
    )
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

    @api.constrains("phone")
    def _check_phone(self):
        for member in self.filtered("phone"):
            check_vn_phone(member, "phone", member.phone)

    @api.constrains("birth_year")
    def _check_birth_year(self):
        this_year = fields.Date.context_today(self).year
        for member in self.filtered("birth_year"):
            if not 1900 <= member.birth_year <= this_year:
                raise ValidationError(
                    _(
                        "%(name)s: the year of birth must be between 1900 and %(year)s.",
                        name=member.name,
                        year=this_year,
                    )
                )
