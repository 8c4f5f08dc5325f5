import base64
import time
from pathlib import Path

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import CtxhDonationCommon

DATA = Path(__file__).parent / "data"


@tagged("post_install", "-at_install")
class TestBankStatement(CtxhDonationCommon):
    """Bank statement in, donations out (issue #11): the files two Vietnamese banks export (and
    an OFX file) imported by a finance officer into the funds' hash-locked journals; incoming
    lines become draft donations matched by the campaign's reference and the donor's bank
    account or name; confirmed in one call, each entry reconciled with its statement line; the
    hash chain holds; a file imported twice adds nothing; what is not matched stays listed."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        company = env.company
        Account = env["account.account"]
        cls.transit = Account.create(
            {"name": "Tiền đang chuyển", "code": "T1131B", "account_type": "asset_current", "reconcile": True}
        )
        cls.held_account = Account.create(
            {"name": "Nhận giữ hộ", "code": "T3388B", "account_type": "liability_current"}
        )
        Bank = env["res.bank"]
        vcb = Bank.create({"name": "Vietcombank", "bic": "970436"})
        bidv = Bank.create({"name": "BIDV", "bic": "970418"})
        PartnerBank = env["res.partner.bank"]
        Journal = env["account.journal"]
        cls.journal_vcb = Journal.create(
            {
                "name": "Quỹ CTXH - Vietcombank",
                "code": "TVCB",
                "type": "bank",
                "restrict_mode_hash_table": True,
                "bank_account_id": PartnerBank.create(
                    {"acc_number": "0011004567890", "bank_id": vcb.id, "partner_id": company.partner_id.id}
                ).id,
                "default_sheet_mapping_id": env.ref("ctxh_donation.sheet_mapping_vietcombank").id,
            }
        )
        cls.journal_bidv = Journal.create(
            {
                "name": "Quỹ giữ hộ - BIDV",
                "code": "TBIDV",
                "type": "bank",
                "restrict_mode_hash_table": True,
                "bank_account_id": PartnerBank.create(
                    {"acc_number": "4801000123456", "bank_id": bidv.id, "partner_id": company.partner_id.id}
                ).id,
                "default_sheet_mapping_id": env.ref("ctxh_donation.sheet_mapping_bidv").id,
            }
        )
        Fund = env["ctxh.fund"]
        cls.fund_vcb = Fund.create(
            {
                "name": "Quỹ hỗ trợ người bệnh nghèo",
                "code": "QNB26",
                "journal_id": cls.journal_vcb.id,
                "income_account_id": cls.income_account.id,
                "expense_account_id": cls.expense_account.id,
                "transit_account_id": cls.transit.id,
            }
        )
        cls.fund_bidv = Fund.create(
            {
                "name": "Quỹ giữ hộ người bệnh",
                "code": "QGH26",
                "booking_mode": "liability",
                "journal_id": cls.journal_bidv.id,
                "income_account_id": cls.held_account.id,
                "expense_account_id": cls.held_account.id,
                "transit_account_id": cls.transit.id,
            }
        )
        Campaign = env["ctxh.campaign"]
        cls.tet = Campaign.create(
            {
                "name": "Xuân yêu thương",
                "fund_id": cls.fund_vcb.id,
                "date_start": "2026-01-01",
                "reference": "TET26",
            }
        )
        cls.heart = Campaign.create(
            {
                "name": "Mổ tim cho em",
                "fund_id": cls.fund_bidv.id,
                "date_start": "2026-01-01",
                "reference": "MO26",
            }
        )
        Partner = env["res.partner"]
        # known donors: by bank account (An, the company), by the name of a past gift (Bình)
        cls.an = Partner.create({"name": "Nguyễn Văn An"})
        PartnerBank.create({"acc_number": "0071000123456", "partner_id": cls.an.id})
        PartnerBank.create({"acc_number": "0491000111222", "partner_id": cls.donor.id})
        cls.binh = Partner.create({"name": "Trần Thị Bình"})
        cls._donation(cls, 100_000, partner_id=cls.binh.id, channel="cash").with_user(
            cls.finance
        ).action_confirm()
        cls.accountant = new_test_user(env, login="h11_bank_accountant", groups="account.group_account_user")

    def _import(self, filename, journal, user=None):
        content = (DATA / filename).read_bytes()
        if filename.endswith(".ofx"):
            # the bank's file is in VND; a hospital keeping its books in another currency (the
            # generic chart's run) gets its statement in its own
            content = content.replace(b"<CURDEF>VND", f"<CURDEF>{self.env.company.currency_id.name}".encode())
        wizard = (
            self.env["account.statement.import"]
            .with_user(user or self.finance)
            .create(
                {
                    "ctxh_journal_id": journal.id,
                    "sheet_mapping_id": journal.default_sheet_mapping_id.id,
                    "statement_file": base64.b64encode(content),
                    "statement_filename": filename,
                }
            )
        )
        if filename.endswith(".ofx"):
            wizard.sheet_mapping_id = False
        return wizard.import_file_button()

    def _lines(self, journal):
        return self.env["account.bank.statement.line"].search(
            [("journal_id", "=", journal.id)], order="date, id"
        )

    def _unmatched(self, journal):
        return self.env["account.bank.statement.line"].search(
            [
                ("ctxh_fund_journal", "=", True),
                ("ctxh_donation_ids", "=", False),
                ("journal_id", "=", journal.id),
            ]
        )

    def _balance(self, account, journal):
        lines = self.env["account.move.line"].search(
            [
                ("account_id", "=", account.id),
                ("journal_id", "=", journal.id),
                ("parent_state", "=", "posted"),
            ]
        )
        return sum(lines.mapped("balance"))

    def assertHashChainVerified(self, journal):
        moves = self.env["account.move"].search([("journal_id", "=", journal.id), ("state", "=", "posted")])
        self.assertTrue(moves)
        self.assertNotIn(False, moves.mapped("inalterable_hash"), "every entry of the fund journal is hashed")
        results = self.env.company.with_user(self.accountant)._check_hash_integrity()["results"]
        mine = [result for result in results if result["journal_name"].startswith(journal.name)]
        self.assertTrue(mine)
        self.assertEqual({result["status"] for result in mine}, {"verified"}, mine)

    def test_vietcombank_xlsx_import_match_confirm_reconcile(self):
        start = time.perf_counter()
        self._import("vietcombank_sao_ke.xlsx", self.journal_vcb)
        elapsed = time.perf_counter() - start
        lines = self._lines(self.journal_vcb)
        self.assertEqual(lines.mapped("amount"), [2_000_000, 500_000, 300_000, -50_000, 1_000_000])
        self.assertEqual(
            [str(day) for day in lines.mapped("date")],
            ["2026-01-05", "2026-01-06", "2026-01-07", "2026-01-08", "2026-01-09"],
        )
        self.assertEqual(lines[0].payment_ref, "NGUYEN VAN AN chuyen tien UH TET26")
        self.assertEqual(lines[0].partner_name, "NGUYEN VAN AN")
        # every statement entry is posted, hashed and reconciled (against the transit account)
        self.assertTrue(all(lines.mapped("is_reconciled")))
        self.assertHashChainVerified(self.journal_vcb)
        donations = lines.ctxh_donation_ids.sorted("date")
        self.assertEqual(len(donations), 3, f"import of {len(lines)} lines in {elapsed:.2f}s")
        self.assertEqual(set(donations.mapped("state")), {"draft"})
        self.assertEqual(
            [(d.statement_line_id, d.campaign_id, d.fund_id, d.partner_id, d.amount) for d in donations],
            [
                (lines[0], self.tet, self.fund_vcb, self.an, 2_000_000),  # reference, bank account
                (lines[1], self.tet, self.fund_vcb, self.binh, 500_000),  # UHTET26 glued, name
                (lines[4], self.env["ctxh.campaign"], self.fund_vcb, self.donor, 1_000_000),  # fund code
            ],
        )
        # no reference, and money out: kept in the list to handle
        self.assertEqual(self._unmatched(self.journal_vcb), lines[2] | lines[3])

        # the same file again adds nothing (OCA's unique import id)
        with self.assertRaisesRegex(UserError, "already imported"):
            self._import("vietcombank_sao_ke.xlsx", self.journal_vcb)
        self.assertEqual(self._lines(self.journal_vcb), lines)
        self.assertEqual(lines.ctxh_donation_ids, donations)

        # the finance officer confirms them all in one call; entries reconciled with the lines
        donations.with_user(self.finance).action_confirm()
        self.assertEqual(set(donations.mapped("state")), {"confirmed"})
        for donation in donations:
            self.assertMoveLines(
                donation.move_id,
                [
                    (self.transit, donation.amount, 0, None),
                    (
                        self.income_account,
                        0,
                        donation.amount,
                        {str(self.fund_vcb.analytic_account_id.id): 100.0},
                    ),
                ],
            )
            transit_lines = donation.move_id.line_ids.filtered(lambda line: line.account_id == self.transit)
            statement_transit = donation.statement_line_id._ctxh_transit_line()
            self.assertTrue(transit_lines.reconciled and statement_transit.reconciled)
            self.assertEqual(transit_lines.full_reconcile_id, statement_transit.full_reconcile_id)
        self.assertHashChainVerified(self.journal_vcb)

        # the line without reference: the officer records its donation by hand
        action = lines[2].with_user(self.finance).action_ctxh_new_donation()
        manual = (
            self.env["ctxh.donation"]
            .with_user(self.finance)
            .with_context(**action["context"])
            .create({"is_anonymous": True})
        )
        self.assertEqual(
            (manual.statement_line_id, manual.amount, manual.fund_id), (lines[2], 300_000, self.fund_vcb)
        )
        manual.with_user(self.finance).action_confirm()
        self.assertEqual(self._unmatched(self.journal_vcb), lines[3])
        # bank = the fund's ledger, but for the bank fee still waiting on the transit account
        self.fund_vcb.invalidate_recordset()
        self.assertEqual(self.fund_vcb.received, 3_800_000)
        self.assertEqual(self._balance(self.journal_vcb.default_account_id, self.journal_vcb), 3_750_000)
        self.assertEqual(self._balance(self.transit, self.journal_vcb), 50_000)
        waiting = sum(self._unmatched(self.journal_vcb).mapped("amount"))
        self.assertEqual(
            self._balance(self.journal_vcb.default_account_id, self.journal_vcb),
            self.fund_vcb.received - self.fund_vcb.disbursed + waiting,
        )
        self.assertHashChainVerified(self.journal_vcb)

    def test_cancelled_gift_gives_its_line_back(self):
        """A confirmed gift from the statement, cancelled: its reversal reopens the line's transit
        item, the line is to handle again and can be recorded once more; the hash holds."""
        self._import("vietcombank_sao_ke.xlsx", self.journal_vcb)
        line = self._lines(self.journal_vcb)[0]
        first = line.ctxh_donation_ids
        first.with_user(self.finance).action_confirm()
        self.assertTrue(line.ctxh_matched)
        first.with_user(self.finance).action_cancel()
        line.invalidate_recordset()
        self.assertFalse(line._ctxh_transit_line().reconciled)
        self.assertFalse(line.ctxh_matched)
        self.assertEqual(self.fund_vcb._get_balances()[self.fund_vcb.id]["received"], 0)
        second = line.with_user(self.finance)._ctxh_make_donations()
        self.assertEqual(second.statement_line_id, line)
        with self.assertRaisesRegex(ValidationError, "one donation only"):
            self._donation(2_000_000, fund_id=self.fund_vcb.id, statement_line_id=line.id)
        second.with_user(self.finance).action_confirm()
        self.assertTrue(line._ctxh_transit_line().reconciled and line.ctxh_matched)
        self.assertHashChainVerified(self.journal_vcb)

    def test_outgoing_line_matched_to_paid_support(self):
        """Support paid by bank transfer waits on the transit account until the bank statement
        shows the transfer: the outgoing line carrying the allocation's reference is reconciled
        with it, and the bank equals the fund's ledger."""
        self._import("vietcombank_sao_ke.xlsx", self.journal_vcb)
        lines = self._lines(self.journal_vcb)
        lines.ctxh_donation_ids.with_user(self.finance).action_confirm()
        allocation = self._paid(1_200_000, fund_id=self.fund_vcb.id)
        self.assertMoveLines(
            allocation.move_id,
            [
                (self.expense_account, 1_200_000, 0, {str(self.fund_vcb.analytic_account_id.id): 100.0}),
                (self.transit, 0, 1_200_000, None),
            ],
        )
        Line = self.env["account.bank.statement.line"].with_user(self.finance)
        outgoing, other = Line.create(
            [
                {
                    "journal_id": self.journal_vcb.id,
                    "date": "2026-01-12",
                    "amount": -1_200_000,
                    "payment_ref": f"CK ho tro vien phi {allocation.name.replace('/', '')}",
                },
                {
                    "journal_id": self.journal_vcb.id,
                    "date": "2026-01-12",
                    "amount": -1_200_000,
                    "payment_ref": "CK",
                },
            ]
        )
        self.assertEqual((outgoing | other)._ctxh_match_payments(), allocation)
        self.assertTrue(outgoing.ctxh_matched)
        self.assertFalse(other.ctxh_matched)
        self.assertTrue(
            allocation.move_id.line_ids.filtered(lambda line: line.account_id == self.transit).reconciled
        )
        to_handle = self.env["account.bank.statement.line"].search(
            [("journal_id", "=", self.journal_vcb.id), ("ctxh_matched", "=", False)]
        )
        self.assertEqual(to_handle, lines[2] | lines[3] | other)
        # bank = received - disbursed + what still waits on the statement side
        self.fund_vcb.invalidate_recordset()
        waiting = sum(to_handle.mapped("amount"))
        self.assertEqual(
            self._balance(self.journal_vcb.default_account_id, self.journal_vcb),
            self.fund_vcb.received - self.fund_vcb.disbursed + waiting,
        )
        self.assertHashChainVerified(self.journal_vcb)

    def test_bidv_csv_liability_fund(self):
        self._import("bidv_sao_ke.csv", self.journal_bidv)
        lines = self._lines(self.journal_bidv)
        self.assertEqual(lines.mapped("amount"), [1_500_000, 200_000, 750_000])
        self.assertEqual(lines[0].payment_ref, "UH MO26 ung ho phau thuat tim, chuc chau mau khoe")
        donations = lines.ctxh_donation_ids.sorted("date")
        self.assertEqual(
            [(d.statement_line_id, d.campaign_id, d.partner_id) for d in donations],
            [(lines[0], self.heart, self.env["res.partner"]), (lines[1], self.heart, self.an)],
        )
        self.assertEqual(self._unmatched(self.journal_bidv), lines[2])  # unknown reference XYZ99
        # a gift from someone nobody knows yet: the officer says who gave (or anonymous) first
        with self.assertRaisesRegex(ValidationError, "Choose the donor"):
            donations.with_user(self.finance).action_confirm()
        self.assertEqual(set(donations.mapped("state")), {"draft"})
        donations[0].with_user(self.finance).is_anonymous = True
        donations.with_user(self.finance).action_confirm()
        held = {str(self.fund_bidv.analytic_account_id.id): 100.0}
        self.assertMoveLines(
            donations[0].move_id,
            [(self.transit, 1_500_000, 0, None), (self.held_account, 0, 1_500_000, held)],
        )
        self.assertBalances(1_700_000, 0, 0, 1_700_000, fund=self.fund_bidv)
        self.assertHashChainVerified(self.journal_bidv)
        with self.assertRaisesRegex(UserError, "already imported"):
            self._import("bidv_sao_ke.csv", self.journal_bidv)
        self.assertEqual(len(self._lines(self.journal_bidv)), 3)

    def test_ofx_import(self):
        self._import("vietcombank_sao_ke.ofx", self.journal_vcb)
        lines = self._lines(self.journal_vcb)
        self.assertEqual(lines.mapped("amount"), [400_000, 250_000])
        donations = lines.ctxh_donation_ids.sorted("date")
        self.assertEqual(donations.campaign_id, self.tet)
        self.assertEqual(donations.mapped("partner_id"), self.binh)  # by name; Hoàng Văn Em unknown
        with self.assertRaisesRegex(UserError, "already imported"):
            self._import("vietcombank_sao_ke.ofx", self.journal_vcb)
        self.assertEqual(self._lines(self.journal_vcb), lines)

    def test_rights_and_refusals(self):
        # a social worker imports nothing
        with self.assertRaises(AccessError):
            self._import("vietcombank_sao_ke.xlsx", self.journal_vcb, user=self.officer)
        # a bank gift into a fund fed by its bank statement comes from a statement line
        gift = self._donation(100_000, fund_id=self.fund_vcb.id)
        with self.assertRaisesRegex(UserError, "through its bank statement"):
            gift.with_user(self.finance).action_confirm()
        # a hash-locked fund journal without a transit account: a clear refusal, nothing written
        with self.assertRaisesRegex(UserError, "money in transit account"):
            self.env["account.bank.statement.line"].with_user(self.finance).create(
                {"journal_id": self.journal.id, "amount": 10_000, "payment_ref": "x", "date": "2026-01-05"}
            )
        # a statement line cannot change donation once confirmed
        self._import("vietcombank_sao_ke.xlsx", self.journal_vcb)
        donation = self._lines(self.journal_vcb)[0].ctxh_donation_ids
        donation.with_user(self.finance).action_confirm()
        with self.assertRaises(UserError):
            donation.with_user(self.finance).statement_line_id = self._lines(self.journal_vcb)[2]
