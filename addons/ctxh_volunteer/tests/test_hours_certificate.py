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

    def _render(self, volunteers, date_from, date_to):
        wizard = self.env["ctxh.volunteer.certificate.wizard"].create(
            {"volunteer_ids": [(6, 0, volunteers.ids)], "date_from": date_from, "date_to": date_to}
        )
        action = wizard.with_context(discard_logo_check=True).action_print()
        self.assertEqual(action["report_name"], "ctxh_volunteer.report_volunteer_certificate")
        html, _fmt = self.env["ir.actions.report"]._render_qweb_html(
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
