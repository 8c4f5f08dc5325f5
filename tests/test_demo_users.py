"""A demo user for every role of ctxh, as `make run` and `make test` install the demo data.

Each one logs in with the password README gives (their login), lands on the screen of their
work, and finds there what to try their main task on. This reads the demo database `make test`
creates (the addons are installed WITH their demo data); the addons' own tests never rely on it.
"""

import re
from pathlib import Path

from odoo import fields
from odoo.exceptions import AccessDenied, UserError, ValidationError
from odoo.tests.common import TransactionCase

README = Path(__file__).resolve().parent.parent / "README.md"

# login: (xml id of the user, groups the role needs, xml id of the action they land on or None)
ROLES = {
    "lan.lt": (
        "ctxh_case.user_officer_lan_demo",
        ["ctxh_case.group_ctxh_officer"],
        "ctxh_case.ctxh_case_action",
    ),
    "huy.pq": (
        "ctxh_case.user_officer_huy_demo",
        ["ctxh_case.group_ctxh_officer"],
        "ctxh_case.ctxh_case_action",
    ),
    "thao.vp": (
        "ctxh_case.user_officer_thao_demo",
        ["ctxh_case.group_ctxh_officer"],
        "ctxh_case.ctxh_case_action",
    ),
    "mai.ht": (
        "ctxh_case.user_officer_mai_demo",
        ["ctxh_case.group_ctxh_sensitive"],
        "ctxh_case.ctxh_case_action",
    ),
    "minh.tv": (
        "ctxh_case.user_supervisor_demo",
        ["ctxh_case.group_ctxh_supervisor"],
        "ctxh_case.ctxh_case_plan_action_to_approve",
    ),
    "trang.bt": (
        "ctxh_case.user_manager_demo",
        ["ctxh_case.group_ctxh_manager"],
        "ctxh_donation.ctxh_allocation_action_to_approve",
    ),
    "nam.dv": (
        "ctxh_case.user_collaborator_demo",
        ["ctxh_case.group_ctxh_collaborator"],
        "ctxh_case.ctxh_service_log_action",
    ),
    "hoa.dtp": (
        "ctxh_volunteer.user_coordinator_demo",
        ["ctxh_volunteer.group_ctxh_volunteer_coordinator"],
        "ctxh_volunteer.ctxh_shift_action_dashboard",
    ),
    "tnv.demo": ("ctxh_volunteer.user_volunteer_demo", ["base.group_portal"], None),
    "hoa.nt": (
        "ctxh_donation.user_finance_officer_demo",
        ["ctxh_donation.group_ctxh_finance_officer"],
        "ctxh_donation.ctxh_donation_action",
    ),
    "binh.lv": (
        "ctxh_donation.user_finance_auditor_demo",
        ["ctxh_donation.group_ctxh_finance_auditor"],
        "ctxh_donation.ctxh_fund_action",
    ),
}


class TestDemoUsers(TransactionCase):
    # Outside odoo.addons the test metaclass assigns no tags: give them here.
    test_tags = {"standard", "at_install"}
    test_module = "ctxh_tests"

    def user(self, login):
        return self.env.ref(ROLES[login][0])

    def test_every_role_logs_in_and_lands_on_its_work(self):
        readme = README.read_text(encoding="utf-8")
        for login, (xmlid, groups, action) in ROLES.items():
            with self.subTest(login=login):
                user = self.env.ref(xmlid)
                self.assertEqual(user.login, login)
                self.assertTrue(user.active)
                for group in groups:
                    self.assertIn(self.env.ref(group), user.groups_id, group)
                self.assertEqual(user.lang, "vi_VN")
                self.assertEqual(user.tz, "Asia/Ho_Chi_Minh")
                # the password README gives is the login
                self.assertRegex(readme, rf"\|\s*`{re.escape(login)}`\s*\|\s*`{re.escape(login)}`\s*\|")
                user.with_user(user)._check_credentials(
                    {"type": "password", "password": login}, {"interactive": False}
                )
                with self.assertRaises(AccessDenied):
                    user.with_user(user)._check_credentials(
                        {"type": "password", "password": login + "x"}, {"interactive": False}
                    )
                if action:
                    self.assertEqual(user.action_id.id, self.env.ref(action).id)
                    # the user may open the screen they land on
                    model = self.env.ref(action).res_model
                    self.assertTrue(self.env[model].with_user(user).has_access("read"), model)
                else:
                    self.assertTrue(user._is_portal())
        self.assertFalse(
            self.env.ref("ctxh_case.user_manager_demo")._is_admin(), "a manager who is not admin"
        )

    def test_every_role_has_work_to_try(self):
        env = {login: self.env(user=self.user(login)) for login in ROLES}
        # social workers: their open cases; the sensitive-cases officer: a sensitive one
        for login in ("lan.lt", "huy.pq", "thao.vp"):
            self.assertTrue(
                env[login]["ctxh.case"].search_count([("user_id", "=", self.user(login).id)]), login
            )
        self.assertTrue(env["mai.ht"]["ctxh.case"].search_count([("is_sensitive", "=", True)]))
        # the supervisor: a care plan to approve; the manager: support to approve
        self.assertTrue(env["minh.tv"]["ctxh.case.plan"].search_count([("state", "=", "to_approve")]))
        self.assertTrue(
            env["trang.bt"]["ctxh.allocation"].search_count([("state", "in", ("to_approve", "to_approve_2"))])
        )
        # the collaborator logs reception work, and reads no case
        self.assertTrue(env["nam.dv"]["ctxh.service.log"].has_access("create"))
        self.assertFalse(env["nam.dv"]["ctxh.case"].has_access("read"))
        # the coordinator: shifts to fill
        self.assertTrue(env["hoa.dtp"]["ctxh.shift"].search_count([]))
        # the finance officer: a gift to confirm and support to pay; the auditor: funds with money
        self.assertTrue(env["hoa.nt"]["ctxh.donation"].search_count([("state", "=", "draft")]))
        self.assertTrue(env["hoa.nt"]["ctxh.allocation"].search_count([("state", "=", "approved")]))
        self.assertTrue(any(fund.available > 0 for fund in env["binh.lv"]["ctxh.fund"].search([])))

    def test_the_volunteer_can_sign_up_for_an_open_shift(self):
        volunteer_user = self.user("tnv.demo")
        volunteer = self.env["ctxh.volunteer"].search([("user_id", "=", volunteer_user.id)])
        self.assertEqual(volunteer.state, "active")
        Shift = self.env["ctxh.shift"].with_user(volunteer_user)
        shifts = Shift.search([("start_datetime", ">", fields.Datetime.now())], order="start_datetime")
        shifts = shifts.filtered(
            lambda s: s.post_id.sudo().self_signup or s.company_id.ctxh_volunteer_self_signup
        )
        self.assertTrue(shifts, "open shifts in the volunteer's portal")
        signed = False
        for shift in shifts:
            try:
                with self.env.cr.savepoint():
                    self.env["ctxh.shift.assignment"].with_user(volunteer_user).create(
                        {"shift_id": shift.id, "volunteer_id": volunteer.id}
                    )
                    signed = True
                    break
            except (UserError, ValidationError):
                continue
        self.assertTrue(signed, "the demo volunteer could sign up for none of the open shifts")

    def test_the_demo_hospital_is_vietnamese(self):
        """The company `make run` and `make test` create: a Vietnamese hospital on the l10n_vn
        chart in VND, its administrator speaking Vietnamese in its timezone, its documents on a
        chosen layout (no "Configure document layout" at the first print), no "$" anywhere."""
        company = self.env.ref("base.main_company")
        self.assertEqual(company.country_id.code, "VN")
        self.assertEqual(company.currency_id.name, "VND")
        self.assertEqual(company.chart_template, "vn")
        self.assertTrue(company.external_report_layout_id, "a document layout is chosen")
        self.assertIn("Bệnh viện", company.name)
        admin = self.env.ref("base.user_admin")
        self.assertEqual((admin.lang, admin.tz), ("vi_VN", "Asia/Ho_Chi_Minh"))
        # every posted amount of the demo funds is in dong, and every fund shows it with ₫
        moves = self.env["account.move"].search([("ctxh_res_model", "!=", False)])
        self.assertTrue(moves)
        self.assertEqual(moves.currency_id.mapped("name"), ["VND"])
        donation = self.env["ctxh.donation"].search([("state", "=", "confirmed")], limit=1)
        self.assertEqual(donation.fund_id.currency_id.symbol, "₫")
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("ctxh_donation.report_donation_receipt", donation.ids)[0]
            .decode()
        )
        self.assertIn("₫", html)
        self.assertNotIn("$", html)
