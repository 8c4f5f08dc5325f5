import csv
import io

import openpyxl

from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.ctxh_case.tests.common import assert_prints_on_a4, pdf_text, to_pdf

from ..models.bank_text import mask_text
from .common import setup_ctxh_donation_data


@tagged("post_install", "-at_install")
class TestPublishedStatement(HttpCase):
    """The published statement of a campaign (sao kê, issue #11): every receipt with its masked
    transfer content and every use of the money by support type, totals equal to the journal
    items; on the public page and as xlsx and csv downloads; never a patient."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = env = cls.env(context=dict(cls.env.context, tracking_disable=True, lang="en_US"))
        setup_ctxh_donation_data(cls, env, suffix="S")
        cls.transit = env["account.account"].create(
            {"name": "Transit", "code": "T1131S", "account_type": "asset_current", "reconcile": True}
        )
        cls.fund.transit_account_id = cls.transit
        cls.finance = new_test_user(
            env, login="h11_sk_finance", groups="ctxh_donation.group_ctxh_finance_officer"
        )
        cls.officer = new_test_user(
            env, login="h11_sk_officer", groups="ctxh_case.group_ctxh_officer,ctxh_case.group_ctxh_sensitive"
        )
        cls.manager = new_test_user(env, login="h11_sk_manager", groups="ctxh_case.group_ctxh_manager")
        cls.case_a.team_id = env["ctxh.team"].create(
            {"name": "Tổ sao kê", "member_ids": [Command.set(cls.officer.ids)]}
        )
        cls.campaign = env["ctxh.campaign"].create(
            {
                "name": "Xuân yêu thương",
                "fund_id": cls.fund.id,
                "date_start": "2026-01-01",
                "reference": "TET26",
                "statement_published": True,
            }
        )
        Partner = env["res.partner"]
        cls.an = Partner.create({"name": "Nguyễn Văn An"})
        cls.hoa = Partner.create({"name": "Lê Thị Hoa"})
        lines = env["account.bank.statement.line"].create(
            [
                {
                    "journal_id": cls.journal.id,
                    "date": "2026-01-05",
                    "amount": amount,
                    "payment_ref": ref,
                    "partner_name": name,
                }
                for amount, ref, name in (
                    (2_000_000, "NGUYEN VAN AN ung ho UH TET26 sdt 0912345678", "NGUYEN VAN AN"),
                    (700_000, "LE THI HOA UH TET26 chuc be mau khoe", "LE THI HOA"),
                    (300_000, f"UH TET26 gui {cls.patient_a.name}", "TRAN VAN B"),
                )
            ]
        )
        drafts = lines._ctxh_make_donations().sorted(lambda d: d.statement_line_id.id)
        drafts[0].partner_id = cls.an  # no consent: masked
        drafts[1].write({"partner_id": cls.hoa.id, "publish_name": True})  # consent: named
        drafts[2].is_anonymous = True
        drafts.with_user(cls.finance).action_confirm()
        cls.drafts = drafts
        cash = env["ctxh.donation"].create(
            {
                "partner_id": cls.an.id,
                "fund_id": cls.fund.id,
                "campaign_id": cls.campaign.id,
                "channel": "cash",
                "amount_currency": 500_000,
                "date": "2026-01-06",
            }
        )
        cash.with_user(cls.finance).action_confirm()
        cash.with_user(cls.finance).action_cancel()  # shows as a receipt and its reversal
        allocation = (
            env["ctxh.allocation"]
            .with_user(cls.officer)
            .create(
                {
                    "case_id": cls.case_a.id,
                    "fund_id": cls.fund.id,
                    "campaign_id": cls.campaign.id,
                    "support_type_id": cls.hospital_fees.id,
                    "method": "bank",
                    "amount": 1_200_000,
                }
            )
        )
        allocation.action_submit()
        allocation.with_user(cls.manager).action_approve()
        allocation.with_user(cls.finance).action_pay()
        cls.secrets = [
            cls.patient_a.name,
            cls.patient_b.name,
            cls.case_a.name,
            cls.case_a.medical_record_number,
            "Nguyễn Văn An",
            "NGUYEN VAN AN",
            "0912345678",
        ]

    def _ledger_totals(self):
        """What the journal items of the campaign say: credits less debits on the fund's receipts
        account, debits less credits on its support account (fund's analytic account)."""
        items = self.env["account.move.line"].search(
            [
                ("move_id.ctxh_campaign_id", "=", self.campaign.id),
                ("parent_state", "=", "posted"),
                ("analytic_distribution", "in", self.fund.analytic_account_id.ids),
            ]
        )
        received = sum(-line.balance for line in items if line.account_id == self.fund.income_account_id)
        used = sum(line.balance for line in items if line.account_id == self.fund.expense_account_id)
        return received, used

    def test_masking(self):
        self.assertEqual(mask_text("NGUYEN VAN AN ung ho", ["Nguyễn Văn An"]), "N*** V** A* ung ho")
        self.assertEqual(mask_text("Nguyễn Văn An gửi", ["NGUYEN VAN AN"]), "N*** V** A* gửi")
        self.assertEqual(mask_text("CK 0912345678", []), "CK ***678")

    def test_statement_rows_and_totals_equal_ledger(self):
        statement = self.campaign._ctxh_public_statement()
        contents = [row["content"] for row in statement["receipts"]]
        self.assertEqual(
            contents,
            [
                "N*** V** A* ung ho UH TET26 sdt ***678",
                "LE THI HOA UH TET26 chuc be mau khoe",  # the donor agreed to be named
                "UH TET26 gui N*** V** Bệnh Nhân A*",  # a patient's name, always masked
                "Cash - N*** V** A*",
                "Cancelled: Cash - N*** V** A*",
            ],
        )
        self.assertEqual(
            [row["amount"] for row in statement["receipts"]], [2_000_000, 700_000, 300_000, 500_000, -500_000]
        )
        self.assertEqual(
            [(row["support_type"], row["amount"]) for row in statement["uses"]],
            [(self.hospital_fees.name, 1_200_000)],
        )
        received, used = self._ledger_totals()
        self.assertEqual((statement["received"], statement["used"]), (received, used))
        self.assertEqual((received, used), (3_000_000, 1_200_000))
        balances = self.fund._get_balances(campaign=self.campaign)[self.fund.id]
        self.assertEqual((balances["received"], balances["disbursed"]), (received, used))

    def test_public_page_and_downloads(self):
        url = f"/ctxh/transparency/campaign/{self.campaign.id}"
        self.authenticate(None, None)  # a public session on the test database
        html = self.url_open(url).text
        self.assertIn("ctxh-statement", html)
        self.assertIn("N*** V** A* ung ho UH TET26", html)
        self.assertIn("LE THI HOA UH TET26", html)
        for secret in self.secrets:
            self.assertNotIn(secret, html)
        received, used = self._ledger_totals()
        # csv
        response = self.url_open(f"{url}/statement.csv")
        self.assertEqual(response.status_code, 200)
        text = response.content.decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(text)))
        for secret in self.secrets:
            self.assertNotIn(secret, text)
        totals = {
            row[0]: float(row[1]) for row in rows if len(row) > 1 and row[0].startswith(("Total", "Tổng"))
        }
        self.assertEqual(sorted(totals.values()), sorted([received, used]))
        self.assertIn(["05/01/2026", "2000000", "N*** V** A* ung ho UH TET26 sdt ***678"], rows)
        # xlsx
        response = self.url_open(f"{url}/statement.xlsx")
        self.assertEqual(response.status_code, 200)
        workbook = openpyxl.load_workbook(io.BytesIO(response.content))
        self.assertEqual(len(workbook.worksheets), 2, "gifts received, uses of the money")
        values = [list(row) for sheet in workbook.worksheets for row in sheet.iter_rows(values_only=True)]
        flat = " ".join(str(cell) for row in values for cell in row if cell is not None)
        for secret in self.secrets:
            self.assertNotIn(secret, flat)
        totals = [row[1] for row in values if row[0] and str(row[0]).startswith(("Total", "Tổng"))]
        self.assertEqual(sorted(totals), sorted([received, used]))
        gifts = workbook.worksheets[0]
        self.assertEqual(gifts.cell(1, 1).value, self.campaign.name)
        self.assertIn(gifts.cell(5, 3).value, ("Transfer Content", "Nội dung chuyển khoản"))
        self.assertEqual(gifts.cell(6, 2).value, 2_000_000)
        # printed as an accountant prints it: A4, one page wide, the column headers on every page
        for sheet in workbook.worksheets:
            assert_prints_on_a4(self, sheet, 5)
        text = pdf_text(to_pdf(response.content))
        self.assertIn(self.campaign.name, text)
        # the workbook's number format takes its separators from the reader's locale
        self.assertRegex(text, r"05/01/2026 2[.,]000[.,]000 N\*\*\* V\*\* A\* ung ho UH TET26")
        self.assertIn("N*** V** A* ung ho UH TET26", text)
        for secret in self.secrets:
            self.assertNotIn(secret, text)
        # not published: no statement on the page, no download
        self.campaign.statement_published = False
        self.assertNotIn("ctxh-statement", self.url_open(url).text)
        self.assertEqual(self.url_open(f"{url}/statement.csv").status_code, 404)
        self.assertEqual(self.url_open(f"{url}/statement.xlsx").status_code, 404)
