from freezegun import freeze_time

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, new_test_user, tagged
from odoo.tests.common import TransactionCase


@tagged("post_install", "-at_install")
class TestServiceLog(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company = cls.env.company
        cls.company_b = cls.env["res.company"].create({"name": "Bệnh viện Huyện B"})
        cls.collaborator = new_test_user(
            cls.env, login="h2_sl_collab", groups="ctxh_case.group_ctxh_collaborator"
        )
        cls.collaborator_2 = new_test_user(
            cls.env, login="h2_sl_collab2", groups="ctxh_case.group_ctxh_collaborator"
        )
        cls.officer = new_test_user(cls.env, login="h2_sl_officer", groups="ctxh_case.group_ctxh_officer")
        cls.manager = new_test_user(cls.env, login="h2_sl_manager", groups="ctxh_case.group_ctxh_manager")
        cls.department = cls.env["hr.department"].create({"name": "Khoa Nhi Thử"})
        cls.reception = cls.env.ref("ctxh_case.task_group_reception")
        cls.communication = cls.env.ref("ctxh_case.task_group_communication")
        Log = cls.env["ctxh.service.log"]
        cls.log_1 = Log.create(
            {
                "date": "2021-05-04",
                "kind": "reception",
                "count": 25,
                "user_id": cls.collaborator.id,
                "department_id": cls.department.id,
                "note": "H2 của cộng tác viên 1",
            }
        )
        cls.log_2 = Log.create(
            {
                "date": "2021-05-04",
                "kind": "escort",
                "count": 3,
                "user_id": cls.collaborator_2.id,
                "note": "H2 của cộng tác viên 2",
            }
        )
        cls.log_b = Log.create(
            {
                "date": "2021-05-04",
                "kind": "guidance",
                "count": 4,
                "user_id": cls.officer.id,
                "company_id": cls.company_b.id,
                "note": "H2 công ty B",
            }
        )
        cls.all_logs = cls.log_1 | cls.log_2 | cls.log_b

    # ------------------------------------------------------------------ constraints
    def test_count_at_least_one(self):
        Log = self.env["ctxh.service.log"]
        for bad in (0, -2):
            with self.assertRaises(ValidationError):
                Log.create({"kind": "reception", "count": bad})
        with self.assertRaises(ValidationError):
            self.log_1.count = 0
        self.log_1.count = 1
        self.assertEqual(self.log_1.count, 1)

    def test_no_future_date(self):
        with freeze_time("2021-05-04"):
            with self.assertRaises(ValidationError):
                self.env["ctxh.service.log"].create({"kind": "reception", "date": "2021-05-05"})
            log = self.env["ctxh.service.log"].create({"kind": "reception", "date": "2021-05-04"})
            self.assertTrue(log)

    # ------------------------------------------------------------------ quick entry
    def test_quick_entry_defaults(self):
        with freeze_time("2021-05-06"):
            with Form(self.env["ctxh.service.log"].with_user(self.collaborator)) as entry:
                self.assertEqual(str(entry.date), "2021-05-06")
                self.assertEqual(entry.kind, "reception")
                self.assertEqual(entry.channel, "in_person")
                self.assertEqual(entry.count, 1)
                self.assertEqual(entry.user_id, self.collaborator)
                self.assertEqual(entry.task_group_id, self.reception)
                entry.kind = "consultation"
                self.assertEqual(entry.channel, "hotline")
                entry.channel = "website"
                entry.count = 7
            log = entry.record
            self.assertEqual((log.kind, log.channel, log.count), ("consultation", "website", 7))
            self.assertEqual(log.company_id, self.company)

    def test_defaults_on_create_and_override(self):
        Log = self.env["ctxh.service.log"].with_user(self.collaborator)
        log = Log.create({"kind": "consultation"})
        self.assertEqual(log.channel, "hotline")
        self.assertEqual(log.task_group_id, self.reception)
        log = Log.create(
            {"kind": "consultation", "channel": "message", "task_group_id": self.communication.id}
        )
        self.assertEqual(log.channel, "message")
        self.assertEqual(log.task_group_id, self.communication)

    def test_quick_entry_list_view_is_editable(self):
        arch = self.env["ctxh.service.log"].get_view(
            self.env.ref("ctxh_case.ctxh_service_log_view_list").id, "list"
        )["arch"]
        self.assertIn('editable="top"', arch)

    def test_report_counts(self):
        Log = self.env["ctxh.service.log"]
        Log.create(
            {"date": "2021-05-05", "kind": "reception", "count": 5, "department_id": self.department.id}
        )
        Log.create({"date": "2021-05-31", "kind": "consultation", "count": 2})
        Log.create({"date": "2021-06-01", "kind": "consultation", "count": 9})
        counts = Log._get_counts("2021-05-01", "2021-05-31")
        expected = {"reception": 30, "escort": 3, "consultation": 2}
        self.assertEqual({k: counts.get(k) for k in expected}, expected, "company B is not counted")
        by_department = Log._get_counts("2021-05-01", "2021-05-31", "department_id")
        self.assertEqual(by_department.get(self.department.id), 30)
        by_channel = Log._get_counts("2021-06-01", "2021-06-01", "channel")
        self.assertEqual(by_channel, {"hotline": 9})

    def test_views_load_for_collaborator(self):
        views = (
            self.env["ctxh.service.log"]
            .with_user(self.collaborator)
            .get_views(
                [(False, "list"), (False, "form"), (False, "pivot"), (False, "graph"), (False, "search")]
            )
        )
        self.assertIn("my_entries", views["views"]["search"]["arch"])

    # ------------------------------------------------------------------ access
    def test_collaborator_sees_only_own_entries(self):
        Log = self.env["ctxh.service.log"].with_user(self.collaborator)
        domain = [("id", "in", self.all_logs.ids)]
        self.assertEqual(Log.search(domain), self.log_1)
        self.assertEqual(Log.search_count([("note", "=like", "H2 %")]), 1)
        groups = Log.read_group(domain, ["count:sum"], ["user_id"])
        self.assertEqual([(g["user_id"][0], g["count"]) for g in groups], [(self.collaborator.id, 25)])
        names = [name for _id, name in Log.name_search("")]
        self.assertNotIn(self.log_2.display_name, names)
        with self.assertRaises(AccessError):
            self.log_2.with_user(self.collaborator).read(["count"])
        with self.assertRaises(AccessError):
            self.log_2.with_user(self.collaborator).write({"count": 9})
        with self.assertRaises(AccessError):
            self.log_2.with_user(self.collaborator).unlink()

    def test_collaborator_creates_own_entries_only(self):
        Log = self.env["ctxh.service.log"].with_user(self.collaborator)
        own = Log.create({"kind": "admission_handover", "count": 2})
        self.assertEqual(own.user_id, self.collaborator)
        own.write({"count": 3})
        with self.assertRaises(AccessError):
            Log.create({"kind": "reception", "user_id": self.collaborator_2.id})
        with self.assertRaises(AccessError):
            own.write({"user_id": self.collaborator_2.id})
        own.unlink()

    def test_officer_reads_company_entries(self):
        Log = self.env["ctxh.service.log"].with_user(self.officer)
        self.assertEqual(Log.search([("id", "in", self.all_logs.ids)]), self.log_1 | self.log_2)
        self.assertEqual(self.log_2.with_user(self.officer).count, 3)
        with self.assertRaises(AccessError):
            self.log_2.with_user(self.officer).write({"count": 4})
        with self.assertRaises(AccessError):
            self.log_b.with_user(self.officer).read(["count"])

    def test_manager_edits_everything(self):
        Log = self.env["ctxh.service.log"].with_user(self.manager)
        self.assertEqual(Log.search([("id", "in", self.all_logs.ids)]), self.log_1 | self.log_2)
        self.log_2.with_user(self.manager).write({"count": 4})
        log = Log.create({"kind": "reception", "user_id": self.collaborator.id, "count": 5})
        self.assertEqual(log.user_id, self.collaborator)
        (log | self.log_2).with_user(self.manager).unlink()
        self.assertFalse(self.log_2.exists())
        self.manager.write({"company_ids": [(4, self.company_b.id)]})
        Log = Log.with_context(allowed_company_ids=[self.company.id, self.company_b.id])
        self.assertIn(self.log_b, Log.search([("id", "in", self.all_logs.ids)]))
