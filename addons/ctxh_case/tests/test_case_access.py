from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import CtxhCaseCommon


@tagged("post_install", "-at_install")
class TestCaseAccess(CtxhCaseCommon):
    def test_officer_sees_own_team_cases_only(self):
        Case = self.env["ctxh.case"].with_user(self.officer)
        found = Case.search([("id", "in", (self.case | self.case_other).ids)])
        self.assertEqual(found, self.case)
        self.assertEqual(Case.search_count([("medical_record_number", "=", "MRN-B-1")]), 0)
        names = [name for _id, name in Case.name_search(self.case_other.name)]
        self.assertNotIn(self.case_other.name, names)
        groups = Case.read_group([("id", "in", (self.case | self.case_other).ids)], ["team_id"], ["team_id"])
        self.assertEqual([g["team_id"][0] for g in groups], [self.team.id])
        with self.assertRaises(AccessError):
            self.case_other.with_user(self.officer).read(["partner_id"])

    def test_officer_sees_own_case_outside_team(self):
        self.case_other.user_id = self.officer
        Case = self.env["ctxh.case"].with_user(self.officer)
        self.assertIn(self.case_other, Case.search([]))

    def test_supervisor_sees_supervised_cases(self):
        Case = self.env["ctxh.case"].with_user(self.supervisor)
        self.assertIn(self.case, Case.search([]), "the leader is a member of the team")
        self.assertNotIn(self.case_other, Case.search([]))
        self.case_other.supervisor_id = self.supervisor
        self.assertIn(self.case_other, Case.search([]))

    def test_manager_sees_all(self):
        Case = self.env["ctxh.case"].with_user(self.manager)
        self.assertEqual(
            Case.search([("id", "in", (self.case | self.case_other).ids)]), self.case | self.case_other
        )

    def test_collaborator_reads_no_case(self):
        Case = self.env["ctxh.case"].with_user(self.collaborator)
        with self.assertRaises(AccessError):
            Case.search([])
        with self.assertRaises(AccessError):
            self.case.with_user(self.collaborator).read(["name"])

    def test_officer_cannot_delete_case(self):
        with self.assertRaises(AccessError):
            self.case.with_user(self.officer).unlink()
        self.assertTrue(self.case.exists())

    def test_officer_cannot_configure(self):
        with self.assertRaises(AccessError):
            self.env["ctxh.case.type"].with_user(self.officer).create({"name": "X", "code": "x"})
        with self.assertRaises(AccessError):
            self.team.with_user(self.officer).write({"name": "Renamed"})

    def test_multi_company(self):
        other_company = self.env["res.company"].create({"name": "Bệnh viện khác"})
        self.manager.write({"company_ids": [(4, other_company.id)]})
        case = self.env["ctxh.case"].create(
            {
                "partner_id": self.patient.id,
                "case_type_id": self.case_type.id,
                "team_id": False,
                "company_id": other_company.id,
                "user_id": self.manager.id,
            }
        )
        Case = (
            self.env["ctxh.case"].with_user(self.manager).with_context(allowed_company_ids=[self.company.id])
        )
        self.assertNotIn(case, Case.search([]))
