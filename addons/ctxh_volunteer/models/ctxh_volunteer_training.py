from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class CtxhVolunteerTraining(models.Model):
    _name = "ctxh.volunteer.training"
    _description = "Volunteer Training"
    _order = "date desc, id desc"

    volunteer_id = fields.Many2one("ctxh.volunteer", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="volunteer_id.company_id", store=True)
    course = fields.Char(required=True)
    date = fields.Date(required=True, default=fields.Date.context_today)
    hours = fields.Float()
    provider = fields.Char()

    @api.constrains("hours")
    def _check_hours(self):
        if any(training.hours < 0 for training in self):
            raise ValidationError(_("The hours of a training cannot be negative."))
