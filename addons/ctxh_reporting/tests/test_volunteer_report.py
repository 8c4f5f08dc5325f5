import io
from datetime import date, datetime

import openpyxl

from odoo.tests import tagged

from ..builders import build_figures, volunteer_figures
from .common import Q1, CtxhReportingCommon
from .test_xlsx import assert_prints_on_a4, render_xlsx, to_pdf


@tagged("post_install", "-at_install")
class TestVolunteerFigures(CtxhReportingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env(context=dict(cls.env.context, allowed_company_ids=[cls.hospital.id]))
        Volunteer = env["ctxh.volunteer"]
        # Active since 2025: the report counts the volunteers serving on the last day of the period.
        since = {"state": "active", "pledge_date": "2025-01-01", "date_activated": "2025-01-01"}
        cls.lan = Volunteer.create({"name": "Nguyễn Thị Lan", "kind": "staff", **since})
        cls.binh = Volunteer.create({"name": "Trần Văn Bình", **since})
        cls.hoa = Volunteer.create({"name": "Phạm Thu Hòa", "kind": "partner_org", **since})
        Volunteer.create({"name": "Đỗ Văn Nam", "state": "applicant"})
        post = env["ctxh.shift.post"].create({"name": "Bàn đón tiếp khoa Khám bệnh"})

        def shift(day, hour_from, hour_to):
            # Local (UTC+7) hours 8:00-12:00 are 1:00-5:00 UTC the same day.
            return env["ctxh.shift"].create(
                {
                    "post_id": post.id,
                    "start_datetime": datetime(*day, hour_from - 7),
                    "end_datetime": datetime(*day, hour_to - 7),
                    "max_volunteers": 5,
                }
            )

        # (volunteer, shift, attended, approved)
        shifts = [shift((2026, 1, 12), 8, 12), shift((2026, 2, 3), 13, 16), shift((2026, 4, 6), 8, 10)]
        cls.assignment_specs = [
            (cls.lan, shifts[0], True, True),
            (cls.binh, shifts[0], True, True),
            (cls.lan, shifts[1], True, True),
            (cls.hoa, shifts[1], True, False),
            (cls.binh, shifts[1], False, False),
            (cls.lan, shifts[2], True, True),
        ]
        Assignment = env["ctxh.shift.assignment"]
        cls.assignments = Assignment.browse()
        for volunteer, a_shift, attended, approved in cls.assignment_specs:
            assignment = Assignment.create({"shift_id": a_shift.id, "volunteer_id": volunteer.id})
            if attended:
                assignment.action_attend()
                if approved:
                    assignment.action_approve_hours()
            else:
                assignment.action_absent()
            cls.assignments |= assignment
        cls.wizard = env["ctxh.report.wizard"].create(
            {"company_id": cls.hospital.id, "period_kind": "quarter", "year": 2026, "period_number": 1}
        )

    def expected_hours(self, date_from, date_to):
        hours = {}
        for assignment, (volunteer, a_shift, attended, approved) in zip(
            self.assignments, self.assignment_specs, strict=True
        ):
            local_day = a_shift.date
            if attended and approved and date_from <= local_day <= date_to:
                length = (a_shift.end_datetime - a_shift.start_datetime).total_seconds() / 3600
                self.assertEqual(assignment.hours, length)
                hours.setdefault(volunteer, [0, 0.0])
                hours[volunteer][0] += 1
                hours[volunteer][1] += length
        return hours

    def test_figures(self):
        figures = volunteer_figures.build(self.env, self.hospital, *Q1)
        hours = self.expected_hours(*Q1)
        self.assertEqual(figures["volunteers_active"], 3)
        self.assertEqual(figures["volunteers.staff"], 1)
        self.assertEqual(figures["staff_collaborators"], 1)
        self.assertEqual(figures["volunteers.external"], 1)
        self.assertEqual(figures["volunteers.partner_org"], 1)
        self.assertEqual(figures["volunteers_serving"], len(hours))
        self.assertEqual(figures["volunteer_shifts_attended"], sum(count for count, _h in hours.values()))
        self.assertEqual(figures["volunteer_hours"], sum(h for _c, h in hours.values()))
        self.assertEqual(figures["volunteer_hours"], 11.0)  # 4 + 4 + 3
        # The same as the volunteer addon's own computation.
        self.assertEqual(
            figures["volunteer_hours"],
            sum((self.lan | self.binh | self.hoa)._get_approved_hours(*Q1).values()),
        )
        self.assertEqual(build_figures(self.env, self.other_hospital, *Q1)["volunteer_hours"], 0)

    def test_hours_report(self):
        content = render_xlsx(self.env, "ctxh_reporting.ctxh_volunteer_hours_xlsx", self.wizard.ids)
        sheet = openpyxl.load_workbook(io.BytesIO(content)).active
        hours = self.expected_hours(*Q1)
        rows = {sheet.cell(r, 2).value: r for r in range(7, 7 + len(hours))}
        for volunteer, (count, total) in hours.items():
            row = rows[volunteer.partner_id.name]
            self.assertEqual(sheet.cell(row, 4).value, count)
            self.assertEqual(sheet.cell(row, 5).value, total)
        total_row = 7 + len(hours)
        self.assertEqual(sheet.cell(total_row, 5).value, 11.0)
        self.assertEqual(sheet.cell(total_row, 4).value, 3)
        assert_prints_on_a4(self, sheet, 6)
        self.assertTrue(to_pdf(content).startswith(b"%PDF"))
        action = self.wizard.with_context(discard_logo_check=True).action_print_volunteer_hours()
        self.assertEqual(action["report_name"], "ctxh_reporting.volunteer_hours_xlsx")

    def test_hours_report_in_vietnamese_order(self):
        """Names in Vietnamese alphabetical order: Đặng after Dương and before Nguyễn, not after Vũ."""
        env = self.env(context=dict(self.env.context, allowed_company_ids=[self.hospital.id], lang="vi_VN"))
        Volunteer = env["ctxh.volunteer"]
        served = self.assignments[0].shift_id
        for name in ("Vũ Thị Yến", "Đặng Văn Hải", "Dương Minh Châu"):
            volunteer = Volunteer.create({"name": name, "state": "active", "pledge_date": "2025-01-01"})
            assignment = env["ctxh.shift.assignment"].create(
                {"shift_id": served.id, "volunteer_id": volunteer.id}
            )
            assignment.action_attend()
            assignment.action_approve_hours()
        content = render_xlsx(env, "ctxh_reporting.ctxh_volunteer_hours_xlsx", self.wizard.ids)
        sheet = openpyxl.load_workbook(io.BytesIO(content)).active
        self.assertEqual(sheet.cell(3, 1).value, "BÁO CÁO GIỜ TÌNH NGUYỆN")
        self.assertEqual(
            [sheet.cell(6, col).value for col in range(1, 6)],
            ["STT", "Tình nguyện viên", "Loại", "Số ca trực đã tham gia", "Số giờ đã duyệt"],
        )
        names = [sheet.cell(row, 2).value for row in range(7, 12)]
        self.assertEqual(
            names, ["Dương Minh Châu", "Đặng Văn Hải", "Nguyễn Thị Lan", "Trần Văn Bình", "Vũ Thị Yến"]
        )
        self.assertEqual([sheet.cell(row, 1).value for row in range(7, 12)], [1, 2, 3, 4, 5])
        self.assertEqual(sheet.cell(12, 2).value, "Tổng cộng")

    def test_hours_in_period_report(self):
        figures = build_figures(self.env, self.hospital, date(2026, 4, 1), date(2026, 4, 30))
        self.assertEqual(figures["volunteer_hours"], 2.0)
