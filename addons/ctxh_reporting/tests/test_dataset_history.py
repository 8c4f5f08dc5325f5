from datetime import date

from freezegun import freeze_time

from odoo.tests import tagged

from .common import CtxhReportingCommon


@tagged("post_install", "-at_install")
class TestPastPeriodStaysTheSame(CtxhReportingCommon):
    """A past period's dataset gives the same figures when it is exported again later, whatever
    happened to the staff, volunteers and teams since."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Employee = cls.env["hr.employee"].with_company(cls.hospital)
        with freeze_time("2025-12-01"):
            cls.staff = Employee.create(
                [
                    {
                        "name": name,
                        "company_id": cls.hospital.id,
                        "ctxh_role": role,
                        "ctxh_qualification": qualification,
                        "ctxh_team_id": cls.team.id,
                        "ctxh_role_date_start": "2025-06-01",
                    }
                    for name, role, qualification in (
                        ("Nguyễn Văn Một", "full_time", "degree"),
                        ("Trần Thị Hai", "full_time", "related_degree"),
                        ("Lê Văn Ba", "part_time", "training"),
                        ("Phạm Thị Bốn", "part_time", "none"),
                    )
                ]
            )
            Volunteer = cls.env["ctxh.volunteer"].with_company(cls.hospital)
            cls.volunteers = Volunteer.create(
                [
                    {"name": "Cộng tác viên Năm", "kind": "staff", "company_id": cls.hospital.id},
                    {"name": "Tình nguyện viên Sáu", "company_id": cls.hospital.id},
                    {"name": "Tình nguyện viên Bảy", "company_id": cls.hospital.id},
                ]
            )
            cls.volunteers[:2].action_activate()
        with freeze_time("2026-02-10"):
            cls.volunteers[2].action_activate()
            cls.env["ctxh.award"].create(
                {
                    "name": "Giấy khen",
                    "level": "hospital",
                    "decision_number": "12/QĐ-BV",
                    "decision_date": "2026-02-10",
                    "employee_id": cls.staff[0].id,
                    "company_id": cls.hospital.id,
                }
            )

    def export_q1(self):
        wizard = self.env["ctxh.report.wizard"].create(
            {"company_id": self.hospital.id, "period_kind": "quarter", "year": 2026, "period_number": 1}
        )
        return wizard._get_dataset()

    def test_export_change_export_again(self):
        with freeze_time("2026-04-03"):
            first = self.export_q1()
        figures = first["figures"]
        self.assertEqual(figures["staff_full_time"], 2)
        self.assertEqual(figures["staff_part_time"], 2)
        self.assertEqual(figures["staff_full_time.degree"], 1)
        self.assertEqual(figures["volunteers_active"], 3)
        self.assertEqual(figures["staff_collaborators"], 1)
        self.assertEqual(figures["volunteers_joined"], 1)
        self.assertEqual(figures["awards_individuals"], 1)
        self.assertEqual(figures["org_team_members"], 3 + 4)

        # Today's data changes in May.
        with freeze_time("2026-05-10"):
            one, two, three, four = self.staff
            one.ctxh_role = "part_time"
            two.ctxh_qualification = "degree"
            three.ctxh_team_id = self.department
            four.action_archive()
            self.env["hr.employee"].with_company(self.hospital).create(
                {"name": "Hoàng Văn Mới", "company_id": self.hospital.id, "ctxh_role": "full_time"}
            )
            self.volunteers[0].action_deactivate()
            self.volunteers[1].action_set_archived()
            self.env["ctxh.volunteer"].with_company(self.hospital).create(
                {"name": "Tình nguyện viên Tám", "state": "active", "company_id": self.hospital.id}
            )
            second = self.export_q1()
            may = self.env["ctxh.report.dataset"]._make_dataset(
                self.hospital, "month", date(2026, 5, 1), date(2026, 5, 31)
            )["figures"]
        self.assertEqual(second["figures"], first["figures"])
        self.assertNotEqual(second["generated_at"], first["generated_at"])
        # Today's figures do show the changes.
        self.assertEqual(may["staff_joined"], 1)
        self.assertEqual(may["staff_left"], 1)
        self.assertEqual(may["volunteers_left"], 2)
