import io
from datetime import date

import openpyxl
from freezegun import freeze_time

from odoo import Command
from odoo.tests import tagged

from odoo.addons.ctxh_donation.tests.common import ledger_reads

from ..builders import build_figures, donation_figures
from .common import Q1, CtxhReportingCommon
from .test_xlsx import assert_prints_on_a4, render_xlsx, to_pdf


@tagged("post_install", "-at_install")
class TestFundDisclosure(CtxhReportingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env(context=dict(cls.env.context, allowed_company_ids=[cls.hospital.id]))
        cls.env_h = env
        cls.hospital.ctxh_second_approval_amount = 100_000_000
        Account = env["account.account"]

        def account(code, name, kind):
            return Account.create(
                {"name": name, "code": code, "account_type": kind, "company_ids": [(6, 0, cls.hospital.ids)]}
            )

        bank = account("H5112", "Tiền gửi quỹ", "asset_cash")
        journal = env["account.journal"].create(
            {
                "name": "Ngân hàng quỹ",
                "code": "H5BQ",
                "type": "bank",
                "default_account_id": bank.id,
                "suspense_account_id": account("H5113", "Tiền đang chuyển", "asset_current").id,
                "company_id": cls.hospital.id,
                "restrict_mode_hash_table": True,  # a fund's journal must be hash-locked
            }
        )
        Fund = env["ctxh.fund"]
        fund_vals = {
            "journal_id": journal.id,
            "income_account_id": account("H5711", "Thu tài trợ", "income_other").id,
            "expense_account_id": account("H5811", "Chi hỗ trợ người bệnh", "expense").id,
            "in_kind_account_id": account("H5156", "Hàng hóa tài trợ", "asset_current").id,
            "company_id": cls.hospital.id,
        }
        cls.fund = Fund.create(dict(fund_vals, name="Quỹ Vì người bệnh nghèo", code="VNBN"))
        cls.fund2 = Fund.create(dict(fund_vals, name="Quỹ Bữa cơm yêu thương", code="BCYT"))
        cls.campaign = env["ctxh.campaign"].create(
            {
                "name": "Tết ấm cho người bệnh",
                "fund_id": cls.fund.id,
                "date_start": date(2025, 12, 1),
                "target_amount": 50_000_000,
            }
        )
        Partner = env["res.partner"]
        named = Partner.create({"name": "Công ty TNHH Ánh Dương"})
        shy = Partner.create({"name": "Bà Nguyễn Thị Kín"})
        # (donor, publish, anonymous, date, channel, amount, fund, campaign)
        cls.donation_specs = [
            (named, True, False, date(2025, 12, 20), "bank", 10_000_000, cls.fund, None),
            (named, True, False, date(2026, 1, 10), "bank", 20_000_000, cls.fund, cls.campaign),
            (shy, False, False, date(2026, 2, 1), "cash", 5_500_000, cls.fund, cls.campaign),
            (shy, True, True, date(2026, 3, 30), "bank", 1_234_567, cls.fund, None),
            (named, True, False, date(2026, 2, 2), "bank", 3_000_000, cls.fund2, None),
            (named, True, False, date(2026, 4, 2), "bank", 7_000_000, cls.fund, None),
        ]
        Donation = env["ctxh.donation"]
        cls.donations = Donation.browse()
        for donor, publish, anonymous, day, channel, amount, fund, campaign in cls.donation_specs:
            donation = Donation.create(
                {
                    "partner_id": donor.id,
                    "publish_name": publish,
                    "is_anonymous": anonymous,
                    "date": day,
                    "channel": channel,
                    "amount_currency": amount,
                    "fund_id": fund.id,
                    "campaign_id": campaign and campaign.id,
                    "company_id": cls.hospital.id,
                }
            )
            donation.action_confirm()
            cls.donations |= donation
        # A donation confirmed then cancelled (reversed) counts nowhere.
        cancelled = Donation.create(
            {
                "partner_id": named.id,
                "date": date(2026, 1, 20),
                "channel": "bank",
                "amount_currency": 9_000_000,
                "fund_id": cls.fund.id,
                "company_id": cls.hospital.id,
            }
        )
        cancelled.action_confirm()
        cancelled.action_cancel()
        ref = cls.env.ref
        fees, transport = ref("ctxh_case.support_type_hospital_fees"), ref("ctxh_case.support_type_transport")
        # (case, support type, amount, paid on)
        cls.allocation_specs = [
            (cls.cases[0], fees, 4_000_000, date(2026, 1, 25)),
            (cls.cases[2], fees, 2_500_000, date(2026, 2, 15)),
            (cls.cases[2], transport, 300_000, date(2026, 3, 5)),
            (cls.cases[0], transport, 200_000, date(2025, 12, 28)),
            (cls.cases[4], fees, 1_000_000, date(2026, 4, 3)),
        ]
        Allocation = env["ctxh.allocation"]
        for case, stype, amount, paid_on in cls.allocation_specs:
            allocation = Allocation.create(
                {
                    "case_id": case.id,
                    "fund_id": cls.fund.id,
                    "support_type_id": stype.id,
                    "method": "bank",
                    "amount": amount,
                    "company_id": cls.hospital.id,
                }
            )
            with freeze_time(paid_on):
                allocation.action_submit()
                allocation.with_user(cls.manager).action_approve()
                allocation.action_pay()  # (paying is for finance officers; the fixture posts as the system)
        cls.wizard = env["ctxh.report.wizard"].create(
            {"company_id": cls.hospital.id, "period_kind": "quarter", "year": 2026, "period_number": 1}
        )

    def ledger(self, fund, date_from=None, date_to=None):
        """Received and disbursed of a fund summed from its posted journal items, one by one."""
        lines = self.env["account.move.line"].search(
            [("parent_state", "=", "posted"), ("company_id", "=", self.hospital.id)]
        )
        received = disbursed = 0.0
        key = str(fund.analytic_account_id.id)
        for line in lines:
            if not line.analytic_distribution or key not in line.analytic_distribution:
                continue
            if (date_from and line.date < date_from) or (date_to and line.date > date_to):
                continue
            share = line.analytic_distribution[key] / 100
            if line.account_id.account_type.startswith("income"):
                received += (line.credit - line.debit) * share
            elif line.account_id.account_type.startswith("expense"):
                disbursed += (line.debit - line.credit) * share
        return received, disbursed

    def test_disclosure_equals_ledger(self):
        result = donation_figures.fund_disclosure(self.env, self.fund, *Q1)
        received, disbursed = self.ledger(self.fund, *Q1)
        before_received, before_disbursed = self.ledger(self.fund, None, date(2025, 12, 31))
        self.assertEqual(result["opening_balance"], before_received - before_disbursed)
        self.assertEqual(result["opening_balance"], 10_000_000 - 200_000)
        self.assertEqual(result["received"], received)
        self.assertEqual(result["receipts_total"], received)
        # The cancelled donation was received in January; its reversal is dated when it was cancelled.
        self.assertEqual(received, 20_000_000 + 5_500_000 + 1_234_567 + 9_000_000)
        self.assertEqual(result["disbursed"], disbursed)
        self.assertEqual(sum(line["amount"] for line in result["disbursements"]), disbursed)
        self.assertEqual(disbursed, 4_000_000 + 2_500_000 + 300_000)
        self.assertEqual(result["closing_balance"], result["opening_balance"] + received - disbursed)
        by_purpose = {line["purpose"]: line for line in result["disbursements"]}
        fees = self.env.ref("ctxh_case.support_type_hospital_fees")
        self.assertEqual(by_purpose[fees.name]["amount"], 6_500_000)
        self.assertEqual(by_purpose[fees.name]["case_count"], 2)
        donors = [receipt["donor"] for receipt in result["receipts"]]
        # The January gift that was later cancelled did not ask to be published either.
        self.assertEqual(donors, ["Công ty TNHH Ánh Dương", None, None, None])
        self.assertEqual(
            result["campaigns"],
            [{"name": "Tết ấm cho người bệnh", "target": 50_000_000, "received": 25_500_000}],
        )

    def test_period_figures(self):
        figures = build_figures(self.env, self.hospital, *Q1)
        expected_cash = sum(spec[5] for spec in self.donation_specs if Q1[0] <= spec[3] <= Q1[1])
        self.assertEqual(figures["resources_cash"], expected_cash)
        self.assertEqual(figures["resources_total"], expected_cash)
        self.assertEqual(figures["resources_ledger"], expected_cash + 9_000_000)
        self.assertEqual(figures["resources.fund.VNBN"], self.ledger(self.fund, *Q1)[0])
        self.assertEqual(figures["resources.fund.BCYT"], 3_000_000)
        paid = [spec for spec in self.allocation_specs if Q1[0] <= spec[3] <= Q1[1]]
        self.assertEqual(figures["support_disbursed"], sum(spec[2] for spec in paid))
        self.assertEqual(figures["support_ledger"], figures["support_disbursed"])
        self.assertEqual(figures["support_cases"], len({spec[0] for spec in paid}))
        self.assertEqual(figures["support.type.transport"], 300_000)
        self.assertEqual(figures["resources.donor.individual"], expected_cash)

    def test_workbook(self):
        self.wizard.fund_ids = self.fund
        content = render_xlsx(self.env, "ctxh_reporting.ctxh_fund_disclosure_xlsx", self.wizard.ids)
        sheet = openpyxl.load_workbook(io.BytesIO(content))["VNBN"]
        values = {sheet.cell(row, 5).value: sheet.cell(row, 6).value for row in range(1, sheet.max_row + 1)}
        self.assertEqual(sheet.cell(6, 6).value, 9_800_000)
        received, disbursed = self.ledger(self.fund, *Q1)
        amounts = [sheet.cell(row, 6).value for row in range(1, sheet.max_row + 1)]
        self.assertIn(received, amounts)
        self.assertIn(disbursed, amounts)
        self.assertIn(9_800_000 + received - disbursed, amounts)
        self.assertTrue(values)
        self.assertNotIn(
            "Bà Nguyễn Thị Kín", [sheet.cell(row, 3).value for row in range(1, sheet.max_row + 1)]
        )
        assert_prints_on_a4(self, sheet, 9)
        self.assertTrue(to_pdf(content).startswith(b"%PDF"))

    def test_workbook_in_vietnamese(self):
        """Read as the public reads it: the fund named once, the words of the glossary."""
        self.wizard.fund_ids = self.fund
        env = self.env(context=dict(self.env.context, lang="vi_VN"))
        content = render_xlsx(env, "ctxh_reporting.ctxh_fund_disclosure_xlsx", self.wizard.ids)
        sheet = openpyxl.load_workbook(io.BytesIO(content))["VNBN"]
        self.assertEqual(sheet.cell(3, 1).value, "CÔNG KHAI THU CHI QUỸ VÌ NGƯỜI BỆNH NGHÈO")
        self.assertEqual(sheet.cell(4, 1).value, "Từ ngày 01/01/2026 đến ngày 31/03/2026")
        self.assertEqual(
            [sheet.cell(9, col).value for col in range(1, 7)],
            ["Ngày", "Số biên nhận", "Nhà hảo tâm", "Kênh", "Đợt vận động", "Số tiền"],
        )
        donors = [sheet.cell(row, 3).value for row in range(10, sheet.max_row + 1)]
        self.assertIn("Nhà hảo tâm ẩn danh", donors)
        self.assertNotIn("Nhà hảo tâm", donors)  # the column header is not a donor
        self.assertEqual(sheet.cell(10, 1).number_format, "dd/mm/yyyy")
        self.assertEqual(sheet.cell(10, 6).number_format, "#,##0")

    def _approve_support(self, fund, amount):
        """Support of ``amount`` from ``fund`` requested for a case and approved, not paid: the
        money is committed, no longer available."""
        allocation = self.env_h["ctxh.allocation"].create(
            {
                "case_id": self.cases[4].id,
                "fund_id": fund.id,
                "support_type_id": self.env.ref("ctxh_case.support_type_hospital_fees").id,
                "method": "bank",
                "amount": amount,
                "company_id": self.hospital.id,
            }
        )
        allocation.action_submit()
        allocation.with_user(self.manager).action_approve()
        return allocation

    def test_kpi_funds_available(self):
        # the tile read once ...
        before = self.env["ctxh.dashboard.kpi"].search(
            [("company_id", "=", self.hospital.id), ("kpi", "=", "funds_available")]
        )
        funds_before = sum((self.fund | self.fund2).mapped("available"))
        self.assertEqual(before.value, funds_before)
        self.env.invalidate_all()
        # ... then an approved allocation not paid yet is committed: not available any more.
        self._approve_support(self.fund, 700_000)
        funds = self.fund | self.fund2
        funds.invalidate_recordset()
        expected = sum(funds.mapped("available"))
        received = sum(self.ledger(fund)[0] for fund in funds)
        disbursed = sum(self.ledger(fund)[1] for fund in funds)
        self.assertEqual(expected, received - disbursed - 700_000)
        tile = self.env["ctxh.dashboard.kpi"].search(
            [("company_id", "=", self.hospital.id), ("kpi", "=", "funds_available")]
        )
        self.assertEqual(tile.value, expected)
        self.assertEqual(tile.value, funds_before - 700_000, "the kept figure follows the approval")
        action = tile.action_open()
        self.assertEqual(self.env["ctxh.fund"].search(action["domain"]), funds)

    def test_kpi_funds_available_reads_no_journal_item(self):
        """The tile reads the funds' running totals, never their journal items (whose number grows
        with every gift), and equals the funds' figures after support is approved and after an
        accountant's own entry on a fund's income account."""
        reads = []

        def tile():
            self.env.invalidate_all()
            with ledger_reads() as found:
                value = (
                    self.env["ctxh.dashboard.kpi"]
                    .search([("company_id", "=", self.hospital.id), ("kpi", "=", "funds_available")])
                    .value
                )
            self.assertTrue(found.queries)
            reads.extend(found.ledger)
            return value

        funds = self.fund | self.fund2
        before = tile()
        self._approve_support(self.fund2, 300_000)
        self.assertEqual(tile(), before - 300_000)
        bank = self.fund.journal_id.default_account_id
        general = self.env_h["account.journal"].create(
            {"name": "Bút toán khác", "code": "H5MS", "type": "general", "company_id": self.hospital.id}
        )
        entry = self.env_h["account.move"].create(
            {
                "move_type": "entry",
                "journal_id": general.id,
                "line_ids": [
                    Command.create({"account_id": bank.id, "debit": 50_000}),
                    Command.create(
                        {
                            "account_id": self.fund.income_account_id.id,
                            "credit": 50_000,
                            "analytic_distribution": {str(self.fund.analytic_account_id.id): 100},
                        }
                    ),
                ],
            }
        )
        entry.action_post()
        self.assertEqual(tile(), before - 300_000 + 50_000)
        funds.invalidate_recordset()
        self.assertEqual(tile(), sum(funds.mapped("available")))
        self.assertEqual(reads, [], "the tile read the funds' journal items")

    def test_fund_held_on_behalf_of_patients(self):
        """A fund booked as money held on behalf of the patients (one liability account for
        gifts and support, e.g. 3388): the disclosure, the period figures and the dashboard read
        it as the ledger says, each item by the document of its entry."""
        env = self.env_h
        liability = env["account.account"].create(
            {
                "name": "Phải trả khác - tiền giữ hộ người bệnh",
                "code": "H53388",
                "account_type": "liability_current",
                "company_ids": [(6, 0, self.hospital.ids)],
            }
        )
        fund = env["ctxh.fund"].create(
            {
                "name": "Quỹ Giữ hộ người bệnh",
                "code": "GHNB",
                "booking_mode": "liability",
                "journal_id": self.fund.journal_id.id,
                "income_account_id": liability.id,
                "expense_account_id": liability.id,
                "in_kind_account_id": self.fund.in_kind_account_id.id,
                "company_id": self.hospital.id,
            }
        )
        donor = env["res.partner"].create({"name": "Chùa Phúc Lâm"})
        gifts = env["ctxh.donation"].create(
            [
                {
                    "partner_id": donor.id,
                    "publish_name": True,
                    "date": day,
                    "channel": "cash",
                    "amount_currency": amount,
                    "fund_id": fund.id,
                    "company_id": self.hospital.id,
                }
                for day, amount in ((date(2026, 1, 5), 6_000_000), (date(2026, 2, 5), 2_000_000))
            ]
        )
        gifts.action_confirm()
        with freeze_time(date(2026, 3, 1)):
            gifts[1].action_cancel()  # its reversal debits the liability: a receipt taken back
        allocation = env["ctxh.allocation"].create(
            {
                "case_id": self.cases[0].id,
                "fund_id": fund.id,
                "support_type_id": self.env.ref("ctxh_case.support_type_hospital_fees").id,
                "method": "bank",
                "amount": 1_500_000,
                "company_id": self.hospital.id,
            }
        )
        with freeze_time(date(2026, 3, 10)):
            allocation.action_submit()
            allocation.with_user(self.manager).action_approve()
            allocation.action_pay()
        # the ledger, item by item: on the one liability account, a donation's entry (or its
        # reversal) is money received, a payment's entry money given
        items = self.env["account.move.line"].search(
            [("account_id", "=", liability.id), ("parent_state", "=", "posted")]
        )
        received = sum(
            line.credit - line.debit for line in items if line.move_id.ctxh_res_model == "ctxh.donation"
        )
        disbursed = sum(
            line.debit - line.credit for line in items if line.move_id.ctxh_res_model == "ctxh.allocation"
        )
        self.assertEqual((received, disbursed), (6_000_000, 1_500_000))
        result = donation_figures.fund_disclosure(self.env, fund, *Q1)
        self.assertEqual((result["received"], result["disbursed"]), (received, disbursed))
        self.assertEqual(result["closing_balance"], received - disbursed)
        self.assertEqual(result["receipts_total"], received)
        self.assertEqual(sum(line["amount"] for line in result["disbursements"]), disbursed)
        self.assertEqual(fund._get_balances(*Q1)[fund.id]["received"], received)
        figures = build_figures(self.env, self.hospital, *Q1)
        self.assertEqual(figures["resources.fund.GHNB"], received)
        fund.invalidate_recordset()
        self.assertEqual(fund.available, received - disbursed)
        tile = self.env["ctxh.dashboard.kpi"].search(
            [("company_id", "=", self.hospital.id), ("kpi", "=", "funds_available")]
        )
        funds = self.env["ctxh.fund"].search([("company_id", "=", self.hospital.id)])
        self.assertEqual(tile.value, sum(funds.mapped("available")))
