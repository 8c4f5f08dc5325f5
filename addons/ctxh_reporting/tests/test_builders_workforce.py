from datetime import date, timedelta

from odoo import Command
from odoo.tests import tagged

from ..builders import build_figures, case_figures, workforce_figures
from .common import Q1, CtxhReportingCommon


@tagged("post_install", "-at_install")
class TestWorkforceBuilder(CtxhReportingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Employee = cls.env["hr.employee"].with_company(cls.hospital)
        # (name, role, qualification, certificate issue, certificate expiry, role since, role until)
        cls.staff_specs = [
            ("Nguyễn Thị Mai", "full_time", "degree", date(2024, 5, 1), None, date(2024, 5, 1), None),
            (
                "Trần Quốc Huy",
                "full_time",
                "related_degree",
                date(2025, 1, 1),
                date(2026, 2, 28),
                date(2025, 1, 1),
                None,
            ),
            ("Lê Thị Hồng", "part_time", "training", None, None, date(2026, 2, 1), None),
            ("Phạm Văn Đức", "part_time", "degree", date(2026, 4, 1), None, date(2025, 9, 1), None),
            ("Hoàng Minh Tâm", "none", "none", None, None, None, None),
            # Left social work on 15/03/2026 (last day in the role).
            ("Vũ Thị Lan", "full_time", "training", None, None, date(2023, 1, 1), date(2026, 3, 15)),
            # Joined after the quarter.
            ("Đặng Văn Mới", "part_time", "none", None, None, date(2026, 4, 20), None),
        ]
        cls.employees = Employee.browse()
        for name, role, qualification, issued, expiry, since, until in cls.staff_specs:
            vals = {
                "name": name,
                "company_id": cls.hospital.id,
                "ctxh_role": role,
                "ctxh_qualification": qualification,
                "ctxh_role_date_start": since or False,
            }
            if issued:
                vals.update(
                    {
                        "ctxh_certificate_number": f"CCHN-{name[:3]}",
                        "ctxh_certificate_issue_date": issued,
                        "ctxh_certificate_expiry_date": expiry or False,
                    }
                )
            employee = Employee.create(vals)
            if until:
                employee.write({"ctxh_role": "none", "ctxh_role_date_start": until + timedelta(days=1)})
            cls.employees |= employee
        cls.env["hr.employee"].with_company(cls.other_hospital).create(
            {
                "name": "Nhân viên viện khác",
                "company_id": cls.other_hospital.id,
                "ctxh_role": "full_time",
                "ctxh_role_date_start": "2020-01-01",
            }
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
        Volunteer = cls.env["ctxh.volunteer"].with_company(cls.hospital)
        cls.collaborators = Volunteer.create(
            [
                {"name": "Cộng tác viên A", "kind": "staff", "company_id": cls.hospital.id},
                {"name": "Tình nguyện viên B", "company_id": cls.hospital.id},
            ]
        )
        # (collaborator, course, date, hours): the same course and day as the staff is one session.
        cls.collaborator_training_specs = [
            (cls.collaborators[0], "Kỹ năng tham vấn", date(2026, 1, 15), 8.0),
            (cls.collaborators[1], "Kỹ năng giao tiếp", date(2026, 2, 20), 3.5),
            (cls.collaborators[1], "Kỹ năng giao tiếp", date(2026, 6, 20), 3.5),
        ]
        cls.env["ctxh.volunteer.training"].create(
            [
                {"volunteer_id": vol.id, "course": course, "date": day, "hours": hours}
                for vol, course, day, hours in cls.collaborator_training_specs
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

        for _name, role, qualification, issued, expiry, since, until in self.staff_specs:
            if role == "none":
                continue
            if since <= date_to and (not until or until >= date_to):
                add(f"staff_{role}")
                add(f"staff_{role}.{qualification}")
                add("staff_total")
                if issued and issued <= date_to and (not expiry or expiry >= date_to):
                    add("staff_certificate_valid")
            if date_from <= since <= date_to:
                add("staff_joined")
                add(f"staff_joined.{role}")
            if until and date_from <= until <= date_to:
                add("staff_left")
                add(f"staff_left.{role}")
        sessions, employees = set(), set()
        for emp, course, day, hours in self.training_specs:
            if date_from <= day <= date_to:
                add("training_attendances")
                add("training_attendances_total")
                add("training_hours", hours)
                add("training_hours_total", hours)
                sessions.add((course, day))
                employees.add(emp)
        expected["training_sessions"] = len(sessions)
        expected["training_employees"] = len(employees)
        collaborators = set()
        for volunteer, course, day, hours in self.collaborator_training_specs:
            if date_from <= day <= date_to:
                add("training_attendances_collaborators")
                add("training_attendances_total")
                add("training_hours_collaborators", hours)
                add("training_hours_total", hours)
                sessions.add((course, day))
                collaborators.add(volunteer)
        expected["training_sessions_total"] = len(sessions)
        expected["training_collaborators"] = len(collaborators)
        for day, kind, channel, count in self.log_specs:
            if date_from <= day <= date_to:
                add(f"service.{kind}", count)
                add(f"service.channel.{channel}", count)
                add("service_total", count)
        return expected

    def test_figures_match_independent_count(self):
        periods = (
            Q1,
            (date(2026, 1, 1), date(2026, 12, 31)),
            (date(2026, 1, 1), date(2026, 1, 31)),
            (date(2026, 3, 1), date(2026, 3, 15)),
            (date(2025, 1, 1), date(2025, 12, 31)),
        )
        for period in periods:
            figures = workforce_figures.build(self.env, self.hospital, *period)
            expected = self.expected(*period)
            for code, value in figures.items():
                self.assertEqual(value, expected.get(code, 0), f"{code} for {period}")
            self.assertFalse(set(expected) - set(figures))

    def test_known_values_q1(self):
        figures = build_figures(self.env, self.hospital, *Q1)
        # Mai and Huy full-time; Lan left on 15/03; Hồng (since February) and Đức part-time;
        # Mới joined in April.
        self.assertEqual(figures["staff_full_time"], 2)
        self.assertEqual(figures["staff_part_time"], 2)
        self.assertEqual((figures["staff_joined"], figures["staff_joined.part_time"]), (1, 1))
        self.assertEqual((figures["staff_left"], figures["staff_left.full_time"]), (1, 1))
        # Huy's certificate expired in February, Đức's starts in April: only Mai's on 31/03.
        self.assertEqual(figures["staff_certificate_valid"], 1)
        self.assertEqual(figures["training_sessions"], 2)
        self.assertEqual(figures["training_attendances"], 3)
        self.assertEqual(figures["training_hours"], 32.0)
        # Collaborators' trainings beside the staff's; the shared course of 15/01 is one session.
        self.assertEqual(figures["training_attendances_collaborators"], 2)
        self.assertEqual(figures["training_hours_collaborators"], 11.5)
        self.assertEqual(figures["training_attendances_total"], 5)
        self.assertEqual(figures["training_hours_total"], 43.5)
        self.assertEqual(figures["training_sessions_total"], 3)
        self.assertEqual(figures["service_total"], 24)
        self.assertEqual(figures["service.guidance"], 10)
        self.assertEqual(figures["service.channel.hotline"], 3)
        other = build_figures(self.env, self.other_hospital, *Q1)
        self.assertEqual(other["staff_full_time"], 1)
        self.assertEqual(other["service_total"], 0)
        self.assertEqual(other["training_attendances_collaborators"], 0)

    def test_team_members_from_users_and_employees(self):
        """People of the units: the teams' member users and the employees whose team field points
        to a unit, each person once."""
        mai, huy, hong = self.employees[:3]
        # Mai is the officer (member user of both units) and is also assigned to the team.
        mai.write(
            {"user_id": self.officer.id, "ctxh_team_id": self.team.id, "ctxh_role_date_start": "2025-06-01"}
        )
        # Huy has no user: he belongs to the department through his team field only.
        huy.write({"ctxh_team_id": self.department.id, "ctxh_role_date_start": "2025-06-01"})
        # Hồng joins the team after the quarter.
        hong.write({"ctxh_team_id": self.team.id, "ctxh_role_date_start": "2026-04-02"})
        # A unit without members adds nobody.
        self.env["ctxh.team"].create({"name": "Tổ trống", "company_id": self.hospital.id})
        figures = case_figures.build(self.env, self.hospital, *Q1)
        users = self.department.member_ids | self.team.member_ids
        self.assertEqual(len(users), 3)
        self.assertEqual(figures["org_team_members"], len(users) + 1)
        self.assertEqual(figures["org_teams"], 2)
        april = case_figures.build(self.env, self.hospital, date(2026, 4, 1), date(2026, 4, 30))
        self.assertEqual(april["org_team_members"], len(users) + 2)
        # Removing the officer from the units keeps Mai through her team field.
        self.department.member_ids = [Command.unlink(self.officer.id)]
        self.team.member_ids = [Command.unlink(self.officer.id)]
        self.assertEqual(case_figures.build(self.env, self.hospital, *Q1)["org_team_members"], 4)
