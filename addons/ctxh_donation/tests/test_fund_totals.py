"""The funds' running totals (ctxh_fund_total, issue #14): kept by PostgreSQL triggers on the
journal items, equal to the ledger whoever posts, resets or deletes an entry, and the only figures
that approving and paying support read."""

from odoo import Command, fields
from odoo.exceptions import UserError
from odoo.tests import new_test_user, tagged
from odoo.tools.misc import formatLang

from .. import uninstall_hook
from .common import CtxhDonationCommon, ledger_reads


@tagged("post_install", "-at_install")
class TestFundTotals(CtxhDonationCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Account = cls.env["account.account"]
        cls.journal2 = cls.env["account.journal"].create(
            {
                "name": "Fund Bank 2",
                "code": "TFB2",
                "type": "bank",
                "default_account_id": cls.bank_account.id,
                "suspense_account_id": cls.suspense_account.id,
                "restrict_mode_hash_table": True,
            }
        )
        cls.fund2 = cls.env["ctxh.fund"].create(
            {
                "name": "Quỹ Tết",
                "code": "TTET",
                "journal_id": cls.journal2.id,
                "income_account_id": cls.income_account.id,
                "expense_account_id": cls.expense_account.id,
            }
        )
        cls.other_income = Account.create(
            {"name": "Other Income", "code": "T7118", "account_type": "income_other"}
        )
        cls.general = cls.env["account.journal"].create(
            {"name": "Bút toán khác", "code": "TMISC", "type": "general"}
        )
        cls.not_a_fund = cls.env["account.analytic.account"].create(
            {"name": "Không phải quỹ", "plan_id": cls.fund.analytic_account_id.plan_id.id}
        )
        cls.accountant = new_test_user(
            cls.env, login="h14_accountant", groups="account.group_account_manager"
        )

    def _entry(self, amount, account, distribution):
        """An accountant's own entry (no ctxh document): money in on ``account`` (credit),
        carrying ``distribution``."""
        move = (
            self.env["account.move"]
            .with_user(self.accountant)
            .create(
                {
                    "move_type": "entry",
                    "journal_id": self.general.id,
                    "date": fields.Date.context_today(self.env["ctxh.donation"]),
                    "line_ids": [
                        Command.create({"account_id": self.bank_account.id, "debit": amount}),
                        Command.create(
                            {
                                "account_id": account.id,
                                "credit": amount,
                                "analytic_distribution": distribution,
                            }
                        ),
                    ],
                }
            )
        )
        move.action_post()
        return move

    def assertTotals(self, expected):
        """{fund: (received, disbursed)} as the running totals and as the journal items say."""
        funds = self.env["ctxh.fund"].browse([fund.id for fund in expected])
        self.env.invalidate_all()
        for source, balances in (
            ("running totals", funds._get_balances()),
            ("journal items", funds._get_balances(from_ledger=True)),
        ):
            actual = {fund: (balances[fund.id]["received"], balances[fund.id]["disbursed"]) for fund in funds}
            self.assertEqual(actual, expected, source)

    def test_totals_follow_the_documents(self):
        """Confirming, paying and cancelling move the totals by the documents' amounts."""
        self.assertTotals({self.fund: (0, 0), self.fund2: (0, 0)})
        donation = self._confirmed_donation(5_000_000)
        self._confirmed_donation(700_000, fund_id=self.fund2.id)
        self.assertTotals({self.fund: (5_000_000, 0), self.fund2: (700_000, 0)})
        allocation = self._approved(1_200_000)
        self.assertTotals({self.fund: (5_000_000, 0), self.fund2: (700_000, 0)})
        allocation.with_user(self.finance).action_pay()
        self.assertTotals({self.fund: (5_000_000, 1_200_000), self.fund2: (700_000, 0)})
        allocation.with_user(self.finance).action_cancel()
        self.assertTotals({self.fund: (5_000_000, 0), self.fund2: (700_000, 0)})
        donation.with_user(self.finance).action_cancel()
        self.assertTotals({self.fund: (0, 0), self.fund2: (700_000, 0)})
        self.assertEqual((self.fund | self.fund2)._ctxh_check_consistency(), [])

    def test_totals_follow_entries_posted_outside_ctxh(self):
        """An accountant's entry on the funds' account, its analytic split between two funds,
        counts for each fund by its share; reset to draft it no longer counts, and deleting the
        draft changes nothing. Items on other accounts or of other analytic accounts never count."""
        split = {str(self.fund.analytic_account_id.id): 60, str(self.fund2.analytic_account_id.id): 40}
        move = self._entry(1_000_000, self.income_account, split)
        self.assertTotals({self.fund: (600_000, 0), self.fund2: (400_000, 0)})
        self._entry(300_000, self.other_income, split)  # not a fund account
        self._entry(200_000, self.income_account, {str(self.not_a_fund.id): 100})  # no fund's analytic
        self.assertTotals({self.fund: (600_000, 0), self.fund2: (400_000, 0)})
        # the accountant reads no fund: posting locked them through a sudo() of which funds
        self.assertFalse(self.env["ctxh.fund"].with_user(self.accountant).has_access("read"))
        move.with_user(self.accountant).button_draft()
        self.assertTotals({self.fund: (0, 0), self.fund2: (0, 0)})
        move.with_user(self.accountant).action_post()
        self.assertTotals({self.fund: (600_000, 0), self.fund2: (400_000, 0)})
        move.with_user(self.accountant).button_draft()
        move.with_user(self.accountant).unlink()
        self.assertTotals({self.fund: (0, 0), self.fund2: (0, 0)})
        # the same account and analytic in one entry of many lines: each line counts once
        lines = [Command.create({"account_id": self.bank_account.id, "debit": 900_000})] + [
            Command.create(
                {
                    "account_id": self.income_account.id,
                    "credit": 300_000,
                    "analytic_distribution": {str(self.fund2.analytic_account_id.id): 100},
                }
            )
            for _index in range(3)
        ]
        self.env["account.move"].with_user(self.accountant).create(
            {"move_type": "entry", "journal_id": self.general.id, "line_ids": lines}
        ).action_post()
        self.assertTotals({self.fund: (0, 0), self.fund2: (900_000, 0)})
        self.assertEqual((self.fund | self.fund2)._ctxh_check_consistency(), [])

    def test_fund_accounts_changed_reads_its_items_again(self):
        """A fund without entries given another income account: the items of that account that
        carry the fund's analytic account are its money from then on."""
        self._entry(250_000, self.other_income, {str(self.fund2.analytic_account_id.id): 100})
        self.assertTotals({self.fund2: (0, 0)})
        self.fund2.income_account_id = self.other_income
        self.assertTotals({self.fund2: (250_000, 0)})
        self.assertEqual(self.fund2._ctxh_check_consistency(), [])

    def test_consistency_check_finds_tampered_totals(self):
        """Totals changed below the ORM: the check names the fund with both figures."""
        self._confirmed_donation(2_000_000)
        self.assertEqual(self.fund._ctxh_check_consistency(), [])
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE ctxh_fund_total SET received = received + 9 WHERE fund_id = %s", [self.fund.id]
        )
        problems = self.fund._ctxh_check_consistency()
        self.assertEqual(len(problems), 1, problems)
        self.assertIn(self.fund.display_name, problems[0])
        currency = self.fund.currency_id
        self.assertIn(formatLang(self.env, 2_000_009, currency_obj=currency), problems[0])
        self.assertIn(formatLang(self.env, 2_000_000, currency_obj=currency), problems[0])
        self.fund._ctxh_rebuild_totals()
        self.assertEqual(self.fund._ctxh_check_consistency(), [])

    def test_fund_without_totals_gets_them(self):
        """A fund whose totals row is missing (created below the ORM) has it computed when read."""
        self._confirmed_donation(400_000)
        self.env.flush_all()
        self.env.cr.execute("DELETE FROM ctxh_fund_total WHERE fund_id = %s", [self.fund.id])
        self.assertTotals({self.fund: (400_000, 0)})
        self.env.cr.execute("SELECT received FROM ctxh_fund_total WHERE fund_id = %s", [self.fund.id])
        self.assertEqual(self.env.cr.fetchone()[0], 400_000)

    def test_approving_and_paying_read_no_journal_item(self):
        """Approving and paying support check the fund's money against its running totals, never
        by reading the fund's journal items (whose number grows with every gift), and still refuse
        more than the fund holds."""
        self._confirmed_donation(3_000_000)
        allocation = self._allocation(1_000_000)
        allocation.action_submit()
        too_much = self._allocation(2_500_000)
        too_much.action_submit()
        self.env.flush_all()
        with ledger_reads() as reads:
            allocation.with_user(self.manager).action_approve()
            allocation.with_user(self.finance).action_pay()
            with self.assertRaisesRegex(UserError, "has only .*2.000.000"):
                too_much.with_user(self.manager).action_approve()
            self.env.flush_all()
        self.assertGreater(len(reads.queries), 20, "the spy saw the approvals and the payment")
        self.assertEqual(reads.ledger, [], "approving and paying read the fund's journal items")
        self.assertEqual(allocation.state, "paid")
        self.assertTotals({self.fund: (3_000_000, 1_000_000)})

    def test_posted_entry_keeps_its_document(self):
        """A posted entry cannot be made the entry of a ctxh document afterwards (its side on a
        fund held on behalf of patients, and so the fund's totals, would change)."""
        move = self._entry(100_000, self.income_account, {str(self.fund.analytic_account_id.id): 100})
        with self.assertRaisesRegex(UserError, "cannot become the entry of a ctxh document"):
            move.with_user(self.accountant).write({"ctxh_res_model": "ctxh.donation"})
        with self.assertRaisesRegex(UserError, "cannot become the entry of a ctxh document"):
            move.sudo().write({"ctxh_res_model": "ctxh.allocation"})

    def test_uninstall_drops_the_triggers(self):
        """Uninstalling ctxh_donation leaves no trigger reading its dropped tables."""

        def triggers():
            self.env.cr.execute(
                "SELECT tgname FROM pg_trigger WHERE tgname LIKE 'ctxh_fund_total_%%' ORDER BY tgname"
            )
            return [row[0] for row in self.env.cr.fetchall()]

        expected = ["ctxh_fund_total_delete", "ctxh_fund_total_insert", "ctxh_fund_total_update"]
        self.assertEqual(triggers(), expected)
        self.env.flush_all()
        self.env.cr.execute("SAVEPOINT ctxh_uninstall")
        uninstall_hook(self.env)
        self.assertEqual(triggers(), [])
        self.env.cr.execute("SELECT to_regclass('ctxh_fund_total')")
        self.assertIsNone(self.env.cr.fetchone()[0])
        self.env.cr.execute("ROLLBACK TO SAVEPOINT ctxh_uninstall")
        self.assertEqual(triggers(), expected)
