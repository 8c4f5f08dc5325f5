import re

from odoo.exceptions import ValidationError
from odoo.tests import HttpCase, new_test_user, tagged

from .common import setup_ctxh_donation_data
from .qr_tools import decode_qr_data_uri, read_vietqr

VCB_BIN = "970436"


def qr_images(html):
    """The data URIs of the VietQR images of a page."""
    tags = re.findall(r'<img[^>]*class="ctxh-vietqr-image"[^>]*>', html)
    return [re.search(r'src="([^"]+)"', tag).group(1) for tag in tags]


def setup_vietqr(cls, env, suffix=""):
    """The hospital's receiving account at Vietcombank on the fund's journal; the hospital in
    Vietnam (VietQR needs a Vietnamese account and the holder's city)."""
    partner = env.company.partner_id
    partner.write({"country_id": env.ref("base.vn").id, "city": "Nam Định"})
    bank = env["res.bank"].create({"name": "Vietcombank", "bic": VCB_BIN, "country": env.ref("base.vn").id})
    cls.hospital_account = env["res.partner.bank"].create(
        {
            "acc_number": f"00110045678{suffix or '90'}",
            "bank_id": bank.id,
            "partner_id": partner.id,
            "acc_holder_name": "BENH VIEN DA KHOA TINH NAM DINH",
        }
    )
    cls.journal.bank_account_id = cls.hospital_account


@tagged("post_install", "-at_install")
class TestVietQR(HttpCase):
    """The VietQR code of a fund and of a campaign, made by Odoo's EMV encoder and read back from
    the image: bank BIN, account number, amount (VND) and the campaign's reference."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        setup_ctxh_donation_data(cls, cls.env, suffix="Q")
        setup_vietqr(cls, cls.env)
        cls.campaign = cls.env["ctxh.campaign"].create(
            {
                "name": "Xuân yêu thương 2026",
                "fund_id": cls.fund.id,
                "date_start": "2026-01-01",
                "reference": " tết 26 ",
            }
        )
        cls.finance = new_test_user(
            cls.env, login="h11_qr_finance", groups="ctxh_donation.group_ctxh_finance_officer"
        )
        cls.vnd = cls.env.company.currency_id == cls.env.ref("base.VND")

    def test_reference_normalized_and_unique(self):
        self.assertEqual(self.campaign.reference, "TET26")
        self.assertEqual(self.campaign.transfer_content, "UH TET26")
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            self.campaign.reference = "TET-2026-XUAN-YEU"
        # a clear refusal naming the other campaign (the unique constraint stays under it)
        with self.assertRaisesRegex(ValidationError, self.campaign.name), self.env.cr.savepoint():
            self.env["ctxh.campaign"].create(
                {"name": "Trùng mã", "fund_id": self.fund.id, "reference": "tet26"}
            )

    def test_campaign_qr_decoded(self):
        qr = self.campaign._ctxh_vietqr(amount=500_000)
        self.assertTrue(qr, "a Vietnamese bank account with a BIN gives a VietQR code")
        payload = decode_qr_data_uri(qr["image"])
        self.assertEqual(payload, qr["payload"])
        read = read_vietqr(payload)
        self.assertEqual(read["guid"], "A000000727")  # Napas
        self.assertEqual(read["bin"], VCB_BIN)
        self.assertEqual(read["account"], "0011004567890")
        self.assertEqual(read["service"], "QRIBFTTA")  # transfer to an account number
        self.assertEqual(read["currency"], "704")
        self.assertEqual(read["country"], "VN")
        self.assertEqual(read["content"], "UH TET26")
        # the amount is in the code only when the hospital keeps its books in VND
        self.assertEqual(read["amount"], "500000" if self.vnd else None)
        # the fund's own code carries the fund's code, no amount
        fund_read = read_vietqr(decode_qr_data_uri(self.fund._ctxh_vietqr()["image"]))
        self.assertEqual(fund_read["content"], "UH TFUNDQ")
        self.assertIsNone(fund_read["amount"])
        # no Vietnamese account, no code (never a code paying somewhere else)
        self.hospital_account.bank_id.bic = False
        self.assertIsNone(self.campaign._ctxh_vietqr())

    def _page_qr(self, url):
        self.authenticate(None, None)  # a public session on the test database
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        images = qr_images(response.text)
        self.assertEqual(len(images), 1, "one VietQR code on the page")
        return response.text, read_vietqr(decode_qr_data_uri(images[0]))

    def test_public_pages_show_qr(self):
        html, read = self._page_qr(f"/ctxh/transparency/campaign/{self.campaign.id}")
        self.assertEqual(
            (read["bin"], read["account"], read["content"]), (VCB_BIN, "0011004567890", "UH TET26")
        )
        self.assertIn("UH TET26", html)
        self.assertIn("0011004567890", html)
        _html, read = self._page_qr(f"/ctxh/transparency/fund/{self.fund.id}")
        self.assertEqual(read["content"], "UH TFUNDQ")

    def test_receipt_letter_shows_qr(self):
        donation = self.env["ctxh.donation"].create(
            {
                "partner_id": self.donor.id,
                "fund_id": self.fund.id,
                "campaign_id": self.campaign.id,
                "amount_currency": 1_000_000,
                "date": "2026-01-10",
                "channel": "cash",
            }
        )
        donation.with_user(self.finance).action_confirm()
        html = (
            self.env["ir.actions.report"]
            .with_user(self.finance)
            ._render_qweb_html("ctxh_donation.report_donation_receipt", donation.ids)[0]
            .decode()
        )
        images = qr_images(html)
        self.assertEqual(len(images), 1)
        read = read_vietqr(decode_qr_data_uri(images[0]))
        self.assertEqual(
            (read["bin"], read["account"], read["content"]), (VCB_BIN, "0011004567890", "UH TET26")
        )
