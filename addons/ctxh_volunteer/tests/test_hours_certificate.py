from datetime import date

from freezegun import freeze_time

from odoo.tests import tagged

from .common import CtxhVolunteerCommon


@tagged("post_install", "-at_install")
class TestHoursCertificate(CtxhVolunteerCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        with freeze_time("2026-02-01 01:00:00"):
            shifts = [
                cls.make_shift((2026, 2, 10), 7, 11),  # 4 h
                cls.make_shift((2026, 2, 20), 13, 16),  # 3 h
                cls.make_shift((2026, 3, 5), 7, 9),  # 2 h, next month
                cls.make_shift((2026, 3, 6), 7, 10),  # 3 h, attended but not approved
                cls.make_shift((2026, 3, 7), 7, 10),  # absent
            ]
            cls.assignments = cls.env["ctxh.shift.assignment"]
            for shift in shifts:
                cls.assignments |= cls.assign(shift, cls.volunteer)
            cls.assign(shifts[0], cls.volunteer2)
        with freeze_time("2026-03-10 01:00:00"):
            cls.assignments[:4].action_attend()
            cls.assignments[4].action_absent()
            cls.assignments[:3].action_approve_hours()
            cls.volunteer2.assignment_ids.action_attend()
            cls.volunteer2.assignment_ids.action_approve_hours()

    def test_approved_hours_per_period(self):
        Volunteer = self.env["ctxh.volunteer"]
        hours = Volunteer._get_approved_hours(date(2026, 2, 1), date(2026, 2, 28))
        self.assertEqual(hours[self.volunteer.id], 7.0)
        self.assertEqual(hours[self.volunteer2.id], 4.0)
        hours = self.volunteer._get_approved_hours(date(2026, 3, 1), date(2026, 3, 31))
        self.assertEqual(hours, {self.volunteer.id: 2.0})  # not the unapproved or absent ones
        self.assertEqual(self.volunteer._get_approved_hours(), {self.volunteer.id: 9.0})
        self.assertEqual(self.volunteer.approved_hours_total, 9.0)
        self.assertEqual(self.volunteer3._get_approved_hours(), {})

    def test_recognition_order(self):
        ranked = self.env["ctxh.volunteer"].search(
            [
                ("approved_hours_total", ">", 0),
                ("id", "in", (self.volunteer | self.volunteer2 | self.volunteer3).ids),
            ],
            order="approved_hours_total desc",
        )
        self.assertEqual(ranked.ids[:2], [self.volunteer.id, self.volunteer2.id])

    def _render(self, volunteers, date_from, date_to, lang="vi_VN"):
        """The certificate's HTML in the language of the user who prints it (Vietnamese here)."""
        self.env["res.lang"]._activate_lang(lang)
        env = self.env(context=dict(self.env.context, lang=lang))
        wizard = env["ctxh.volunteer.certificate.wizard"].create(
            {"volunteer_ids": [(6, 0, volunteers.ids)], "date_from": date_from, "date_to": date_to}
        )
        action = wizard.with_context(discard_logo_check=True).action_print()
        self.assertEqual(action["report_name"], "ctxh_volunteer.report_volunteer_certificate")
        html, _fmt = env["ir.actions.report"]._render_qweb_html(
            "ctxh_volunteer.report_volunteer_certificate", volunteers.ids, data=action["data"]
        )
        return html.decode()

    def test_certificate_content(self):
        html = self._render(self.volunteer, "2026-02-01", "2026-02-28")
        self.assertIn("GIẤY CHỨNG NHẬN", html)
        self.assertIn("Nguyễn Thị Lan", html)
        self.assertIn('<strong class="o_ctxh_cert_hours">7,0</strong>', html)
        self.assertIn("01/02/2026", html)
        self.assertIn("28/02/2026", html)
        self.assertNotIn("Trần Văn Bình", html)
        html = self._render(self.volunteer | self.volunteer2, "2026-03-01", "2026-03-31")
        self.assertIn('<strong class="o_ctxh_cert_hours">2,0</strong>', html)
        self.assertIn('<strong class="o_ctxh_cert_hours">0,0</strong>', html)
        self.assertIn("Trần Văn Bình", html)

    @freeze_time("2026-03-12 03:00:00")
    def test_certificate_in_the_printing_users_language(self):
        """Written in English and translated: a coordinator working in English prints an English
        certificate (decimal point, "Date: 12/03/2026"), one working in Vietnamese the Vietnamese
        document ("Ngày 12 tháng 03 năm 2026"); the national motto heads it in a Vietnamese
        hospital only."""
        vietnamese = self.env.company.country_id.code == "VN"
        english = self._render(self.volunteer, "2026-02-01", "2026-02-28", lang="en_US")
        lines = ("CERTIFICATE", "OF VOLUNTEER SERVICE", "has served as a volunteer at", "Date: 12/03/2026")
        for text in lines:
            self.assertIn(text, english)
        self.assertIn('<strong class="o_ctxh_cert_hours">7.0</strong>', english)
        self.assertEqual("SOCIALIST REPUBLIC OF VIETNAM" in english, vietnamese)
        self.assertNotIn("GIẤY CHỨNG NHẬN", english)
        html = self._render(self.volunteer, "2026-02-01", "2026-02-28")
        for text in ("GIẤY CHỨNG NHẬN", "Đã tham gia hoạt động tình nguyện tại", "Ngày 12 tháng 03 năm 2026"):
            self.assertIn(text, html)
        self.assertEqual("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in html, vietnamese)
        self.assertNotIn("CERTIFICATE", html)
