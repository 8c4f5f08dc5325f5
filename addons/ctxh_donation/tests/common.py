from contextlib import contextmanager
from types import SimpleNamespace
from unittest.mock import patch

from odoo import Command
from odoo.sql_db import Cursor
from odoo.tests import new_test_user
from odoo.tests.common import TransactionCase

# What a read of a fund's journal items looks like (ctxh_fund_balance: ANALYTIC_KEYS, the ledger
# view, _keyed_items_sql).
LEDGER_READS = ("jsonb_path_query_array", "ctxh_fund_ledger", "jsonb_each_text(aml.analytic_distribution)")


@contextmanager
def ledger_reads():
    """The SQL queries run inside the block: ``queries`` all of them, ``ledger`` those that read
    a fund's journal items (approvals, payments and the dashboard must run none)."""
    found = SimpleNamespace(queries=[], ledger=[])
    execute = Cursor.execute

    def spy(cr, query, params=None, log_exceptions=True):
        text = str(query)
        found.queries.append(text)
        if any(mark in text for mark in LEDGER_READS):
            found.ledger.append(text)
        return execute(cr, query, params, log_exceptions)

    with patch.object(Cursor, "execute", spy):
        yield found


def setup_ctxh_donation_data(cls, env, suffix=""):
    """Accounts, a hash-secured bank journal, a fund, cases, users: no reliance on demo data
    nor on the company's chart of accounts."""
    company = env.company
    Account = env["account.account"]
    cls.bank_account = Account.create(
        {"name": "Fund Bank", "code": f"T112{suffix}", "account_type": "asset_cash"}
    )
    cls.income_account = Account.create(
        {"name": "Donation Income", "code": f"T711{suffix}", "account_type": "income_other"}
    )
    cls.expense_account = Account.create(
        {"name": "Support Expense", "code": f"T811{suffix}", "account_type": "expense"}
    )
    cls.in_kind_account = Account.create(
        {"name": "Donated Goods", "code": f"T156{suffix}", "account_type": "asset_current"}
    )
    cls.suspense_account = Account.create(
        {"name": "Bank Suspense", "code": f"T113{suffix}", "account_type": "asset_current"}
    )
    cls.journal = env["account.journal"].create(
        {
            "name": f"Fund Bank {suffix}",
            "code": f"TF{suffix}"[:5],
            "type": "bank",
            "default_account_id": cls.bank_account.id,
            "suspense_account_id": cls.suspense_account.id,
            "restrict_mode_hash_table": True,
            "company_id": company.id,
        }
    )
    cls.fund = env["ctxh.fund"].create(
        {
            "name": f"Test Fund {suffix}",
            "code": f"TFUND{suffix}",
            "journal_id": cls.journal.id,
            "income_account_id": cls.income_account.id,
            "expense_account_id": cls.expense_account.id,
            "in_kind_account_id": cls.in_kind_account.id,
        }
    )
    cls.analytic = cls.fund.analytic_account_id
    cls.case_type = env.ref("ctxh_case.case_type_financial")
    cls.other_case_type = env.ref("ctxh_case.case_type_violence")
    Partner = env["res.partner"]
    cls.patient_a = Partner.create({"name": "Nguyễn Văn Bệnh Nhân A"})
    cls.patient_b = Partner.create({"name": "Trần Thị Bệnh Nhân B"})
    Case = env["ctxh.case"]
    cls.case_a = Case.create(
        {
            "partner_id": cls.patient_a.id,
            "case_type_id": cls.case_type.id,
            "medical_record_number": f"BA-SECRET-A{suffix}",
        }
    )
    cls.case_b = Case.create(
        {
            "partner_id": cls.patient_b.id,
            "case_type_id": cls.other_case_type.id,
            "medical_record_number": f"BA-SECRET-B{suffix}",
        }
    )
    # Support goes to cases receiving services: the workflow wants a completed assessment first.
    cases = cls.case_a | cls.case_b
    env["ctxh.case.assessment"].create([{"case_id": case.id} for case in cases]).action_done()
    cases.stage_id = env.ref("ctxh_case.stage_services")
    cls.hospital_fees = env.ref("ctxh_case.support_type_hospital_fees")
    cls.emergency_cash = env.ref("ctxh_case.support_type_emergency_cash")
    cls.donor = Partner.create({"name": "Công ty TNHH Ánh Dương"})


class CtxhDonationCommon(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # English messages: the refusal assertions match the source text. Every user of the tests
        # lives in the timezone of the one who creates the records (the hospital's): "today" of a
        # default date and of the check that refuses money dated after today is the same day, also
        # between 17:00 and 24:00 UTC when it is already tomorrow in Vietnam.
        cls.env = cls.env(
            context=dict(
                cls.env.context,
                tracking_disable=True,
                mail_create_nolog=True,
                lang="en_US",
                tz=cls.env.user.tz or "UTC",
            )
        )
        cls.env.company.ctxh_second_approval_amount = 10_000_000
        setup_ctxh_donation_data(cls, cls.env)
        cls.officer = new_test_user(
            cls.env, login="h4_officer", groups="ctxh_case.group_ctxh_officer,ctxh_case.group_ctxh_sensitive"
        )
        # an officer of the same team outside the Sensitive Cases group (case B is a violence case)
        cls.officer_plain = new_test_user(
            cls.env, login="h4_officer_plain", groups="ctxh_case.group_ctxh_officer"
        )
        cls.manager = new_test_user(cls.env, login="h4_manager", groups="ctxh_case.group_ctxh_manager")
        cls.manager2 = new_test_user(cls.env, login="h4_manager2", groups="ctxh_case.group_ctxh_manager")
        cls.auditor = new_test_user(
            cls.env, login="h4_auditor", groups="ctxh_donation.group_ctxh_finance_auditor"
        )
        cls.finance = new_test_user(
            cls.env, login="h4_finance", groups="ctxh_donation.group_ctxh_finance_officer"
        )
        cls.team = cls.env["ctxh.team"].create(
            {"name": "Tổ CTXH thử", "member_ids": [Command.set((cls.officer | cls.officer_plain).ids)]}
        )
        (cls.case_a | cls.case_b).team_id = cls.team

    def _donation(self, amount, **kwargs):
        vals = {
            "partner_id": self.donor.id,
            "fund_id": self.fund.id,
            "channel": "bank",
            "amount_currency": amount,
            "date": "2026-01-10",
        }
        vals.update(kwargs)
        return self.env["ctxh.donation"].create(vals)

    def _confirmed_donation(self, amount, **kwargs):
        donation = self._donation(amount, **kwargs)
        donation.with_user(self.finance).action_confirm()
        return donation

    def _allocation(self, amount, case=None, **kwargs):
        vals = {
            "case_id": (case or self.case_a).id,
            "fund_id": self.fund.id,
            "support_type_id": self.hospital_fees.id,
            "method": "bank",
            "amount": amount,
        }
        vals.update(kwargs)
        return self.env["ctxh.allocation"].with_user(self.officer).create(vals)

    def _approved(self, amount, case=None, **kwargs):
        allocation = self._allocation(amount, case=case, **kwargs)
        allocation.action_submit()
        allocation.with_user(self.manager).action_approve()
        return allocation

    def _paid(self, amount, case=None, **kwargs):
        allocation = self._approved(amount, case=case, **kwargs)
        allocation.with_user(self.finance).action_pay()
        return allocation

    def assertMoveLines(self, move, expected):
        """expected: list of (account, debit, credit, analytic_distribution or None)."""
        move = move.sudo()
        self.assertEqual(move.state, "posted")
        actual = sorted(
            (line.account_id.id, line.debit, line.credit, line.analytic_distribution or None)
            for line in move.line_ids
        )
        wanted = sorted(
            (account.id, debit, credit, distribution) for account, debit, credit, distribution in expected
        )
        self.assertEqual(actual, wanted)

    def assertBalances(self, received, disbursed, committed, available, fund=None):
        fund = fund or self.fund
        expected = {
            "received": received,
            "disbursed": disbursed,
            "committed": committed,
            "available": available,
        }
        self.assertEqual(fund._get_balances()[fund.id], expected, "the fund's running totals")
        self.assertEqual(fund._get_balances(from_ledger=True)[fund.id], expected, "the fund's journal items")
        fund.invalidate_recordset()
        self.assertEqual(
            (fund.received, fund.disbursed, fund.committed, fund.available),
            (received, disbursed, committed, available),
        )

    def fund_distribution(self):
        return {str(self.analytic.id): 100.0}

    @staticmethod
    def commands(*vals):
        return [Command.create(v) for v in vals]
