from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import new_test_user, tagged
from odoo.tests.common import TransactionCase

from .common import assert_raises_message


@tagged("post_install", "-at_install")
class TestRoleHistory(TransactionCase):
    """The role history (ctxh.role.period) kept by hr.employee, and the staff counted from it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # messages compared in the source language; the users created here speak it too
        cls.env = cls.env(
            context=dict(cls.env.context, tracking_disable=True, mail_create_nolog=True, lang="en_US")
        )
        cls.company = cls.env["res.company"].create({"name": "Bệnh viện Lịch sử"})
        cls.env.user.company_ids |= cls.company
        cls.env = cls.env(context=dict(cls.env.context, allowed_company_ids=[cls.company.id]))
        cls.hr_user = new_test_user(
            cls.env,
            login="h13_hist_hr",
            groups="hr.group_hr_user",
            company_id=cls.company.id,
            company_ids=[(6, 0, cls.company.ids)],
        )
        cls.officer = new_test_user(
            cls.env,
            login="h13_hist_officer",
            groups="ctxh_case.group_ctxh_officer",
            company_id=cls.company.id,
            company_ids=[(6, 0, cls.company.ids)],
        )
        cls.team = cls.env["ctxh.team"].create({"name": "Tổ Lịch sử", "company_id": cls.company.id})
        cls.Employee = cls.env["hr.employee"].with_company(cls.company)

    def periods(self, employee):
        return [
            (p.role, p.qualification, p.team_id, p.date_start, p.date_end)
            for p in employee.ctxh_role_period_ids.sorted("date_start")
        ]

    def test_history_follows_changes(self):
        with freeze_time("2026-02-10"):
            employee = self.Employee.create(
                {
                    "name": "Nguyễn Văn Lịch",
                    "company_id": self.company.id,
                    "ctxh_role": "part_time",
                    "ctxh_qualification": "training",
                    "ctxh_role_date_start": "2025-07-01",
                }
            )
            self.assertEqual(employee.ctxh_role_date_start, date(2025, 7, 1))
            # Full-time from 1 March, with a degree and a team.
            employee.write(
                {
                    "ctxh_role": "full_time",
                    "ctxh_qualification": "degree",
                    "ctxh_team_id": self.team.id,
                    "ctxh_role_date_start": "2026-03-01",
                }
            )
        with freeze_time("2026-09-15"):
            # Leaves social work today.
            employee.ctxh_role = "none"
        Team = self.env["ctxh.team"]
        self.assertEqual(
            self.periods(employee),
            [
                ("part_time", "training", Team, date(2025, 7, 1), date(2026, 2, 28)),
                ("full_time", "degree", self.team, date(2026, 3, 1), date(2026, 9, 14)),
            ],
        )
        self.assertFalse(employee.ctxh_role_date_start)
        Employee = self.Employee
        self.assertEqual(Employee._ctxh_workforce_figures("2025-06-30")["part_time"]["total"], 0)
        self.assertEqual(Employee._ctxh_workforce_figures("2025-12-31")["part_time"]["training"], 1)
        figures = Employee._ctxh_workforce_figures("2026-06-30")
        self.assertEqual(figures["part_time"]["total"], 0)
        self.assertEqual(figures["full_time"]["degree"], 1)
        self.assertEqual(Employee._ctxh_workforce_figures("2026-09-14")["full_time"]["total"], 1)
        self.assertEqual(Employee._ctxh_workforce_figures("2026-09-15")["full_time"]["total"], 0)
        Period = self.env["ctxh.role.period"]
        # Joining and leaving social work are movements; a change of role is not.
        self.assertEqual(
            Period._get_movements(date(2025, 7, 1), date(2025, 12, 31)),
            {"joined": {"part_time": 1}, "left": {}},
        )
        self.assertEqual(
            Period._get_movements(date(2026, 1, 1), date(2026, 6, 30)), {"joined": {}, "left": {}}
        )
        self.assertEqual(
            Period._get_movements(date(2026, 7, 1), date(2026, 12, 31)),
            {"joined": {}, "left": {"full_time": 1}},
        )

    def test_archive_and_same_day_change(self):
        with freeze_time("2026-03-02"):
            employee = self.Employee.create(
                {"name": "Trần Thị Lưu", "company_id": self.company.id, "ctxh_role": "full_time"}
            )
            # Corrected on the day it was entered: the period of the first role never held.
            employee.ctxh_role = "part_time"
            self.assertEqual(
                self.periods(employee),
                [("part_time", "none", self.env["ctxh.team"], date(2026, 3, 2), False)],
            )
            # The start of the current period is corrected by dating it.
            employee.ctxh_role_date_start = "2024-01-15"
            self.assertEqual(employee.ctxh_role_period_ids.date_start, date(2024, 1, 15))
        with freeze_time("2026-05-20"):
            employee.action_archive()
        self.assertEqual(employee.ctxh_role_period_ids.date_end, date(2026, 5, 19))
        Employee = self.Employee
        self.assertEqual(Employee._ctxh_workforce_figures("2026-05-19")["part_time"]["total"], 1)
        self.assertEqual(Employee._ctxh_workforce_figures("2026-05-20")["part_time"]["total"], 0)
        with freeze_time("2026-08-01"):
            employee.action_unarchive()
        self.assertEqual(len(employee.ctxh_role_period_ids), 2)
        self.assertEqual(Employee._ctxh_workforce_figures("2026-08-01")["part_time"]["total"], 1)

    def test_change_before_current_period_refused(self):
        employee = self.Employee.create(
            {
                "name": "Lê Văn Sớm",
                "company_id": self.company.id,
                "ctxh_role": "full_time",
                "ctxh_role_date_start": "2026-01-01",
            }
        )
        with assert_raises_message(self, ValidationError, "correct the role history"):
            employee.write({"ctxh_role": "part_time", "ctxh_role_date_start": "2025-12-01"})
        self.assertEqual(employee.ctxh_role, "full_time")

    def test_periods_do_not_overlap(self):
        employee = self.Employee.create(
            {
                "name": "Phạm Thị Chồng",
                "company_id": self.company.id,
                "ctxh_role": "full_time",
                "ctxh_role_date_start": "2026-01-01",
            }
        )
        Period = self.env["ctxh.role.period"]
        with assert_raises_message(self, ValidationError, "overlap"):
            Period.create(
                {
                    "employee_id": employee.id,
                    "company_id": self.company.id,
                    "role": "part_time",
                    "qualification": "none",
                    "date_start": "2025-06-01",
                    "date_end": "2026-02-01",
                }
            )
        # An earlier period, entered by HR, counts on its dates.
        Period.create(
            {
                "employee_id": employee.id,
                "company_id": self.company.id,
                "role": "part_time",
                "qualification": "training",
                "date_start": "2025-06-01",
                "date_end": "2025-12-31",
            }
        )
        self.assertEqual(self.Employee._ctxh_workforce_figures("2025-12-31")["part_time"]["total"], 1)
        with self.assertRaises(ValidationError):
            employee.ctxh_role_period_ids[0].date_end = "2024-01-01"

    def test_hr_officer_keeps_history_officer_reads_it(self):
        """An HR officer without any social work group changes the role: the history follows (it is
        kept as superuser, see hr.employee._ctxh_sync_role_periods); an officer reads it only."""
        employee = self.Employee.create(
            {
                "name": "Hoàng Văn Nhân Sự",
                "company_id": self.company.id,
                "ctxh_role": "part_time",
                "ctxh_role_date_start": "2026-01-01",
            }
        )
        with freeze_time("2026-04-01"):
            employee.with_user(self.hr_user).write({"ctxh_role": "full_time"})
        self.assertEqual(
            [(p.role, p.date_start, p.date_end) for p in employee.ctxh_role_period_ids.sorted("date_start")],
            [("part_time", date(2026, 1, 1), date(2026, 3, 31)), ("full_time", date(2026, 4, 1), False)],
        )
        periods = employee.with_user(self.officer).ctxh_role_period_ids
        self.assertEqual(len(periods), 2)
        with self.assertRaises(AccessError):
            periods[0].write({"date_start": "2025-01-01"})
        with self.assertRaises(AccessError):
            employee.with_user(self.officer).write({"ctxh_role_date_start": "2025-01-01"})

    def test_other_company_periods_not_counted(self):
        other = self.env["res.company"].create({"name": "Bệnh viện Khác Lịch sử"})
        self.env.user.company_ids |= other
        self.env["hr.employee"].with_company(other).create(
            {
                "name": "Nhân viên viện khác",
                "company_id": other.id,
                "ctxh_role": "full_time",
                "ctxh_role_date_start": "2026-01-01",
            }
        )
        self.assertEqual(self.Employee._ctxh_workforce_figures("2026-06-30")["full_time"]["total"], 0)
        figures = self.env["hr.employee"].with_company(other)._ctxh_workforce_figures("2026-06-30")
        self.assertEqual(figures["full_time"]["total"], 1)
