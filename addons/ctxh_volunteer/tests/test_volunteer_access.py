from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import CtxhVolunteerCommon


@tagged("post_install", "-at_install")
class TestVolunteerAccess(CtxhVolunteerCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        with freeze_time("2026-03-02 01:00:00"):
            cls.shift = cls.make_shift((2026, 3, 10), 7, 11)
            cls.shift_other = cls.make_shift((2026, 3, 11), 7, 11)
            cls.mine = cls.assign(cls.shift, cls.volunteer)
            cls.theirs = cls.assign(cls.shift_other, cls.volunteer2)
        cls.case_type = cls.env["ctxh.case.type"].create({"name": "Access type", "code": "acc_type"})
        cls.case = cls.env["ctxh.case"].create(
            {
                "partner_id": cls.env["res.partner"].create({"name": "Bệnh nhân Bí mật"}).id,
                "case_type_id": cls.case_type.id,
            }
        )
        cls.portal_user = new_test_user(cls.env, login="ctxh_vol_portal", groups="base.group_portal")
        # a portal volunteer shares the partner of their portal user
        cls.portal_volunteer = cls.env["ctxh.volunteer"].create(
            {"partner_id": cls.portal_user.partner_id.id, "user_id": cls.portal_user.id, "state": "active"}
        )

    def test_volunteer_sees_only_own_records(self):
        env = self.env(user=self.volunteer_user)
        self.assertEqual(env["ctxh.shift.assignment"].search([]), self.mine)
        self.assertEqual(env["ctxh.shift"].search([]), self.shift)
        self.assertEqual(env["ctxh.volunteer"].search([]), self.volunteer)
        self.assertEqual(env["ctxh.volunteer"].name_search("Trần"), [])
        with self.assertRaises(AccessError):
            env["ctxh.shift.assignment"].browse(self.theirs.id).read(["hours"])
        with self.assertRaises(AccessError):
            env["ctxh.volunteer"].browse(self.volunteer2.id).read(["name"])
        groups = env["ctxh.shift.assignment"].read_group([], ["hours:sum"], ["volunteer_id"])
        self.assertEqual([g["volunteer_id"][0] for g in groups], [self.volunteer.id])

    def test_volunteer_cannot_write_or_delete(self):
        env = self.env(user=self.volunteer_user)
        with self.assertRaises(AccessError):
            env["ctxh.shift.assignment"].browse(self.mine.id).write({"hours_approved": True})
        with self.assertRaises(AccessError):
            env["ctxh.shift.assignment"].browse(self.mine.id).unlink()
        with self.assertRaises(AccessError):
            env["ctxh.volunteer"].browse(self.volunteer.id).write({"state": "archived"})
        with self.assertRaises(AccessError):
            env["ctxh.shift"].browse(self.shift.id).write({"max_volunteers": 10})
        with self.assertRaises(AccessError):
            env["ctxh.shift.template"].search([])
        with self.assertRaises(AccessError):
            env["ctxh.shift.assignment"].browse(self.mine.id).action_approve_hours()

    def test_volunteer_never_sees_case_data(self):
        for user in (self.volunteer_user, self.coordinator, self.portal_user):
            env = self.env(user=user)
            with self.assertRaises(AccessError):
                env["ctxh.case"].search([])
            with self.assertRaises(AccessError):
                env["ctxh.case"].browse(self.case.id).read(["presenting_problem"])
            with self.assertRaises(AccessError):
                env["ctxh.case"].read_group([], ["partner_id"], ["partner_id"])
            with self.assertRaises(AccessError):
                env["ctxh.case"].name_search("")

    def test_portal_volunteer_sees_only_own(self):
        env = self.env(user=self.portal_user)
        self.assertFalse(env["ctxh.shift.assignment"].search([]))
        self.assertEqual(env["ctxh.volunteer"].search([]), self.portal_volunteer)
        with self.assertRaises(AccessError):
            env["ctxh.shift.assignment"].browse(self.mine.id).read(["hours"])

    def test_coordinator_manages_all(self):
        env = self.env(user=self.coordinator)
        test_shifts = (self.shift | self.shift_other).ids
        self.assertEqual(
            env["ctxh.shift.assignment"].search([("shift_id", "in", test_shifts)]), self.mine | self.theirs
        )
        self.assertGreaterEqual(env["ctxh.shift.assignment"].search_count([]), 2)
        volunteer = env["ctxh.volunteer"].create({"name": "Phạm Thu Hà", "pledge_date": "2026-01-01"})
        volunteer.action_activate()
        self.assertEqual(volunteer.state, "active")
        template = env["ctxh.shift.template"].create(
            {"name": "T", "post_id": self.post_free.id, "monday": True}
        )
        self.assertTrue(template)
        with freeze_time("2026-03-02 01:00:00"):
            assignment = env["ctxh.shift.assignment"].create(
                {"shift_id": self.shift.id, "volunteer_id": self.volunteer2.id}
            )
        self.assertEqual(assignment.state, "planned")
        with self.assertRaises(AccessError):
            volunteer.unlink()  # volunteers are archived, not deleted

    def test_collaborator_not_volunteer_sees_nothing(self):
        officer = new_test_user(self.env, login="ctxh_vol_officer", groups="ctxh_case.group_ctxh_officer")
        env = self.env(user=officer)
        self.assertFalse(env["ctxh.shift.assignment"].search([]))
        self.assertFalse(env["ctxh.volunteer"].search([]))
        with self.assertRaises(AccessError):
            env["ctxh.volunteer"].browse(self.volunteer.id).read(["name"])
