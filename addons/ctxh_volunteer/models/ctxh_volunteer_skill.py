from odoo import fields, models


class CtxhVolunteerSkill(models.Model):
    _name = "ctxh.volunteer.skill"
    _description = "Volunteer Skill or Language"
    _order = "kind, name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char()
    kind = fields.Selection([("skill", "Skill"), ("language", "Language")], required=True, default="skill")
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_uniq", "unique(code)", "The code of a skill must be unique."),
    ]
