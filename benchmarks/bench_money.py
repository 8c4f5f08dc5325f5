"""Benchmark: money at provincial scale (issue #14), against the database `make bench` uses.

Measures, each beside its reference measured in the same run:
- confirming N donations in one call, into the busiest fund's journal (the one holding the most
  entries) and into an empty fund journal, against Odoo's own batch posting of N two-line entries
  into the same journal (target: <= 1.5x);
- paying 50 and N approved allocations in one call, against Odoo's posting of as many entries
  (target: <= 2x);
- approving and paying one allocation in a new fund and in the busiest fund: the same cost (the
  funds' running totals are read, and the attribution of donors reads the oldest open gifts only);
- the balances of every fund from their running totals and from their journal items (periods),
  against one plain GROUP BY of the same journal items (<= 2x);
- a fund's public page, rendered and served again from the cache (<= 0.300 s);
- what the triggers of the funds' running totals add to Odoo's batch posting (the same batch with
  them off, then on).

Everything runs in one transaction that is rolled back. Run it with `make bench`, or
`python benchmarks/bench_money.py -d DB -c odoo.conf --addons-path=... [--donations 1000]`.
"""

from benchlib import fresh, measure, parse_args, print_table, rolled_back_env

import odoo
from odoo import Command, fields
from odoo.tools import SQL


def add_arguments(parser):
    parser.add_argument("--donations", type=int, default=1000, help="donations confirmed in one call")
    parser.add_argument("--allocations", type=int, default=1000, help="allocations paid in one call")


def make_user(env, login, groups):
    return (
        env["res.users"]
        .with_context(no_reset_password=True)
        .create(
            {
                "name": login,
                "login": login,
                "groups_id": [Command.set([env.ref(group).id for group in groups])],
                "tz": env.user.tz or "Asia/Ho_Chi_Minh",
            }
        )
    )


class MoneyBench:
    def __init__(self, env, args):
        self.env = env
        self.args = args
        self.rows = []
        company = env.company
        company.ctxh_second_approval_amount = 10**12  # one approval: the bench measures paying
        company.ctxh_segregation_of_duties = False
        self.finance = make_user(env, "bench_finance", ["ctxh_donation.group_ctxh_finance_officer"])
        self.manager = make_user(env, "bench_manager", ["ctxh_case.group_ctxh_manager"])
        self.today = fields.Date.context_today(env["ctxh.donation"])
        self.donor = env["res.partner"].create({"name": "Công ty TNHH Đo Hiệu Năng"})
        self.fresh_fund = self._new_fund()
        self.busy_fund = self._busiest_fund() or self.fresh_fund
        self.case = self._case()

    # ------------------------------------------------------------------
    # Data
    # ------------------------------------------------------------------
    def _new_fund(self):
        env = self.env
        Account = env["account.account"]
        accounts = {
            role: Account.create({"name": f"Bench {role}", "code": code, "account_type": kind})
            for role, code, kind in (
                ("bank", "B112901", "asset_cash"),
                ("income", "B711901", "income_other"),
                ("expense", "B811901", "expense"),
                ("goods", "B156901", "asset_current"),
                ("suspense", "B113901", "asset_current"),
            )
        }
        journal = env["account.journal"].create(
            {
                "name": "Bench fund bank",
                "code": "BFB",
                "type": "bank",
                "default_account_id": accounts["bank"].id,
                "suspense_account_id": accounts["suspense"].id,
                "restrict_mode_hash_table": True,
            }
        )
        return env["ctxh.fund"].create(
            {
                "name": "Quỹ đo hiệu năng",
                "code": "BENCH",
                "journal_id": journal.id,
                "income_account_id": accounts["income"].id,
                "expense_account_id": accounts["expense"].id,
                "in_kind_account_id": accounts["goods"].id,
            }
        )

    def _busiest_fund(self):
        """The fund whose journal holds the most entries (booked as income, no bank statement, open
        to every case)."""
        self.env.cr.execute(
            """
            SELECT f.id FROM ctxh_fund f
              JOIN account_move m ON m.journal_id = f.journal_id
             WHERE f.active AND f.income_account_id != f.expense_account_id
               AND f.transit_account_id IS NULL AND NOT f.restricted
          GROUP BY f.id ORDER BY COUNT(*) DESC LIMIT 1
            """
        )
        row = self.env.cr.fetchone()
        return self.env["ctxh.fund"].browse(row[0]) if row else None

    def _case(self):
        env = self.env
        patient = env["res.partner"].create({"name": "Người bệnh đo hiệu năng"})
        case = env["ctxh.case"].create(
            {"partner_id": patient.id, "case_type_id": env.ref("ctxh_case.case_type_financial").id}
        )
        env["ctxh.case.assessment"].create({"case_id": case.id}).action_done()
        case.stage_id = env.ref("ctxh_case.stage_services")
        return case

    def _journal_size(self, fund):
        return self.env["account.move"].search_count([("journal_id", "=", fund.journal_id.id)])

    def _drafts(self, fund, count):
        return self.env["ctxh.donation"].create(
            [
                {
                    "partner_id": self.donor.id,
                    "fund_id": fund.id,
                    "channel": "cash",
                    "amount_currency": 1_000_000 + index * 1_000,
                    "date": self.today,
                }
                for index in range(count)
            ]
        )

    def _approved(self, fund, count, amount=10_000):
        allocations = self.env["ctxh.allocation"].create(
            [
                {
                    "case_id": self.case.id,
                    "fund_id": fund.id,
                    "support_type_id": self.env.ref("ctxh_case.support_type_hospital_fees").id,
                    "method": "bank",
                    "amount": amount,
                }
                for _index in range(count)
            ]
        )
        allocations.action_submit()
        allocations.with_user(self.manager).action_approve()
        return allocations

    def _bare_vals(self, fund, count, paying=False):
        """Odoo's own two-line entries, as a donation (or a payment) of ``fund`` books them."""
        money = fund.journal_id.default_account_id
        side = fund.expense_account_id if paying else fund.income_account_id
        analytic = {str(fund.analytic_account_id.id): 100}
        amount = 1000.0 if paying else -1000.0
        return [
            {
                "move_type": "entry",
                "journal_id": fund.journal_id.id,
                "date": self.today,
                "ref": f"bench {index}",
                "line_ids": [
                    Command.create({"account_id": money.id, "balance": -amount, "name": "bench"}),
                    Command.create(
                        {
                            "account_id": side.id,
                            "balance": amount,
                            "name": "bench",
                            "analytic_distribution": analytic,
                        }
                    ),
                ],
            }
            for index in range(count)
        ]

    # ------------------------------------------------------------------
    # Measures
    # ------------------------------------------------------------------
    def bare_posting(self, label, fund, count, paying=False):
        vals_list = self._bare_vals(fund, count, paying=paying)
        Move = (
            self.env["account.move"]
            .with_user(self.finance)
            .with_context(validate_analytic=True, tracking_disable=True)
        )
        fresh(self.env)

        def post():
            Move.create(vals_list)._post(soft=False)
            self.env.flush_all()

        return measure(label, post)[1]

    def confirm(self, fund, where):
        count = self.args.donations
        size = self._journal_size(fund)
        reference = self.bare_posting(
            f"Odoo's batch posting of {count} entries into {where} ({size} entries)", fund, count
        )
        self.rows.append(reference)
        drafts = self._drafts(fund, count).with_user(self.finance)
        fresh(self.env)

        def confirm():
            drafts.action_confirm()
            self.env.flush_all()

        _value, row = measure(
            f"confirm {count} donations (one call) into {where} ({size + count} entries)",
            confirm,
            reference=reference,
            max_ratio=1.5,
        )
        self.rows.append(row)

    def pay(self, fund, count):
        reference = self.bare_posting(f"Odoo's batch posting of {count} entries", fund, count, paying=True)
        self.rows.append(reference)
        allocations = self._approved(fund, count).with_user(self.finance)
        fresh(self.env)

        def pay():
            allocations.action_pay()
            self.env.flush_all()

        _value, row = measure(f"pay {count} allocations (one call)", pay, reference=reference, max_ratio=2)
        self.rows.append(row)

    def approve_and_pay_one(self, fund, where):
        """Approve, then pay, one allocation in ``fund``: the same cost whatever the fund's history."""
        self.env.cr.execute(
            "SELECT COUNT(*) FROM ctxh_donation WHERE fund_id = %s AND state = 'confirmed'", [fund.id]
        )
        gifts = self.env.cr.fetchone()[0]
        allocation = self.env["ctxh.allocation"].create(
            {
                "case_id": self.case.id,
                "fund_id": fund.id,
                "support_type_id": self.env.ref("ctxh_case.support_type_hospital_fees").id,
                "method": "bank",
                "amount": 10_000,
            }
        )
        allocation.action_submit()
        fresh(self.env)

        def approve():
            allocation.with_user(self.manager).action_approve()
            self.env.flush_all()

        self.rows.append(measure(f"approve 1 allocation in {where} ({gifts} confirmed gifts)", approve)[1])
        fresh(self.env)

        def pay():
            allocation.with_user(self.finance).action_pay()
            self.env.flush_all()

        self.rows.append(
            measure(f"pay 1 allocation in {where} ({gifts} confirmed gifts, FIFO attribution)", pay)[1]
        )

    def balances(self):
        funds = self.env["ctxh.fund"].search([])
        accounts = tuple(set((funds.income_account_id | funds.expense_account_id).ids)) or (0,)
        self.env.cr.execute(
            SQL(
                "SELECT COUNT(*) FROM account_move_line WHERE account_id IN %s AND parent_state = 'posted'"
                " AND analytic_distribution IS NOT NULL",
                accounts,
            )
        )
        lines = self.env.cr.fetchone()[0]
        fresh(self.env)

        def raw():
            self.env.cr.execute(
                SQL(
                    """
                    SELECT kv.key, SUM(aml.credit - aml.debit)
                      FROM account_move_line aml, jsonb_each_text(aml.analytic_distribution) kv
                     WHERE aml.account_id IN %s AND aml.parent_state = 'posted'
                  GROUP BY kv.key
                    """,
                    accounts,
                )
            )
            return self.env.cr.fetchall()

        self.env.cr.execute("SET LOCAL jit = off")  # as _get_balances does
        _value, reference = measure(f"one plain GROUP BY of the {lines} fund items", raw)
        self.rows.append(reference)
        fresh(self.env)
        _value, row = measure(
            f"balances of {len(funds)} funds (running totals, all dates)",
            funds._get_balances,
            reference=reference,
            max_ratio=2,
        )
        self.rows.append(row)
        fresh(self.env)
        # periods (reports, disclosure) still sum the items: compared with the plain GROUP BY, no
        # target (the issue's target for the funds' balances is the row above)
        _value, row = measure(
            f"balances of {len(funds)} funds read from their {lines} posted items (periods, reports)",
            lambda: funds._get_balances(from_ledger=True),
            reference=reference,
        )
        self.rows.append(row)
        fund = self.busy_fund
        fresh(self.env)
        self.rows.append(
            measure(
                f"balances of one fund read from its items ({fund.name})",
                lambda: fund._get_balances(from_ledger=True),
            )[1]
        )

    def trigger_cost(self, fund):
        """What the running totals' triggers add to Odoo's own posting (ctxh_fund_balance.py):
        the same batch posted with them disabled, then enabled, into the same journal."""
        count = self.args.donations
        triggers = ", ".join(
            f"{{}} TRIGGER ctxh_fund_total_{event}" for event in ("insert", "update", "delete")
        )
        self.env.cr.execute(f"ALTER TABLE account_move_line {triggers.format(*['DISABLE'] * 3)}")
        reference = self.bare_posting(
            f"Odoo's batch posting of {count} entries into a new fund journal, the totals' triggers off",
            fund,
            count,
        )
        self.env.cr.execute(f"ALTER TABLE account_move_line {triggers.format(*['ENABLE'] * 3)}")
        fund._ctxh_rebuild_totals()
        self.rows.append(reference)
        row = self.bare_posting("the same batch with the triggers on (the running totals kept)", fund, count)
        row.reference = reference
        self.rows.append(row)

    def public_page(self):
        name = self.busy_fund.name
        fund = self.busy_fund.with_user(self.env.ref("base.public_user")).with_context(lang="vi_VN")
        Fund = fund.env["ctxh.fund"]
        View = fund.env["ir.ui.view"]

        def render():
            data = Fund._ctxh_public_page(fund_id=fund.id)
            return View._render_template("ctxh_donation.transparency_page", {"data": data})

        render()  # templates compiled once, as a running server has them
        fresh(self.env)
        self.rows.append(measure(f"public page of {name}, rendered", render, max_seconds=0.3)[1])
        fresh(self.env)
        self.rows.append(
            measure(
                "public page served again from the cache (its version read)",
                lambda: Fund._ctxh_public_version(fund_id=fund.id),
                max_seconds=0.3,
            )[1]
        )

    def run(self):
        self.confirm(self.busy_fund, "the busiest fund's journal")
        self.confirm(self.fresh_fund, "a new fund journal")  # also funds the payments below
        self.pay(self.fresh_fund, 50)
        self.pay(self.fresh_fund, self.args.allocations)
        self.approve_and_pay_one(self.fresh_fund, "a new fund")
        self.approve_and_pay_one(self.busy_fund, "the busiest fund")
        self.balances()
        self.public_page()
        self.trigger_cost(self.fresh_fund)
        return self.rows


def main():
    args = parse_args(__doc__, add_arguments)
    with rolled_back_env({"tracking_disable": True, "mail_create_nolog": True}) as env:
        bench = MoneyBench(env, args)
        rows = bench.run()
        db = odoo.tools.config["db_name"]
        print_table(f"Money on {db} (busiest fund: {bench.busy_fund.name})", rows)


if __name__ == "__main__":
    main()
