from odoo import fields, models


class CtxhShiftPost(models.Model):
    _name = "ctxh.shift.post"
    _description = "Volunteer Post"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company)
    location = fields.Char(help="Where the volunteers meet, e.g. the outpatient hall, ground floor.")
    description = fields.Text(translate=True)
    required_skill_ids = fields.Many2many(
        "ctxh.volunteer.skill",
        string="Required Skills",
        help="A volunteer needs all of these skills or languages to be assigned to a shift of this post.",
    )
    self_signup = fields.Boolean(
        string="Self Sign-up", help="Volunteers may sign themselves up for the shifts of this post."
    )
    color = fields.Integer()
