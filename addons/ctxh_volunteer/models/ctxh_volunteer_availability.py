from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

DAYS_OF_WEEK = [
    ("0", "Monday"),
    ("1", "Tuesday"),
    ("2", "Wednesday"),
    ("3", "Thursday"),
    ("4", "Friday"),
    ("5", "Saturday"),
    ("6", "Sunday"),
]


class CtxhVolunteerAvailability(models.Model):
    _name = "ctxh.volunteer.availability"
    _description = "Volunteer Weekly Availability"
    _order = "volunteer_id, dayofweek, hour_from"

    volunteer_id = fields.Many2one("ctxh.volunteer", required=True, ondelete="cascade", index=True)
    dayofweek = fields.Selection(DAYS_OF_WEEK, string="Day of Week", required=True, default="0")
    hour_from = fields.Float(string="From", required=True, default=7.0)
    hour_to = fields.Float(string="To", required=True, default=11.0)

    @api.constrains("hour_from", "hour_to")
    def _check_hours(self):
        for line in self:
            if not (0 <= line.hour_from < line.hour_to <= 24):
                raise ValidationError(
                    _("An availability must start before it ends, between 00:00 and 24:00.")
                )
