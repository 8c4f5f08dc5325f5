from collections import defaultdict
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import format_date

from ..tools import set_required_column_defaults
from .ctxh_role_period import QUALIFICATIONS, ROLES

# Re-issue must be requested at least this many working days before the certificate expires.
CERTIFICATE_REMINDER_WORKING_DAYS = 15
# Who may read the social work profile of an employee. hr.employee fields without groups are
# read by every internal user through hr.employee.public, which does not have them (see the
# docstring of hr.employee and Odoo's TestSelfAccessProfile.test_employee_fields_groups).
EMPLOYEE_GROUPS = "hr.group_hr_user,ctxh_case.group_ctxh_officer"
# Fields whose changes open a new period in the role history (ctxh.role.period).
ROLE_HISTORY_FIELDS = ("ctxh_role", "ctxh_qualification", "ctxh_team_id")


class HrEmployee(models.Model):
    """Social work workforce: role, qualification, practice certificate and trainings."""

    _inherit = "hr.employee"

    # Required with a database default (see _auto_init): modules loaded before ctxh_case insert
    # employees without knowing the column.
    ctxh_role = fields.Selection(
        [*ROLES, ("none", "None")],
        string="Social Work Role",
        default="none",
        required=True,
        tracking=True,
        groups=EMPLOYEE_GROUPS,
        help="Full-time (chuyên trách) or part-time alongside another job (kiêm nhiệm) social "
        "work staff. Collaborators of the clinical departments keep 'None'.",
    )
    ctxh_role_date_start = fields.Date(
        string="Role Since",
        compute="_compute_ctxh_role_date_start",
        inverse="_inverse_ctxh_role_date_start",
        groups=EMPLOYEE_GROUPS,
        help="First day of the current social work role, qualification and team. Set it with a "
        "change of role to date the change (today by default); the reports count the staff on a "
        "past date from this history.",
    )
    ctxh_role_period_ids = fields.One2many(
        "ctxh.role.period", "employee_id", string="Social Work Role History", groups=EMPLOYEE_GROUPS
    )
    ctxh_team_id = fields.Many2one(
        "ctxh.team",
        string="Social Work Team",
        tracking=True,
        check_company=True,
        index=True,
        groups=EMPLOYEE_GROUPS,
    )
    ctxh_qualification = fields.Selection(
        QUALIFICATIONS,
        string="Social Work Qualification",
        default="none",
        required=True,
        groups=EMPLOYEE_GROUPS,
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
        groups=EMPLOYEE_GROUPS,
    )
    ctxh_degree_major = fields.Char(string="Major", groups=EMPLOYEE_GROUPS)
    ctxh_degree_institution = fields.Char(string="Institution", groups=EMPLOYEE_GROUPS)
    ctxh_degree_year = fields.Integer(string="Graduation Year", groups=EMPLOYEE_GROUPS)
    ctxh_certificate_number = fields.Char(
        string="Practice Certificate No.", tracking=True, groups=EMPLOYEE_GROUPS
    )
    ctxh_certificate_authority = fields.Char(
        string="Issuing Authority",
        help="Usually the provincial Department of Health (Sở Y tế).",
        groups=EMPLOYEE_GROUPS,
    )
    ctxh_certificate_issue_date = fields.Date(
        string="Certificate Issue Date", tracking=True, groups=EMPLOYEE_GROUPS
    )
    ctxh_certificate_expiry_date = fields.Date(
        string="Certificate Expiry Date",
        tracking=True,
        help="Leave empty when the certificate has no expiry date.",
        groups=EMPLOYEE_GROUPS,
    )
    ctxh_certificate_scope = fields.Char(string="Scope of Practice", groups=EMPLOYEE_GROUPS)
    ctxh_certificate_valid = fields.Boolean(
        string="Valid Practice Certificate",
        compute="_compute_ctxh_certificate_valid",
        search="_search_ctxh_certificate_valid",
        help="The practice certificate is valid today: it has a number, it was issued and it has "
        "not expired.",
        groups=EMPLOYEE_GROUPS,
    )
    ctxh_certificate_required = fields.Boolean(
        string="Needs Certificate from 2027-01-01",
        compute="_compute_ctxh_certificate_required",
        store=True,
        help="Full-time and part-time social work staff need a practice certificate from "
        "1 January 2027 (Decree 110/2024/NĐ-CP).",
        groups=EMPLOYEE_GROUPS,
    )
    ctxh_training_ids = fields.One2many(
        "ctxh.training", "employee_id", string="Social Work Trainings", groups=EMPLOYEE_GROUPS
    )
    ctxh_practice_ids = fields.One2many(
        "ctxh.supervised.practice",
        "trainee_id",
        string="Supervised Practice",
        groups=EMPLOYEE_GROUPS,
    )
    ctxh_training_count = fields.Integer(
        string="Trainings", compute="_compute_ctxh_training_stats", groups=EMPLOYEE_GROUPS
    )
    ctxh_training_hours = fields.Float(
        string="Training Hours", compute="_compute_ctxh_training_stats", groups=EMPLOYEE_GROUPS
    )
    ctxh_can_edit = fields.Boolean(compute="_compute_ctxh_can_edit", groups=EMPLOYEE_GROUPS)

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

    def _auto_init(self):
        res = super()._auto_init()
        set_required_column_defaults(self)
        return res

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
        """Staff figures for the statutory reports, from the role history, in two queries.

        Returns ``{role: {"total": n, "degree": n, "related_degree": n, "training": n, "none": n,
        "certificate_valid": n}}`` for the roles full_time and part_time: the employees of the
        current companies who held the role on ``on_date`` (today by default), by their
        qualification then; ``certificate_valid`` counts those whose certificate was valid that day.
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
            for role, _label in ROLES
        }
        # Archived employees count for the dates they were staff.
        Period = self.env["ctxh.role.period"].with_context(active_test=False)
        staff = Period._on_date_domain(on_date)
        for role, qualification, count in Period._read_group(staff, ["role", "qualification"], ["__count"]):
            figures[role][qualification] += count
            figures[role]["total"] += count
        valid_domain = staff + [("employee_id", "any", self._ctxh_certificate_valid_domain(on_date))]
        for role, count in Period._read_group(valid_domain, ["role"], ["__count"]):
            figures[role]["certificate_valid"] = count
        return figures

    # ------------------------------------------------------------------ role history
    @api.depends("ctxh_role_period_ids.date_start", "ctxh_role_period_ids.date_end")
    def _compute_ctxh_role_date_start(self):
        periods = self.env["ctxh.role.period"].search(
            [("employee_id", "in", self.ids), ("date_end", "=", False)]
        )
        starts = {period.employee_id.id: period.date_start for period in periods}
        for employee in self:
            employee.ctxh_role_date_start = starts.get(employee.id, False)

    def _inverse_ctxh_role_date_start(self):
        # Handled by create() and write(), which date the change of role with it.
        return

    def _ctxh_role_state(self):
        """(role, qualification, team id) while the employee is social work staff, else None."""
        self.ensure_one()
        if not self.active or self.ctxh_role not in dict(ROLES):
            return None
        return (self.ctxh_role, self.ctxh_qualification or "none", self.ctxh_team_id.id)

    def _ctxh_check_role_change(self, effective=None):
        """Refuse, before anything is written, a change dated before the current role period."""
        effective = fields.Date.to_date(effective) or fields.Date.context_today(self)
        # sudo: only reads the start of the current periods, to refuse the change with a message.
        late = (
            self.env["ctxh.role.period"]
            .sudo()
            .search(
                [("employee_id", "in", self.ids), ("date_end", "=", False), ("date_start", ">", effective)],
                limit=1,
            )
        )
        if late:
            raise ValidationError(
                _(
                    "The social work role of %(employee)s cannot change on %(date)s, before its "
                    "current period started (%(start)s): correct the role history instead.",
                    employee=late.employee_id.name,
                    date=format_date(self.env, effective),
                    start=format_date(self.env, late.date_start),
                )
            )

    def _ctxh_sync_role_periods(self, effective=None):
        """Bring the role history of these employees in line with their current role,
        qualification, team and active flag: close the open period the day before ``effective``
        (today by default) and open one from ``effective`` when the state changed. Given alone,
        ``effective`` corrects the start of the open period."""
        explicit = bool(effective)
        effective = fields.Date.to_date(effective) or fields.Date.context_today(self)
        # sudo: the history is not edited by the user here, it follows a change of the employee
        # that write()/create() let the user make (the social work fields only by HR officers and
        # social work managers); as superuser it stays complete when the change comes from another
        # module (e.g. an employee archived by a user who may not read the social work profile).
        employees = self.sudo()
        Period = employees.env["ctxh.role.period"]
        open_periods = Period.search([("employee_id", "in", employees.ids), ("date_end", "=", False)])
        by_employee = {period.employee_id.id: period for period in open_periods}
        to_close = defaultdict(Period.browse)
        restart = Period.browse()
        updates = defaultdict(Period.browse)
        to_unlink = Period.browse()
        to_create = []
        for employee in employees:
            period = by_employee.get(employee.id)
            state = employee._ctxh_role_state()
            if period and state == (period.role, period.qualification, period.team_id.id):
                if explicit and effective != period.date_start:
                    restart |= period
                continue
            if period and effective < period.date_start:
                employees._ctxh_check_role_change(effective)
            if period and effective == period.date_start:
                # Changed again on the day the period started: that period never held.
                if state:
                    updates[state] |= period
                    continue
                to_unlink |= period
            elif period:
                to_close[effective - timedelta(days=1)] |= period
            if state:
                to_create.append(
                    {
                        "employee_id": employee.id,
                        "company_id": employee.company_id.id,
                        "role": state[0],
                        "qualification": state[1],
                        "team_id": state[2],
                        "date_start": effective,
                    }
                )
        to_unlink.unlink()
        for end, periods in to_close.items():
            periods.write({"date_end": end})
        for (role, qualification, team_id), periods in updates.items():
            periods.write({"role": role, "qualification": qualification, "team_id": team_id})
        if restart:
            restart.write({"date_start": effective})
        if to_create:
            Period.create(to_create)

    @api.model_create_multi
    def create(self, vals_list):
        starts = [vals.pop("ctxh_role_date_start", False) for vals in vals_list]
        # The default role is "none": only employees created with a role have a history.
        staff = [vals.get("ctxh_role") in dict(ROLES) for vals in vals_list]
        employees = super().create(vals_list)
        by_start = defaultdict(self.browse)
        for employee, start, is_staff in zip(employees, starts, staff, strict=True):
            if is_staff:
                by_start[start] |= employee
        for start, group in by_start.items():
            group._ctxh_sync_role_periods(start)
        return employees

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
        effective = vals.pop("ctxh_role_date_start", False)
        changes = any(name in vals for name in (*ROLE_HISTORY_FIELDS, "active"))
        if changes:
            self._ctxh_check_role_change(effective)
        res = super().write(vals)
        if effective or changes:
            self._ctxh_sync_role_periods(effective)
        return res

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
