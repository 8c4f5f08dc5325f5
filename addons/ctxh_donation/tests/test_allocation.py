import base64

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import CtxhDonationCommon


@tagged("post_install", "-at_install")
class TestAllocation(CtxhDonationCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.receipt = base64.b64encode(b"%PDF-1.4 signed receipt")

    @freeze_time("2026-02-10")
    def test_full_cycle_journal_items_and_balances(self):
        self._confirmed_donation(8_000_000)
        self.assertBalances(8_000_000, 0, 0, 8_000_000)
        allocation = self._allocation(3_000_000)
        self.assertTrue(allocation.name.startswith("HT/"))
        allocation.action_submit()
        self.assertEqual(allocation.state, "to_approve")
        self.assertBalances(8_000_000, 0, 0, 8_000_000)
        with self.assertRaises(AccessError):
            allocation.with_user(self.officer).action_approve()
        allocation.with_user(self.manager).action_approve()
        self.assertEqual(allocation.state, "approved")
        self.assertEqual(allocation.approved_by_id, self.manager)
        self.assertBalances(8_000_000, 0, 3_000_000, 5_000_000)
        allocation.with_user(self.finance).action_pay()
        self.assertEqual(allocation.state, "paid")
        self.assertEqual(allocation.date_paid.isoformat(), "2026-02-10")
        self.assertMoveLines(
            allocation.move_id,
            [
                (self.expense_account, 3_000_000, 0, self.fund_distribution()),
                (self.bank_account, 0, 3_000_000, None),
            ],
        )
        self.assertIn(self.case_a.name, allocation.move_id.sudo().line_ids[0].name)
        self.assertBalances(8_000_000, 3_000_000, 0, 5_000_000)
        # FIFO traceability
        self.assertEqual(allocation.source_ids.amount, 3_000_000)
        self.case_a.invalidate_recordset()
        self.assertEqual(self.case_a.ctxh_support_amount, 3_000_000)
        # cancel a paid allocation: reversal, money back
        allocation.with_user(self.manager).action_cancel()
        self.assertEqual(allocation.state, "cancelled")
        self.assertEqual(allocation.move_id.sudo().state, "posted")
        self.assertMoveLines(
            allocation.reversal_move_id,
            [
                (self.expense_account, 0, 3_000_000, self.fund_distribution()),
                (self.bank_account, 3_000_000, 0, None),
            ],
        )
        self.assertBalances(8_000_000, 0, 0, 8_000_000)
        self.assertFalse(allocation.source_ids)

    def test_fifo_attribution(self):
        first = self._confirmed_donation(1_000_000, date="2026-01-01")
        second = self._confirmed_donation(2_000_000, date="2026-01-05")
        allocation = self._approved(1_500_000)
        allocation.with_user(self.finance).action_pay()
        sources = {s.donation_id: s.amount for s in allocation.source_ids}
        self.assertEqual(sources, {first: 1_000_000, second: 500_000})
        second.invalidate_recordset()
        self.assertEqual(second.allocation_count, 1)

    def test_refuse_more_than_available(self):
        self._confirmed_donation(1_000_000)
        self._approved(600_000)
        allocation = self._allocation(500_000)
        allocation.action_submit()
        with self.assertRaisesRegex(UserError, "available"):
            allocation.with_user(self.manager).action_approve()
        self.assertEqual(allocation.state, "to_approve")
        self.assertBalances(1_000_000, 0, 600_000, 400_000)

    def test_refuse_amount_not_positive(self):
        with self.assertRaises(ValidationError):
            self._allocation(0)
        with self.assertRaises(ValidationError):
            self._allocation(-1)

    def test_refuse_closed_case(self):
        self._confirmed_donation(1_000_000)
        allocation = self._allocation(100_000)
        self.case_a.action_close(self.env.ref("ctxh_case.closure_reason_discharged"), "Ra viện, ổn định.")
        self.assertFalse(self.case_a.is_open)
        with self.assertRaisesRegex(UserError, "closed"):
            allocation.action_submit()

    def test_refuse_case_not_eligible_for_restricted_fund(self):
        self._confirmed_donation(1_000_000)
        self.fund.write({"restricted": True, "case_type_ids": [(6, 0, self.case_type.ids)]})
        self._allocation(100_000, case=self.case_a).action_submit()
        with self.assertRaisesRegex(UserError, "eligible"):
            self._allocation(100_000, case=self.case_b).action_submit()
        group = self.env.ref("ctxh_case.vulnerable_group_oncology")
        self.fund.vulnerable_group_ids = group
        self.case_b.vulnerable_group_ids = group
        self._allocation(100_000, case=self.case_b).action_submit()

    def test_finance_officer_pays_from_a_restricted_fund(self):
        """Paying checks the case's eligibility again, as the finance officer, who reads neither
        cases nor case types: the check compares them without giving them to the officer."""
        self._confirmed_donation(1_000_000)
        self.fund.write({"restricted": True, "case_type_ids": [(6, 0, self.case_type.ids)]})
        allocation = self._approved(200_000, case=self.case_a)
        self.env.invalidate_all()  # read as the finance officer, not from what the manager read
        allocation.with_user(self.finance).action_pay()
        self.assertEqual(allocation.state, "paid")
        self.assertFalse(self.env["ctxh.case.type"].with_user(self.finance).has_access("read"))

    def test_refuse_designated_money_for_another_patient(self):
        designated = self._confirmed_donation(1_000_000, restriction="case", case_id=self.case_a.id)
        self._confirmed_donation(300_000)
        # for case B, only the undesignated 300 000 are available
        allocation_b = self._allocation(500_000, case=self.case_b)
        allocation_b.action_submit()
        with self.assertRaisesRegex(UserError, "available"):
            allocation_b.with_user(self.manager).action_approve()
        with self.assertRaisesRegex(UserError, "re-designation"):
            self._allocation(500_000, case=self.case_b, donation_id=designated.id).action_submit()
        # case A can use its designated money
        self._approved(900_000, case=self.case_a, donation_id=designated.id)
        designated.invalidate_recordset()
        self.assertEqual(designated.remaining_amount, 100_000)
        # more than the restricted donation's remaining balance
        over = self._allocation(200_000, case=self.case_a, donation_id=designated.id)
        over.action_submit()
        with self.assertRaisesRegex(UserError, "left"):
            over.with_user(self.manager).action_approve()
        # re-designation with the donor's consent
        self.env["ctxh.donation.redesignation"].with_user(self.manager).create(
            {
                "donation_id": designated.id,
                "new_case_id": self.case_b.id,
                "reason": "Người bệnh A đã xuất viện",
                "consent_document": base64.b64encode(b"consent"),
            }
        )
        self.assertEqual(designated.designated_case_id, self.case_b)
        self._approved(100_000, case=self.case_b, donation_id=designated.id)

    def test_second_approval_by_another_manager(self):
        self._confirmed_donation(50_000_000)
        allocation = self._allocation(12_000_000)
        allocation.action_submit()
        allocation.with_user(self.manager).action_approve()
        self.assertEqual(allocation.state, "to_approve_2")
        self.assertBalances(50_000_000, 0, 0, 50_000_000)
        with self.assertRaisesRegex(UserError, "another manager"):
            allocation.with_user(self.manager).action_approve()
        allocation.with_user(self.manager2).action_approve()
        self.assertEqual(allocation.state, "approved")
        self.assertEqual(allocation.approved2_by_id, self.manager2)
        self.assertBalances(50_000_000, 0, 12_000_000, 38_000_000)
        # under the threshold: one approval
        small = self._approved(10_000_000)
        self.assertEqual(small.state, "approved")

    def test_cash_needs_signed_receipt(self):
        self._confirmed_donation(1_000_000)
        allocation = self._approved(200_000, support_type_id=self.emergency_cash.id, method="cash")
        with self.assertRaisesRegex(UserError, "signed receipt"):
            allocation.with_user(self.finance).action_pay()
        allocation.signed_receipt = self.receipt
        allocation.with_user(self.finance).action_pay()
        self.assertEqual(allocation.state, "paid")

    def test_pay_refused_when_balance_gone(self):
        donation = self._confirmed_donation(1_000_000)
        allocation = self._approved(800_000)
        # the approved amount is committed: the donation cannot be cancelled under it
        with self.assertRaises(UserError):
            donation.action_cancel()
        allocation.with_user(self.finance).action_pay()
        self.assertBalances(1_000_000, 800_000, 0, 200_000)

    def test_workflow_fields_only_through_buttons(self):
        self._confirmed_donation(1_000_000)
        allocation = self._allocation(100_000)
        for vals in ({"state": "approved"}, {"approved_by_id": self.officer.id}, {"state": "paid"}):
            with self.assertRaisesRegex(UserError, "buttons"):
                allocation.write(vals)
        self.assertEqual(allocation.state, "draft")
        donation = self._donation(100).with_user(self.officer)
        with self.assertRaisesRegex(UserError, "buttons"):
            donation.write({"state": "confirmed"})

    def test_locked_fields_and_refuse(self):
        self._confirmed_donation(1_000_000)
        allocation = self._approved(100_000)
        with self.assertRaises(UserError):
            allocation.amount = 5
        with self.assertRaises(UserError):
            allocation.unlink()
        other = self._allocation(100_000)
        other.action_submit()
        other.with_user(self.manager).action_refuse()
        self.assertEqual(other.state, "refused")
        other.action_draft()
        with self.assertRaises(AccessError):
            other.unlink()
        other.with_user(self.manager).unlink()
        self.assertFalse(other.exists())
