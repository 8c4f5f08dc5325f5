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

    @api.model
    def _get_figures(self, date_from, date_to):
        """Trainings attended between two dates (inclusive), in one query:
        ``{"attendances": n, "hours": h, "employees": distinct employees}``."""
        domain = [
            ("date", ">=", date_from),
            ("date", "<=", date_to),
            ("company_id", "in", self.env.companies.ids),
        ]
        [(attendances, hours, employees)] = self._read_group(
            domain, [], ["__count", "hours:sum", "employee_id:count_distinct"]
        )
        return {"attendances": attendances, "hours": hours or 0.0, "employees": employees}

    @api.depends("course", "employee_id")
    def _compute_display_name(self):
        for training in self:
            training.display_name = f"{training.course or ''} – {training.employee_id.name or ''}"


# Months of supervised practice required after the social work degree (Decree 110/2024/NĐ-CP).
PRACTICE_MONTHS = {"university": 12, "college": 9, "intermediate": 6}


class CtxhSupervisedPractice(models.Model):
    """Supervised practice of a trainee before the practice certificate (Decree 110/2024/NĐ-CP):
    12 months after university, 9 after college, 6 after intermediate level."""

    _name = "ctxh.supervised.practice"
    _description = "Supervised Social Work Practice"
    _inherit = ["mail.thread"]
    _order = "date_start desc, id desc"
    _check_company_auto = True

    trainee_id = fields.Many2one(
        "hr.employee", string="Trainee", required=True, index=True, ondelete="cascade", tracking=True
    )
    supervisor_id = fields.Many2one(
        "hr.employee", string="Supervising Practitioner", required=True, index=True, tracking=True
    )
    company_id = fields.Many2one(
        "res.company", related="trainee_id.company_id", store=True, index=True, precompute=True
    )
    education_level = fields.Selection(
        [("university", "University"), ("college", "College"), ("intermediate", "Intermediate")],
        required=True,
        default="university",
    )
    required_months = fields.Integer(compute="_compute_required_months", store=True)
    date_start = fields.Date(string="Start Date", required=True, tracking=True)
    date_end = fields.Date(string="End Date", tracking=True)
    hours = fields.Float(tracking=True)
    state = fields.Selection(
        [("ongoing", "Ongoing"), ("completed", "Completed"), ("interrupted", "Interrupted")],
        default="ongoing",
        required=True,
        tracking=True,
    )
    note = fields.Text(string="Notes")

    @api.depends("education_level")
    def _compute_required_months(self):
        for practice in self:
            practice.required_months = PRACTICE_MONTHS.get(practice.education_level, 0)

    @api.constrains("trainee_id", "supervisor_id")
    def _check_supervisor(self):
        for practice in self:
            if practice.trainee_id == practice.supervisor_id:
                raise ValidationError(_("A trainee cannot supervise their own practice."))

    @api.constrains("date_start", "date_end", "hours")
    def _check_dates_hours(self):
        for practice in self:
            if practice.date_end and practice.date_end < practice.date_start:
                raise ValidationError(_("A supervised practice cannot end before it starts."))
            if practice.hours < 0:
                raise ValidationError(_("The hours of a supervised practice cannot be negative."))

    @api.depends("trainee_id", "date_start")
    def _compute_display_name(self):
        for practice in self:
            practice.display_name = f"{practice.trainee_id.name or ''} ({practice.date_start or ''})"
