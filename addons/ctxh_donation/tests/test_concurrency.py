import random
import threading
from functools import partial

from odoo import SUPERUSER_ID, api
from odoo.api import Transaction
from odoo.exceptions import UserError
from odoo.modules.registry import DummyRLock, Registry
from odoo.service.model import retrying
from odoo.tests import tagged
from odoo.tests.common import TransactionCase

from .common import setup_ctxh_donation_data


class _Holder:
    """Receives the records created by setup_ctxh_donation_data."""


def _env(cr, registry):
    if cr.transaction is None:
        cr.transaction = Transaction(registry)
    return api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True, "lang": "en_US"})


@tagged("post_install", "-at_install")
class TestMoneyConcurrency(TransactionCase):
    """Two REAL transactions (two cursors, one in another thread) race on one fund.

    The first transaction acts and holds its locks; the second took its snapshot before and runs
    as Odoo runs a request (``odoo.service.model.retrying``): it waits for the lock instead of
    failing, gets a serialization failure once the first commits, and Odoo replays it with a
    fresh snapshot, where the business rule refuses it. No ERROR line is logged on the way.

    The data is committed in a separate cursor (the test transaction cannot be seen by other
    cursors) and removed afterwards, as Odoo's own concurrency tests do.
    """

    def setUp(self):
        super().setUp()
        # The test runner holds the registry lock while tests run; a request thread looks the
        # registry up (Odoo's retry resets its environment), so release it as Odoo's own test
        # mode does for the HTTP threads of HttpCase.
        saved_lock = Registry._lock
        Registry._lock = DummyRLock()
        self.addCleanup(setattr, Registry, "_lock", saved_lock)
        data = _Holder()
        with self.registry.cursor() as cr:
            env = _env(cr, self.registry)
            # codes of their own: committed data of an interrupted run never collides
            setup_ctxh_donation_data(data, env, suffix=f"C{random.randint(100, 999)}")
            Donation = env["ctxh.donation"]
            vals = {
                "partner_id": data.donor.id,
                "fund_id": data.fund.id,
                "channel": "bank",
                "date": "2026-01-10",
            }
            money = Donation.create(dict(vals, amount_currency=1_000_000))
            money.action_confirm()
            draft = Donation.create(dict(vals, amount_currency=50_000))
            Allocation = env["ctxh.allocation"]
            allocations = Allocation.create(
                [
                    {
                        "case_id": case.id,
                        "fund_id": data.fund.id,
                        "support_type_id": data.hospital_fees.id,
                        "amount": amount,
                    }
                    for case, amount in (
                        (data.case_a, 700_000),
                        (data.case_b, 600_000),
                        (data.case_a, 100_000),
                    )
                ]
            )
            allocations.action_submit()
            allocations[2].action_approve()
            general = env["account.journal"].create(
                {"name": "Bút toán khác", "code": f"G{random.randint(1000, 9999)}", "type": "general"}
            )
            self.ids = {
                "general": general.id,
                "fund": data.fund.id,
                "analytic": data.analytic.id,
                "journal": data.journal.id,
                "accounts": (
                    data.bank_account
                    | data.income_account
                    | data.expense_account
                    | data.in_kind_account
                    | data.suspense_account
                ).ids,
                "cases": (data.case_a | data.case_b).ids,
                "partners": (data.patient_a | data.patient_b | data.donor).ids,
                "money": money.id,
                "draft": draft.id,
                "alloc_a": allocations[0].id,
                "alloc_b": allocations[1].id,
                "approved": allocations[2].id,
            }
            env.ref("ctxh_donation.analytic_applicability_funds").flush_recordset()
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        ids = self.ids
        with self.registry.cursor() as cr:
            cr.execute("DELETE FROM ctxh_allocation_source WHERE fund_id = %s", [ids["fund"]])
            cr.execute("DELETE FROM ctxh_allocation WHERE fund_id = %s", [ids["fund"]])
            cr.execute("DELETE FROM ctxh_donation WHERE fund_id = %s", [ids["fund"]])
            cr.execute(
                "DELETE FROM account_analytic_line WHERE move_line_id IN "
                "(SELECT id FROM account_move_line WHERE journal_id = %s)",
                [ids["journal"]],
            )
            cr.execute(
                "DELETE FROM account_partial_reconcile WHERE debit_move_id IN "
                "(SELECT id FROM account_move_line WHERE journal_id = %(j)s) OR credit_move_id IN "
                "(SELECT id FROM account_move_line WHERE journal_id = %(j)s)",
                {"j": ids["journal"]},
            )
            cr.execute(
                "DELETE FROM account_analytic_line WHERE move_line_id IN "
                "(SELECT id FROM account_move_line WHERE journal_id = %s)",
                [ids["general"]],
            )
            for journal in ("journal", "general"):
                cr.execute("DELETE FROM account_move_line WHERE journal_id = %s", [ids[journal]])
                cr.execute("DELETE FROM account_move WHERE journal_id = %s", [ids[journal]])
            cr.execute("DELETE FROM account_journal WHERE id = %s", [ids["general"]])
            cr.execute("DELETE FROM ctxh_fund WHERE id = %s", [ids["fund"]])
            cr.execute("DELETE FROM account_analytic_account WHERE id = %s", [ids["analytic"]])
            cr.execute("DELETE FROM account_journal WHERE id = %s", [ids["journal"]])
            cr.execute("DELETE FROM account_account WHERE id IN %s", [tuple(ids["accounts"])])
            cr.execute("DELETE FROM ctxh_case WHERE id IN %s", [tuple(ids["cases"])])
            cr.execute("DELETE FROM res_partner WHERE id IN %s", [tuple(ids["partners"])])
            _env(cr, self.registry)["ctxh.fund"]._sync_analytic_applicability()

    # ------------------------------------------------------------------
    def _race(self, first, second):
        """Run ``first(env)`` in a transaction that holds its locks, and ``second(env)`` as a
        request of its own (snapshot taken before ``first`` commits, retried by Odoo).

        :return: the exception ``second`` ended with (None if it succeeded)
        """
        outcome = {}
        self.attempts = 0

        def attempt(env):
            self.attempts += 1
            return second(env)

        snapshot_taken = threading.Event()
        go = threading.Event()

        def request():
            try:
                with self.registry.cursor() as cr:
                    env = _env(cr, self.registry)
                    cr.execute("SELECT pg_backend_pid()")
                    outcome["pid"] = cr.fetchone()[0]
                    cr.execute("SELECT count(*) FROM ctxh_allocation")  # the snapshot of the request
                    snapshot_taken.set()
                    go.wait()
                    retrying(partial(attempt, env), env)
            except Exception as exc:  # noqa: BLE001 - handed over to the test thread
                outcome["error"] = exc

        with self.registry.cursor() as cr1:
            first(_env(cr1, self.registry))
            thread = threading.Thread(target=request)
            thread.start()
            snapshot_taken.wait()
            go.set()
            # bounded wait until the request is blocked on our lock (not a timed assertion)
            for _attempt in range(600):
                cr1.execute("SELECT 1")  # keep our transaction open
                with self.registry.cursor() as probe:
                    probe.execute(
                        "SELECT count(*) FROM pg_locks WHERE NOT granted AND pid = %s",
                        [outcome.get("pid", 0)],
                    )
                    if probe.fetchone()[0]:
                        break
                thread.join(0.05)
                if not thread.is_alive():
                    break
            cr1.commit()
        thread.join(60)
        self.assertFalse(thread.is_alive(), "the second request finished")
        return outcome.get("error")

    def _read(self, query, params):
        with self.registry.cursor() as cr:
            cr.execute(query, params)
            return cr.fetchall()

    def _states(self, *keys):
        return [
            self._read("SELECT state FROM ctxh_allocation WHERE id = %s", [self.ids[key]])[0][0]
            for key in keys
        ]

    def _approve(self, key, env):
        env["ctxh.allocation"].browse(self.ids[key]).action_approve()

    # ------------------------------------------------------------------
    def test_overdraft_two_approvals(self):
        """700 000 + 600 000 asked from 1 000 000 (100 000 already committed): one wins."""
        with self.assertNoLogs("odoo.sql_db", level="ERROR"):
            error = self._race(partial(self._approve, "alloc_a"), partial(self._approve, "alloc_b"))
        self.assertIsInstance(error, UserError)
        self.assertIn("available", str(error))
        self.assertGreater(self.attempts, 1, "the waiting request was replayed by Odoo, not refused at once")
        self.assertEqual(self._states("alloc_a", "alloc_b"), ["approved", "to_approve"])

    def test_double_pay(self):
        def pay(env):
            env["ctxh.allocation"].browse(self.ids["approved"]).action_pay()

        with self.assertNoLogs("odoo.sql_db", level="ERROR"):
            error = self._race(pay, pay)
        self.assertIsInstance(error, UserError)
        self.assertIn("Only approved allocations can be paid", str(error))
        self.assertGreater(self.attempts, 1)
        self.assertEqual(self._states("approved"), ["paid"])
        entries = self._read(
            "SELECT count(*) FROM account_move WHERE ctxh_res_model = 'ctxh.allocation' AND ctxh_res_id = %s",
            [self.ids["approved"]],
        )
        self.assertEqual(entries[0][0], 1, "one disbursement entry")

    def test_double_confirm(self):
        def confirm(env):
            env["ctxh.donation"].browse(self.ids["draft"]).action_confirm()

        with self.assertNoLogs("odoo.sql_db", level="ERROR"):
            error = self._race(confirm, confirm)
        self.assertIsInstance(error, UserError)
        self.assertIn("Only draft donations can be confirmed", str(error))
        self.assertGreater(self.attempts, 1)
        rows = self._read(
            "SELECT count(*) FROM account_move WHERE ctxh_res_model = 'ctxh.donation' AND ctxh_res_id = %s",
            [self.ids["draft"]],
        )
        self.assertEqual(rows[0][0], 1, "one entry, one receipt number")

    def test_cancel_against_approve(self):
        """The gift that holds the money is cancelled while a manager approves support from it."""

        def cancel(env):
            env["ctxh.allocation"].browse(self.ids["approved"]).action_cancel()
            env["ctxh.donation"].browse(self.ids["money"]).action_cancel()

        with self.assertNoLogs("odoo.sql_db", level="ERROR"):
            error = self._race(cancel, partial(self._approve, "alloc_a"))
        self.assertIsInstance(error, UserError)
        self.assertIn("available", str(error))
        self.assertEqual(self._states("alloc_a"), ["to_approve"])
        self.assertEqual(
            self._read("SELECT state FROM ctxh_donation WHERE id = %s", [self.ids["money"]])[0][0],
            "cancelled",
        )

    def test_approve_against_cancel(self):
        def cancel(env):
            env["ctxh.donation"].browse(self.ids["money"]).action_cancel()

        with self.assertNoLogs("odoo.sql_db", level="ERROR"):
            error = self._race(partial(self._approve, "alloc_a"), cancel)
        self.assertIsInstance(error, UserError)
        self.assertIn("cannot be cancelled", str(error))
        self.assertEqual(self._states("alloc_a"), ["approved"])
        self.assertEqual(
            self._read("SELECT state FROM ctxh_donation WHERE id = %s", [self.ids["money"]])[0][0],
            "confirmed",
        )

    def test_entry_outside_ctxh_against_payment(self):
        """An accountant posts an entry on the fund's income account (another journal) while a
        finance officer pays support from the fund: both land, the accountant's request waited
        for the fund's running totals and was replayed by Odoo, and the totals equal the ledger."""

        def pay(env):
            env["ctxh.allocation"].browse(self.ids["approved"]).action_pay()
            env.flush_all()  # as a request does before it commits: the totals' row is now locked

        def entry(env):
            fund = env["ctxh.fund"].browse(self.ids["fund"])
            env["account.move"].create(
                {
                    "move_type": "entry",
                    "journal_id": self.ids["general"],
                    "date": "2026-01-12",
                    "line_ids": [
                        (0, 0, {"account_id": fund.journal_id.default_account_id.id, "debit": 250_000}),
                        (
                            0,
                            0,
                            {
                                "account_id": fund.income_account_id.id,
                                "credit": 250_000,
                                "analytic_distribution": {str(self.ids["analytic"]): 100},
                            },
                        ),
                    ],
                }
            ).action_post()

        with self.assertNoLogs("odoo.sql_db", level="ERROR"):
            error = self._race(pay, entry)
        self.assertIsNone(error)
        self.assertGreater(self.attempts, 1, "the accountant's request waited and was replayed")
        self.assertEqual(self._states("approved"), ["paid"])
        with self.registry.cursor() as cr:
            fund = _env(cr, self.registry)["ctxh.fund"].browse(self.ids["fund"])
            expected = {"received": 1_250_000, "disbursed": 100_000, "committed": 0, "available": 1_150_000}
            self.assertEqual(fund._get_balances()[fund.id], expected)
            self.assertEqual(fund._get_balances(from_ledger=True)[fund.id], expected)
