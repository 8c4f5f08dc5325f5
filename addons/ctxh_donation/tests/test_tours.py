import re

from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools.misc import formatLang

from .common import CtxhDonationCommon


@tagged("post_install", "-at_install")
class TestSupportTours(CtxhDonationCommon, HttpCase):
    """Browser tours in Chromium, in Vietnamese, each person logged in as themselves: a social
    worker takes in a case, assesses it, plans and requests support; a manager approves; the
    finance officer pays. And a gift recorded by the finance officer reaches the public page."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.ref("base.lang_vi_VN").active = True
        people = {"lang": "vi_VN", "tz": "Asia/Ho_Chi_Minh"}
        cls.tour_officer = new_test_user(
            cls.env,
            login="ctxh_tour_social_worker",
            name="Cán bộ Tour",
            groups="ctxh_case.group_ctxh_officer,base.group_partner_manager",
            **people,
        )
        cls.tour_manager = new_test_user(
            cls.env,
            login="ctxh_tour_manager",
            name="Trưởng phòng Tour",
            groups="ctxh_case.group_ctxh_manager",
            **people,
        )
        cls.tour_finance = new_test_user(
            cls.env,
            login="ctxh_tour_finance",
            name="Kế toán Tour",
            groups="ctxh_donation.group_ctxh_finance_officer,base.group_partner_manager",
            **people,
        )
        # each lands on the screen of their work, as the demo users do
        cls.tour_officer.action_id = cls.env.ref("ctxh_case.ctxh_case_action").id
        cls.tour_manager.action_id = cls.env.ref("ctxh_donation.ctxh_allocation_action_to_approve").id
        cls.tour_finance.action_id = cls.env.ref("ctxh_donation.ctxh_donation_action").id
        cls.env["ctxh.team"].create({"name": "Tổ Tour", "member_ids": [Command.set(cls.tour_officer.ids)]})
        cls.fund.name = "Quỹ Hỗ trợ người bệnh Tour"
        donation = cls.env["ctxh.donation"].create(
            {
                "partner_id": cls.donor.id,
                "fund_id": cls.fund.id,
                "amount_currency": 10_000_000,
                "date": "2026-01-10",
            }
        )
        donation.with_user(cls.finance).action_confirm()

    def _support(self):
        return self.env["ctxh.allocation"].search(
            [("fund_id", "=", self.fund.id), ("amount", "=", 3_500_000)]
        )

    def test_support_from_intake_to_payment(self):
        self.start_tour("/odoo", "ctxh_support_request_tour", login=self.tour_officer.login)
        case = self.env["ctxh.case"].search([("partner_id.name", "=", "Lường Văn Tour")])
        self.assertEqual(len(case), 1)
        self.assertEqual(case.user_id, self.tour_officer)
        self.assertEqual(case.case_type_id, self.env.ref("ctxh_case.case_type_financial"))
        self.assertEqual(case.assessment_ids.mapped("state"), ["done"])
        self.assertEqual(case.assessment_ids.score_finances, "4")
        self.assertEqual(case.plan_ids.state, "to_approve")
        support = self._support()
        self.assertEqual((support.case_id, support.state), (case, "to_approve"))
        self.assertEqual(support.requested_by_id, self.tour_officer)

        self.start_tour("/odoo", "ctxh_support_approve_tour", login=self.tour_manager.login)
        self.assertEqual((support.state, support.approved_by_id), ("approved", self.tour_manager))

        self.start_tour(
            "/odoo/action-ctxh_donation.ctxh_allocation_action",
            "ctxh_support_pay_tour",
            login=self.tour_finance.login,
        )
        self.assertEqual((support.state, support.paid_by_id), ("paid", self.tour_finance))
        self.assertEqual(support.move_id.state, "posted")
        self.assertEqual(self.fund.available, 10_000_000 - 3_500_000)

    def test_gift_reaches_the_public_page(self):
        self.start_tour("/odoo", "ctxh_gift_tour", login=self.tour_finance.login)
        gift = self.env["ctxh.donation"].search([("partner_id.name", "=", "Công ty CP Sao Mai Tour")])
        self.assertEqual((gift.state, gift.amount, gift.fund_id), ("confirmed", 7_500_000, self.fund))
        self.assertTrue(gift.publish_name)
        self.assertTrue(gift.receipt_number)
        self.assertEqual(gift.move_id.state, "posted")
        # the public reads it, without logging in
        self.authenticate(None, None)
        response = self.url_open(f"/ctxh/transparency/fund/{self.fund.id}")
        self.assertEqual(response.status_code, 200)
        # the page as read: its text, without the tags
        html = " ".join(re.sub(r"<[^>]+>", " ", response.text).replace("\xa0", " ").split())
        money = formatLang(
            self.env(context={"lang": "vi_VN"}), 7_500_000, currency_obj=gift.company_currency_id
        )
        self.assertIn("Công ty CP Sao Mai Tour", html)
        self.assertIn(money.replace("\xa0", " "), html)
        self.assertIn("Quỹ Hỗ trợ người bệnh Tour", html)
