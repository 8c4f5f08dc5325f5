from datetime import timedelta

from odoo import fields, models

from odoo.addons.ctxh_donation.models.ctxh_fund_balance import AVAILABLE_OF_COMPANY

# (key, sequence, label, SQL returning one number for company c.id). Each addon's figures are
# one more member of this list; values are computed by PostgreSQL in one query.
KPIS = [
    (
        "active_cases",
        10,
        "SELECT count(*) FROM ctxh_case k WHERE k.company_id = c.id AND k.active AND k.is_open",
    ),
    (
        "urgent_cases",
        20,
        "SELECT count(*) FROM ctxh_case k WHERE k.company_id = c.id AND k.active AND k.is_open"
        " AND k.priority = '3'",
    ),
    (
        "opened_this_month",
        30,
        "SELECT count(*) FROM ctxh_case k WHERE k.company_id = c.id AND k.active"
        " AND k.open_date >= date_trunc('month', CURRENT_DATE)::date",
    ),
    (
        "closed_this_month",
        40,
        "SELECT count(*) FROM ctxh_case k WHERE k.company_id = c.id AND k.active AND k.phase = 'closed'"
        " AND k.close_date >= date_trunc('month', CURRENT_DATE)::date",
    ),
    (
        "overdue_reviews",
        15,
        "SELECT count(*) FROM ctxh_case k WHERE k.company_id = c.id AND k.active AND k.is_open"
        " AND k.next_review_date < CURRENT_DATE",
    ),
    (
        # ctxh.fund.available summed over the company: from ctxh_donation's one definition of the
        # funds' money (their running totals less the support committed, AVAILABLE_OF_COMPANY)
        "funds_available",
        45,
        AVAILABLE_OF_COMPANY,
    ),
    (
        "staffing_gaps_week",
        50,
        "SELECT count(*) FROM ctxh_shift s WHERE s.company_id = c.id AND s.staffing_status = 'under'"
        " AND s.date >= date_trunc('week', CURRENT_DATE)::date"
        " AND s.date < (date_trunc('week', CURRENT_DATE) + interval '7 days')::date",
    ),
]


class CtxhDashboardKpi(models.Model):
    """KPI tiles of the manager dashboard: one row per company and indicator (SQL view)."""

    _name = "ctxh.dashboard.kpi"
    _description = "Social Work KPI"
    _auto = False
    _order = "company_id, sequence"
    _rec_name = "kpi"
    _depends = {
        "ctxh.case": [
            "company_id",
            "active",
            "is_open",
            "priority",
            "open_date",
            "close_date",
            "phase",
            "next_review_date",
        ],
        "ctxh.shift": ["company_id", "staffing_status", "date"],
        "ctxh.fund": ["company_id", "analytic_account_id", "income_account_id", "expense_account_id"],
        "ctxh.allocation": ["company_id", "state", "amount", "fund_id"],
        "account.move.line": [
            "parent_state",
            "analytic_distribution",
            "account_id",
            "debit",
            "credit",
            "balance",
            "company_id",
            "move_id",
        ],
        "account.move": ["ctxh_res_model"],
    }

    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    kpi = fields.Selection(
        [
            ("active_cases", "Active Cases"),
            ("urgent_cases", "Urgent Open Cases"),
            ("opened_this_month", "Cases Opened This Month"),
            ("closed_this_month", "Cases Closed This Month"),
            ("overdue_reviews", "Overdue Case Reviews"),
            ("funds_available", "Funds Available"),
            ("staffing_gaps_week", "Understaffed Shifts This Week"),
        ],
        string="Indicator",
        readonly=True,
    )
    sequence = fields.Integer(readonly=True)
    value = fields.Float(readonly=True, digits=(16, 0))

    @property
    def _table_query(self):
        parts = [
            f"SELECT c.id * 1000 + {sequence} AS id, c.id AS company_id, '{key}' AS kpi, "
            f"{sequence} AS sequence, ({query})::numeric AS value FROM res_company c"
            for key, sequence, query in KPIS
        ]
        return " UNION ALL ".join(parts)

    def action_open(self):
        """Open the records behind a tile."""
        self.ensure_one()
        today = fields.Date.context_today(self)
        if self.kpi == "funds_available":
            action = self.env["ir.actions.act_window"]._for_xml_id("ctxh_donation.ctxh_fund_action")
            action["domain"] = [("company_id", "=", self.company_id.id)]
            return action
        if self.kpi == "staffing_gaps_week":
            week_start = today - timedelta(days=today.weekday())
            action = self.env["ir.actions.act_window"]._for_xml_id("ctxh_volunteer.ctxh_shift_action")
            action.update(
                {
                    "name": dict(self._fields["kpi"]._description_selection(self.env))[self.kpi],
                    "domain": [
                        ("company_id", "=", self.company_id.id),
                        ("staffing_status", "=", "under"),
                        ("date", ">=", week_start),
                        ("date", "<=", week_start + timedelta(days=6)),
                    ],
                    "context": {},
                }
            )
            return action
        action = self.env["ir.actions.act_window"]._for_xml_id("ctxh_case.ctxh_case_action")
        month_start = today.replace(day=1)
        domains = {
            "active_cases": [("is_open", "=", True)],
            "urgent_cases": [("is_open", "=", True), ("priority", "=", "3")],
            "opened_this_month": [("open_date", ">=", month_start)],
            "closed_this_month": [("phase", "=", "closed"), ("close_date", ">=", month_start)],
            "overdue_reviews": [("is_open", "=", True), ("next_review_date", "<", today)],
        }
        action.update(
            {
                "name": dict(self._fields["kpi"]._description_selection(self.env))[self.kpi],
                "domain": domains[self.kpi] + [("company_id", "=", self.company_id.id)],
                "view_mode": "list,form,pivot,graph",
                "views": [(False, "list"), (False, "form"), (False, "pivot"), (False, "graph")],
                "context": {},
            }
        )
        return action
