from freezegun import freeze_time

from odoo.tests import tagged

from .common import CtxhVolunteerHttpCommon, pdf_text

REPORT = "ctxh_volunteer.report_volunteer_certificate"


@tagged("post_install", "-at_install")
class TestCertificatePdf(CtxhVolunteerHttpCommon):
    """The certificate read back from the PDF wkhtmltopdf makes, as a reader would.

    An HttpCase: wkhtmltopdf fetches the report's styles from the running server, which answers
    only while the registry is in test mode.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.ref("base.lang_vi_VN").active = True
        cls.portal_volunteer = cls.make_portal_volunteer("ctxh_cert_portal", "Đặng Hoài Nhung")
        with freeze_time("2026-02-01 01:00:00"):
            shifts = [
                cls.make_shift((2026, 2, 10), 7, 11),
                cls.make_shift((2026, 2, 20), 13, 16, post=cls.post_free),
            ]
            assignments = cls.assign(shifts[0], cls.volunteer) | cls.assign(shifts[1], cls.volunteer)
            assignments |= cls.assign(shifts[1], cls.portal_volunteer)
        with freeze_time("2026-03-10 01:00:00"):
            assignments.action_attend()
            assignments.action_approve_hours()

    def render(self, env, docids, data=None):
        """The PDF's text, printed in Vietnamese (the certificate is in the printing user's language)."""
        env = env(context=dict(env.context, lang="vi_VN"))
        pdf, fmt = (
            env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(REPORT, docids, data=data)
        )
        self.assertEqual(fmt, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        return pdf_text(pdf)

    def assertCertificate(self, text, name, hours):
        self.assertIn("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", text)
        self.assertIn("Độc lập - Tự do - Hạnh phúc", text)
        self.assertIn("GIẤY CHỨNG NHẬN", text)
        self.assertIn("THAM GIA HOẠT ĐỘNG TÌNH NGUYỆN", text)
        self.assertIn(name, text)
        self.assertRegex(" ".join(text.split()), rf"với tổng số {hours} giờ")
        self.assertNotIn("á»", text)  # no UTF-8 read as Latin-1 ("Cá»˜NG HÃ’A")

    def test_print_menu(self):
        """Print > Certificate on volunteers: the report gets the ids and no data."""
        action = self.env.ref("ctxh_volunteer.action_report_volunteer_certificate").report_action(
            self.volunteer | self.portal_volunteer, config=False
        )
        text = self.render(self.env, action["context"]["active_ids"])
        self.assertCertificate(text, "Nguyễn Thị Lan", "7,0")
        self.assertCertificate(text, "Đặng Hoài Nhung", "3,0")
        self.assertEqual(text.count("GIẤY CHỨNG NHẬN"), 2)

    def test_wizard(self):
        """The wizard's action carries data: the web client then calls the report without ids."""
        wizard = self.env["ctxh.volunteer.certificate.wizard"].create(
            {
                "volunteer_ids": [(6, 0, self.volunteer.ids)],
                "date_from": "2026-02-15",
                "date_to": "2026-02-28",
            }
        )
        action = wizard.action_print()
        self.assertTrue(action["data"])
        text = self.render(self.env, None, data=action["data"])
        self.assertCertificate(text, "Nguyễn Thị Lan", "3,0")
        self.assertIn("15/02/2026", text)
        self.assertIn("28/02/2026", text)
        self.assertNotIn("Đặng Hoài Nhung", text)

    def test_volunteer_prints_own(self):
        """A portal volunteer's certificate renders with their own rights (the portal page does so)."""
        env = self.env(user=self.portal_volunteer.user_id)
        text = self.render(env, self.portal_volunteer.ids, data={"volunteer_ids": self.portal_volunteer.ids})
        self.assertCertificate(text, "Đặng Hoài Nhung", "3,0")
