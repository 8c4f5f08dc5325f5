from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import format_date

# Re-issue must be requested at least this many working days before the certificate expires.
CERTIFICATE_REMINDER_WORKING_DAYS = 15


class HrEmployee(models.Model):
    """Social work workforce: role, qualification, practice certificate and trainings."""

    _inherit = "hr.employee"

    ctxh_role = fields.Selection(
        [
            ("full_time", "Full-time"),
            ("part_time", "Part-time (alongside another job)"),
            ("none", "None"),
        ],
        string="Social Work Role",
        default="none",
        required=True,
        tracking=True,
        help="Full-time (chuyên trách) or part-time alongside another job (kiêm nhiệm) social "
        "work staff. Collaborators of the clinical departments keep 'None'.",
    )
    ctxh_team_id = fields.Many2one(
        "ctxh.team", string="Social Work Team", tracking=True, check_company=True, index=True
    )
    ctxh_qualification = fields.Selection(
        [
            ("degree", "Social work degree"),
            ("related_degree", "Related degree"),
            ("training", "Training only"),
            ("none", "None"),
        ],
        string="Social Work Qualification",
        default="none",
        required=True,
    )
    ctxh_degree_level = fields.Selection(
        [
            ("intermediate", "Intermediate"),
            ("college", "College"),
            ("bachelor", "Bachelor"),
            ("master", "Master"),
            ("doctorate", "Doctorate"),
        ],
        string="Degree Level",
    )
    ctxh_degree_major = fields.Char(string="Major")
    ctxh_degree_institution = fields.Char(string="Institution")
    ctxh_degree_year = fields.Integer(string="Graduation Year")
    ctxh_certificate_number = fields.Char(string="Practice Certificate No.", tracking=True)
    ctxh_certificate_authority = fields.Char(
        string="Issuing Authority", help="Usually the provincial Department of Health (Sở Y tế)."
    )
    ctxh_certificate_issue_date = fields.Date(string="Certificate Issue Date", tracking=True)
    ctxh_certificate_expiry_date = fields.Date(
        string="Certificate Expiry Date",
        tracking=True,
        help="Leave empty when the certificate has no expiry date.",
    )
    ctxh_certificate_scope = fields.Char(string="Scope of Practice")
    ctxh_certificate_valid = fields.Boolean(
        string="Valid Practice Certificate",
        compute="_compute_ctxh_certificate_valid",
        search="_search_ctxh_certificate_valid",
        help="The practice certificate is valid today: it has a number, it was issued and it has "
        "not expired.",
    )
    ctxh_certificate_required = fields.Boolean(
        string="Needs Certificate from 2027-01-01",
        compute="_compute_ctxh_certificate_required",
        store=True,
        help="Full-time and part-time social work staff need a practice certificate from "
        "1 January 2027 (Decree 110/2024/NĐ-CP).",
    )
    ctxh_training_ids = fields.One2many("ctxh.training", "employee_id", string="Social Work Trainings")
    ctxh_practice_ids = fields.One2many(
        "ctxh.supervised.practice", "trainee_id", string="Supervised Practice"
    )
    ctxh_training_count = fields.Integer(string="Trainings", compute="_compute_ctxh_training_stats")
    ctxh_training_hours = fields.Float(string="Training Hours", compute="_compute_ctxh_training_stats")
    ctxh_can_edit = fields.Boolean(compute="_compute_ctxh_can_edit")

    _sql_constraints = [
        (
            "ctxh_degree_year_check",
            "CHECK(ctxh_degree_year = 0 OR ctxh_degree_year IS NULL OR ctxh_degree_year > 1900)",
            "The graduation year is not valid.",
        ),
    ]

    @api.constrains("ctxh_certificate_issue_date", "ctxh_certificate_expiry_date")
    def _check_ctxh_certificate_dates(self):
        for employee in self:
            issue, expiry = employee.ctxh_certificate_issue_date, employee.ctxh_certificate_expiry_date
            if issue and expiry and expiry < issue:
                raise ValidationError(
                    _(
                        "The practice certificate of %(employee)s cannot expire before it was issued.",
                        employee=employee.name,
                    )
                )

    # ------------------------------------------------------------------ computes
    @api.model
    def _ctxh_fields(self):
        return {name for name in self._fields if name.startswith("ctxh_")}

    @api.depends_context("uid")
    def _compute_ctxh_can_edit(self):
        can_edit = self._ctxh_user_can_edit()
        for employee in self:
            employee.ctxh_can_edit = can_edit

    def _ctxh_user_can_edit(self):
        user = self.env.user
        return (
            self.env.su
            or user.has_group("hr.group_hr_user")
            or user.has_group("ctxh_case.group_ctxh_manager")
        )

    @api.depends("ctxh_role")
    def _compute_ctxh_certificate_required(self):
        for employee in self:
            employee.ctxh_certificate_required = employee.ctxh_role in ("full_time", "part_time")

    @api.depends("ctxh_certificate_number", "ctxh_certificate_issue_date", "ctxh_certificate_expiry_date")
    @api.depends_context("tz")
    def _compute_ctxh_certificate_valid(self):
        today = fields.Date.context_today(self)
        for employee in self:
            employee.ctxh_certificate_valid = employee._ctxh_is_certificate_valid(today)

    def _ctxh_is_certificate_valid(self, on_date):
        self.ensure_one()
        return bool(
            self.ctxh_certificate_number
            and self.ctxh_certificate_issue_date
            and self.ctxh_certificate_issue_date <= on_date
            and (not self.ctxh_certificate_expiry_date or self.ctxh_certificate_expiry_date >= on_date)
        )

    @api.model
    def _ctxh_certificate_valid_domain(self, on_date):
        return [
            ("ctxh_certificate_number", "!=", False),
            ("ctxh_certificate_issue_date", "!=", False),
            ("ctxh_certificate_issue_date", "<=", on_date),
            "|",
            ("ctxh_certificate_expiry_date", "=", False),
            ("ctxh_certificate_expiry_date", ">=", on_date),
        ]

    def _ctxh_certificate_valid_on(self, on_date):
        """Employees whose practice certificate is valid on ``on_date``.

        Called on a recordset, returns the subset of it; called on an empty recordset
        (``env["hr.employee"]``), searches all the employees the user may read.
        """
        on_date = fields.Date.to_date(on_date)
        domain = self._ctxh_certificate_valid_domain(on_date)
        if self:
            domain = [("id", "in", self.ids), *domain]
        return self.search(domain)

    def _search_ctxh_certificate_valid(self, operator, value):
        if operator not in ("=", "!="):
            raise UserError(_("Unsupported search on the validity of the practice certificate."))
        today = fields.Date.context_today(self)
        domain = self._ctxh_certificate_valid_domain(today)
        if (operator == "=") == bool(value):
            return domain
        valid_ids = self.with_context(active_test=False)._search(domain)
        return [("id", "not in", valid_ids)]

    def _compute_ctxh_training_stats(self):
        groups = self.env["ctxh.training"]._read_group(
            [("employee_id", "in", self.ids)], ["employee_id"], ["__count", "hours:sum"]
        )
        stats = {employee.id: (count, hours) for employee, count, hours in groups}
        for employee in self:
            employee.ctxh_training_count, employee.ctxh_training_hours = stats.get(employee.id, (0, 0.0))

    @api.model
    def _ctxh_workforce_figures(self, on_date=None):
        """Staff figures for the statutory reports, in three queries.

        Returns ``{role: {"total": n, "degree": n, "related_degree": n, "training": n, "none": n,
        "certificate_valid": n}}`` for the roles full_time and part_time, counting the employees
        of the current companies; ``certificate_valid`` counts the certificates valid on
        ``on_date`` (today by default).
        """
        on_date = fields.Date.to_date(on_date) or fields.Date.context_today(self)
        figures = {
            role: {
                "total": 0,
                "degree": 0,
                "related_degree": 0,
                "training": 0,
                "none": 0,
                "certificate_valid": 0,
            }
            for role in ("full_time", "part_time")
        }
        staff = [("ctxh_role", "in", list(figures)), ("company_id", "in", self.env.companies.ids)]
        for role, qualification, count in self._read_group(
            staff, ["ctxh_role", "ctxh_qualification"], ["__count"]
        ):
            figures[role][qualification] += count
            figures[role]["total"] += count
        valid_domain = staff + self._ctxh_certificate_valid_domain(on_date)
        for role, count in self._read_group(valid_domain, ["ctxh_role"], ["__count"]):
            figures[role]["certificate_valid"] = count
        return figures

    # ------------------------------------------------------------------ access
    def write(self, vals):
        ctxh_fields = self._ctxh_fields()
        if not self.env.su and any(name in ctxh_fields for name in vals):
            user = self.env.user
            is_hr = user.has_group("hr.group_hr_user")
            if not is_hr and not user.has_group("ctxh_case.group_ctxh_manager"):
                raise AccessError(
                    _(
                        "Only HR officers and social work managers can change "
                        "the social work profile of an employee."
                    )
                )
            if not is_hr and any(name not in ctxh_fields for name in vals):
                raise AccessError(
                    _("Social work managers can only change the social work profile of an employee.")
                )
        return super().write(vals)

    # ------------------------------------------------------------------ actions
    def action_ctxh_view_trainings(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("ctxh_case.ctxh_training_action")
        action["domain"] = [("employee_id", "=", self.id)]
        action["context"] = {"default_employee_id": self.id}
        return action

    # ------------------------------------------------------------------ reminders
    @api.model
    def _ctxh_add_working_days(self, start, days, calendar=None):
        """The date ``days`` working days after ``start`` (``start`` itself not counted).

        Working weekdays come from the resource calendar (Monday to Friday without one);
        the calendar's public holidays (global leaves) are skipped.
        """
        calendar = calendar or self.env.company.resource_calendar_id
        weekdays = {0, 1, 2, 3, 4}
        holidays = set()
        if calendar:
            attendance_days = {int(day) for day in calendar.attendance_ids.mapped("dayofweek")}
            weekdays = attendance_days or weekdays
            # Enough room for the public holidays of a long Tết break.
            horizon = start + timedelta(days=days * 2 + 30)
            leaves = self.env["resource.calendar.leaves"].search(
                [
                    ("calendar_id", "=", calendar.id),
                    ("resource_id", "=", False),
                    ("date_from", "<=", fields.Datetime.to_datetime(horizon)),
                    ("date_to", ">=", fields.Datetime.to_datetime(start)),
                ]
            )
            for leave in leaves:
                day = leave.date_from.date()
                while day <= leave.date_to.date():
                    holidays.add(day)
                    day += timedelta(days=1)
        current, counted = start, 0
        while counted < days:
            current += timedelta(days=1)
            if current.weekday() in weekdays and current not in holidays:
                counted += 1
        return current

    def _ctxh_reminder_vals(self, user, activity_type, model_id):
        """Values of the certificate reminder of this employee, in the language of ``user``."""
        self.ensure_one()
        return {
            "res_model_id": model_id,
            "res_id": self.id,
            "activity_type_id": activity_type.id,
            "user_id": user.id,
            "date_deadline": self.ctxh_certificate_expiry_date,
            "summary": _("Request the re-issue of the practice certificate"),
            "note": _(
                "The social work practice certificate %(number)s of %(employee)s expires on "
                "%(date)s. Re-issue must be requested at least 15 working days before expiry.",
                number=self.ctxh_certificate_number or "",
                employee=self.name,
                date=format_date(self.env, self.ctxh_certificate_expiry_date, lang_code=user.lang),
            ),
        }

    @api.model
    def _cron_ctxh_certificate_reminder(self):
        """Remind the manager when a practice certificate expires within 15 working days.

        One activity per employee: no new one while an earlier reminder is still open.
        """
        today = fields.Date.context_today(self)
        limit = self._ctxh_add_working_days(today, CERTIFICATE_REMINDER_WORKING_DAYS)
        employees = self.search(
            [
                ("ctxh_role", "!=", "none"),
                ("ctxh_certificate_expiry_date", "!=", False),
                ("ctxh_certificate_expiry_date", ">=", today),
                ("ctxh_certificate_expiry_date", "<=", limit),
            ]
        )
        if not employees:
            return
        activity_type = self.env.ref(
            "ctxh_case.mail_activity_type_ctxh_certificate", raise_if_not_found=False
        )
        activity_type = activity_type or self.env.ref("mail.mail_activity_data_todo")
        existing = self.env["mail.activity"].search(
            [
                ("res_model", "=", "hr.employee"),
                ("res_id", "in", employees.ids),
                ("activity_type_id", "=", activity_type.id),
            ]
        )
        reminded = set(existing.mapped("res_id"))
        managers = self.env.ref("ctxh_case.group_ctxh_manager").users.filtered(
            lambda u: u.active and not u.share
        )
        model_id = self.env["ir.model"]._get_id("hr.employee")
        vals_list = []
        for employee in employees.filtered(lambda e: e.id not in reminded):
            user = (
                employee.parent_id.user_id
                or employee.ctxh_team_id.leader_id
                or managers.filtered(lambda u, e=employee: e.company_id in u.company_ids)[:1]
                or employee.user_id
            )
            if not user:
                continue
            vals_list.append(
                employee.with_context(lang=user.lang)._ctxh_reminder_vals(user, activity_type, model_id)
            )
        if vals_list:
            self.env["mail.activity"].create(vals_list)
