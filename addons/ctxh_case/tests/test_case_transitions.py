from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import CtxhCaseCommon

# Context keys an RPC caller may forge: none of them may open a status field.
FORGED_CONTEXTS = (
    {},
    {"ctxh_workflow": True},
    {"ctxh_transition": True, "force_write": True, "install_mode": True},
    {"default_state": "approved"},
)


@tagged("post_install", "-at_install")
class TestCaseTransitions(CtxhCaseCommon):
    """Care plans and needs assessments change status only through their guarded buttons."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US"))  # messages in the source language

    def _plan(self):
        self._complete_assessment(self.case)
        return (
            self.env["ctxh.case.plan"]
            .with_user(self.officer)
            .create(
                {
                    "case_id": self.case.id,
                    "goal": "Ổn định tài chính",
                    "line_ids": [(0, 0, {"name": "Vận động quỹ", "kind": "action"})],
                }
            )
        )

    def test_officer_cannot_approve_own_plan_by_writing(self):
        plan = self._plan()
        for context in FORGED_CONTEXTS:
            for vals in (
                {"state": "approved"},
                {"approved_by_id": self.officer.id},
                {"approved_date": "2026-01-01"},
            ):
                with self.assertRaisesRegex(UserError, "only through its buttons"):
                    plan.with_user(self.officer).with_context(**context).write(vals)
                # not even sudo (no RPC reaches it, but code paths must not either)
                with self.assertRaisesRegex(UserError, "only through its buttons"):
                    plan.with_user(self.officer).with_context(**context).sudo().write(vals)
        with self.assertRaises(UserError):
            plan.with_user(self.officer).write({"version": 7})
        plan.with_user(self.officer).action_submit()
        with self.assertRaisesRegex(UserError, "supervisor"):
            plan.with_user(self.officer).with_context(ctxh_workflow=True).action_approve()
        self.assertEqual(plan.state, "to_approve")
        self.assertFalse(plan.approved_by_id)
        plan.with_user(self.supervisor).action_approve()
        self.assertEqual(plan.state, "approved")

    def test_plan_cannot_be_created_approved(self):
        self._complete_assessment(self.case)
        Plan = self.env["ctxh.case.plan"].with_user(self.officer)
        with self.assertRaisesRegex(UserError, "only through its buttons"):
            Plan.create({"case_id": self.case.id, "state": "approved"})
        forged = Plan.with_context(default_state="approved", default_approved_by_id=self.officer.id).create(
            {"case_id": self.case.id}
        )
        self.assertEqual(forged.state, "draft")
        self.assertFalse(forged.approved_by_id)

    def test_transitions_check_status(self):
        plan = self._plan()
        with self.assertRaisesRegex(UserError, "submitted"):
            plan.with_user(self.supervisor).action_approve()
        plan.with_user(self.officer).action_submit()
        with self.assertRaisesRegex(UserError, "draft"):
            plan.with_user(self.officer).action_submit()
        # another team's officer cannot move a plan they cannot write
        with self.assertRaises(AccessError):
            plan.with_user(self.officer_other).action_reset_draft()
        plan.with_user(self.officer).action_reset_draft()
        self.assertEqual(plan.state, "draft")

    def test_assessment_completed_only_through_button(self):
        assessment = (
            self.env["ctxh.case.assessment"].with_user(self.officer).create({"case_id": self.case.id})
        )
        for context in FORGED_CONTEXTS:
            with self.assertRaisesRegex(UserError, "only through its buttons"):
                assessment.with_user(self.officer).with_context(**context).write({"state": "done"})
        with self.assertRaisesRegex(UserError, "only through its buttons"):
            self.env["ctxh.case.assessment"].with_user(self.officer).create(
                {"case_id": self.case.id, "state": "done"}
            )
        forged = (
            self.env["ctxh.case.assessment"]
            .with_user(self.officer)
            .with_context(default_state="done")
            .create({"case_id": self.case.id})
        )
        self.assertEqual(forged.state, "draft")
        self.assertEqual(assessment.state, "draft")
        self.assertFalse(self.case.has_done_assessment)
        # a collaborator has no case access at all
        with self.assertRaises(AccessError):
            assessment.with_user(self.collaborator).action_done()
        assessment.with_user(self.officer).action_done()
        self.assertEqual(assessment.state, "done")
        with self.assertRaisesRegex(UserError, "Only draft"):
            assessment.with_user(self.officer).action_done()
