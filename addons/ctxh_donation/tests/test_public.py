import re
from unittest.mock import patch

import odoo
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged

from ..controllers.main import public_pages
from ..models import ctxh_fund_disclosure as fund_disclosure
from .common import setup_ctxh_donation_data


@tagged("post_install", "-at_install")
class TestPublicPage(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        setup_ctxh_donation_data(cls, cls.env, suffix="P")
        Donation = cls.env["ctxh.donation"]
        named = cls.env["res.partner"].create({"name": "Bà Lê Thị Hảo Tâm"})
        secret = cls.env["res.partner"].create({"name": "Ông Phạm Giấu Tên"})
        shy = cls.env["res.partner"].create({"name": "Anh Võ Không Đồng Ý"})
        for partner, anonymous, publish, amount in (
            (named, False, True, 4_000_000),
            (secret, True, True, 3_000_000),
            (shy, False, False, 2_000_000),
        ):
            Donation.create(
                {
                    "partner_id": partner.id,
                    "is_anonymous": anonymous,
                    "publish_name": publish,
                    "fund_id": cls.fund.id,
                    "amount_currency": amount,
                    "date": "2026-01-10",
                }
            ).action_confirm()
        cls.campaign = cls.env["ctxh.campaign"].create(
            {"name": "Chung tay vì người bệnh", "fund_id": cls.fund.id, "date_start": "2026-01-01"}
        )
        campaign_gift = Donation.create(
            {
                "partner_id": named.id,
                "publish_name": True,
                "fund_id": cls.fund.id,
                "campaign_id": cls.campaign.id,
                "amount_currency": 1_500_000,
                "date": "2026-01-12",
            }
        )
        campaign_gift.action_confirm()
        allocations = cls.env["ctxh.allocation"].create(
            [
                {
                    "case_id": case.id,
                    "fund_id": cls.fund.id,
                    "support_type_id": cls.hospital_fees.id,
                    "amount": 1_000_000,
                }
                for case in (cls.case_a, cls.case_b)
            ]
        )
        campaign_support = cls.env["ctxh.allocation"].create(
            {
                "case_id": cls.case_a.id,
                "fund_id": cls.fund.id,
                "campaign_id": cls.campaign.id,
                "support_type_id": cls.env.ref("ctxh_case.support_type_medicine").id,
                "amount": 400_000,
            }
        )
        allocations |= campaign_support
        allocations.action_submit()
        allocations.action_approve()
        allocations.action_pay()
        cls.other_company = cls.env["res.company"].create({"name": "Bệnh viện Đa khoa Huyện Thử"})
        cls.auditor = new_test_user(
            cls.env, login="h4_public_auditor", groups="ctxh_donation.group_ctxh_finance_auditor"
        )

    def _assert_no_patient_data(self, html):
        for secret in (
            self.patient_a.name,
            self.patient_b.name,
            self.case_a.medical_record_number,
            self.case_b.medical_record_number,
            self.case_a.name,  # case codes are not public either
            self.case_b.name,
            "CTXH-",
            "Ông Phạm Giấu Tên",
            "Anh Võ Không Đồng Ý",
        ):
            self.assertNotIn(secret, html)

    def setUp(self):
        super().setUp()
        self.authenticate(None, None)  # a public session on the test database
        # pages another test cached from its own (rolled back) data
        public_pages.clear()

    def _open_counting(self, url):
        """(response, SQL queries of the request)."""
        self.env.flush_all()
        before = odoo.sql_db.sql_counter
        response = self.url_open(url)
        return response, odoo.sql_db.sql_counter - before

    def test_public_page_cached_until_money_moves(self):
        url = f"/ctxh/transparency/fund/{self.fund.id}"
        first, rendered = self._open_counting(url)
        second, cached = self._open_counting(url)
        self.assertEqual(first.text, second.text)
        self.assertLess(cached, rendered / 3, (cached, rendered))
        # money moves: a new gift confirmed, then support paid: each shows at once
        gift = self.env["ctxh.donation"].create(
            {
                "partner_id": self.donor.id,
                "publish_name": True,
                "fund_id": self.fund.id,
                "amount_currency": 700_000,
            }
        )
        gift.action_confirm()
        self.assertIn("11.200.000", self.url_open(url).text)
        allocation = self.env["ctxh.allocation"].create(
            {
                "case_id": self.case_a.id,
                "fund_id": self.fund.id,
                "support_type_id": self.hospital_fees.id,
                "amount": 300_000,
            }
        )
        allocation.action_submit()
        allocation.action_approve()
        self.assertIn("2.400.000", self.url_open(url).text)
        allocation.action_pay()
        self.assertIn("2.700.000", self.url_open(url).text)
        # a signed-in user never gets a cached page
        self.authenticate("admin", "admin")
        self.assertEqual(self.url_open(url).status_code, 200)
        self.assertEqual(len(public_pages._pages), 4)

    def test_public_page_lists_the_largest_donors(self):
        """A fund of thousands of donors: the page names the largest ones (who agreed) and sums
        the others on one line; the totals stay whole."""
        full = self.fund._get_public_report()
        short = self.fund._get_public_report(donor_limit=1)
        self.assertEqual(len(short["donors"]), 1)
        self.assertEqual(short["donors"][0], full["donors"][0])
        self.assertEqual(
            short["other_donors"],
            {
                "donors": len(full["donors"]) - 1,
                "count": sum(donor["count"] for donor in full["donors"][1:]),
                "amount": sum(donor["amount"] for donor in full["donors"][1:]),
            },
        )
        self.assertIsNone(full["other_donors"])
        with patch.object(fund_disclosure, "PUBLIC_DONORS", 1):
            html = self.url_open(f"/ctxh/transparency/fund/{self.fund.id}").text
        self.assertIn("Các nhà hảo tâm khác (1)", html)
        self._assert_no_patient_data(html)

    def test_public_page_queries_do_not_grow(self):
        """The page reads aggregates: the same queries with 4 or with 40 more gifts and support."""
        url = f"/ctxh/transparency/fund/{self.fund.id}"
        counts = []
        for _round in range(2):
            donors = self.env["res.partner"].create(
                [{"name": f"Nhà hảo tâm số {index}"} for index in range(20)]
            )
            gifts = self.env["ctxh.donation"].create(
                [
                    {
                        "partner_id": donor.id,
                        "publish_name": True,
                        "fund_id": self.fund.id,
                        "amount_currency": 100_000,
                    }
                    for donor in donors
                ]
            )
            gifts.action_confirm()
            support = self.env["ctxh.allocation"].create(
                [
                    {
                        "case_id": case.id,
                        "fund_id": self.fund.id,
                        "support_type_id": support_type.id,
                        "amount": 50_000,
                    }
                    for case in (self.case_a, self.case_b)
                    for support_type in (self.hospital_fees, self.env.ref("ctxh_case.support_type_medicine"))
                ]
            )
            support.action_submit()
            support.action_approve()
            support.action_pay()
            public_pages.clear()
            self.url_open(url)  # warm the server's caches (templates, translations)
            public_pages.clear()
            counts.append(self._open_counting(url)[1])
        self.assertEqual(counts[0], counts[1])

    def test_public_fund_page(self):
        response = self.url_open(f"/ctxh/transparency/fund/{self.fund.id}")
        self.assertEqual(response.status_code, 200)
        html = response.text
        self._assert_no_patient_data(html)
        self.assertIn("Bà Lê Thị Hảo Tâm", html)
        self.assertIn("Nhà hảo tâm", html)
        self.assertNotIn("Anonymous donor", html)
        self.assertIn(self.hospital_fees.with_context(lang="vi_VN").name, html)
        self.assertIn("ctxh-beneficiaries", html)
        self.assertIn(self.env.company.name, html, "the hospital's name on top")
        self.assertIn(f"/web/binary/company_logo?company={self.env.company.id}", html)

    def test_public_page_says_its_period(self):
        """The page says what its figures cover, in words: up to today (in the hospital's
        timezone) without a period, from one date to the other with one; never "... - ..."."""
        url = f"/ctxh/transparency/fund/{self.fund.id}"
        tz = self.env.company.partner_id.tz or "Asia/Ho_Chi_Minh"
        today = odoo.fields.Date.context_today(self.env["ctxh.fund"].with_context(tz=tz))
        self.env.company.partner_id.tz = tz

        def text(address):
            return " ".join(re.sub(r"<[^>]+>", " ", self.url_open(address).text).split())

        html = text(url)
        self.assertIn(f"Tính đến ngày {today.strftime('%d/%m/%Y')}", html)
        self.assertNotIn("...", html)
        html = text(f"{url}?date_from=2026-01-01&date_to=2026-03-31")
        self.assertIn("Kỳ: từ ngày 01/01/2026 đến ngày 31/03/2026", html)
        html = text(f"{url}?date_to=2026-03-31")
        self.assertIn("Tính đến ngày 31/03/2026", html)
        # not beyond today: nothing is dated after it
        html = text(f"{url}?date_to={today.year + 3}-12-31")
        self.assertIn(f"Tính đến ngày {today.strftime('%d/%m/%Y')}", html)

    def test_public_campaign_own_figures(self):
        response = self.url_open(f"/ctxh/transparency/campaign/{self.campaign.id}")
        self.assertEqual(response.status_code, 200)
        self._assert_no_patient_data(response.text)
        data = self.env["ctxh.fund"]._ctxh_public_page(campaign_id=self.campaign.id)
        # the campaign's own receipt and the support charged to it, not the whole fund's
        self.assertEqual((data["received"], data["disbursed"]), (1_500_000, 400_000))
        self.assertEqual(
            [(line["name"], line["amount"]) for line in data["used"]],
            [(self.env.ref("ctxh_case.support_type_medicine").name, 400_000)],
        )
        fund = self.env["ctxh.fund"]._ctxh_public_page(fund_id=self.fund.id)
        self.assertEqual((fund["received"], fund["disbursed"]), (10_500_000, 2_400_000))
        self.assertEqual((fund["received"], fund["disbursed"]), (self.fund.received, self.fund.disbursed))

    def test_public_index_per_company(self):
        index = self.url_open("/ctxh/transparency")
        self.assertEqual(index.status_code, 200)
        self.assertIn(self.fund.name, index.text)
        self.assertIn(self.env.company.name, index.text)
        for url in (
            f"/ctxh/transparency/{self.env.company.id}",
            f"/ctxh/transparency?company={self.env.company.id}",
        ):
            self.assertIn(self.fund.name, self.url_open(url).text)
        other = self.url_open(f"/ctxh/transparency/{self.other_company.id}")
        self.assertEqual(other.status_code, 200)
        self.assertIn(self.other_company.name, other.text)
        self.assertNotIn(self.fund.name, other.text, "one hospital's funds per page")

    def test_public_bad_parameters(self):
        for url in (
            "/ctxh/transparency/fund/999999",
            "/ctxh/transparency/campaign/999999",
            "/ctxh/transparency/999999",
            "/ctxh/transparency?company=abc",
            "/ctxh/transparency?company=999999",
        ):
            self.assertEqual(self.url_open(url).status_code, 404, url)
        base = f"/ctxh/transparency/fund/{self.fund.id}"
        for query, message in (
            ("date_from=31/01/2026", "2026-01-31"),
            ("date_to=hôm-qua", "2026-01-31"),
            (
                "date_from=2026-02-01&date_to=2026-01-01",
                "Ngày bắt đầu kỳ sau ngày kết thúc",
            ),  # Vietnamese page
        ):
            response = self.url_open(f"{base}?{query}")
            self.assertEqual(response.status_code, 400, query)
            self.assertIn(message, response.text)
        period = self.url_open(f"{base}?date_from=2026-01-11&date_to=2026-01-31")
        self.assertEqual(period.status_code, 200)
        self.assertNotIn('Bà Lê Thị Hảo Tâm</td><td class="text-end">2', period.text)

    def test_disclosure_pdf_and_log(self):
        publication = self.env["ctxh.fund.publication"].create(
            {
                "fund_id": self.fund.id,
                "date_from": "2026-01-01",
                "date_to": "2026-12-31",
                "channel": "notice_board",
            }
        )
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("ctxh_donation.report_fund_disclosure", publication.ids)[0]
            .decode()
        )
        self._assert_no_patient_data(html)
        self.assertIn("PUBLIC DISCLOSURE OF CONTRIBUTIONS RECEIVED AND USED", html)
        data = publication._get_report_data()
        self.assertEqual(data["received"], 10_500_000)
        self.assertEqual(data["disbursed"], 2_400_000)
        self.assertEqual(data["balance"], 8_100_000)
        self.assertEqual(data["beneficiary_count"], 2)

    def test_auditor_cannot_write(self):
        allocation = self.env["ctxh.allocation"].search([("fund_id", "=", self.fund.id)], limit=1)
        auditor_env = self.env(user=self.auditor)
        self.assertTrue(auditor_env["ctxh.allocation"].search([("fund_id", "=", self.fund.id)]))
        for record, vals in (
            (allocation, {"description": "x"}),
            (self.fund, {"purpose": "x"}),
            (self.campaign, {"name": "x"}),
        ):
            with self.assertRaises(AccessError):
                record.with_user(self.auditor).write(vals)
            with self.assertRaises(AccessError):
                record.with_user(self.auditor).unlink()
        with self.assertRaises(AccessError):
            allocation.with_user(self.auditor).action_approve()
        with self.assertRaises(AccessError):
            self.case_a.with_user(self.auditor).read(["presenting_problem"])
