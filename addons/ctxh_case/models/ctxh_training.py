from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class CtxhTraining(models.Model):
    """Continuing education of a social work employee (course, date, hours, provider).

    The statutory reports count the trainings attended and their hours.
    """

    _name = "ctxh.training"
    _description = "Social Work Training"
    _inherit = ["mail.thread"]
    _order = "date desc, id desc"
    _check_company_auto = True

    employee_id = fields.Many2one(
        "hr.employee", string="Employee", required=True, index=True, ondelete="cascade", tracking=True
    )
    company_id = fields.Many2one(
        "res.company", related="employee_id.company_id", store=True, index=True, precompute=True
    )
    course = fields.Char(required=True, tracking=True)
    date = fields.Date(required=True, default=fields.Date.context_today, index=True, tracking=True)
    date_end = fields.Date(string="End Date")
    hours = fields.Float(required=True, default=8.0, tracking=True)
    provider = fields.Char(help="Training institution or organiser.")
    form = fields.Selection(
        [
            ("in_person", "In person"),
            ("online", "Online"),
            ("blended", "Blended"),
            ("conference", "Conference or workshop"),
            ("self_study", "Self-study"),
        ],
        default="in_person",
        required=True,
    )
    evidence = fields.Binary(string="Evidence", attachment=True, help="Certificate of attendance.")
    evidence_filename = fields.Char()
    note = fields.Text(string="Notes")
    ctxh_role = fields.Selection(related="employee_id.ctxh_role", store=True, string="Social Work Role")
    ctxh_team_id = fields.Many2one(related="employee_id.ctxh_team_id", store=True, string="Social Work Team")

    @api.constrains("hours")
    def _check_hours(self):
        for training in self:
            if training.hours <= 0:
                raise ValidationError(_("The hours of the training “%s” must be positive.", training.course))

    @api.constrains("date", "date_end")
    def _check_dates(self):
        for training in self:
            if training.date_end and training.date_end < training.date:
                raise ValidationError(_("The training “%s” cannot end before it starts.", training.course))

    @api.depends("course", "employee_id")
    def _compute_display_name(self):
        for training in self:
            training.display_name = f"{training.course or ''} – {training.employee_id.name or ''}"
