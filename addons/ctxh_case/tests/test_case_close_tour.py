from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestCaseCloseTour(HttpCase):
    def test_officer_closes_case_with_wizard(self):
        officer = new_test_user(
            self.env, login="ctxh_close_tour_officer", groups="ctxh_case.group_ctxh_officer"
        )
        case_type = self.env["ctxh.case.type"].create({"name": "Tour type", "code": "tour_close"})
        reason = self.env["ctxh.closure.reason"].create(
            {"name": "Tour closure reason", "code": "tour_reason"}
        )
        patient = self.env["res.partner"].create({"name": "Tour Patient Đóng"})
        case = self.env["ctxh.case"].create(
            {"partner_id": patient.id, "case_type_id": case_type.id, "user_id": officer.id}
        )
        self.start_tour(
            f"/odoo/action-ctxh_case.ctxh_case_action/{case.id}", "ctxh_case_close_tour", login=officer.login
        )
        self.assertEqual(case.phase, "closed")
        self.assertEqual(case.closure_reason_id, reason)
        self.assertEqual(case.closure_outcome, "Tour outcome reached")
