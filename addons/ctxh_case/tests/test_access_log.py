import logging
from datetime import timedelta
from unittest.mock import patch

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, new_test_user, tagged

from .common import CtxhPrivacyCommon

_logger = logging.getLogger(__name__)

CASE_FORM_SPEC = {
    "name": {},
    "partner_id": {"fields": {"display_name": {}}},
    "presenting_problem": {},
    "violence_safety_plan": {},
    "cp_notified_111": {},
    "special_category": {},
    "note_ids": {"fields": {"subject": {}, "is_confidential": {}}},
}


@tagged("post_install", "-at_install")
class TestAccessLog(CtxhPrivacyCommon):
    """Who opened, exported or printed case data (issue #10, 'Nobody knows who looked')."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Log = cls.env["ctxh.access.log"]
        Note = cls.env["ctxh.case.note"]
        cls.note_secret = Note.with_user(cls.officer_mate).create(
            {"case_id": cls.case.id, "subject": "Tiết lộ", "body": "Nội dung kín", "is_confidential": True}
        )
        cls.note_open = Note.with_user(cls.officer_mate).create({"case_id": cls.case.id, "subject": "Thường"})

    def _new_logs(self, before):
        return self.Log.search([("id", ">", before)], order="id")

    def _last_id(self):
        return self.Log.search([], limit=1, order="id desc").id or 0

    def test_case_form_opened_once_per_opening(self):
        before = self._last_id()
        self.case.with_user(self.officer_mate).web_read(CASE_FORM_SPEC)
        logs = self._new_logs(before)
        self.assertEqual(len(logs), 1)
        self.assertEqual(
            (logs.user_id, logs.access_type, logs.res_model, logs.res_id, logs.res_name),
            (self.officer_mate, "case", "ctxh.case", self.case.id, self.case.name),
        )
        self.assertTrue(logs.date)
        # a list of cases is not an opening
        before = self._last_id()
        self.env["ctxh.case"].with_user(self.officer_mate).web_search_read(
            [], {"name": {}, "partner_id": {"fields": {"display_name": {}}}, "stage_id": {}}
        )
        self.assertFalse(self._new_logs(before))

    def test_sensitive_case_and_special_fields(self):
        sensitive = self.roles["sensitive"]
        before = self._last_id()
        self.sensitive_case.with_user(sensitive).web_read(CASE_FORM_SPEC)
        logs = self._new_logs(before)
        self.assertEqual(logs.mapped("access_type"), ["sensitive"])
        # reading the special-category fields of many cases at once (RPC) is logged in one row
        before = self._last_id()
        self.env["ctxh.case"].with_user(sensitive).search_read([], ["violence_safety_plan", "name"])
        logs = self._new_logs(before)
        self.assertEqual(len(logs), 1)
        self.assertEqual(logs.access_type, "sensitive")
        self.assertIn(str(self.sensitive_case.id), logs.res_ids or str(logs.res_id))
        self.assertIn("violence_safety_plan", logs.details)

    def test_confidential_note_opened(self):
        before = self._last_id()
        self.note_open.with_user(self.officer_mate).web_read({"subject": {}, "body": {}})
        self.assertFalse(self._new_logs(before))
        self.note_secret.with_user(self.officer_mate).web_read({"subject": {}, "body": {}})
        logs = self._new_logs(before)
        self.assertEqual((logs.access_type, logs.res_id), ("note", self.note_secret.id))

    def test_exports(self):
        exporter = new_test_user(
            self.env,
            login="ctxh_exporter",
            groups="ctxh_case.group_ctxh_officer,base.group_allow_export",
        )
        self.team.member_ids = [(4, exporter.id)]
        before = self._last_id()
        cases = self.env["ctxh.case"].with_user(exporter).search([])
        cases.export_data(["name", "partner_id/name"])
        logs = self._new_logs(before)
        self.assertEqual(len(logs), 1)
        self.assertEqual((logs.access_type, logs.record_count), ("export", len(cases)))
        self.assertIn("partner_id/name", logs.details)
        # exporting contacts: only the patients among them are logged
        before = self._last_id()
        self.env["res.partner"].with_user(exporter).browse((self.donor | self.agency).ids).export_data(
            ["name"]
        )
        self.assertFalse(self._new_logs(before))
        (self.donor | self.patient).with_user(exporter).export_data(["name", "phone"])
        logs = self._new_logs(before)
        self.assertEqual((logs.res_model, logs.res_id), ("res.partner", self.patient.id))
        # notes
        before = self._last_id()
        self.env["ctxh.case.note"].with_user(exporter).search([]).export_data(["subject"])
        self.assertEqual(self._new_logs(before).res_model, "ctxh.case.note")

    def test_printed_report(self):
        view = self.env["ir.ui.view"].create(
            {
                "name": "ctxh_case.test_case_sheet",
                "type": "qweb",
                "key": "ctxh_case.test_case_sheet",
                "arch": '<t t-name="ctxh_case.test_case_sheet"><t t-foreach="docs" t-as="o">'
                '<p t-out="o.name"/></t></t>',
            }
        )
        report = self.env["ir.actions.report"].create(
            {
                "name": "Phiếu hồ sơ",
                "model": "ctxh.case",
                "report_type": "qweb-html",
                "report_name": view.key,
            }
        )
        before = self._last_id()
        html = (
            self.env["ir.actions.report"]
            .with_user(self.officer_mate)
            ._render_qweb_html(report.report_name, self.case.ids)[0]
        )
        self.assertIn(self.case.name, html.decode())
        logs = self._new_logs(before)
        self.assertEqual(
            (logs.access_type, logs.res_id, logs.details), ("report", self.case.id, "Phiếu hồ sơ")
        )

    def test_log_cannot_be_forged_changed_or_deleted(self):
        self.case.with_user(self.officer_mate).web_read(CASE_FORM_SPEC)
        log = self.Log.search([], limit=1, order="id desc")
        with self.assertRaises(AccessError):
            self.Log.with_user(self.officer_mate).create(
                {"user_id": self.officer.id, "access_type": "case", "res_model": "ctxh.case"}
            )
        for user in (self.manager, self.roles["dpo"]):
            with self.assertRaises(UserError):
                log.with_user(user).write({"user_id": self.officer.id})
            with self.assertRaises(UserError):
                log.with_user(user).unlink()
        # not even the administrator, nor code running as superuser, rewrites or erases a recent entry
        admin = self.env.ref("base.user_admin")
        with self.assertRaises(UserError):
            log.with_user(admin).unlink()
        with self.assertRaises(UserError):
            log.sudo().write({"user_id": self.officer.id})
        with self.assertRaises(UserError):
            log.sudo().unlink()
        self.assertEqual(log.user_id, self.officer_mate)

    def test_who_reads_the_log(self):
        self.case.with_user(self.officer_mate).web_read(CASE_FORM_SPEC)
        for role in ("manager", "dpo"):
            Log = self.env["ctxh.access.log"].with_user(self.roles[role])
            self.assertTrue(Log.search([("user_id", "=", self.officer_mate.id)]))
            groups = Log.read_group([], ["access_type"], ["access_type"])
            self.assertIn("case", [g["access_type"] for g in groups])
        for role in ("officer", "supervisor", "employee", "collaborator"):
            with self.assertRaises(AccessError):
                self.env["ctxh.access.log"].with_user(self.roles[role]).search([])
        # the DPO reads the log but no case
        with self.assertRaises(AccessError):
            self.case.with_user(self.roles["dpo"]).read(["name"])

    def test_retention(self):
        self.company.ctxh_access_log_retention_days = 365
        now = fields.Datetime.now()
        old, recent = self.Log.sudo().create(
            [
                {
                    "user_id": self.officer.id,
                    "access_type": "case",
                    "res_model": "ctxh.case",
                    "res_id": self.case.id,
                    "date": now - timedelta(days=400),
                    "company_id": self.company.id,
                },
                {
                    "user_id": self.officer.id,
                    "access_type": "case",
                    "res_model": "ctxh.case",
                    "res_id": self.case.id,
                    "date": now - timedelta(days=300),
                    "company_id": self.company.id,
                },
            ]
        )
        self.Log._cron_purge_expired()
        self.assertFalse(old.exists())
        self.assertTrue(recent.exists())
        with self.assertRaises(ValidationError):
            self.company.ctxh_access_log_retention_days = 30

    def test_cost_of_a_form_opening(self):
        """Logging a form opening costs at most 2 queries (the INSERT and, if not yet in cache,
        the flags of the case); a list load costs none."""
        case = self.case.with_user(self.officer_mate)
        case.web_read(CASE_FORM_SPEC)  # warm the caches

        def count(func):
            self.env.invalidate_all()
            start = self.cr.sql_log_count
            func()
            return self.cr.sql_log_count - start

        with patch.object(type(self.Log), "_ctxh_log", lambda self, entries: None):
            baseline = count(lambda: case.web_read(CASE_FORM_SPEC))
            list_baseline = count(lambda: case.web_search_read([], {"name": {}, "stage_id": {}}))
        logged = count(lambda: case.web_read(CASE_FORM_SPEC))
        list_logged = count(lambda: case.web_search_read([], {"name": {}, "stage_id": {}}))
        _logger.info(
            "ctxh access log: form opening %s -> %s queries, list %s -> %s",
            baseline,
            logged,
            list_baseline,
            list_logged,
        )
        self.assertLessEqual(logged - baseline, 2)
        self.assertEqual(list_logged, list_baseline)


@tagged("post_install", "-at_install")
class TestAccessLogHttp(HttpCase):
    """A form opened through the web client records the user's address."""

    def test_form_opening_records_the_ip(self):
        officer = new_test_user(self.env, login="ctxh_http_officer", groups="ctxh_case.group_ctxh_officer")
        partner = self.env["res.partner"].create({"name": "Bệnh nhân HTTP"})
        case = self.env["ctxh.case"].create(
            {
                "partner_id": partner.id,
                "case_type_id": self.env.ref("ctxh_case.case_type_serious_illness").id,
                "user_id": officer.id,
                "team_id": False,
            }
        )
        self.authenticate("ctxh_http_officer", "ctxh_http_officer")
        self.make_jsonrpc_request(
            "/web/dataset/call_kw/ctxh.case/web_read",
            {
                "model": "ctxh.case",
                "method": "web_read",
                "args": [case.ids],
                "kwargs": {"specification": {"name": {}, "presenting_problem": {}}},
            },
        )
        # the list of cases (one case) through the web client is no opening
        rows = self.make_jsonrpc_request(
            "/web/dataset/call_kw/ctxh.case/web_search_read",
            {
                "model": "ctxh.case",
                "method": "web_search_read",
                "args": [],
                "kwargs": {"domain": [], "specification": {"name": {}}, "limit": 80},
            },
        )
        self.assertEqual([r["id"] for r in rows["records"]], case.ids)
        log = self.env["ctxh.access.log"].search([("res_model", "=", "ctxh.case"), ("res_id", "=", case.id)])
        self.assertEqual(len(log), 1)
        self.assertEqual(log.user_id, officer)
        self.assertEqual(log.ip_address, "127.0.0.1")
