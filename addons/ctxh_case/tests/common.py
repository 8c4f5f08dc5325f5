from contextlib import contextmanager

from odoo.tests import new_test_user
from odoo.tests.common import TransactionCase


@contextmanager
def assert_raises_message(case, exception, text):
    """``case.assertRaises`` (which rolls back to a savepoint, unlike assertRaisesRegex) and check
    that the message contains ``text``."""
    with case.assertRaises(exception) as cm:
        yield cm
    case.assertIn(text, str(cm.exception))


class CtxhCaseCommon(TransactionCase):
    """Two teams, one user per security group, a case per team.

    Does not rely on demo data: every record a test needs is created here.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True, mail_create_nolog=True))
        cls.company = cls.env.company
        cls.collaborator = new_test_user(
            cls.env, login="ctxh_collab", groups="ctxh_case.group_ctxh_collaborator"
        )
        cls.officer = new_test_user(cls.env, login="ctxh_officer", groups="ctxh_case.group_ctxh_officer")
        cls.officer_mate = new_test_user(
            cls.env, login="ctxh_officer_mate", groups="ctxh_case.group_ctxh_officer"
        )
        cls.officer_other = new_test_user(
            cls.env, login="ctxh_officer_other", groups="ctxh_case.group_ctxh_officer"
        )
        cls.supervisor = new_test_user(
            cls.env, login="ctxh_supervisor", groups="ctxh_case.group_ctxh_supervisor"
        )
        cls.manager = new_test_user(cls.env, login="ctxh_manager", groups="ctxh_case.group_ctxh_manager")
        Team = cls.env["ctxh.team"]
        cls.team = Team.create(
            {
                "name": "Test Team A",
                "leader_id": cls.supervisor.id,
                "member_ids": [(6, 0, [cls.officer.id, cls.officer_mate.id])],
            }
        )
        cls.team_other = Team.create({"name": "Test Team B", "member_ids": [(6, 0, [cls.officer_other.id])]})
        cls.case_type = cls.env["ctxh.case.type"].create(
            {"name": "Test Type", "code": "test_type", "review_interval_days": 14}
        )
        cls.patient = cls.env["res.partner"].create({"name": "Bệnh nhân Thử"})
        cls.patient_other = cls.env["res.partner"].create({"name": "Bệnh nhân Khác"})
        Case = cls.env["ctxh.case"]
        cls.case = Case.create(
            {
                "partner_id": cls.patient.id,
                "case_type_id": cls.case_type.id,
                "team_id": cls.team.id,
                "user_id": cls.officer_mate.id,
                "medical_record_number": "MRN-A-1",
            }
        )
        cls.case_other = Case.create(
            {
                "partner_id": cls.patient_other.id,
                "case_type_id": cls.case_type.id,
                "team_id": cls.team_other.id,
                "user_id": cls.officer_other.id,
                "medical_record_number": "MRN-B-1",
            }
        )

    @classmethod
    def _complete_assessment(cls, case, **scores):
        assessment = cls.env["ctxh.case.assessment"].create({"case_id": case.id, **scores})
        assessment.action_done()
        return assessment
