import psycopg2

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

# Received: credit - debit of the fund's analytic lines on income accounts.
# Disbursed: debit - credit of the fund's analytic lines on expense accounts.
# Only POSTED journal items count; reversals net out by construction.
_BALANCE_QUERY = """
    SELECT fund.id,
           COALESCE(SUM(CASE WHEN acc.account_type LIKE 'income%%'
                             THEN (aml.credit - aml.debit) * dist.pct / 100 END), 0),
           COALESCE(SUM(CASE WHEN acc.account_type LIKE 'expense%%'
                             THEN (aml.debit - aml.credit) * dist.pct / 100 END), 0)
      FROM ctxh_fund fund
      JOIN account_move_line aml
        ON aml.parent_state = 'posted' AND aml.analytic_distribution IS NOT NULL
      JOIN account_account acc ON acc.id = aml.account_id
      JOIN LATERAL (
            SELECT (kv.value)::numeric AS pct
              FROM jsonb_each_text(aml.analytic_distribution) kv
             WHERE fund.analytic_account_id::text = ANY(string_to_array(kv.key, ','))
      ) dist ON TRUE
     WHERE fund.id IN %(ids)s
       AND (%(date_from)s::date IS NULL OR aml.date >= %(date_from)s::date)
       AND (%(date_to)s::date IS NULL OR aml.date <= %(date_to)s::date)
  GROUP BY fund.id
"""


class CtxhFund(models.Model):
    """A sponsorship fund: money and goods received for a purpose, backed by an analytic account."""

    _name = "ctxh.fund"
    _description = "Sponsorship Fund"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "sequence, name"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    code = fields.Char(required=True, tracking=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id", string="Currency")
    analytic_account_id = fields.Many2one(
        "account.analytic.account",
        string="Analytic Account",
        readonly=True,
        copy=False,
        ondelete="restrict",
        help="Created with the fund in the analytic plan 'Funds'; every donation and "
        "disbursement entry of the fund carries it.",
    )
    restricted = fields.Boolean(
        tracking=True, help="Restricted funds may only support eligible cases for their purpose."
    )
    purpose = fields.Text(translate=False)
    case_type_ids = fields.Many2many("ctxh.case.type", string="Eligible Case Types")
    vulnerable_group_ids = fields.Many2many("ctxh.vulnerable.group", string="Eligible Vulnerable Groups")
    journal_id = fields.Many2one(
        "account.journal",
        string="Journal",
        required=True,
        check_company=True,
        domain="[('type', 'in', ('bank', 'cash'))]",
        help="Separate bank or cash journal of the fund (Decree 93/2021/NĐ-CP).",
    )
    income_account_id = fields.Many2one(
        "account.account",
        string="Income Account",
        required=True,
        check_company=True,
        domain="[('internal_group', '=', 'income')]",
    )
    expense_account_id = fields.Many2one(
        "account.account",
        string="Support Expense Account",
        required=True,
        check_company=True,
        domain="[('internal_group', '=', 'expense')]",
    )
    in_kind_account_id = fields.Many2one(
        "account.account",
        string="In-kind Goods Account",
        check_company=True,
        help="Debited when goods are received in kind, credited when they are handed out.",
    )
    received = fields.Monetary(compute="_compute_balances", currency_field="currency_id")
    disbursed = fields.Monetary(compute="_compute_balances", currency_field="currency_id")
    committed = fields.Monetary(compute="_compute_balances", currency_field="currency_id")
    available = fields.Monetary(compute="_compute_balances", currency_field="currency_id")
    campaign_ids = fields.One2many("ctxh.campaign", "fund_id", string="Campaigns")
    donation_count = fields.Integer(compute="_compute_counts")
    allocation_count = fields.Integer(compute="_compute_counts")

    _sql_constraints = [
        ("code_company_uniq", "unique(code, company_id)", "The code of a fund must be unique."),
    ]

    @api.constrains("income_account_id", "expense_account_id")
    def _check_accounts(self):
        for fund in self.sudo():
            if fund.income_account_id.internal_group != "income":
                raise ValidationError(
                    _("The income account of fund %s must be an income account.", fund.name)
                )
            if fund.expense_account_id.internal_group != "expense":
                raise ValidationError(
                    _("The expense account of fund %s must be an expense account.", fund.name)
                )

    @api.model_create_multi
    def create(self, vals_list):
        plan = self.env.ref("ctxh_donation.analytic_plan_funds")
        for vals in vals_list:
            if not vals.get("analytic_account_id"):
                account = (
                    self.env["account.analytic.account"]
                    .sudo()
                    .create(
                        {
                            "name": vals.get("name"),
                            "code": vals.get("code"),
                            "plan_id": plan.id,
                            "company_id": vals.get("company_id") or self.env.company.id,
                        }
                    )
                )
                vals["analytic_account_id"] = account.id
        funds = super().create(vals_list)
        funds._sync_analytic_applicability()
        return funds

    def write(self, vals):
        res = super().write(vals)
        if {"income_account_id", "expense_account_id", "in_kind_account_id"} & set(vals):
            self._sync_analytic_applicability()
        if {"name", "code"} & set(vals):
            for fund in self:
                fund.analytic_account_id.sudo().write({"name": fund.name, "code": fund.code})
        return res

    @api.model
    def _sync_analytic_applicability(self):
        """Make the 'Funds' plan mandatory on the income and expense accounts of the funds."""
        applicability = self.env.ref("ctxh_donation.analytic_applicability_funds").sudo()
        funds = self.sudo().with_context(active_test=False).search([])
        codes = sorted(set((funds.income_account_id | funds.expense_account_id).mapped("code")) - {False})
        # Without any fund account the rule must not apply to every journal item.
        applicability.write(
            {
                "account_prefix": ",".join(codes) or False,
                "applicability": "mandatory" if codes else "optional",
            }
        )

    def _compute_balances(self):
        balances = self._get_balances() if self.ids else {}
        for fund in self:
            values = balances.get(fund.id, {})
            fund.received = values.get("received", 0.0)
            fund.disbursed = values.get("disbursed", 0.0)
            fund.committed = values.get("committed", 0.0)
            fund.available = values.get("available", 0.0)

    def _get_money_account(self, in_kind=False):
        """The account on the money side of the fund's entries: the donated goods account for
        in-kind operations, otherwise the default account of the fund's bank/cash journal."""
        self.ensure_one()
        if in_kind:
            account = self.in_kind_account_id
            if not account:
                raise UserError(_("Fund %s has no in-kind goods account.", self.name))
            return account
        account = self.sudo().journal_id.default_account_id
        if not account:
            raise UserError(_("The journal of fund %s has no default account.", self.name))
        return account

    def _get_balances(self, date_from=None, date_to=None):
        """Balances of the funds from POSTED journal items, in one query per figure.

        :return: {fund_id: {"received", "disbursed", "committed", "available"}}
        """
        ids = tuple(self.ids) or (0,)
        self.env["account.move.line"].flush_model(
            ["analytic_distribution", "parent_state", "debit", "credit", "account_id", "date"]
        )
        self.env["ctxh.allocation"].flush_model(["state", "amount", "fund_id", "date_approved"])
        self.env.cr.execute(_BALANCE_QUERY, {"ids": ids, "date_from": date_from, "date_to": date_to})
        moves = {row[0]: (row[1], row[2]) for row in self.env.cr.fetchall()}
        domain = [("fund_id", "in", self.ids), ("state", "=", "approved")]
        if date_to:
            domain.append(("date_approved", "<=", date_to))
        committed = dict(self.env["ctxh.allocation"].sudo()._read_group(domain, ["fund_id"], ["amount:sum"]))
        committed = {fund.id: amount for fund, amount in committed.items()}
        result = {}
        for fund in self:
            received, disbursed = moves.get(fund.id, (0.0, 0.0))
            received, disbursed = float(received), float(disbursed)
            commit = committed.get(fund.id, 0.0)
            result[fund.id] = {
                "received": received,
                "disbursed": disbursed,
                "committed": commit,
                "available": received - disbursed - commit,
            }
        return result

    def _lock_for_update(self):
        """Lock the fund rows so that concurrent approvals and payments are serialised.

        The row is also touched so that a transaction whose snapshot is older than ours fails
        with a serialization error instead of reading a stale balance.
        """
        if not self:
            return
        try:
            with self.env.cr.savepoint(flush=False):
                self.env.cr.execute(
                    "SELECT id FROM ctxh_fund WHERE id IN %s FOR UPDATE NOWAIT", [tuple(self.ids)]
                )
                self.env.cr.execute(
                    "UPDATE ctxh_fund SET write_date = write_date WHERE id IN %s", [tuple(self.ids)]
                )
        except (psycopg2.errors.LockNotAvailable, psycopg2.errors.SerializationFailure) as exc:
            raise UserError(
                _(
                    "Fund %s is being used by another approval or payment right now. "
                    "Please try again in a moment.",
                    ", ".join(self.mapped("name")),
                )
            ) from exc

    def _compute_counts(self):
        donations = dict(
            self.env["ctxh.donation"]._read_group([("fund_id", "in", self.ids)], ["fund_id"], ["__count"])
        )
        allocations = dict(
            self.env["ctxh.allocation"]._read_group([("fund_id", "in", self.ids)], ["fund_id"], ["__count"])
        )
        for fund in self:
            fund.donation_count = donations.get(fund, 0)
            fund.allocation_count = allocations.get(fund, 0)

    def _is_case_eligible(self, case):
        """Whether ``case`` may be supported by this (restricted) fund."""
        self.ensure_one()
        if not self.restricted or not (self.case_type_ids or self.vulnerable_group_ids):
            return True
        if case.case_type_id in self.case_type_ids:
            return True
        return bool(case.vulnerable_group_ids & self.vulnerable_group_ids)

    def action_view_donations(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("ctxh_donation.ctxh_donation_action")
        action["domain"] = [("fund_id", "=", self.id)]
        action["context"] = {"default_fund_id": self.id}
        return action

    def action_view_allocations(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("ctxh_donation.ctxh_allocation_action")
        action["domain"] = [("fund_id", "=", self.id)]
        action["context"] = {"default_fund_id": self.id}
        return action

    def action_view_journal_items(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Journal Items of %s", self.name),
            "res_model": "account.move.line",
            "view_mode": "list",
            "domain": [
                ("analytic_distribution", "in", self.analytic_account_id.ids),
                ("parent_state", "=", "posted"),
            ],
        }

    def _rebuild_sources(self):
        """FIFO attribution of the paid allocations of the funds to their donations."""
        Source = self.env["ctxh.allocation.source"].sudo()
        Source.search([("fund_id", "in", self.ids)]).unlink()
        donations = (
            self.env["ctxh.donation"]
            .sudo()
            .search([("fund_id", "in", self.ids), ("state", "=", "confirmed")], order="date, id")
        )
        allocations = (
            self.env["ctxh.allocation"]
            .sudo()
            .search([("fund_id", "in", self.ids), ("state", "=", "paid")], order="date_paid, id")
        )
        vals_list = []
        for fund in self:
            remaining = {d: d.amount for d in donations if d.fund_id == fund}
            fund_allocations = allocations.filtered(lambda a, f=fund: a.fund_id == f)
            # Designated money first goes to its own allocation, then FIFO on the rest.
            for allocation in fund_allocations:
                to_cover = allocation.amount
                ordered = [d for d in remaining if d == allocation.donation_id] + [
                    d
                    for d in remaining
                    if d != allocation.donation_id
                    and (not d.designated_case_id or d.designated_case_id == allocation.case_id)
                ]
                for donation in ordered:
                    if to_cover <= 0:
                        break
                    take = min(remaining[donation], to_cover)
                    if take <= 0:
                        continue
                    remaining[donation] -= take
                    to_cover -= take
                    vals_list.append(
                        {
                            "allocation_id": allocation.id,
                            "donation_id": donation.id,
                            "fund_id": fund.id,
                            "amount": take,
                        }
                    )
        Source.create(vals_list)

    def _get_public_report(self, date_from=None, date_to=None, campaign=None):
        """Aggregate figures for public disclosure; never names of beneficiaries.

        Reads with sudo only through aggregates (_read_group / balance query); returns plain
        values (no records) so that templates cannot leak fields.
        """
        self.ensure_one()
        fund = self.sudo()
        balances = fund._get_balances(date_from, date_to)[fund.id]
        totals = fund._get_balances(None, date_to)[fund.id]
        donation_domain = [("fund_id", "=", fund.id), ("state", "=", "confirmed")]
        allocation_domain = [("fund_id", "=", fund.id), ("state", "=", "paid")]
        if campaign:
            donation_domain.append(("campaign_id", "=", campaign.id))
        if date_from:
            donation_domain.append(("date", ">=", date_from))
            allocation_domain.append(("date_paid", ">=", date_from))
        if date_to:
            donation_domain.append(("date", "<=", date_to))
            allocation_domain.append(("date_paid", "<=", date_to))
        Donation = self.env["ctxh.donation"].sudo()
        donors = []
        for partner, anonymous, publish, amount, count in Donation._read_group(
            donation_domain,
            ["partner_id", "is_anonymous", "publish_name"],
            ["amount:sum", "__count"],
            order="amount:sum desc",
        ):
            named = partner and not anonymous and publish
            donors.append(
                {
                    "name": partner.name if named else _("Anonymous donor"),
                    "amount": amount,
                    "count": count,
                }
            )
        merged = {}
        for donor in donors:
            entry = merged.setdefault(donor["name"], {"name": donor["name"], "amount": 0.0, "count": 0})
            entry["amount"] += donor["amount"]
            entry["count"] += donor["count"]
        used = []
        used_groups = (
            self.env["ctxh.allocation"]
            .sudo()
            ._read_group(allocation_domain, ["support_type_id"], ["amount:sum", "case_id:array_agg"])
        )
        # Case codes of every group in one read: a code, never a name or a record number.
        case_ids = [case_id for _type, _amount, cases in used_groups for case_id in cases]
        case_codes = {
            row["id"]: row["name"]
            for row in self.env["ctxh.case"]
            .sudo()
            .with_context(active_test=False)
            .search_read([("id", "in", case_ids)], ["name"])
        }
        for support_type, amount, cases in used_groups:
            codes = sorted({case_codes[case_id] for case_id in cases})
            used.append(
                {"name": support_type.name, "amount": amount, "case_count": len(codes), "case_codes": codes}
            )
        campaign_received = sum(d["amount"] for d in merged.values())
        return {
            "fund_name": fund.name,
            "fund_code": fund.code,
            "purpose": fund.purpose or "",
            "campaign_name": campaign.name if campaign else "",
            "campaign_target": campaign.target_amount if campaign else 0.0,
            "date_from": date_from,
            "date_to": date_to,
            "currency": fund.currency_id,
            "received": campaign_received if campaign else balances["received"],
            "disbursed": balances["disbursed"],
            "used": used,
            "balance": totals["received"] - totals["disbursed"],
            "committed": totals["committed"],
            "donors": sorted(merged.values(), key=lambda d: -d["amount"]),
            "beneficiary_count": len({code for line in used for code in line["case_codes"]}),
        }
