from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import Form, tagged

from .common import CtxhVolunteerCommon

NOW = "2026-03-02 01:00:00"  # Monday 2 March 2026, 08:00 local


@tagged("post_install", "-at_install")
class TestCoordinator(CtxhVolunteerCommon):
    """Alerts for understaffed shifts and messages to the volunteers of a shift."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.ctxh_understaffed_alert_hours = 48
        cls.post_free.coordinator_id = cls.coordinator
        with freeze_time(NOW):
            # 24 hours ahead, needs two: alert
            cls.soon = cls.make_shift((2026, 3, 3), 8, 12, post=cls.post_free, min_volunteers=2)
            # 72 hours ahead: not yet
            cls.later = cls.make_shift((2026, 3, 5), 8, 12, post=cls.post_free, min_volunteers=2)
            # 24 hours ahead but staffed
            cls.staffed = cls.make_shift((2026, 3, 3), 13, 17, post=cls.post_free, min_volunteers=1)
            cls.assign(cls.staffed, cls.volunteer3)
        cls.activity_type = cls.env.ref("ctxh_volunteer.mail_activity_type_understaffed")

    def alerts(self, shift):
        return shift.activity_ids.filtered(lambda a: a.activity_type_id == self.activity_type)

    def test_understaffed_alert_once_and_withdrawn(self):
        Shift = self.env["ctxh.shift"]
        with freeze_time(NOW):
            Shift._cron_alert_understaffed()
            Shift._cron_alert_understaffed()  # no duplicate
        alert = self.alerts(self.soon)
        self.assertEqual(len(alert), 1)
        self.assertEqual(alert.user_id, self.coordinator)
        self.assertIn("0 of at least 2", alert.summary)
        self.assertTrue(self.soon.understaffed_alerted)
        self.assertFalse(self.alerts(self.later))
        self.assertFalse(self.alerts(self.staffed))
        # staffed in time: the alert goes away
        with freeze_time(NOW):
            assignments = self.assign(self.soon, self.volunteer) | self.assign(self.soon, self.volunteer2)
            Shift._cron_alert_understaffed()
        self.assertFalse(self.alerts(self.soon))
        self.assertFalse(self.soon.understaffed_alerted)
        # someone drops out: alerted again
        with freeze_time(NOW):
            assignments[0].action_cancel()
            Shift._cron_alert_understaffed()
        self.assertEqual(len(self.alerts(self.soon)), 1)
        # the later shift enters the window two days before
        with freeze_time("2026-03-03 02:00:00"):
            Shift._cron_alert_understaffed()
        self.assertEqual(len(self.alerts(self.later)), 1)

    def test_alert_window_is_the_companys(self):
        self.company.ctxh_understaffed_alert_hours = 12
        with freeze_time(NOW):
            self.env["ctxh.shift"]._cron_alert_understaffed()
        self.assertFalse(self.alerts(self.soon))

    @freeze_time(NOW)
    def test_message_to_the_volunteers_of_a_shift(self):
        self.post_free.self_signup = True  # a portal volunteer can read the shift (not their colleagues)
        portal_volunteer = self.make_portal_volunteer("ctxh_coord_portal", "Hồ Thị Thu")
        onlooker = self.make_portal_volunteer("ctxh_coord_onlooker", "Lý Văn Tâm")
        self.assign(self.soon, portal_volunteer)
        self.assign(self.soon, self.volunteer)
        self.assign(self.soon, self.volunteer2).action_cancel()
        action = self.soon.with_user(self.coordinator).action_message_volunteers()
        self.assertEqual(action["res_model"], "mail.compose.message")
        composer = Form(
            self.env["mail.compose.message"].with_user(self.coordinator).with_context(**action["context"])
        )
        self.assertEqual(
            set(composer.partner_ids.ids), {portal_volunteer.partner_id.id, self.volunteer.partner_id.id}
        )
        composer.body = "<p>Ngày mai gặp nhau ở sảnh lúc 7g45.</p>"
        composer.save()._action_send_mail()
        message = self.soon.message_ids.filtered(lambda m: "7g45" in (m.body or ""))
        self.assertEqual(len(message), 1)
        self.assertEqual(message.partner_ids, portal_volunteer.partner_id | self.volunteer.partner_id)
        notified = message.notification_ids.res_partner_id
        self.assertEqual(notified, portal_volunteer.partner_id | self.volunteer.partner_id)
        # a volunteer who may read the open shift does not read the coordinator's messages on it
        onlooker_env = self.env(user=onlooker.user_id)
        self.assertTrue(onlooker_env["ctxh.shift"].search([("id", "=", self.soon.id)]))
        self.assertFalse(
            onlooker_env["mail.message"].search([("model", "=", "ctxh.shift"), ("res_id", "=", self.soon.id)])
        )
        with self.assertRaises(AccessError):
            message.with_user(onlooker.user_id).read(["body", "partner_ids"])
        # a volunteer cannot write to the volunteers of a shift
        with self.assertRaises(AccessError):
            self.soon.with_user(onlooker.user_id).message_post(
                body="spam", partner_ids=self.volunteer.partner_id.ids
            )
