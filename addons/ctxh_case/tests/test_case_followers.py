from odoo.tests import tagged

from .common import CtxhPrivacyCommon


@tagged("post_install", "-at_install")
class TestCaseFollowers(CtxhPrivacyCommon):
    """A case's messages reach only those who can read the case (issue #10, 'Followers outlive
    access')."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # notifications are what this test is about
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=False, mail_create_nolog=False))
        cls.worker = cls.officer_mate
        cls.outsider = cls.roles["employee"]

    def _followers(self, record):
        return record.sudo().message_partner_ids

    def test_reassignment_removes_followers_who_lost_access(self):
        case = self.case_other.with_user(self.officer_other)
        case.message_subscribe(partner_ids=self.officer_other.partner_id.ids)
        self.assertIn(self.officer_other.partner_id, self._followers(case))
        self._complete_assessment(self.case_other)
        assessment = self.case_other.assessment_ids[:1]
        assessment.message_subscribe(partner_ids=self.officer_other.partner_id.ids)
        # the case moves to team A with another worker: the former worker can no longer read it
        self.env["ctxh.case"].browse(self.case_other.id).write(
            {"team_id": self.team.id, "user_id": self.worker.id}
        )
        self.assertNotIn(self.officer_other.partner_id, self._followers(self.case_other))
        self.assertNotIn(self.officer_other.partner_id, self._followers(assessment))
        self.assertIn(self.worker.partner_id, self._followers(self.case_other))

    def test_leaving_the_team_removes_followers(self):
        self.case.message_subscribe(partner_ids=self.officer.partner_id.ids)
        self.assertIn(self.officer.partner_id, self._followers(self.case))
        self.team.member_ids = [(3, self.officer.id)]
        self.assertNotIn(self.officer.partner_id, self._followers(self.case))

    def test_unauthorised_partners_are_not_added_as_followers(self):
        partners = self.outsider.partner_id | self.donor | self.patient | self.officer.partner_id
        self.case.with_user(self.worker).message_subscribe(partner_ids=partners.ids)
        followers = self._followers(self.case)
        self.assertIn(self.officer.partner_id, followers)
        for partner in self.outsider.partner_id | self.donor | self.patient:
            self.assertNotIn(partner, followers)

    def test_messages_never_reach_who_cannot_read_the_case(self):
        # a follower who cannot read the case (forced in by the superuser, as an old follower)
        self.env["mail.followers"]._insert_followers(
            "ctxh.case", self.case.ids, (self.outsider.partner_id | self.donor).ids
        )
        self.assertIn(self.donor, self._followers(self.case))
        message = self.case.with_user(self.worker).message_post(
            body="Gia đình đã đồng ý",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            partner_ids=(
                self.outsider.partner_id | self.roles["collaborator"].partner_id | self.officer.partner_id
            ).ids,
        )
        notified = message.sudo().notification_ids.res_partner_id
        self.assertIn(self.officer.partner_id, notified)
        for partner in self.outsider.partner_id | self.donor | self.roles["collaborator"].partner_id:
            self.assertNotIn(partner, notified)
            self.assertNotIn(partner, message.sudo().partner_ids)
        mails = self.env["mail.mail"].sudo().search([("mail_message_id", "=", message.id)])
        self.assertNotIn(self.donor, mails.recipient_ids)
        # the outsider cannot read the message either
        self.assertFalse(self.env["mail.message"].with_user(self.outsider).search([("id", "=", message.id)]))

    def test_sensitive_case_assigned_outside_the_group_is_not_followed(self):
        case = self.env["ctxh.case"].create(
            {
                "partner_id": self.victim.id,
                "case_type_id": self.case_type.id,
                "team_id": self.team.id,
                "user_id": self.officer.id,
                "vulnerable_group_ids": [(6, 0, self.env.ref("ctxh_case.vulnerable_group_violence").ids)],
            }
        )
        self.assertNotIn(self.officer.partner_id, self._followers(case))

    def test_suggested_recipients_are_readers(self):
        self.case.user_id = self.roles["employee"]
        suggested = self.case.with_user(self.manager)._message_get_suggested_recipients()
        self.assertNotIn(self.roles["employee"].partner_id.id, [s.get("partner_id") for s in suggested])
        self.case.user_id = self.worker
        suggested = self.case.with_user(self.manager)._message_get_suggested_recipients()
        self.assertIn(self.worker.partner_id.id, [s.get("partner_id") for s in suggested])
