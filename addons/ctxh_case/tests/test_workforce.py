from datetime import date, datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import new_test_user, tagged
from odoo.tests.common import TransactionCase


@tagged("post_install", "-at_install")
class TestWorkforce(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True, mail_create_nolog=True))
        cls.officer = new_test_user(cls.env, login="h2_wf_officer", groups="ctxh_case.group_ctxh_officer")
        cls.manager = new_test_user(cls.env, login="h2_wf_manager", groups="ctxh_case.group_ctxh_manager")
        cls.hr_user = new_test_user(cls.env, login="h2_wf_hr", groups="hr.group_hr_user")
        cls.boss_user = new_test_user(cls.env, login="h2_wf_boss", groups="base.group_user")
        cls.leader = new_test_user(cls.env, login="h2_wf_leader", groups="ctxh_case.group_ctxh_supervisor")
        cls.team = cls.env["ctxh.team"].create({"name": "H2 Workforce Team", "leader_id": cls.leader.id})
        Employee = cls.env["hr.employee"]
        cls.boss = Employee.create({"name": "Trưởng phòng Thử", "user_id": cls.boss_user.id})
        # Social work staff since 2025 (the reports count them from their role history).
        since = "2025-01-01"
        cls.valid = Employee.create(
            {
                "name": "Nguyễn Văn Hợp Lệ",
                "ctxh_role": "full_time",
                "ctxh_role_date_start": since,
                "ctxh_certificate_number": "CC-1",
                "ctxh_certificate_issue_date": "2025-01-10",
                "ctxh_certificate_expiry_date": "2026-06-30",
            }
        )
        cls.no_expiry = Employee.create(
            {
                "name": "Trần Thị Vô Hạn",
                "ctxh_role": "part_time",
                "ctxh_role_date_start": since,
                "ctxh_certificate_number": "CC-2",
                "ctxh_certificate_issue_date": "2025-03-01",
            }
        )
        cls.no_number = Employee.create(
            {
                "name": "Lê Văn Thiếu Số",
                "ctxh_role": "full_time",
                "ctxh_role_date_start": since,
                "ctxh_certificate_issue_date": "2025-01-01",
            }
        )
        cls.missing = Employee.create(
            {"name": "Phạm Thị Chưa Có", "ctxh_role": "part_time", "ctxh_role_date_start": since}
        )
        cls.other = Employee.create({"name": "Hoàng Văn Khác", "ctxh_role": "none"})
        cls.all_employees = cls.valid | cls.no_expiry | cls.no_number | cls.missing | cls.other

    # ------------------------------------------------------------------ validity
    def test_certificate_valid_on_date(self):
        employees = self.all_employees
        self.assertEqual(employees._ctxh_certificate_valid_on(date(2024, 12, 31)), self.env["hr.employee"])
        self.assertEqual(employees._ctxh_certificate_valid_on(date(2025, 1, 10)), self.valid)
        self.assertEqual(employees._ctxh_certificate_valid_on("2025-03-01"), self.valid | self.no_expiry)
        self.assertEqual(employees._ctxh_certificate_valid_on(date(2026, 6, 30)), self.valid | self.no_expiry)
        self.assertEqual(employees._ctxh_certificate_valid_on(date(2026, 7, 1)), self.no_expiry)
        # on an empty recordset it searches all employees
        found = self.env["hr.employee"]._ctxh_certificate_valid_on(date(2026, 7, 1))
        self.assertIn(self.no_expiry, found)
        self.assertNotIn(self.valid, found)

    def test_certificate_valid_compute_and_search(self):
        with freeze_time("2026-06-30"):
            self.all_employees.invalidate_recordset(["ctxh_certificate_valid"])
            self.assertTrue(self.valid.ctxh_certificate_valid)
            self.assertFalse(self.missing.ctxh_certificate_valid)
            Employee = self.env["hr.employee"]
            domain = [("id", "in", self.all_employees.ids)]
            self.assertEqual(
                Employee.search(domain + [("ctxh_certificate_valid", "=", True)]), self.valid | self.no_expiry
            )
            self.assertEqual(
                Employee.search(domain + [("ctxh_certificate_valid", "!=", True)]),
                self.no_number | self.missing | self.other,
            )
        with freeze_time("2026-07-01"):
            self.all_employees.invalidate_recordset(["ctxh_certificate_valid"])
            self.assertFalse(self.valid.ctxh_certificate_valid)
            # the "Without Valid Certificate" filter of the search view
            without = self.env["hr.employee"].search(
                [
                    ("id", "in", self.all_employees.ids),
                    ("ctxh_certificate_required", "=", True),
                    ("ctxh_certificate_valid", "=", False),
                ]
            )
            self.assertEqual(without, self.valid | self.no_number | self.missing)

    def test_certificate_required_flag(self):
        self.assertTrue(self.valid.ctxh_certificate_required)
        self.assertTrue(self.missing.ctxh_certificate_required)
        self.assertFalse(self.other.ctxh_certificate_required)
        self.missing.ctxh_role = "none"
        self.assertFalse(self.missing.ctxh_certificate_required)

    def test_certificate_dates_constraint(self):
        with self.assertRaises(ValidationError):
            self.valid.ctxh_certificate_expiry_date = "2024-12-31"

    # ------------------------------------------------------------------ reminders
    def test_add_working_days(self):
        Employee = self.env["hr.employee"]
        calendar = self.env["resource.calendar"].create(
            {"name": "H2 Mon-Fri", "company_id": self.env.company.id}
        )
        self.assertEqual(Employee._ctxh_add_working_days(date(2026, 11, 2), 15, calendar), date(2026, 11, 23))
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Ngày nghỉ lễ",
                "calendar_id": calendar.id,
                "date_from": datetime(2026, 11, 10, 0, 0),
                "date_to": datetime(2026, 11, 10, 23, 0),
            }
        )
        self.assertEqual(Employee._ctxh_add_working_days(date(2026, 11, 2), 15, calendar), date(2026, 11, 24))

    def test_certificate_reminder_in_user_language(self):
        self.env["res.lang"]._activate_lang("vi_VN")
        self.boss_user.lang = "vi_VN"
        self.env.company.resource_calendar_id = self.env["resource.calendar"].create(
            {"name": "H2 Mon-Fri lang", "company_id": self.env.company.id}
        )
        employee = self.env["hr.employee"].create(
            {
                "name": "Nhắc Tiếng Việt",
                "ctxh_role": "part_time",
                "parent_id": self.boss.id,
                "ctxh_certificate_number": "VN-1",
                "ctxh_certificate_issue_date": "2024-01-01",
                "ctxh_certificate_expiry_date": "2026-11-10",
            }
        )
        with freeze_time("2026-11-02"):
            self.env["hr.employee"]._cron_ctxh_certificate_reminder()
        activity = self._reminders(employee)
        self.assertEqual(activity.user_id, self.boss_user)
        self.assertIn("Chứng chỉ hành nghề công tác xã hội số VN-1", str(activity.note))
        self.assertEqual(activity.summary, "Đề nghị cấp lại chứng chỉ hành nghề")

    def _reminders(self, employees):
        activity_type = self.env.ref("ctxh_case.mail_activity_type_ctxh_certificate")
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "hr.employee"),
                ("res_id", "in", employees.ids),
                ("activity_type_id", "=", activity_type.id),
            ]
        )

    def test_certificate_reminder_cron(self):
        # a Mon-Fri calendar without holidays, so the 15th working day after 2026-11-02 is 2026-11-23
        self.env.company.resource_calendar_id = self.env["resource.calendar"].create(
            {"name": "H2 Mon-Fri cron", "company_id": self.env.company.id}
        )
        Employee = self.env["hr.employee"]
        base = {
            "ctxh_role": "full_time",
            "ctxh_certificate_number": "CC",
            "ctxh_certificate_issue_date": "2024-01-01",
        }
        soon = Employee.create(
            dict(base, name="Sắp Hết Hạn", parent_id=self.boss.id, ctxh_certificate_expiry_date="2026-11-20")
        )
        at_limit = Employee.create(
            dict(base, name="Đúng Hạn", ctxh_team_id=self.team.id, ctxh_certificate_expiry_date="2026-11-23")
        )
        later = Employee.create(dict(base, name="Còn Lâu", ctxh_certificate_expiry_date="2026-11-24"))
        not_staff = Employee.create(
            dict(base, name="Không Phải CTXH", ctxh_role="none", ctxh_certificate_expiry_date="2026-11-20")
        )
        expired = Employee.create(dict(base, name="Đã Hết Hạn", ctxh_certificate_expiry_date="2026-10-30"))
        fallback = Employee.create(
            dict(base, name="Không Quản Lý", ctxh_certificate_expiry_date="2026-11-05")
        )
        employees = soon | at_limit | later | not_staff | expired | fallback
        with freeze_time("2026-11-02"):
            Employee._cron_ctxh_certificate_reminder()
            activities = self._reminders(employees)
            self.assertEqual(set(activities.mapped("res_id")), {soon.id, at_limit.id, fallback.id})
            by_employee = {a.res_id: a for a in activities}
            self.assertEqual(by_employee[soon.id].user_id, self.boss_user, "the employee's manager")
            self.assertEqual(by_employee[at_limit.id].user_id, self.leader, "the social work team leader")
            self.assertTrue(
                by_employee[fallback.id].user_id.has_group("ctxh_case.group_ctxh_manager"),
                "a social work manager when there is no manager or team",
            )
            self.assertEqual(by_employee[soon.id].date_deadline, date(2026, 11, 20))
            self.assertIn("Sắp Hết Hạn", str(by_employee[soon.id].note))
            # no duplicate on the next run
            Employee._cron_ctxh_certificate_reminder()
            self.assertEqual(self._reminders(employees), activities)
        with freeze_time("2026-11-03"):
            Employee._cron_ctxh_certificate_reminder()
            self.assertEqual(
                set(self._reminders(employees).mapped("res_id")),
                {soon.id, at_limit.id, fallback.id, later.id},
            )

    # ------------------------------------------------------------------ trainings
    def test_trainings(self):
        Training = self.env["ctxh.training"].with_user(self.hr_user)
        Training.create(
            [
                {
                    "employee_id": self.valid.id,
                    "course": "Quản lý trường hợp",
                    "date": "2026-03-01",
                    "hours": 16,
                },
                {"employee_id": self.valid.id, "course": "Tham vấn", "date": "2026-04-01", "hours": 8.5},
            ]
        )
        self.assertEqual(self.valid.ctxh_training_count, 2)
        self.assertAlmostEqual(self.valid.ctxh_training_hours, 24.5)
        self.assertEqual(self.missing.ctxh_training_count, 0)
        self.assertEqual(self.valid.ctxh_training_ids[0].company_id, self.valid.company_id)
        with self.assertRaises(ValidationError):
            Training.create({"employee_id": self.valid.id, "course": "Sai", "hours": 0})
        with self.assertRaises(ValidationError):
            Training.create(
                {
                    "employee_id": self.valid.id,
                    "course": "Sai",
                    "date": "2026-03-02",
                    "date_end": "2026-03-01",
                }
            )
        action = self.valid.action_ctxh_view_trainings()
        self.assertEqual(self.env["ctxh.training"].search(action["domain"]), self.valid.ctxh_training_ids)

    def test_report_figures(self):
        self.missing.write({"ctxh_qualification": "degree", "ctxh_role_date_start": "2026-01-01"})
        self.env["ctxh.training"].create(
            [
                {"employee_id": self.valid.id, "course": "A", "date": "2026-03-01", "hours": 16},
                {"employee_id": self.valid.id, "course": "B", "date": "2026-03-20", "hours": 4},
                {"employee_id": self.missing.id, "course": "C", "date": "2026-03-31", "hours": 8},
                {"employee_id": self.missing.id, "course": "D", "date": "2026-04-01", "hours": 8},
            ]
        )
        self.assertEqual(
            self.env["ctxh.training"]._get_figures("2026-03-01", "2026-03-31"),
            {"attendances": 3, "hours": 28.0, "employees": 2},
        )
        # Only the staff of this test in the history (demo data may have more).
        self.env["ctxh.role.period"].search([("employee_id", "not in", self.all_employees.ids)]).unlink()
        with self.assertQueryCount(2):
            figures = self.env["hr.employee"]._ctxh_workforce_figures("2026-06-30")
        self.assertEqual(
            figures["full_time"],
            {"total": 2, "degree": 0, "related_degree": 0, "training": 0, "none": 2, "certificate_valid": 1},
        )
        self.assertEqual(
            figures["part_time"],
            {"total": 2, "degree": 1, "related_degree": 0, "training": 0, "none": 1, "certificate_valid": 1},
        )
        self.assertEqual(
            self.env["hr.employee"]._ctxh_workforce_figures("2026-07-01")["full_time"]["certificate_valid"], 0
        )

    def test_views_load_for_officer_and_manager(self):
        for user in (self.officer, self.manager):
            Employee = self.env["hr.employee"].with_user(user)
            views = Employee.get_views(
                [
                    (self.env.ref("ctxh_case.hr_employee_view_list").id, "list"),
                    (False, "form"),
                    (self.env.ref("ctxh_case.hr_employee_view_pivot").id, "pivot"),
                    (False, "search"),
                ]
            )
            self.assertIn("ctxh_certificate_number", views["views"]["form"]["arch"])
            self.assertIn("ctxh_without_certificate", views["views"]["search"]["arch"])
            self.assertNotIn("private_phone", views["views"]["form"]["arch"])
            result = Employee.web_search_read(
                [("ctxh_role", "!=", "none"), ("id", "in", self.all_employees.ids)],
                {"name": {}, "ctxh_certificate_valid": {}, "ctxh_training_hours": {}},
            )
            self.assertEqual(result["length"], 4)

    # ------------------------------------------------------------------ access
    def test_officer_reads_but_cannot_edit(self):
        employee = self.valid.with_user(self.officer)
        self.assertEqual(employee.ctxh_role, "full_time")
        self.assertEqual(employee.ctxh_certificate_number, "CC-1")
        self.assertFalse(employee.ctxh_can_edit)
        with self.assertRaises(AccessError):
            employee.write({"ctxh_certificate_number": "X"})
        with self.assertRaises(AccessError):
            self.env["ctxh.training"].with_user(self.officer).create(
                {"employee_id": self.valid.id, "course": "Không được", "hours": 2}
            )
        training = self.env["ctxh.training"].create(
            {"employee_id": self.valid.id, "course": "Đọc", "hours": 2}
        )
        self.assertEqual(training.with_user(self.officer).course, "Đọc")
        with self.assertRaises(AccessError):
            training.with_user(self.officer).write({"hours": 3})

    def test_manager_edits_social_work_fields_only(self):
        employee = self.valid.with_user(self.manager)
        self.assertTrue(employee.ctxh_can_edit)
        employee.write({"ctxh_certificate_number": "CC-1-NEW", "ctxh_team_id": self.team.id})
        self.assertEqual(self.valid.ctxh_certificate_number, "CC-1-NEW")
        with self.assertRaises(AccessError):
            employee.write({"name": "Đổi Tên"})
        with self.assertRaises(AccessError):
            self.env["hr.employee"].with_user(self.manager).create({"name": "Mới"})
        self.env["ctxh.training"].with_user(self.manager).create(
            {"employee_id": self.valid.id, "course": "Được", "hours": 2}
        )

    def test_hr_officer_edits(self):
        self.valid.with_user(self.hr_user).write({"ctxh_role": "part_time", "name": "Tên Mới"})
        self.assertEqual(self.valid.ctxh_role, "part_time")

    def test_officer_cannot_read_private_employee_fields(self):
        self.valid.sudo().private_phone = "0912345678"
        with self.assertRaises(AccessError):
            self.valid.with_user(self.officer).read(["private_phone"])

    def test_supervised_practice(self):
        Practice = self.env["ctxh.supervised.practice"].with_user(self.hr_user)
        practice = Practice.create(
            {
                "trainee_id": self.missing.id,
                "supervisor_id": self.valid.id,
                "education_level": "college",
                "date_start": "2026-01-05",
                "hours": 120,
            }
        )
        self.assertEqual(practice.required_months, 9)
        practice.education_level = "intermediate"
        self.assertEqual(practice.required_months, 6)
        self.assertEqual(self.missing.ctxh_practice_ids, practice)
        with self.assertRaises(ValidationError):
            practice.supervisor_id = self.missing
        with self.assertRaises(ValidationError):
            practice.date_end = "2026-01-04"
        with self.assertRaises(AccessError):
            self.env["ctxh.supervised.practice"].with_user(self.officer).create(
                {"trainee_id": self.missing.id, "supervisor_id": self.valid.id, "date_start": "2026-01-05"}
            )
        self.assertEqual(practice.with_user(self.officer).hours, 120)

    def test_plain_user_cannot_edit(self):
        with self.assertRaises(AccessError):
            self.valid.with_user(self.boss_user).write({"ctxh_role": "none"})
