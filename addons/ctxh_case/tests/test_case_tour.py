from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestCaseTour(HttpCase):
    def test_officer_creates_case_in_ui(self):
        officer = new_test_user(
            self.env,
            login="ctxh_tour_officer",
            groups="ctxh_case.group_ctxh_officer,base.group_partner_manager",
        )
        self.env["ctxh.case.type"].create({"name": "Psychosocial support", "code": "tour_psy"})
        self.start_tour("/odoo/action-ctxh_case.ctxh_case_action", "ctxh_case_tour", login=officer.login)
        case = self.env["ctxh.case"].search([("partner_id.name", "=", "Tour Patient Phạm")])
        self.assertEqual(len(case), 1)
        self.assertEqual(case.user_id, officer)
        self.assertTrue(case.name.startswith("CTXH-"))
