from odoo import SUPERUSER_ID, api
from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tests.common import TransactionCase
from odoo.tools import mute_logger

from .common import setup_ctxh_donation_data


class _Holder:
    """Receives the records created by setup_ctxh_donation_data."""


@tagged("post_install", "-at_install")
class TestAllocationConcurrency(TransactionCase):
    """Two transactions approve allocations that together exceed the fund: exactly one wins.

    The data is committed in a separate cursor (the test transaction cannot be seen by other
    cursors) and removed afterwards, as Odoo's own concurrency tests do.
    """

    def setUp(self):
        super().setUp()
        data = _Holder()
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True, "mail_create_nolog": True})
            setup_ctxh_donation_data(data, env, suffix="CC")
            donation = env["ctxh.donation"].create(
                {
                    "partner_id": data.donor.id,
                    "fund_id": data.fund.id,
                    "channel": "bank",
                    "amount_currency": 1_000_000,
                    "date": "2026-01-10",
                }
            )
            donation.action_confirm()
            allocations = env["ctxh.allocation"].create(
                [
                    {
                        "case_id": case.id,
                        "fund_id": data.fund.id,
                        "support_type_id": data.hospital_fees.id,
                        "amount": amount,
                    }
                    for case, amount in ((data.case_a, 700_000), (data.case_b, 600_000))
                ]
            )
            allocations.action_submit()
            self.ids = {
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
                "alloc_a": allocations[0].id,
                "alloc_b": allocations[1].id,
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
            cr.execute("DELETE FROM account_move_line WHERE journal_id = %s", [ids["journal"]])
            cr.execute("DELETE FROM account_move WHERE journal_id = %s", [ids["journal"]])
            cr.execute("DELETE FROM ctxh_fund WHERE id = %s", [ids["fund"]])
            cr.execute("DELETE FROM account_analytic_account WHERE id = %s", [ids["analytic"]])
            cr.execute("DELETE FROM account_journal WHERE id = %s", [ids["journal"]])
            cr.execute("DELETE FROM account_account WHERE id IN %s", [tuple(ids["accounts"])])
            cr.execute("DELETE FROM ctxh_case WHERE id IN %s", [tuple(ids["cases"])])
            cr.execute("DELETE FROM res_partner WHERE id IN %s", [tuple(ids["partners"])])
            env = api.Environment(cr, SUPERUSER_ID, {})
            env["ctxh.fund"]._sync_analytic_applicability()

    def _approve(self, cr, allocation_id):
        env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True, "lang": "en_US"})
        env["ctxh.allocation"].browse(allocation_id).action_approve()

    def _state(self, allocation_id):
        with self.registry.cursor() as cr:
            cr.execute("SELECT state FROM ctxh_allocation WHERE id = %s", [allocation_id])
            return cr.fetchone()[0]

    @mute_logger("odoo.sql_db")
    def test_concurrent_approvals_exactly_one_succeeds(self):
        with self.registry.cursor() as cr1, self.registry.cursor() as cr2:
            # transaction 2 takes its snapshot before transaction 1 commits
            cr2.execute("SELECT state FROM ctxh_allocation WHERE id = %s", [self.ids["alloc_b"]])
            self._approve(cr1, self.ids["alloc_a"])
            # transaction 1 holds the fund lock: transaction 2 is refused at once
            with self.assertRaisesRegex(UserError, "another approval"):
                self._approve(cr2, self.ids["alloc_b"])
            cr1.commit()
            # transaction 1 committed, but transaction 2's snapshot is stale: still refused
            with self.assertRaisesRegex(UserError, "another approval"):
                self._approve(cr2, self.ids["alloc_b"])
            cr2.rollback()
        # a fresh retry sees the committed approval and refuses for lack of money
        with self.registry.cursor() as cr3:
            with self.assertRaisesRegex(UserError, "available"):
                self._approve(cr3, self.ids["alloc_b"])
            cr3.rollback()
        self.assertEqual(self._state(self.ids["alloc_a"]), "approved")
        self.assertEqual(self._state(self.ids["alloc_b"]), "to_approve")
