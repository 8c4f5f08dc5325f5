"""Query budgets of the money paths (issue #14): what ctxh adds to Odoo's own posting does not
grow with the number of documents of a call, nor with the history of the fund.

Odoo's posting itself runs a few queries per entry (balance check, analytic checks); the tests
measure it in the same run (``_bare_posting``: the same entries through account.move) and assert
that ctxh's extra queries are the same for 10 and for 100 documents, and the same in a fund with
a short or a long history.
"""

import logging
from unittest.mock import patch

import odoo
from odoo import Command, fields
from odoo.tests import tagged

from ..models import ctxh_fund_attribution
from .common import CtxhDonationCommon

_logger = logging.getLogger(__name__)


def count_queries(func):
    """(value, number of SQL queries) of ``func``, pending writes included."""
    before = odoo.sql_db.sql_counter
    value = func()
    return value, odoo.sql_db.sql_counter - before


@tagged("post_install", "-at_install")
class TestMoneyQueryBudget(CtxhDonationCommon):
    def setUp(self):
        super().setUp()
        self.env.flush_all()
        self.date = fields.Date.context_today(self.env["ctxh.donation"])

    def _drafts(self, count, fund=None, **kwargs):
        fund = fund or self.fund
        return self.env["ctxh.donation"].create(
            [
                {
                    "partner_id": self.donor.id,
                    "fund_id": fund.id,
                    "channel": "cash",
                    "amount_currency": 100_000 + index * 1_000,
                    "date": self.date,
                    **kwargs,
                }
                for index in range(count)
            ]
        )

    def _bare_posting(self, count, journal, accounts, analytic_on_debit=False):
        """Queries of Odoo's own posting of ``count`` two-line entries into ``journal`` (the fund's
        analytic account on the credit line, or on the debit line)."""
        debit_account, credit_account = accounts
        analytic = {"analytic_distribution": self.fund_distribution()}
        vals_list = [
            {
                "move_type": "entry",
                "journal_id": journal.id,
                "date": self.date,
                "ref": f"bare {index}",
                "line_ids": [
                    Command.create(
                        {
                            "account_id": debit_account.id,
                            "balance": 1000.0,
                            "name": "x",
                            **(analytic if analytic_on_debit else {}),
                        }
                    ),
                    Command.create(
                        {
                            "account_id": credit_account.id,
                            "balance": -1000.0,
                            "name": "x",
                            **({} if analytic_on_debit else analytic),
                        }
                    ),
                ],
            }
            for index in range(count)
        ]

        def post():
            Move = self.env["account.move"].with_context(validate_analytic=True, tracking_disable=True)
            Move.create(vals_list)._post(soft=False)
            self.env.flush_all()

        self.env.invalidate_all()
        return count_queries(post)[1]

    def _confirm(self, donations):
        def confirm():
            donations.with_user(self.finance).action_confirm()
            self.env.flush_all()

        self.env.invalidate_all()
        return count_queries(confirm)[1]

    def test_confirming_10_or_100_donations(self):
        """Confirming 90 more gifts in one call costs no more queries than Odoo's own posting of
        90 more entries (ctxh numbers the batch with one look-up per journal and month where Odoo
        looks up each entry's number, and draws the receipt numbers in one go)."""
        bare = {
            count: self._bare_posting(count, self.journal, (self.bank_account, self.income_account))
            for count in (10, 100)
        }
        confirm = {count: self._confirm(self._drafts(count)) for count in (10, 100)}
        _logger.info(
            "queries: confirming 10 / 100 donations %s, Odoo's posting of 10 / 100 entries %s", confirm, bare
        )
        self.assertLessEqual(confirm[100] - confirm[10], bare[100] - bare[10], (confirm, bare))
        self.assertLessEqual(confirm[100] - confirm[10], 90 * 4, (confirm, bare))

    def test_confirming_in_a_fund_with_history(self):
        """Ten gifts cost the same queries after 10 or after 150 earlier entries in the journal;
        and they are numbered on from the journal's last entry, without a gap."""
        self._confirm(self._drafts(10))
        short = self._confirm(self._drafts(10))
        self._bare_posting(130, self.journal, (self.bank_account, self.income_account))
        self._confirm(self._drafts(10))
        last = self.env["account.move"].search(
            [("journal_id", "=", self.journal.id)], order="id desc", limit=1
        )
        long_drafts = self._drafts(10)
        self.env.flush_all()
        long = self._confirm(long_drafts)
        self.assertEqual(short, long)
        numbers = [move.sequence_number for move in long_drafts.move_id.sorted("id")]
        self.assertEqual(numbers, list(range(last.sequence_number + 1, last.sequence_number + 11)))
        self.assertEqual(len(set(long_drafts.move_id.mapped("name"))), 10)

    def _approved_many(self, count, amount=10_000, donation=None):
        allocations = (
            self.env["ctxh.allocation"]
            .with_user(self.officer)
            .create(
                [
                    {
                        "case_id": self.case_a.id,
                        "fund_id": self.fund.id,
                        "support_type_id": self.hospital_fees.id,
                        "method": "bank",
                        "amount": amount,
                        "donation_id": donation.id if donation else False,
                    }
                    for _index in range(count)
                ]
            )
        )
        allocations.action_submit()
        allocations.with_user(self.manager).action_approve()
        self.env.flush_all()
        return allocations

    def _pay(self, allocations):
        def pay():
            allocations.with_user(self.finance).action_pay()
            self.env.flush_all()

        self.env.invalidate_all()
        return count_queries(pay)[1]

    def test_paying_10_or_100_allocations(self):
        """Paying 90 more allocations in one call costs no more queries than Odoo's own posting of
        90 more entries."""
        self._confirm(self._drafts(30))
        self._pay(self._approved_many(1))  # the first payment of the fund opens its numbering
        accounts = (self.expense_account, self.bank_account)
        bare = {
            count: self._bare_posting(count, self.journal, accounts, analytic_on_debit=True)
            for count in (10, 100)
        }
        pay = {count: self._pay(self._approved_many(count)) for count in (10, 100)}
        _logger.info(
            "queries: paying 10 / 100 allocations %s, Odoo's posting of 10 / 100 entries %s", pay, bare
        )
        self.assertLessEqual(pay[100] - pay[10], bare[100] - bare[10], (pay, bare))

    def test_paying_after_many_donations(self):
        """A payment reads a chunk of the oldest open donations, not all of them: the same
        queries with one or with four chunks' worth of earlier gifts."""
        with patch.object(ctxh_fund_attribution, "CHUNK", 20):
            self._confirm(self._drafts(5))
            self._pay(self._approved_many(1))
            few = self._pay(self._approved_many(3))
            self._confirm(self._drafts(60))
            self._pay(self._approved_many(1))
            many = self._pay(self._approved_many(3))
        self.assertEqual(few, many)

    def test_attribution_across_chunks_skips_other_patients_money(self):
        """FIFO over more open donations than one chunk: the oldest free money first, gifts
        designated to another patient left alone, the allocation's own designated gift first."""
        with patch.object(ctxh_fund_attribution, "CHUNK", 3):
            others = self._drafts(4, restriction="case", case_id=self.case_b.id)
            free = self._drafts(5)
            (others | free).with_user(self.finance).action_confirm()
            own = self._drafts(1, restriction="case", case_id=self.case_a.id)
            own.with_user(self.finance).action_confirm()
            designated = self._approved_many(1, amount=own.amount, donation=own)
            general = self._approved_many(1, amount=free[0].amount + 50_000)
            (designated | general).with_user(self.finance).action_pay()
        self.assertEqual(
            [(source.donation_id, source.amount) for source in designated.sudo().source_ids],
            [(own, own.amount)],
        )
        self.assertEqual(
            [(source.donation_id, source.amount) for source in general.sudo().source_ids.sorted("id")],
            [(free[0], free[0].amount), (free[1], 50_000)],
        )
        self.assertFalse(others.sudo().source_ids)
