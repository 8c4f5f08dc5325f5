from odoo import _, api, fields, models
from odoo.tools.misc import formatLang

# The one definition of a fund's money, as a view of the POSTED journal items that carry the
# fund's analytic account (its share of them when the distribution is split):
#   received  = credit - debit on the fund's own income account (its "fund side" account),
#   disbursed = debit - credit on the fund's own expense account.
# It reads the fund's accounts, not an account type, so that a fund booked as money held on
# behalf of patients (one liability account for both, issue #11) is read the same way: there the
# document of the entry tells a receipt from a disbursement. Reversals net out.
# Form, public pages, disclosure workbook and dashboard tile all read this view.
LEDGER_VIEW = """
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
    ON aml.account_id IN (fund.income_account_id, fund.expense_account_id)
   AND aml.parent_state = 'posted'
   AND aml.analytic_distribution IS NOT NULL
  JOIN account_move am ON am.id = aml.move_id
  JOIN LATERAL (
        SELECT SUM((kv.value)::numeric) AS pct
          FROM jsonb_each_text(aml.analytic_distribution) kv
         WHERE fund.analytic_account_id::text = ANY(string_to_array(kv.key, ','))
  ) dist ON dist.pct IS NOT NULL
  -- a fund held on behalf of its beneficiaries receives and pays on one liability account: an
  -- item is a receipt when its entry is a donation's (or its reversal), a disbursement when it
  -- is an allocation's or a distribution's; an entry of no ctxh document by its side
  CROSS JOIN LATERAL (
        SELECT CASE WHEN am.ctxh_res_model IS NOT NULL THEN am.ctxh_res_model = 'ctxh.donation'
                    ELSE aml.credit > aml.debit END AS receipt
  ) side
"""


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
        return res

    @api.model
    def _ctxh_available_sql(self, company_sql):
        """SQL of the money available in all funds of a company (the dashboard tile):
        the same figures as ``_get_balances``, summed. ``company_sql`` is trusted SQL code naming
        the company id (e.g. ``c.id`` of an outer query)."""
        return (
            "COALESCE((SELECT SUM(l.received - l.disbursed) FROM ctxh_fund_ledger l"
            f" WHERE l.company_id = {company_sql}), 0)"
            " - COALESCE((SELECT SUM(a.amount) FROM ctxh_allocation a"
            f" WHERE a.company_id = {company_sql} AND a.state = 'approved'), 0)"
        )

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
        """Balances of the funds for a period (ledger dates), in one query.

        With ``campaign``: only the entries charged to it (its receipts and the allocations and
        distributions paid from it).

        :return: {fund_id: {"received", "disbursed", "committed", "available"}}
        """
        ids = tuple(self.ids) or (0,)
        self._ctxh_flush_ledger()
        self.env.cr.execute(
            """
            WITH ledger AS (
                SELECT l.fund_id, SUM(l.received) AS received, SUM(l.disbursed) AS disbursed
                  FROM ctxh_fund_ledger l
                 WHERE l.fund_id IN %(ids)s
                   AND (%(date_from)s::date IS NULL OR l.date >= %(date_from)s::date)
                   AND (%(date_to)s::date IS NULL OR l.date <= %(date_to)s::date)
                   AND (%(campaign)s::int IS NULL OR l.campaign_id = %(campaign)s::int)
              GROUP BY l.fund_id
            ), committed AS (
                SELECT a.fund_id, SUM(a.amount) AS amount
                  FROM ctxh_allocation a
                 WHERE a.fund_id IN %(ids)s AND a.state = 'approved'
                   AND (%(date_to)s::date IS NULL OR a.date_approved <= %(date_to)s::date)
                   AND (%(campaign)s::int IS NULL OR a.campaign_id = %(campaign)s::int)
              GROUP BY a.fund_id
            )
            SELECT f.id, COALESCE(l.received, 0), COALESCE(l.disbursed, 0), COALESCE(c.amount, 0)
              FROM ctxh_fund f
         LEFT JOIN ledger l ON l.fund_id = f.id
         LEFT JOIN committed c ON c.fund_id = f.id
             WHERE f.id IN %(ids)s
            """,
            {
                "ids": ids,
                "date_from": date_from,
                "date_to": date_to,
                "campaign": campaign.id if campaign else None,
            },
        )
        rows = {row[0]: (float(row[1]), float(row[2]), float(row[3])) for row in self.env.cr.fetchall()}
        result = {}
        for fund in self:
            received, disbursed, commit = rows.get(fund.id, (0.0, 0.0, 0.0))
            result[fund.id] = {
                "received": received,
                "disbursed": disbursed,
                "committed": commit,
                "available": received - disbursed - commit,
            }
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
                       COALESCE(g.amount, 0), d.move_id IS NOT NULL
                  FROM {Document._table} d
             LEFT JOIN entries e ON e.doc_id = d.id
             LEFT JOIN ledger g ON g.doc_id = d.id
                 WHERE d.fund_id IN %(funds)s
              ORDER BY d.id
                """,  # noqa: S608 - table and columns come from the models, not from input
                {"model": model, "funds": tuple(funds.ids)},
            )
            for doc_id, state, amount, entries, reversals, posted, has_move in self.env.cr.fetchall():
                document = Document.browse(doc_id)
                currency = document.company_id.currency_id
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
