from datetime import date

from odoo.tests import tagged

from ..builders import build_figures, workforce_figures
from .common import Q1, CtxhReportingCommon


@tagged("post_install", "-at_install")
class TestWorkforceBuilder(CtxhReportingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Employee = cls.env["hr.employee"]
        # (name, role, qualification, certificate issue, certificate expiry)
        cls.staff_specs = [
            ("Nguyễn Thị Mai", "full_time", "degree", date(2024, 5, 1), None),
            ("Trần Quốc Huy", "full_time", "related_degree", date(2025, 1, 1), date(2026, 2, 28)),
            ("Lê Thị Hồng", "part_time", "training", None, None),
            ("Phạm Văn Đức", "part_time", "degree", date(2026, 4, 1), None),
            ("Hoàng Minh Tâm", "none", "none", None, None),
        ]
        cls.employees = Employee.browse()
        for name, role, qualification, issued, expiry in cls.staff_specs:
            vals = {
                "name": name,
                "company_id": cls.hospital.id,
                "ctxh_role": role,
                "ctxh_qualification": qualification,
            }
            if issued:
                vals.update(
                    {
                        "ctxh_certificate_number": f"CCHN-{name[:3]}",
                        "ctxh_certificate_issue_date": issued,
                        "ctxh_certificate_expiry_date": expiry or False,
                    }
                )
            cls.employees |= Employee.create(vals)
        Employee.create(
            {"name": "Nhân viên viện khác", "company_id": cls.other_hospital.id, "ctxh_role": "full_time"}
        )
        mai, huy, hong = cls.employees[:3]
        # (employee, course, date, hours)
        cls.training_specs = [
            (mai, "Kỹ năng tham vấn", date(2026, 1, 15), 8.0),
            (huy, "Kỹ năng tham vấn", date(2026, 1, 15), 8.0),
            (hong, "Quản lý trường hợp", date(2026, 3, 2), 16.0),
            (mai, "Sơ cấp cứu tâm lý", date(2026, 4, 10), 4.0),
        ]
        cls.env["ctxh.training"].create(
            [
                {"employee_id": emp.id, "course": course, "date": day, "hours": hours}
                for emp, course, day, hours in cls.training_specs
            ]
        )
        # (date, kind, channel, count)
        cls.log_specs = [
            (date(2026, 1, 5), "reception", "in_person", 12),
            (date(2026, 1, 5), "guidance", "hotline", 3),
            (date(2026, 2, 9), "guidance", "in_person", 7),
            (date(2026, 3, 31), "escort", "in_person", 2),
            (date(2026, 4, 1), "reception", "in_person", 40),
        ]
        cls.env["ctxh.service.log"].create(
            [
                {"date": day, "kind": kind, "channel": channel, "count": count, "company_id": cls.hospital.id}
                for day, kind, channel, count in cls.log_specs
            ]
        )

    def expected(self, date_from, date_to):
        expected = {}

        def add(code, amount=1):
            expected[code] = expected.get(code, 0) + amount

        for _name, role, qualification, issued, expiry in self.staff_specs:
            if role == "none":
                continue
            add(f"staff_{role}")
            add(f"staff_{role}.{qualification}")
            add("staff_total")
            if issued and issued <= date_to and (not expiry or expiry >= date_to):
                add("staff_certificate_valid")
        sessions, employees = set(), set()
        for emp, course, day, hours in self.training_specs:
            if date_from <= day <= date_to:
                add("training_attendances")
                add("training_hours", hours)
                sessions.add((course, day))
                employees.add(emp)
        expected["training_sessions"] = len(sessions)
        expected["training_employees"] = len(employees)
        for day, kind, channel, count in self.log_specs:
            if date_from <= day <= date_to:
                add(f"service.{kind}", count)
                add(f"service.channel.{channel}", count)
                add("service_total", count)
        return expected

    def test_figures_match_independent_count(self):
        for period in (Q1, (date(2026, 1, 1), date(2026, 12, 31)), (date(2026, 1, 1), date(2026, 1, 31))):
            figures = workforce_figures.build(self.env, self.hospital, *period)
            expected = self.expected(*period)
            for code, value in figures.items():
                self.assertEqual(value, expected.get(code, 0), f"{code} for {period}")
            self.assertFalse(set(expected) - set(figures))

    def test_known_values_q1(self):
        figures = build_figures(self.env, self.hospital, *Q1)
        self.assertEqual(figures["staff_full_time"], 2)
        self.assertEqual(figures["staff_part_time"], 2)
        # Huy's certificate expired in February, Đức's starts in April: only Mai's on 31/03.
        self.assertEqual(figures["staff_certificate_valid"], 1)
        self.assertEqual(figures["training_sessions"], 2)
        self.assertEqual(figures["training_attendances"], 3)
        self.assertEqual(figures["training_hours"], 32.0)
        self.assertEqual(figures["service_total"], 24)
        self.assertEqual(figures["service.guidance"], 10)
        self.assertEqual(figures["service.channel.hotline"], 3)
        other = build_figures(self.env, self.other_hospital, *Q1)
        self.assertEqual(other["staff_full_time"], 1)
        self.assertEqual(other["service_total"], 0)
