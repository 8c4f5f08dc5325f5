from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import CtxhDonationCommon


@tagged("post_install", "-at_install")
class TestFundBooking(CtxhDonationCommon):
    """A fund booked as income, or as money held on behalf of its beneficiaries (issue #11):
    the entries of each document, and received / disbursed / available from the ledger."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Account = cls.env["account.account"]
        cls.held_account = Account.create(
            {"name": "Tiền giữ hộ người bệnh", "code": "T3388H", "account_type": "liability_current"}
        )
        cls.held_bank = Account.create({"name": "Bank held", "code": "T112H", "account_type": "asset_cash"})
        cls.held_journal = cls.env["account.journal"].create(
            {
                "name": "Quỹ giữ hộ",
                "code": "TGH",
                "type": "bank",
                "default_account_id": cls.held_bank.id,
                "restrict_mode_hash_table": True,
            }
        )
        cls.held_fund = cls.env["ctxh.fund"].create(
            {
                "name": "Quỹ giữ hộ người bệnh",
                "code": "TGH",
                "booking_mode": "liability",
                "journal_id": cls.held_journal.id,
                "income_account_id": cls.held_account.id,
                "expense_account_id": cls.held_account.id,
                "in_kind_account_id": cls.in_kind_account.id,
            }
        )
        cls.accountant = new_test_user(
            cls.env,
            login="h11_accountant",
            groups="ctxh_case.group_ctxh_manager,account.group_account_manager",
        )

    def held_distribution(self):
        return {str(self.held_fund.analytic_account_id.id): 100.0}

    def test_income_mode_entries_and_balances(self):
        donation = self._confirmed_donation(5_000_000)
        self.assertMoveLines(
            donation.move_id,
            [
                (self.bank_account, 5_000_000, 0, None),
                (self.income_account, 0, 5_000_000, self.fund_distribution()),
            ],
        )
        allocation = self._paid(2_000_000)
        self.assertMoveLines(
            allocation.move_id,
            [
                (self.expense_account, 2_000_000, 0, self.fund_distribution()),
                (self.bank_account, 0, 2_000_000, None),
            ],
        )
        self.assertBalances(5_000_000, 2_000_000, 0, 3_000_000)

    def test_liability_mode_entries_and_balances(self):
        """Gifts credit the liability, support debits the same liability: received and disbursed
        are told apart by the document of the entry, reversals net out."""
        fund = self.held_fund
        donation = self._confirmed_donation(5_000_000, fund_id=fund.id)
        self.assertMoveLines(
            donation.move_id,
            [
                (self.held_bank, 5_000_000, 0, None),
                (self.held_account, 0, 5_000_000, self.held_distribution()),
            ],
        )
        second = self._confirmed_donation(1_000_000, fund_id=fund.id)
        allocation = self._paid(2_000_000, fund_id=fund.id)
        self.assertMoveLines(
            allocation.move_id,
            [
                (self.held_account, 2_000_000, 0, self.held_distribution()),
                (self.held_bank, 0, 2_000_000, None),
            ],
        )
        committed = self._approved(500_000, fund_id=fund.id)
        self.assertBalances(6_000_000, 2_000_000, 500_000, 3_500_000, fund=fund)
        # the liability's balance is what the fund still holds for the patients
        held = sum(
            self.env["account.move.line"]
            .search([("account_id", "=", self.held_account.id), ("parent_state", "=", "posted")])
            .mapped("balance")
        )
        self.assertEqual(-held, 4_000_000)
        # reversals: a cancelled gift lowers received, a cancelled payment lowers disbursed
        second.with_user(self.finance).action_cancel()
        allocation.with_user(self.manager).action_cancel()
        committed.with_user(self.manager).action_cancel()
        self.assertBalances(5_000_000, 0, 0, 5_000_000, fund=fund)
        self.assertEqual(fund._ctxh_check_consistency(), [])
        report = fund._get_public_report()
        self.assertEqual(
            (report["received"], report["disbursed"], report["balance"]), (5_000_000, 0, 5_000_000)
        )

    def test_liability_mode_in_kind(self):
        product = self.env["product.product"].create({"name": "Sữa"})
        donation = self._donation(
            0,
            fund_id=self.held_fund.id,
            channel="in_kind",
            line_ids=self.commands({"product_id": product.id, "quantity": 10, "unit_value": 100_000}),
        )
        donation.with_user(self.finance).action_confirm()
        self.assertMoveLines(
            donation.move_id,
            [
                (self.in_kind_account, 1_000_000, 0, None),
                (self.held_account, 0, 1_000_000, self.held_distribution()),
            ],
        )
        distribution = self.env["ctxh.distribution"].create(
            {
                "name": "Phát sữa",
                "fund_id": self.held_fund.id,
                "support_type_id": self.env.ref("ctxh_case.support_type_tet_gift").id,
                "date": "2026-01-20",
                "line_ids": self.commands(
                    {"case_id": self.case_a.id, "donation_line_id": donation.line_ids.id, "quantity": 4}
                ),
            }
        )
        distribution.with_user(self.finance).action_done()
        self.assertMoveLines(
            distribution.move_id,
            [
                (self.held_account, 400_000, 0, self.held_distribution()),
                (self.in_kind_account, 0, 400_000, None),
            ],
        )
        self.assertBalances(1_000_000, 400_000, 0, 600_000, fund=self.held_fund)

    def test_accounts_checked_per_mode(self):
        vals = {
            "name": "Quỹ sai",
            "code": "TSAI",
            "journal_id": self.journal.id,
            "income_account_id": self.held_account.id,
            "expense_account_id": self.expense_account.id,
        }
        with self.assertRaisesRegex(ValidationError, "must be an income account"):
            self.env["ctxh.fund"].create(vals)
        with self.assertRaisesRegex(ValidationError, "must be a liability account"):
            self.env["ctxh.fund"].create(
                dict(vals, code="TSAI2", booking_mode="liability", income_account_id=self.income_account.id)
            )
        with self.assertRaisesRegex(ValidationError, "same liability account"):
            self.env["ctxh.fund"].create(dict(vals, code="TSAI3", booking_mode="liability"))
        self._confirmed_donation(1_000, fund_id=self.held_fund.id)
        with self.assertRaisesRegex(UserError, "already has journal entries"):
            self.held_fund.booking_mode = "income"

    def test_apply_account_scheme(self):
        """A scheme is data: applying it finds the accounts by code in the company's chart or
        creates them, as the acting accountant; a finance officer cannot."""
        scheme = self.env.ref("ctxh_donation.account_scheme_tt200_liability")
        journal = self.env["account.journal"].create(
            {"name": "Quỹ TT200", "code": "T200", "type": "bank", "restrict_mode_hash_table": True}
        )
        Fund = self.env["ctxh.fund"].with_user(self.accountant)
        funds = Fund.create(
            [
                {
                    "name": f"Quỹ theo TT200 {index}",
                    "code": f"T200{index}",
                    "journal_id": journal.id,
                    "income_account_id": self.income_account.id,
                    "expense_account_id": self.expense_account.id,
                }
                for index in (1, 2)
            ]
        )
        with self.assertRaises(AccessError):
            funds[0].with_user(self.finance).write({"account_scheme_id": scheme.id})
        funds.write({"account_scheme_id": scheme.id})
        funds.action_apply_account_scheme()
        Account = self.env["account.account"]
        codes = {line.role: line.code for line in scheme.line_ids}
        for fund in funds:
            self.assertEqual(fund.booking_mode, "liability")
            self.assertEqual(fund.income_account_id.code, codes["receipts"])
            self.assertEqual(fund.expense_account_id, fund.income_account_id)
            self.assertEqual(fund.income_account_id.internal_group, "liability")
            self.assertEqual(fund.in_kind_account_id.code, codes["in_kind"])
            self.assertEqual(fund.transit_account_id.code, codes["transit"])
            self.assertTrue(fund.transit_account_id.reconcile)
        # the second fund found the accounts the first one created: one account per code
        for code in codes.values():
            self.assertEqual(
                Account.search_count([*Account._check_company_domain(self.env.company), ("code", "=", code)]),
                1,
            )
        # an officer of finance cannot create accounts through a scheme either
        other = self.env.ref("ctxh_donation.account_scheme_tt24_liability")
        with self.assertRaises(AccessError):
            other.with_user(self.finance)._ctxh_accounts(self.env.company)
