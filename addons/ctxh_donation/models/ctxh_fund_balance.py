from odoo import _, fields, models
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

# One item's share of a fund (``{item}``: the journal item's alias, ``fund``, ``dist.pct`` its
# percentage of the fund and ``side.receipt`` its side, as LEDGER_VIEW and the triggers of the
# running totals join them): the one formula of received and disbursed money.
ITEM_RECEIVED = """CASE WHEN {item}.account_id = fund.income_account_id
                 AND (fund.income_account_id != fund.expense_account_id OR side.receipt)
            THEN -{item}.balance * dist.pct / 100 ELSE 0 END"""
ITEM_DISBURSED = """CASE WHEN {item}.account_id = fund.expense_account_id
                 AND (fund.income_account_id != fund.expense_account_id OR NOT side.receipt)
            THEN {item}.balance * dist.pct / 100 ELSE 0 END"""
ITEM_SHARE = """JOIN LATERAL (
        SELECT SUM((kv.value)::numeric) AS pct
          FROM jsonb_each_text({item}.analytic_distribution) kv
         WHERE fund.analytic_account_id::text = ANY(string_to_array(kv.key, ','))
  ) dist ON dist.pct IS NOT NULL"""

LEDGER_VIEW = f"""
CREATE OR REPLACE VIEW ctxh_fund_ledger AS
SELECT aml.id AS move_line_id,
       fund.id AS fund_id,
       fund.company_id AS company_id,
       aml.date AS date,
       aml.move_id AS move_id,
       am.ctxh_campaign_id AS campaign_id,
       {ITEM_RECEIVED.format(item="aml")} AS received,
       {ITEM_DISBURSED.format(item="aml")} AS disbursed
  FROM ctxh_fund fund
  JOIN account_move_line aml
    ON {ANALYTIC_KEYS.format(table="aml")} && ARRAY[fund.analytic_account_id::text]
   AND aml.account_id IN (fund.income_account_id, fund.expense_account_id)
   AND aml.parent_state = 'posted'
  JOIN account_move am ON am.id = aml.move_id
  {ITEM_SHARE.format(item="aml")}
  CROSS JOIN LATERAL (SELECT {RECEIPT_SIDE} AS receipt) side
"""

# Running totals of each fund's whole ledger (received, disbursed: the sums of LEDGER_VIEW over
# all dates), kept by PostgreSQL itself: statement triggers on account_move_line add the share of
# every posted item a statement inserts, changes or deletes, whoever writes it (the posting
# service, an accountant's entry on a fund's account, a reset to draft, a recompute of Odoo), in
# the same transaction. The approval and payment checks and the dashboard read two numbers per
# fund instead of the fund's items, so that their cost does not grow with the fund's history.
# Concurrent writers of one fund's totals update one row: every posting or reset to draft that
# moves them locks the fund first (ctxh.money.document._ctxh_lock_journals for ctxh's documents,
# account.move._ctxh_lock_funds for any entry), so the second waits there and, in Odoo's
# repeatable-read transactions, is replayed by Odoo with a fresh snapshot.
# ``_ctxh_rebuild_totals`` computes them from LEDGER_VIEW (module update, new fund, fund accounts
# changed); ``_ctxh_check_consistency`` compares them with it.
TOTALS_TABLE = """
CREATE TABLE IF NOT EXISTS ctxh_fund_total (
    fund_id integer PRIMARY KEY REFERENCES ctxh_fund(id) ON DELETE CASCADE,
    received numeric NOT NULL DEFAULT 0,
    disbursed numeric NOT NULL DEFAULT 0
)
"""
_TOTALS_ITEMS = {
    "insert": "SELECT 1 AS sign, i.* FROM ctxh_new_items i",
    "delete": "SELECT -1 AS sign, i.* FROM ctxh_old_items i",
    "update": "SELECT -1 AS sign, i.* FROM ctxh_old_items i "
    "UNION ALL SELECT 1 AS sign, i.* FROM ctxh_new_items i",
}
_TOTALS_FUNCTION = """
CREATE OR REPLACE FUNCTION ctxh_fund_total_{event}() RETURNS trigger LANGUAGE plpgsql AS $body$
BEGIN
    WITH changed AS (
        SELECT c.sign, c.move_id, c.account_id, c.analytic_distribution, c.balance
          FROM ({items}) c
         WHERE c.parent_state = 'posted' AND c.analytic_distribution IS NOT NULL
    ), delta AS (
        SELECT fund.id AS fund_id,
               SUM(aml.sign * {received}) AS received,
               SUM(aml.sign * {disbursed}) AS disbursed
          FROM changed aml
          JOIN ctxh_fund fund ON aml.account_id IN (fund.income_account_id, fund.expense_account_id)
          {share}
          LEFT JOIN account_move am ON am.id = aml.move_id
         CROSS JOIN LATERAL (SELECT {receipt} AS receipt) side
      GROUP BY fund.id
    )
    UPDATE ctxh_fund_total t
       SET received = t.received + delta.received, disbursed = t.disbursed + delta.disbursed
      FROM delta
     WHERE t.fund_id = delta.fund_id AND (delta.received != 0 OR delta.disbursed != 0);
    RETURN NULL;
END
$body$
"""
TOTALS_TRIGGERS = [TOTALS_TABLE] + [
    statement
    for event, transition in (
        ("insert", "NEW TABLE AS ctxh_new_items"),
        ("update", "OLD TABLE AS ctxh_old_items NEW TABLE AS ctxh_new_items"),
        ("delete", "OLD TABLE AS ctxh_old_items"),
    )
    for statement in (
        _TOTALS_FUNCTION.format(
            event=event,
            items=_TOTALS_ITEMS[event],
            received=ITEM_RECEIVED.format(item="aml"),
            disbursed=ITEM_DISBURSED.format(item="aml"),
            share=ITEM_SHARE.format(item="aml"),
            # credit > debit: the balance is negative (the item of a deleted entry has no entry)
            receipt=RECEIPT_SIDE.replace("aml.credit > aml.debit", "aml.balance < 0"),
        ),
        f"DROP TRIGGER IF EXISTS ctxh_fund_total_{event} ON account_move_line",
        f"""CREATE TRIGGER ctxh_fund_total_{event} AFTER {event.upper()} ON account_move_line
            REFERENCING {transition} FOR EACH STATEMENT EXECUTE FUNCTION ctxh_fund_total_{event}()""",
    )
]
# The money available in all the funds of company ``c.id``, as one SQL expression (the dashboard's
# tile, a column of its view): the funds' running totals rounded to the company's currency as
# ``_get_balances`` rounds them, less the support committed (approved, not paid). Two index
# look-ups per company, whatever the funds' history.
AVAILABLE_OF_COMPANY = """
SELECT COALESCE((SELECT SUM(ROUND(t.received / cur.rounding) * cur.rounding
                            - ROUND(t.disbursed / cur.rounding) * cur.rounding)
                   FROM ctxh_fund f
                   JOIN ctxh_fund_total t ON t.fund_id = f.id
                   JOIN res_company fc ON fc.id = f.company_id
                   JOIN res_currency cur ON cur.id = fc.currency_id
                  WHERE f.company_id = c.id), 0)
     - COALESCE((SELECT SUM(a.amount)
                   FROM ctxh_allocation a
                   JOIN ctxh_fund f ON f.id = a.fund_id
                  WHERE f.company_id = c.id AND a.state = 'approved'), 0)
"""

# ctxh_donation's uninstall hook: the functions read ctxh_fund, which the uninstall drops.
DROP_TOTALS = [
    statement
    for event in ("insert", "update", "delete")
    for statement in (
        f"DROP TRIGGER IF EXISTS ctxh_fund_total_{event} ON account_move_line",
        f"DROP FUNCTION IF EXISTS ctxh_fund_total_{event}()",
    )
] + ["DROP TABLE IF EXISTS ctxh_fund_total"]


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
            for statement in TOTALS_TRIGGERS:
                self.env.cr.execute(statement)
            # every module update computes the running totals again from the journal items
            self.with_context(active_test=False).search([])._ctxh_rebuild_totals()
        return res

    def _ctxh_rebuild_totals(self):
        """Compute the running totals of the funds ``self`` from their journal items (LEDGER_VIEW):
        a new fund, a fund whose accounts changed, a module update."""
        if not self:
            return
        self._ctxh_flush_ledger()
        self.env.cr.execute(
            """
            INSERT INTO ctxh_fund_total (fund_id, received, disbursed)
                 SELECT f.id, COALESCE(SUM(l.received), 0), COALESCE(SUM(l.disbursed), 0)
                   FROM ctxh_fund f
              LEFT JOIN ctxh_fund_ledger l ON l.fund_id = f.id
                  WHERE f.id IN %s
               GROUP BY f.id
            ON CONFLICT (fund_id) DO UPDATE SET received = EXCLUDED.received, disbursed = EXCLUDED.disbursed
            """,
            [tuple(self.ids)],
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

    def _get_balances(self, date_from=None, date_to=None, campaign=None, from_ledger=False):
        """Balances of the funds, all dates: their running totals (ctxh_fund_total, two numbers per
        fund); for a period (ledger dates), a campaign or ``from_ledger``: one query of the journal
        items grouped by analytic key (see LEDGER_VIEW). Plus one query of the approved
        allocations.

        With ``campaign``: only the entries charged to it (its receipts and the allocations and
        distributions paid from it).

        :return: {fund_id: {"received", "disbursed", "committed", "available"}}
        """
        self._ctxh_flush_ledger()
        result = {fund.id: {"received": 0.0, "disbursed": 0.0, "committed": 0.0} for fund in self}
        if not self:
            return result
        if date_from or date_to or campaign or from_ledger:
            moved = self._ctxh_ledger_sums(date_from, date_to, campaign)
        else:
            moved = self._ctxh_totals()
        for fund_id, (received, disbursed) in moved.items():
            result[fund_id]["received"] = received
            result[fund_id]["disbursed"] = disbursed
        self.env.cr.execute(
            """
            SELECT a.fund_id, SUM(a.amount)
              FROM ctxh_allocation a
             WHERE a.fund_id IN %(ids)s AND a.state = 'approved'
               AND (%(date_to)s::date IS NULL OR a.date_approved <= %(date_to)s::date)
               AND (%(campaign)s::int IS NULL OR a.campaign_id = %(campaign)s::int)
          GROUP BY a.fund_id
            """,
            {"ids": tuple(self.ids), "date_to": date_to, "campaign": campaign.id if campaign else None},
        )
        for fund_id, amount in self.env.cr.fetchall():
            result[fund_id]["committed"] = float(amount)
        # sudo: the funds' currency (their company's), whatever the user may read of them: a
        # finance officer paying support (test_finance_officer_pays_from_a_restricted_fund), a
        # public page visitor (test_public)
        currency_of = {fund.id: fund.currency_id for fund in self.sudo()}
        for fund_id, values in result.items():
            currency = currency_of[fund_id]
            values["received"] = currency.round(values["received"]) + 0.0
            values["disbursed"] = currency.round(values["disbursed"]) + 0.0
            values["available"] = values["received"] - values["disbursed"] - values["committed"]
        return result

    def _ctxh_totals(self):
        """{fund_id: (received, disbursed)} of the funds' running totals (unrounded); a fund without
        them (created below the ORM) has them computed from its journal items first."""
        query = "SELECT fund_id, received, disbursed FROM ctxh_fund_total WHERE fund_id IN %s"
        self.env.cr.execute(query, [tuple(self.ids)])
        totals = {
            fund_id: (float(received), float(disbursed))
            for fund_id, received, disbursed in self.env.cr.fetchall()
        }
        missing = self.browse([fund_id for fund_id in self.ids if fund_id not in totals])
        if missing:
            missing._ctxh_rebuild_totals()
            self.env.cr.execute(query, [tuple(missing.ids)])
            totals.update(
                (fund_id, (float(received), float(disbursed)))
                for fund_id, received, disbursed in self.env.cr.fetchall()
            )
        return totals

    def _ctxh_ledger_sums(self, date_from=None, date_to=None, campaign=None):
        """{fund_id: [received, disbursed]} of the funds' posted journal items in the period (and
        campaign), unrounded: one query grouped by analytic key (see LEDGER_VIEW)."""
        funds = self.sudo()  # sudo: the funds' accounts, whatever the user may read of them
        result = {fund.id: [0.0, 0.0] for fund in self}
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
                        result[fund.id][0] -= amount
                    if account_id == fund.expense_account_id.id and (not shared or receipt is False):
                        result[fund.id][1] += amount
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
        its reversal too), in the funds ``self`` (all funds when empty); each fund's running totals
        equal its journal items.

        :return: a list of messages, one per document that does not match its entries and per fund
            whose totals do not match its items
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
        # the running totals of each fund against its journal items
        kept = funds._get_balances()
        ledger = funds._get_balances(from_ledger=True)
        # sudo: figures compared, nothing returned but a message; an auditor runs the check
        # (test_consistency_check_finds_tampering, test_consistency_check_finds_tampered_totals)
        for fund in funds.sudo():
            currency = fund.currency_id
            if any(
                currency.compare_amounts(kept[fund.id][key], ledger[fund.id][key])
                for key in ("received", "disbursed")
            ):
                problems.append(
                    _(
                        "Fund %(fund)s: its running totals (received %(received)s, disbursed "
                        "%(disbursed)s) differ from its journal items (received %(ledger_received)s, "
                        "disbursed %(ledger_disbursed)s). Updating the module ctxh_donation computes "
                        "them again from the journal items.",
                        fund=fund.display_name,
                        received=formatLang(self.env, kept[fund.id]["received"], currency_obj=currency),
                        disbursed=formatLang(self.env, kept[fund.id]["disbursed"], currency_obj=currency),
                        ledger_received=formatLang(
                            self.env, ledger[fund.id]["received"], currency_obj=currency
                        ),
                        ledger_disbursed=formatLang(
                            self.env, ledger[fund.id]["disbursed"], currency_obj=currency
                        ),
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
                    "posted entry of its amount, and every fund's running totals equal its journal "
                    "items."
                ),
                "sticky": False,
            }
        return {"type": "ir.actions.client", "tag": "display_notification", "params": params}
