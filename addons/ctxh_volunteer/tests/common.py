from contextlib import contextmanager
from datetime import datetime

import pytz

from odoo.tests import new_test_user
from odoo.tests.common import HttpCase, TransactionCase

from odoo.addons.ctxh_case.tests.common import pdf_text  # noqa: F401 - the volunteer tests read PDFs

TZ = pytz.timezone("Asia/Ho_Chi_Minh")


def local_to_utc(year, month, day, hour, minute=0):
    """Naive UTC datetime of a local Asia/Ho_Chi_Minh time."""
    return TZ.localize(datetime(year, month, day, hour, minute)).astimezone(pytz.utc).replace(tzinfo=None)


class CtxhVolunteerData:
    """A coordinator, a volunteer user, skills, a post and active volunteers; no demo data."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # messages are asserted in English whatever the installed languages; no demo post is open
        # to self sign-up so that the volunteers' visibility depends on the test records only
        cls.env = cls.env(
            context=dict(cls.env.context, tracking_disable=True, mail_create_nolog=True, lang="en_US")
        )
        cls.env["ctxh.shift.post"].search([]).self_signup = False
        cls.company = cls.env.company
        cls.company.partner_id.tz = "Asia/Ho_Chi_Minh"
        cls.company.ctxh_availability_policy = "block"
        cls.coordinator = new_test_user(
            cls.env, login="ctxh_vol_coord", groups="ctxh_volunteer.group_ctxh_volunteer_coordinator"
        )
        cls.volunteer_user = new_test_user(
            cls.env, login="ctxh_vol_user", groups="ctxh_case.group_ctxh_collaborator"
        )
        cls.other_user = new_test_user(
            cls.env, login="ctxh_vol_other", groups="ctxh_case.group_ctxh_collaborator"
        )
        Skill = cls.env["ctxh.volunteer.skill"]
        cls.skill_guidance = Skill.create({"name": "Test guidance", "code": "t_guidance"})
        cls.skill_hygiene = Skill.create({"name": "Test hygiene", "code": "t_hygiene"})
        cls.lang_en = Skill.create({"name": "Test English", "code": "t_en", "kind": "language"})
        Post = cls.env["ctxh.shift.post"]
        cls.post = Post.create(
            {"name": "Test reception desk", "required_skill_ids": [(6, 0, cls.skill_guidance.ids)]}
        )
        cls.post_free = Post.create({"name": "Test outpatient guidance"})
        Volunteer = cls.env["ctxh.volunteer"]
        cls.volunteer = Volunteer.create(
            {
                "name": "Nguyễn Thị Lan",
                "state": "active",
                "pledge_date": "2026-01-01",
                "skill_ids": [(6, 0, cls.skill_guidance.ids)],
                "user_id": cls.volunteer_user.id,
                "email": "lan@example.vn",
            }
        )
        cls.volunteer2 = Volunteer.create(
            {
                "name": "Trần Văn Bình",
                "state": "active",
                "pledge_date": "2026-01-01",
                "skill_ids": [(6, 0, cls.skill_guidance.ids)],
                "user_id": cls.other_user.id,
                "email": "binh@example.vn",
            }
        )
        cls.volunteer3 = Volunteer.create(
            {
                "name": "Lê Minh Khoa",
                "state": "active",
                "pledge_date": "2026-01-01",
                "skill_ids": [(6, 0, cls.skill_guidance.ids)],
            }
        )

    @classmethod
    def make_portal_volunteer(cls, login, name, **vals):
        """An active volunteer with a portal login on their own contact (as an accepted applicant)."""
        user = new_test_user(cls.env, login=login, groups="base.group_portal", name=name)
        return cls.env["ctxh.volunteer"].create(
            dict(
                {
                    "partner_id": user.partner_id.id,
                    "user_id": user.id,
                    "state": "active",
                    "pledge_date": "2026-01-01",
                },
                **vals,
            )
        )

    @contextmanager
    def assertRaisesRegex(self, exception, regex):
        """Like assertRaises (savepoint rolled back on the error) and check the message."""
        with self._assertRaises(exception) as cm:
            yield cm
        self.assertRegex(str(cm.exception), regex)

    @classmethod
    def make_shift(cls, day, hour_from=7, hour_to=11, post=None, max_volunteers=3, min_volunteers=1):
        """A shift on a local date (year, month, day) between two local hours."""
        return cls.env["ctxh.shift"].create(
            {
                "post_id": (post or cls.post).id,
                "start_datetime": local_to_utc(*day, hour_from),
                "end_datetime": local_to_utc(*day, hour_to),
                "min_volunteers": min_volunteers,
                "max_volunteers": max_volunteers,
            }
        )

    @classmethod
    def assign(cls, shift, volunteer, **vals):
        return cls.env["ctxh.shift.assignment"].create(
            dict({"shift_id": shift.id, "volunteer_id": volunteer.id}, **vals)
        )


class CtxhVolunteerCommon(CtxhVolunteerData, TransactionCase):
    pass


class CtxhVolunteerHttpCommon(CtxhVolunteerData, HttpCase):
    pass
