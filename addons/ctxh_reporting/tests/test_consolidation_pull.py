import socket
from datetime import date
from unittest.mock import patch

from odoo import Command, api
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, new_test_user, tagged

from ..models.ctxh_consolidation_source import PullError, call_jsonrpc
from ..models.ctxh_report_dataset import CtxhReportDataset

Q1 = (date(2026, 1, 1), date(2026, 3, 31))


@tagged("post_install", "-at_install")
class TestConsolidationPull(HttpCase):
    """A Department of Health pulls the period datasets from the hospitals' Odoo over the external
    API (JSON-RPC ``execute_kw``), here the running test server, logging in with API keys."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # messages compared in the source language; the users created here speak it too
        cls.env = cls.env(
            context=dict(cls.env.context, tracking_disable=True, mail_create_nolog=True, lang="en_US")
        )
        Company = cls.env["res.company"]
        cls.hospital = Company.create({"name": "Bệnh viện API Một", "ctxh_hospital_code": "BV-API-01"})
        cls.hospital2 = Company.create({"name": "Bệnh viện API Hai", "ctxh_hospital_code": "BV-API-02"})
        cls.province = Company.create({"name": "Sở Y tế API"})
        cls.env.user.company_ids |= cls.hospital | cls.hospital2 | cls.province
        # Some figures in the first hospital: staff, a case type, an award.
        cls.env["hr.employee"].with_company(cls.hospital).create(
            {
                "name": "Nguyễn Văn Xã Hội",
                "company_id": cls.hospital.id,
                "ctxh_role": "full_time",
                "ctxh_role_date_start": "2025-01-01",
            }
        )
        cls.env["ctxh.award"].create(
            {
                "name": "Bằng khen",
                "level": "department_of_health",
                "decision_number": "45/QĐ-SYT",
                "decision_date": "2026-03-25",
                "recipient_kind": "collaborator",
                "partner_id": cls.env["res.partner"].create({"name": "Cộng tác viên API"}).id,
                "company_id": cls.hospital.id,
            }
        )
        # The read-only users the Department of Health logs in with, one per hospital.
        cls.reader = cls._reader("h13_api_reader1", cls.hospital)
        cls.reader2 = cls._reader("h13_api_reader2", cls.hospital2)
        cls.key = cls.env["res.users.apikeys"].with_user(cls.reader).sudo()._generate(None, "Sở Y tế", None)
        cls.key2 = cls.env["res.users.apikeys"].with_user(cls.reader2).sudo()._generate(None, "Sở Y tế", None)
        # The Department of Health's manager runs the pull; he has no e-mail address.
        cls.manager = new_test_user(
            cls.env,
            login="h13_api_doh_manager",
            groups="ctxh_case.group_ctxh_manager",
            company_id=cls.province.id,
            company_ids=[Command.set(cls.province.ids)],
        )
        cls.manager.partner_id.email = False
        cls.supervisor = new_test_user(
            cls.env,
            login="h13_api_doh_supervisor",
            groups="ctxh_case.group_ctxh_supervisor",
            company_id=cls.province.id,
            company_ids=[Command.set(cls.province.ids)],
        )
        cls.consolidation = cls.env["ctxh.consolidation"].create(
            {
                "name": "Tổng hợp quý I/2026 qua API",
                "company_id": cls.province.id,
                "period_kind": "quarter",
                "date_from": Q1[0],
                "date_to": Q1[1],
            }
        )

    @classmethod
    def _reader(cls, login, company):
        return new_test_user(
            cls.env,
            login=login,
            groups="ctxh_reporting.group_ctxh_dataset_reader",
            company_id=company.id,
            company_ids=[Command.set(company.ids)],
        )

    def source(self, name, login="h13_api_reader1", key=None, code="BV-API-01", url=None, timeout=10):
        return (
            self.env["ctxh.consolidation.source"]
            .with_user(self.manager)
            .create(
                {
                    "name": name,
                    "hospital_code": code,
                    "url": url or self.base_url(),
                    "database": self.env.cr.dbname,
                    "login": login,
                    "new_api_key": key if key is not None else self.key,
                    "timeout": timeout,
                    "company_id": self.province.id,
                }
            )
        )

    def pull(self, *sources):
        consolidation = self.consolidation.with_user(self.manager)
        consolidation.source_ids = [Command.set([source.id for source in sources])]
        # The hospitals' side (the HTTP server of this test) reads what this transaction wrote.
        self.env.flush_all()
        return consolidation.action_pull()

    def silent_server(self):
        """A TCP port that accepts connections and never answers."""
        server = socket.socket()
        server.bind(("127.0.0.1", 0))
        server.listen(5)
        self.addCleanup(server.close)
        return f"http://127.0.0.1:{server.getsockname()[1]}"

    def closed_port(self):
        probe = socket.socket()
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
        probe.close()
        return f"http://127.0.0.1:{port}"

    def expected_figures(self, company):
        return self.env["ctxh.report.dataset"]._make_dataset(company, "quarter", *Q1)["figures"]

    def test_pull_two_hospitals(self):
        one = self.source("Bệnh viện API Một")
        two = self.source("Bệnh viện API Hai", login="h13_api_reader2", key=self.key2, code="BV-API-02")
        self.pull(one, two)
        lines = self.consolidation.line_ids
        self.assertEqual(sorted(lines.mapped("hospital_code")), ["BV-API-01", "BV-API-02"])
        self.assertEqual(set(lines.mapped("schema_version")), {2})
        units = {line.hospital_code: values for line, values in self.consolidation._get_unit_figures()}
        self.assertEqual(units["BV-API-01"], self.expected_figures(self.hospital))
        self.assertEqual(units["BV-API-02"], self.expected_figures(self.hospital2))
        self.assertEqual(units["BV-API-01"]["staff_full_time"], 1)
        self.assertEqual(units["BV-API-01"]["awards_individuals.department_of_health"], 1)
        self.assertEqual(lines.filtered(lambda line: line.hospital_code == "BV-API-01").source_id, one)
        # Logged by the manager, who has no e-mail address.
        note = self.consolidation.message_ids.filtered(lambda m: "BV-API-02" in str(m.body))
        self.assertEqual(note.author_id, self.manager.partner_id)
        # Pulling again is refused: the units are already there.
        with self.assertRaises(UserError):
            self.pull(one)

    def test_any_failure_imports_nothing(self):
        good = self.source("Bệnh viện API Một")
        bad_key = self.source("Bệnh viện Sai Khóa", key="0" * 40, code=False)
        silent = self.source("Bệnh viện Im Lặng", url=self.silent_server(), timeout=1)
        down = self.source("Bệnh viện Tắt Máy", url=self.closed_port(), timeout=2)
        with self.assertRaises(UserError) as cm:
            self.pull(good, bad_key, silent, down)
        message = str(cm.exception)
        self.assertIn("3 of 4", message)
        self.assertIn("Bệnh viện Sai Khóa: refused the login h13_api_reader1", message)
        self.assertIn("Bệnh viện Im Lặng: did not answer within 1 seconds", message)
        self.assertIn("Bệnh viện Tắt Máy: cannot be reached", message)
        self.assertNotIn("Bệnh viện API Một", message)
        self.assertFalse(self.consolidation.line_ids)

    def test_wrong_schema_or_unit_imports_nothing(self):
        good = self.source("Bệnh viện API Một")
        two = self.source("Bệnh viện API Hai", login="h13_api_reader2", key=self.key2, code="BV-API-02")
        original = CtxhReportDataset.get_period_dataset

        @api.model
        def future_schema(model, *args, **kwargs):
            dataset = original(model, *args, **kwargs)
            if model.env.user == self.reader2:
                dataset["schema_version"] = 9
            return dataset

        with patch.object(CtxhReportDataset, "get_period_dataset", future_schema):
            with self.assertRaises(UserError) as cm:
                self.pull(good, two)
        self.assertIn("Bệnh viện API Hai uses schema version 9", str(cm.exception))
        self.assertFalse(self.consolidation.line_ids)
        # A source set up with another hospital's code: the hospital's Odoo refuses it.
        wrong_unit = self.source("Bệnh viện Nhầm Mã", code="BV-API-02")
        with self.assertRaises(UserError) as cm:
            self.pull(wrong_unit)
        self.assertIn("BV-API-02", str(cm.exception))
        self.assertFalse(self.consolidation.line_ids)

    def test_api_only_for_dataset_readers(self):
        url, db = self.base_url(), self.env.cr.dbname
        args = [str(Q1[0]), str(Q1[1])]
        uid = call_jsonrpc(url, "common", "authenticate", [db, "h13_api_reader1", self.key, {}], 10)
        self.assertEqual(uid, self.reader.id)
        dataset = call_jsonrpc(
            url,
            "object",
            "execute_kw",
            [db, uid, self.key, "ctxh.report.dataset", "get_period_dataset", args, {}],
            10,
        )
        self.assertEqual(dataset["hospital"]["code"], "BV-API-01")
        self.assertEqual(dataset["schema_version"], 2)
        # The reader sees nothing else: no case, no employee's social work profile.
        with self.assertRaises(PullError) as cm:
            call_jsonrpc(
                url, "object", "execute_kw", [db, uid, self.key, "ctxh.case", "search_read", [[]], {}], 10
            )
        self.assertEqual(cm.exception.code, "remote")
        # Another internal user with a valid key may not read the datasets.
        clerk = new_test_user(
            self.env, login="h13_api_clerk", groups="base.group_user", company_id=self.hospital.id
        )
        clerk_key = self.env["res.users.apikeys"].with_user(clerk).sudo()._generate(None, "Thử", None)
        self.env.flush_all()
        with self.assertRaises(PullError) as cm:
            call_jsonrpc(
                url,
                "object",
                "execute_kw",
                [db, clerk.id, clerk_key, "ctxh.report.dataset", "get_period_dataset", args, {}],
                10,
            )
        # the external API answers in the database's language (request.env), not the user's
        self.assertRegex(cm.exception.detail, "not allowed|không được phép")
        # Nor a reader ask for a hospital that is not his.
        with self.assertRaises(PullError) as cm:
            call_jsonrpc(
                url,
                "object",
                "execute_kw",
                [
                    db,
                    uid,
                    self.key,
                    "ctxh.report.dataset",
                    "get_period_dataset",
                    args,
                    {"hospital_code": "BV-API-02"},
                ],
                10,
            )
        self.assertIn("BV-API-02", cm.exception.detail)

    def test_key_is_never_shown_back(self):
        source = self.source("Bệnh viện API Một")
        self.assertTrue(source.api_key_set)
        self.assertFalse(source.new_api_key)
        # What the form gets back when a key is saved.
        saved = source.with_user(self.manager).web_save(
            {"new_api_key": "abc123"}, {"new_api_key": {}, "api_key_set": {}, "name": {}}
        )
        self.assertFalse(saved[0]["new_api_key"])
        self.assertEqual(source.sudo().api_key, "abc123")
        source.new_api_key = self.key
        self.assertEqual(source.sudo().api_key, self.key)
        arch = source.get_views([(False, "form"), (False, "list")])["views"]
        for view in arch.values():
            self.assertNotIn('name="api_key"', view["arch"])
        as_supervisor = source.with_user(self.supervisor)
        self.assertEqual(as_supervisor.name, "Bệnh viện API Một")
        with self.assertRaises(AccessError):
            as_supervisor.read(["api_key"])
        self.assertNotIn("api_key", as_supervisor.fields_get())
        with self.assertRaises(AccessError):
            as_supervisor.write({"new_api_key": "x"})
        consolidation = self.consolidation.with_user(self.supervisor)
        self.consolidation.source_ids = source
        with self.assertRaises(AccessError):
            consolidation.action_pull()
        with self.assertRaises(UserError):
            self.source("Sai địa chỉ", url="ftp://benhvien.vn")
