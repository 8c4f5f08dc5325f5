"""Across the addons: a patient's case, the donation that helps them, and who may see what.

One story, from the social worker's intake to the fund's public figures, asserting at each step
what the other addons must see (and must not)."""

from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import new_test_user
from odoo.tests.common import TransactionCase

from odoo.addons.ctxh_donation.tests.common import setup_ctxh_donation_data


@freeze_time("2026-03-16")
class TestCaseToDonationToPublic(TransactionCase):
    test_tags = {"standard", "at_install"}
    test_module = "ctxh_tests"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True, lang="en_US"))
        setup_ctxh_donation_data(cls, cls.env, suffix="IT")
        cls.officer = new_test_user(cls.env, login="it_officer", groups="ctxh_case.group_ctxh_officer")
        cls.manager = new_test_user(cls.env, login="it_manager", groups="ctxh_case.group_ctxh_manager")
        cls.finance = new_test_user(
            cls.env, login="it_finance", groups="ctxh_donation.group_ctxh_finance_officer"
        )
        cls.auditor = new_test_user(
            cls.env, login="it_auditor", groups="ctxh_donation.group_ctxh_finance_auditor"
        )
        cls.coordinator = new_test_user(
            cls.env, login="it_coordinator", groups="ctxh_volunteer.group_ctxh_volunteer_coordinator"
        )
        cls.team = cls.env["ctxh.team"].create(
            {"name": "Tổ CTXH tích hợp", "member_ids": [(6, 0, cls.officer.ids)]}
        )
        cls.patient = cls.env["res.partner"].create({"name": "Hoàng Thị Tích Hợp"})

    def _case_receiving_services(self):
        Case = self.env["ctxh.case"].with_user(self.officer)
        case = Case.create(
            {
                "partner_id": self.patient.id,
                "case_type_id": self.case_type.id,
                "team_id": self.team.id,
                "medical_record_number": "BA-IT-000777",
            }
        )
        assessment = self.env["ctxh.case.assessment"].with_user(self.officer).create({"case_id": case.id})
        assessment.action_done()
        case.stage_id = self.env.ref("ctxh_case.stage_services")
        return case

    def test_support_from_a_donation_reaches_the_case_and_the_books(self):
        case = self._case_receiving_services()
        self.assertEqual(case.user_id, self.officer)

        donation = self.env["ctxh.donation"].create(
            {
                "partner_id": self.donor.id,
                "fund_id": self.fund.id,
                "channel": "bank",
                "amount_currency": 5_000_000,
                "date": "2026-03-10",
                "publish_name": False,
            }
        )
        donation.with_user(self.finance).action_confirm()

        allocation = (
            self.env["ctxh.allocation"]
            .with_user(self.officer)
            .create(
                {
                    "case_id": case.id,
                    "fund_id": self.fund.id,
                    "support_type_id": self.hospital_fees.id,
                    "method": "bank",
                    "amount": 2_000_000,
                }
            )
        )
        allocation.action_submit()
        allocation.with_user(self.manager).action_approve()
        self.assertEqual(
            self.fund._get_balances()[self.fund.id],
            {"received": 5_000_000, "disbursed": 0, "committed": 2_000_000, "available": 3_000_000},
        )
        allocation.with_user(self.finance).action_pay()
        self.assertEqual(allocation.state, "paid")
        self.assertEqual(
            self.fund._get_balances()[self.fund.id],
            {"received": 5_000_000, "disbursed": 2_000_000, "committed": 0, "available": 3_000_000},
        )
        # The general ledger says the same as the fund: income and expense carry the fund's analytic.
        lines = self.env["account.move.line"].search(
            [
                ("parent_state", "=", "posted"),
                ("account_id", "in", (self.income_account | self.expense_account).ids),
            ]
        )
        self.assertEqual(sum(lines.mapped("credit")) - sum(lines.mapped("debit")), 3_000_000)
        self.assertTrue(all(line.analytic_distribution == {str(self.analytic.id): 100.0} for line in lines))

        # The social worker sees the support on the case; finance traces it back to the donor.
        case.invalidate_recordset()
        self.assertEqual(case.with_user(self.officer).ctxh_support_amount, 2_000_000)
        sources = self.env["ctxh.allocation.source"].search([("allocation_id", "=", allocation.id)])
        self.assertEqual(sources.donation_id, donation)
        self.assertEqual(sum(sources.mapped("amount")), 2_000_000)

        # The auditor reads the money, never the case; the coordinator reads no case at all.
        self.assertEqual(allocation.with_user(self.auditor).amount, 2_000_000)
        with self.assertRaises(AccessError):
            case.with_user(self.auditor).read(["partner_id"])
        with self.assertRaises(AccessError):
            self.env["ctxh.case"].with_user(self.coordinator).search([])
        with self.assertRaises(AccessError):
            allocation.with_user(self.auditor).check_access("write")
        with self.assertRaises(AccessError):
            donation.with_user(self.auditor).write({"note": "x"})

        # The public figures: the amount used per support type, never the patient, the case code
        # or the record number.
        report = self.fund._get_public_report(None, None)
        text = repr(report)
        self.assertNotIn("Hoàng Thị Tích Hợp", text)
        self.assertNotIn("BA-IT-000777", text)
        self.assertNotIn(case.name, text)
        self.assertNotIn(self.donor.name, text, "the donor did not consent to publication")
        self.assertEqual([(row["amount"], row["case_count"]) for row in report["used"]], [(2_000_000, 1)])
        self.assertEqual(report["beneficiary_count"], 1)
        self.assertEqual((report["received"], report["disbursed"]), (5_000_000, 2_000_000))
