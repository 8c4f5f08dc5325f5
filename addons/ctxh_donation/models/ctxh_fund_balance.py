import threading
import time

from odoo import _, api, fields, models
from odoo.tools.misc import formatLang

# The one definition of a fund's money, read from the POSTED journal items that carry the
# fund's analytic account (its share of them when the distribution is split):
#   received  = credit - debit on the fund's own income account (its "fund side" account),
#   disbursed = debit - credit on the fund's own expense account.
# It reads the fund's accounts, not an account type, so that a fund booked as money held on
# behalf of patients (one liability account for both, issue #11) is read the same way: there the
# document of the entry tells a receipt from a disbursement (an entry of no ctxh document by the
# side of its line). Reversals net out. Form, checks of approvals and payments, public pages,
# disclosure workbook and dashboard tile all read it through ``_get_balances`` or the line view
# ctxh_fund_ledger, which are written alike.
#
# Cost: the items of a fund are found through Odoo 18's GIN index on the analytic accounts of
# analytic_distribution (ANALYTIC_KEYS, the expression of that index), so that one fund's figures
# cost its own items, not every fund's; the totals group the items by analytic key in one pass
# (as a plain GROUP BY of the ledger would) and split them per fund afterwards.
ANALYTIC_KEYS = (
    "regexp_split_to_array(jsonb_path_query_array({table}.analytic_distribution, "
    "'$.keyvalue().\"key\"')::text, '\\D+')"
)
# Is an item on a fund's one liability account a receipt (True) or a disbursement (False)?
RECEIPT_SIDE = """CASE WHEN am.ctxh_res_model IS NOT NULL THEN am.ctxh_res_model = 'ctxh.donation'
                       ELSE aml.credit > aml.debit END"""

LEDGER_VIEW = f"""
CREATE OR REPLACE VIEW ctxh_fund_ledger AS
SELECT aml.id AS move_line_id,
       fund.id AS fund_id,
       fund.company_id AS company_id,
       aml.date AS date,
       aml.move_id AS move_id,
       am.ctxh_campaign_id AS campaign_id,
       CASE WHEN aml.account_id = fund.income_account_id
                 AND (fund.income_account_id != fund.expense_account_id OR side.receipt)
            THEN (aml.credit - aml.debit) * dist.pct / 100 ELSE 0 END AS received,
       CASE WHEN aml.account_id = fund.expense_account_id
                 AND (fund.income_account_id != fund.expense_account_id OR NOT side.receipt)
            THEN (aml.debit - aml.credit) * dist.pct / 100 ELSE 0 END AS disbursed
  FROM ctxh_fund fund
  JOIN account_move_line aml
    ON {ANALYTIC_KEYS.format(table="aml")} && ARRAY[fund.analytic_account_id::text]
   AND aml.account_id IN (fund.income_account_id, fund.expense_account_id)
   AND aml.parent_state = 'posted'
  JOIN account_move am ON am.id = aml.move_id
  JOIN LATERAL (
        SELECT SUM((kv.value)::numeric) AS pct
          FROM jsonb_each_text(aml.analytic_distribution) kv
         WHERE fund.analytic_account_id::text = ANY(string_to_array(kv.key, ','))
  ) dist ON dist.pct IS NOT NULL
  CROSS JOIN LATERAL (SELECT {RECEIPT_SIDE} AS receipt) side
"""


def _keyed_items_sql(where, shared_accounts, accounts):
    """SQL of the posted items on the funds' accounts, summed by analytic key, share, account and
    (on an account that receives and pays) side: (company_id, key, pct, account_id, receipt,
    balance). ``where`` is trusted SQL further restricting ``aml``; ``accounts`` and
    ``shared_accounts`` trusted SQL of the accounts read and of those whose items need their side
    (None: no such account). Only the items of shared accounts read their entry."""
    select = """
        SELECT aml.company_id, kv.key, (kv.value)::numeric AS pct, aml.account_id, {receipt} AS receipt,
               SUM(aml.balance) AS balance
          FROM account_move_line aml
          {join}
         CROSS JOIN LATERAL jsonb_each_text(aml.analytic_distribution) kv
         WHERE aml.parent_state = 'posted' AND aml.analytic_distribution IS NOT NULL
           AND {accounts}
           {where}
      GROUP BY 1, 2, 3, 4, 5
    """
    own = select.format(
        receipt="NULL::boolean",
        join="",
        accounts=f"aml.account_id IN {accounts}"
        + (f" AND aml.account_id NOT IN ({shared_accounts})" if shared_accounts else ""),
        where=where,
    )
    if not shared_accounts:
        return own
    shared = select.format(
        receipt=RECEIPT_SIDE,
        join="JOIN account_move am ON am.id = aml.move_id",
        accounts=f"aml.account_id IN ({shared_accounts})",
        where=where,
    )
    return f"{own} UNION ALL {shared}"


# PostgreSQL's JIT compiler, when on, spends about a second compiling these aggregates, whose cost
# its planner over-estimates (functions over jsonb): off for the rest of the transaction (SET
# LOCAL), sent with the query itself.
NO_JIT = "SET LOCAL jit = off;\n"

# The dashboard's money available per fund, kept per server process: {database: {fund id:
# (expiry, version, available)}} (see ``_ctxh_available_by_company``).
AVAILABLE_CACHE_SECONDS = 600
_AVAILABLE_CACHE = {}
_AVAILABLE_LOCK = threading.Lock()

# Up to this many funds, their items are found through the analytic index; beyond, reading the
# items of the funds' accounts once is cheaper than checking the index for most of them.
INDEXED_FUNDS = 5


class CtxhFundBalance(models.AbstractModel):
    """Received, disbursed, committed and available money of the funds (see LEDGER_VIEW)."""

    _name = "ctxh.fund.balance"
    _description = "Fund Balances"

    currency_id = fields.Many2one("res.currency", string="Currency")  # the fund's: related to its company
    received = fields.Monetary(compute="_compute_balances", currency_field="currency_id")
    disbursed = fields.Monetary(compute="_compute_balances", currency_field="currency_id")
    committed = fields.Monetary(
        compute="_compute_balances",
        currency_field="currency_id",
        help="Approved allocations not paid yet.",
    )
    available = fields.Monetary(
        compute="_compute_balances",
        currency_field="currency_id",
        help="Received - disbursed - committed.",
    )

    def init(self):
        res = super().init()
        if not self._abstract:
            self.env.cr.execute(LEDGER_VIEW)
            # the totals view of 18.0.1.1.0 development builds: the dashboard now sums _get_balances
            self.env.cr.execute("DROP VIEW IF EXISTS ctxh_fund_ledger_total")
        return res

    @api.model
    def _ctxh_available_versions(self):
        """{fund id: (company id, version)}, in one query of index look-ups: per fund, what its
        available money depends on — the last entry of its journal (every posting and reversal
        adds one), the support committed from it (approved, not paid), and when the fund was last
        changed."""
        self.env["ctxh.allocation"].flush_model(["state", "amount", "fund_id"])
        self.env["ctxh.fund"].flush_model(["journal_id", "income_account_id", "expense_account_id"])
        self.env.cr.execute(
            """
            SELECT f.id, f.company_id,
                   concat_ws(':', f.write_date, COALESCE(last.id, 0),
                             COALESCE(committed.count, 0), COALESCE(committed.amount, 0))
              FROM ctxh_fund f
              LEFT JOIN LATERAL (SELECT MAX(m.id) AS id FROM account_move m
                                  WHERE m.journal_id = f.journal_id) last ON TRUE
              LEFT JOIN (SELECT a.fund_id, COUNT(*) AS count, SUM(a.amount) AS amount
                           FROM ctxh_allocation a
                          WHERE a.state = 'approved'
                       GROUP BY a.fund_id) committed ON committed.fund_id = f.id
            """
        )
        return {fund_id: (company_id, version) for fund_id, company_id, version in self.env.cr.fetchall()}

    @api.model
    def _ctxh_available_by_company(self):
        """{company_id: money available in all its funds} (the dashboard tile): the figures of
        ``_get_balances``, kept per fund and server process while the fund's version
        (``_ctxh_available_versions``) stays the same, 10 minutes at most (for entries an
        accountant posts on a fund outside its journal). One query when no money moved; when it
        moved, the balances of the funds it moved in only, through the analytic index."""
        versions = self._ctxh_available_versions()
        now = time.monotonic()
        with _AVAILABLE_LOCK:
            kept = dict(_AVAILABLE_CACHE.get(self.env.cr.dbname, {}))
        stale = [
            fund_id
            for fund_id, (_company, version) in versions.items()
            if fund_id not in kept or kept[fund_id][0] <= now or kept[fund_id][1] != version
        ]
        if stale:
            # sudo: sums of money per hospital, no document is returned; the dashboard shows a user
            # the sums of their own companies only (ctxh.dashboard.kpi's company rule), read by a
            # supervisor in test_query_budget.test_dashboard
            balances = self.env["ctxh.fund"].sudo().browse(stale)._get_balances()
            fresh = {
                fund_id: (now + AVAILABLE_CACHE_SECONDS, versions[fund_id][1], balances[fund_id]["available"])
                for fund_id in stale
            }
            kept = {fund_id: kept[fund_id] for fund_id in versions if fund_id in kept} | fresh
            with _AVAILABLE_LOCK:
                # the funds of the database as they are now (a deleted fund is forgotten)
                _AVAILABLE_CACHE[self.env.cr.dbname] = dict(kept)
        result = {}
        for fund_id, (company_id, _version) in versions.items():
            result[company_id] = result.get(company_id, 0.0) + kept[fund_id][2]
        return result

    def _ctxh_flush_ledger(self):
        self.env["account.move.line"].flush_model(
            ["analytic_distribution", "parent_state", "debit", "credit", "account_id", "date", "move_id"]
        )
        self.env["account.move"].flush_model(["ctxh_campaign_id", "ctxh_res_model", "state"])
        self.env["ctxh.fund"].flush_model(["income_account_id", "expense_account_id", "analytic_account_id"])
        self.env["ctxh.allocation"].flush_model(["state", "amount", "fund_id", "date_approved", "company_id"])

    def _compute_balances(self):
        balances = self._get_balances() if self.ids else {}
        for fund in self:
            values = balances.get(fund.id, {})
            fund.received = values.get("received", 0.0)
            fund.disbursed = values.get("disbursed", 0.0)
            fund.committed = values.get("committed", 0.0)
            fund.available = values.get("available", 0.0)

    def _get_balances(self, date_from=None, date_to=None, campaign=None):
        """Balances of the funds for a period (ledger dates): one query of the journal items
        grouped by analytic key (see LEDGER_VIEW), one of the approved allocations.

        With ``campaign``: only the entries charged to it (its receipts and the allocations and
        distributions paid from it).

        :return: {fund_id: {"received", "disbursed", "committed", "available"}}
        """
        funds = self.sudo()  # sudo: the funds' accounts, whatever the user may read of them
        self._ctxh_flush_ledger()
        result = {fund.id: {"received": 0.0, "disbursed": 0.0, "committed": 0.0} for fund in self}
        if not self:
            return result
        where = []
        params = {
            "date_from": date_from,
            "date_to": date_to,
            "campaign": campaign.id if campaign else None,
            "analytics": [str(fund.analytic_account_id.id) for fund in funds],
            "accounts": tuple(set((funds.income_account_id | funds.expense_account_id).ids)) or (0,),
        }
        if len(self) <= INDEXED_FUNDS:
            where.append(f"AND {ANALYTIC_KEYS.format(table='aml')} && %(analytics)s::text[]")
        if date_from:
            where.append("AND aml.date >= %(date_from)s")
        if date_to:
            where.append("AND aml.date <= %(date_to)s")
        if campaign:
            where.append(
                "AND aml.move_id IN (SELECT id FROM account_move WHERE ctxh_campaign_id = %(campaign)s)"
            )
        by_analytic = {}
        for fund in funds:
            by_analytic.setdefault(str(fund.analytic_account_id.id), []).append(fund)
        shared = funds.filtered(lambda fund: fund.income_account_id == fund.expense_account_id)
        params["shared"] = shared.income_account_id.ids
        query = _keyed_items_sql(
            "\n".join(where),
            shared_accounts="SELECT unnest(%(shared)s::int[])" if shared else None,
            accounts="%(accounts)s",
        )
        self.env.cr.execute(NO_JIT + query, params)
        rows = self.env.cr.fetchall()
        for _company, key, pct, account_id, receipt, balance in rows:
            amount = float(balance) * float(pct) / 100
            for analytic in key.split(","):
                for fund in by_analytic.get(analytic, ()):
                    shared = fund.income_account_id == fund.expense_account_id
                    if account_id == fund.income_account_id.id and (not shared or receipt):
                        result[fund.id]["received"] -= amount
                    if account_id == fund.expense_account_id.id and (not shared or receipt is False):
                        result[fund.id]["disbursed"] += amount
        self.env.cr.execute(
            """
            SELECT a.fund_id, SUM(a.amount)
              FROM ctxh_allocation a
             WHERE a.fund_id IN %(ids)s AND a.state = 'approved'
               AND (%(date_to)s::date IS NULL OR a.date_approved <= %(date_to)s::date)
               AND (%(campaign)s::int IS NULL OR a.campaign_id = %(campaign)s::int)
          GROUP BY a.fund_id
            """,
            {"ids": tuple(self.ids), **params},
        )
        for fund_id, amount in self.env.cr.fetchall():
            result[fund_id]["committed"] = float(amount)
        currency_of = {fund.id: fund.currency_id for fund in funds}
        for fund_id, values in result.items():
            currency = currency_of[fund_id]
            values["received"] = currency.round(values["received"]) + 0.0
            values["disbursed"] = currency.round(values["disbursed"]) + 0.0
            values["available"] = values["received"] - values["disbursed"] - values["committed"]
        return result

    def _ctxh_ledger_lines(self, date_from, date_to, kind="received"):
        """The journal items behind ``received`` (or ``disbursed``) of one fund, oldest first:
        [(account.move.line, amount of the fund)] (the disclosure lists them one by one)."""
        self.ensure_one()
        self._ctxh_flush_ledger()
        column = "received" if kind == "received" else "disbursed"
        self.env.cr.execute(
            f"""
            SELECT l.move_line_id, l.{column}
              FROM ctxh_fund_ledger l
             WHERE l.fund_id = %s AND l.date >= %s AND l.date <= %s AND l.{column} != 0
          ORDER BY l.date, l.move_line_id
            """,  # noqa: S608 - the column is one of two constants
            [self.id, date_from, date_to],
        )
        rows = self.env.cr.fetchall()
        lines = self.env["account.move.line"].browse([row[0] for row in rows])
        return list(zip(lines, [float(row[1]) for row in rows], strict=True))

    # ------------------------------------------------------------------
    # Consistency of documents and ledger
    # ------------------------------------------------------------------
    def _ctxh_check_consistency(self):
        """Every posted document has exactly one posted entry of its amount (and a cancelled one
        its reversal too), in the funds ``self`` (all funds when empty).

        :return: a list of messages, one per document that does not match its entries
        """
        funds = self or self.search([])
        if not funds:
            return []
        self._ctxh_flush_ledger()
        problems = []
        for model in self.env["ctxh.money.document"]._ctxh_money_models():
            Document = self.env[model].sudo()  # sudo: amounts compared, nothing returned but a message
            Document.flush_model()
            amount_column, side, posted_states = Document._ctxh_consistency_spec()
            self.env.cr.execute(
                f"""
                WITH entries AS (
                    SELECT am.ctxh_res_id AS doc_id,
                           COUNT(*) FILTER (WHERE am.reversed_entry_id IS NULL) AS entries,
                           COUNT(*) FILTER (WHERE am.reversed_entry_id IS NOT NULL) AS reversals
                      FROM account_move am
                     WHERE am.ctxh_res_model = %(model)s AND am.state = 'posted'
                  GROUP BY am.ctxh_res_id
                ), ledger AS (
                    SELECT am.ctxh_res_id AS doc_id, SUM(l.{side}) AS amount
                      FROM ctxh_fund_ledger l
                      JOIN account_move am ON am.id = l.move_id
                     WHERE am.ctxh_res_model = %(model)s AND am.reversed_entry_id IS NULL
                  GROUP BY am.ctxh_res_id
                )
                SELECT d.id, d.state, d.{amount_column}, COALESCE(e.entries, 0), COALESCE(e.reversals, 0),
                       COALESCE(g.amount, 0), d.move_id IS NOT NULL, d.company_id
                  FROM {Document._table} d
             LEFT JOIN entries e ON e.doc_id = d.id
             LEFT JOIN ledger g ON g.doc_id = d.id
                 WHERE d.fund_id IN %(funds)s
              ORDER BY d.id
                """,  # noqa: S608 - table and columns come from the models, not from input
                {"model": model, "funds": tuple(funds.ids)},
            )
            rows = self.env.cr.fetchall()
            currencies = {
                company.id: company.currency_id
                for company in self.env["res.company"].sudo().browse({row[7] for row in rows})
            }
            for doc_id, state, amount, entries, reversals, posted, has_move, company_id in rows:
                currency = currencies[company_id]
                amount = float(amount or 0.0)
                if state in posted_states:
                    ok = (
                        entries == 1
                        and reversals == 0
                        and currency.compare_amounts(float(posted), amount) == 0
                    ) or (not has_move and entries == 0 and currency.is_zero(amount))
                elif has_move:  # cancelled after posting: the entry and its reversal
                    ok = entries == 1 and reversals == 1
                else:
                    ok = entries == 0 and reversals == 0
                if not ok:
                    document = Document.browse(doc_id)
                    problems.append(
                        _(
                            "%(document)s (%(state)s, %(amount)s): %(entries)s posted entries of "
                            "%(posted)s and %(reversals)s reversals.",
                            document=document.display_name,
                            state=dict(document._fields["state"]._description_selection(self.env))[state],
                            amount=formatLang(self.env, amount, currency_obj=currency),
                            entries=entries,
                            posted=formatLang(self.env, float(posted), currency_obj=currency),
                            reversals=reversals,
                        )
                    )
        return problems

    def _ctxh_action_check_consistency(self):
        """Server action: tell the user whether documents and ledger agree."""
        problems = self._ctxh_check_consistency()
        if problems:
            params = {
                "type": "danger",
                "title": _("Documents and ledger disagree"),
                "message": "\n".join(problems),
                "sticky": True,
            }
        else:
            params = {
                "type": "success",
                "title": _("Documents and ledger agree"),
                "message": _(
                    "Every confirmed donation, paid allocation and done distribution has exactly one "
                    "posted entry of its amount."
                ),
                "sticky": False,
            }
        return {"type": "ir.actions.client", "tag": "display_notification", "params": params}
