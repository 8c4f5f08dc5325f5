from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL, format_date

ROLES = [
    ("full_time", "Full-time"),
    ("part_time", "Part-time (alongside another job)"),
]
QUALIFICATIONS = [
    ("degree", "Social work degree"),
    ("related_degree", "Related degree"),
    ("training", "Training only"),
    ("none", "None"),
]


class CtxhRolePeriod(models.Model):
    """One period during which an employee held a social work role (with a qualification and a
    team): the history from which the reports count the staff on a past date.

    Maintained by ``hr.employee`` when the role, qualification or team changes or the employee is
    archived; HR officers and social work managers correct the dates when a change is entered late.
    """

    _name = "ctxh.role.period"
    _description = "Social Work Role Period"
    _order = "employee_id, date_start desc, id desc"
    _check_company_auto = True

    employee_id = fields.Many2one(
        "hr.employee", string="Employee", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one("res.company", required=True, index=True)
    role = fields.Selection(ROLES, string="Social Work Role", required=True)
    qualification = fields.Selection(QUALIFICATIONS, string="Social Work Qualification", required=True)
    team_id = fields.Many2one("ctxh.team", string="Social Work Team", check_company=True)
    date_start = fields.Date(string="From", required=True, index=True)
    date_end = fields.Date(string="To", index=True, help="Last day in this role; empty while it lasts.")

    _sql_constraints = [
        (
            "dates_check",
            "CHECK(date_end IS NULL OR date_end >= date_start)",
            "A role period cannot end before it starts.",
        ),
    ]

    @api.constrains("employee_id", "date_start", "date_end")
    def _check_overlap(self):
        for period in self:
            if period.date_end and period.date_end < period.date_start:
                raise ValidationError(
                    _(
                        "The social work role period of %(employee)s cannot end before it starts.",
                        employee=period.employee_id.name,
                    )
                )
        self.flush_model(["employee_id", "date_start", "date_end"])
        self.env.cr.execute(
            SQL(
                """
                SELECT p.id, q.id FROM ctxh_role_period p
                  JOIN ctxh_role_period q ON q.employee_id = p.employee_id AND q.id != p.id
                 WHERE p.id IN %s
                   AND q.date_start <= COALESCE(p.date_end, 'infinity'::date)
                   AND p.date_start <= COALESCE(q.date_end, 'infinity'::date)
                 LIMIT 1
                """,
                tuple(self.ids),
            )
        )
        overlap = self.env.cr.fetchone()
        if overlap:
            period = self.browse(overlap[0])
            raise ValidationError(
                _(
                    "The social work role periods of %(employee)s overlap around %(date)s: "
                    "end one period before the next starts.",
                    employee=period.employee_id.name,
                    date=format_date(self.env, period.date_start),
                )
            )

    @api.depends("employee_id", "role", "date_start")
    def _compute_display_name(self):
        roles = dict(self._fields["role"]._description_selection(self.env))
        for period in self:
            period.display_name = f"{period.employee_id.name or ''} – {roles.get(period.role, '')}"

    # ------------------------------------------------------------------ figures
    @api.model
    def _on_date_domain(self, on_date):
        return [
            ("company_id", "in", self.env.companies.ids),
            ("date_start", "<=", on_date),
            "|",
            ("date_end", "=", False),
            ("date_end", ">=", on_date),
        ]

    @api.model
    def _get_movements(self, date_from, date_to):
        """Employees who became social work staff and who stopped being staff between two dates
        (inclusive), by role, in the current companies; a change of role, qualification or team
        is no movement. ``{"joined": {role: n}, "left": {role: n}}``, in two queries."""
        result = {}
        company_ids = tuple(self.env.companies.ids)
        for key, column, neighbour in (
            ("joined", "date_start", "q.date_end = p.date_start - 1"),
            ("left", "date_end", "q.date_start = p.date_end + 1"),
        ):
            self.env.cr.execute(
                SQL(
                    """
                    SELECT p.role, count(DISTINCT p.employee_id) FROM ctxh_role_period p
                     WHERE p.company_id IN %(companies)s AND %(column)s BETWEEN %(start)s AND %(end)s
                       AND NOT EXISTS (SELECT 1 FROM ctxh_role_period q
                                        WHERE q.employee_id = p.employee_id AND %(neighbour)s)
                     GROUP BY p.role
                    """,
                    companies=company_ids,
                    column=SQL.identifier("p", column),
                    start=date_from,
                    end=date_to,
                    neighbour=SQL(neighbour),
                )
            )
            result[key] = dict(self.env.cr.fetchall())
        return result

    @api.model
    def _backfill(self):
        """Open a period for the social work staff that have none (databases from before the
        history existed): from the day the employee record was created."""
        self.env.cr.execute(
            """
            INSERT INTO ctxh_role_period (employee_id, company_id, role, qualification, team_id,
                                          date_start, create_uid, write_uid, create_date, write_date)
            SELECT e.id, e.company_id, e.ctxh_role, COALESCE(e.ctxh_qualification, 'none'), e.ctxh_team_id,
                   e.create_date::date, 1, 1, now() at time zone 'UTC', now() at time zone 'UTC'
              FROM hr_employee e
             WHERE e.active AND e.ctxh_role IN ('full_time', 'part_time')
               AND NOT EXISTS (SELECT 1 FROM ctxh_role_period p WHERE p.employee_id = e.id)
            """
        )
