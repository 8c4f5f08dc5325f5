from datetime import date

from freezegun import freeze_time

from odoo.exceptions import ValidationError
from odoo.tests import new_test_user, tagged

from .common import CtxhVolunteerCommon, local_to_utc


@tagged("post_install", "-at_install")
class TestVolunteerDates(CtxhVolunteerCommon):
    """The status changes date when a volunteer became active and left (the reports count the
    volunteers of a past date from them)."""

    def test_status_changes_are_dated(self):
        Volunteer = self.env["ctxh.volunteer"]
        with freeze_time("2026-01-05"):
            applicant = Volunteer.create({"name": "Đỗ Thị Mới"})
            self.assertFalse(applicant.date_activated)
            direct = Volunteer.create({"name": "Vũ Văn Ngay", "state": "active"})
            self.assertEqual(direct.date_activated, date(2026, 1, 5))
        with freeze_time("2026-02-01"):
            applicant.action_activate()
        self.assertEqual((applicant.date_activated, applicant.date_left), (date(2026, 2, 1), False))
        with freeze_time("2026-04-10"):
            applicant.action_deactivate()
        self.assertEqual(applicant.date_left, date(2026, 4, 10))
        with freeze_time("2026-06-01"):
            # Archiving an inactive volunteer keeps the day they left.
            applicant.action_set_archived()
            direct.action_set_archived()
        self.assertEqual(applicant.date_left, date(2026, 4, 10))
        self.assertEqual(direct.date_left, date(2026, 6, 1))
        applicant.action_reset_applicant()
        with freeze_time("2026-09-01"):
            applicant.action_activate()
        self.assertEqual((applicant.date_activated, applicant.date_left), (date(2026, 9, 1), False))
        with self.assertRaises(ValidationError):
            direct.date_left = "2025-12-31"

    @freeze_time("2026-03-02 01:00:00")
    def test_swap_by_coordinator_without_email(self):
        coordinator = new_test_user(
            self.env, login="h13_coord_noemail", groups="ctxh_volunteer.group_ctxh_volunteer_coordinator"
        )
        coordinator.partner_id.email = False
        shift = self.env["ctxh.shift"].create(
            {
                "post_id": self.post.id,
                "start_datetime": local_to_utc(2026, 3, 10, 7),
                "end_datetime": local_to_utc(2026, 3, 10, 11),
            }
        )
        old = self.assign(shift, self.volunteer)
        wizard = (
            self.env["ctxh.shift.swap.wizard"]
            .with_user(coordinator)
            .create({"assignment_id": old.id, "new_volunteer_id": self.volunteer2.id, "reason": "Ốm"})
        )
        wizard.action_swap()
        self.assertEqual(old.state, "cancelled")
        note = old.message_ids.filtered(lambda m: "Ốm" in str(m.body))
        self.assertEqual(note.author_id, coordinator.partner_id)
