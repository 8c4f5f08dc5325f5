from freezegun import freeze_time

from odoo.tests import HttpCase, tagged
from odoo.tools.misc import formatLang

from odoo.addons.ctxh_case.tests.common import pdf_text

from .common import CtxhDonationCommon


@tagged("post_install", "-at_install")
class TestDonationDocuments(CtxhDonationCommon, HttpCase):
    """The printed documents read back from the PDF wkhtmltopdf makes, as the donor and the public
    read them: the receipt (which is also the thank-you letter) and the fund disclosure.

    An HttpCase: wkhtmltopdf fetches the report's styles from the running server, which answers
    only while the registry is in test mode.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.ref("base.lang_vi_VN").active = True
        cls.vi = cls.env(context=dict(cls.env.context, lang="vi_VN"))
        cls.fund.name = "Quỹ Vì người bệnh nghèo"
        cls.campaign = cls.env["ctxh.campaign"].create(
            {"name": "Xuân yêu thương 2026", "fund_id": cls.fund.id, "date_start": "2026-01-01"}
        )
        cls.currency = cls.env.company.currency_id
        # the receipt speaks its donor's language, the hospital's for an anonymous gift
        cls.donor.lang = "vi_VN"
        cls.env.company.partner_id.lang = "vi_VN"
        cls.vietnamese_hospital = cls.env.company.country_id.code == "VN"

    def money(self, amount):
        """An amount as the Vietnamese reader sees it: 13.000.000 ₫ (in the company's currency)."""
        return formatLang(self.vi, amount, currency_obj=self.currency).replace("\xa0", " ")

    def render(self, report, records):
        pdf, kind = (
            self.vi["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(report, records.ids)
        )
        self.assertEqual(kind, "pdf")
        text = pdf_text(pdf)
        self.assertNotIn("á»", text)  # no UTF-8 read as Latin-1 ("Cá»˜NG HÃ’A")
        return text

    def test_receipt_and_thank_you_letter(self):
        donation = self._confirmed_donation(13_000_000, publish_name=True, campaign_id=self.campaign.id)
        text = self.render("ctxh_donation.action_report_ctxh_donation_receipt", donation)
        flat = " ".join(text.split())
        # the national motto heads the receipt of a Vietnamese hospital only
        self.assertEqual("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in flat, self.vietnamese_hospital)
        self.assertEqual("Độc lập - Tự do - Hạnh phúc" in flat, self.vietnamese_hospital)
        for line in (
            "BIÊN NHẬN VÀ THƯ CẢM ƠN",
            f"Số: {donation.receipt_number} - Ngày 10/01/2026",
            "Kính gửi: Công ty TNHH Ánh Dương",
            "Hình thức Chuyển khoản",
            f"Số tiền {self.money(13_000_000)}",
            "chúng tôi xin chân thành cảm ơn tấm lòng của Quý vị",
            "Đại diện Phòng Công tác xã hội",
        ):
            self.assertIn(line, flat)
        self.assertIn(
            "xác nhận đã nhận khoản tài trợ vào Quỹ Vì người bệnh nghèo"
            " trong đợt vận động Xuân yêu thương 2026",
            flat,
        )
        self.assertNotIn("Quỹ Quỹ", flat.title())
        self.assertNotIn("13000000", flat)
        self.assertNotIn("RECEIPT", flat)

    def test_receipt_in_the_donors_language(self):
        """Printed by a Vietnamese user, the receipt of a donor who reads English is in English
        (as Odoo prints a customer's invoice in the customer's language); the anonymous gift's
        in the hospital's language."""
        self.env["res.lang"]._activate_lang("en_US")
        donor = self.env["res.partner"].create({"name": "Sakura Trading Co., Ltd.", "lang": "en_US"})
        donation = self._confirmed_donation(
            2_000_000, partner_id=donor.id, publish_name=True, campaign_id=self.campaign.id
        )
        flat = " ".join(self.render("ctxh_donation.action_report_ctxh_donation_receipt", donation).split())
        for line in (
            "RECEIPT AND THANK-YOU LETTER",
            f"No.: {donation.receipt_number} - Date: 10/01/2026",
            "To: Sakura Trading Co., Ltd.",
            "Form of gift Bank Transfer",
            "The Social Work Department gratefully acknowledges a donation to Quỹ Vì người bệnh"
            " nghèo in the campaign Xuân yêu thương 2026:",
            "we sincerely thank you for your generosity",
            "On behalf of the Social Work Department",
        ):
            self.assertIn(line, flat)
        self.assertEqual("SOCIALIST REPUBLIC OF VIETNAM" in flat, self.vietnamese_hospital)
        self.assertNotIn("BIÊN NHẬN", flat)
        anonymous = self._confirmed_donation(500_000, is_anonymous=True)
        flat = " ".join(self.render("ctxh_donation.action_report_ctxh_donation_receipt", anonymous).split())
        self.assertIn("BIÊN NHẬN VÀ THƯ CẢM ƠN", flat)
        self.assertIn("Kính gửi: Nhà hảo tâm", flat)

    def test_receipt_of_anonymous_goods(self):
        product = self.env["product.product"].create({"name": "Gạo tẻ (bao 10 kg)"})
        donation = self._confirmed_donation(
            0,
            is_anonymous=True,
            channel="in_kind",
            line_ids=self.commands({"product_id": product.id, "quantity": 12, "unit_value": 250_000}),
        )
        flat = " ".join(self.render("ctxh_donation.action_report_ctxh_donation_receipt", donation).split())
        self.assertIn("Kính gửi: Nhà hảo tâm", flat)
        self.assertNotIn("Công ty TNHH Ánh Dương", flat)
        self.assertIn("Hình thức Hiện vật", flat)
        self.assertIn(f"Gạo tẻ (bao 10 kg) 12 {self.money(3_000_000)}", flat)

    def test_fund_disclosure(self):
        named = self._confirmed_donation(5_000_000, publish_name=True)
        self._confirmed_donation(2_000_000, is_anonymous=True)
        with freeze_time("2026-03-02"):
            self._paid(1_500_000)
        publication = self.env["ctxh.fund.publication"].create(
            {"fund_id": self.fund.id, "date_from": "2026-01-01", "date_to": "2026-12-31", "channel": "press"}
        )
        text = self.render("ctxh_donation.action_report_ctxh_fund_disclosure", publication)
        flat = " ".join(text.split())
        for line in (
            self.env.company.name,
            "CÔNG KHAI TIẾP NHẬN VÀ SỬ DỤNG NGUỒN ĐÓNG GÓP",
            "Kỳ: từ ngày 01/01/2026 đến ngày 31/12/2026",
            f"Tổng tiếp nhận trong kỳ {self.money(7_000_000)}",
            f"Đã sử dụng trong kỳ {self.money(1_500_000)}",
            f"Số dư cuối kỳ {self.money(5_500_000)}",
            "Số người bệnh được hỗ trợ 1",
            f"Viện phí 1 {self.money(1_500_000)}",
            f"{named.partner_id.name} 1 {self.money(5_000_000)}",
            f"Nhà hảo tâm ẩn danh 1 {self.money(2_000_000)}",
        ):
            self.assertIn(line, flat)
        # the fund's name once, its patients never
        self.assertIn("Quỹ Vì người bệnh nghèo", flat)
        self.assertNotIn("Quỹ Quỹ", flat.title())
        for secret in (
            self.patient_a.name,
            self.patient_b.name,
            self.case_a.name,
            self.case_a.medical_record_number,
        ):
            self.assertNotIn(secret, text)
