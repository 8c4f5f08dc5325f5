from datetime import date

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, new_test_user, tagged
from odoo.tests.common import TransactionCase

from .common import assert_raises_message


@tagged("post_install", "-at_install")
class TestAward(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # messages compared in the source language; the users created here speak it too
        cls.env = cls.env(
            context=dict(cls.env.context, tracking_disable=True, mail_create_nolog=True, lang="en_US")
        )
        cls.company = cls.env["res.company"].create({"name": "Bệnh viện Khen thưởng"})
        cls.other_company = cls.env["res.company"].create({"name": "Bệnh viện Khác Khen thưởng"})
        cls.env.user.company_ids |= cls.company | cls.other_company
        cls.env = cls.env(context=dict(cls.env.context, allowed_company_ids=[cls.company.id]))
        users = {}
        for login, groups in (
            ("h13_award_officer", "ctxh_case.group_ctxh_officer"),
            ("h13_award_manager", "ctxh_case.group_ctxh_manager"),
            ("h13_award_hr", "hr.group_hr_user"),
            ("h13_award_collab", "ctxh_case.group_ctxh_collaborator"),
        ):
            users[login] = new_test_user(
                cls.env,
                login=login,
                groups=groups,
                company_id=cls.company.id,
                company_ids=[(6, 0, cls.company.ids)],
            )
        cls.officer = users["h13_award_officer"]
        cls.manager = users["h13_award_manager"]
        cls.hr_user = users["h13_award_hr"]
        cls.collaborator = users["h13_award_collab"]
        cls.employee = cls.env["hr.employee"].create(
            {"name": "Nguyễn Thị Khen", "company_id": cls.company.id}
        )
        cls.employee2 = cls.env["hr.employee"].create(
            {"name": "Trần Văn Thưởng", "company_id": cls.company.id}
        )
        cls.collaborator_partner = cls.env["res.partner"].create({"name": "Lê Thị Cộng Tác"})
        cls.team = cls.env["ctxh.team"].create({"name": "Tổ CTXH Khen", "company_id": cls.company.id})
        cls.Award = cls.env["ctxh.award"]

    def award(self, level, day, **recipient):
        kind = (
            "employee" if "employee_id" in recipient else "team" if "team_id" in recipient else "collaborator"
        )
        return self.Award.create(
            {
                "name": "Giấy khen",
                "level": level,
                "decision_number": f"QĐ-{level}-{day}",
                "decision_date": day,
                "recipient_kind": kind,
                "company_id": self.company.id,
                **recipient,
            }
        )

    def test_figures_individuals_and_collectives_by_level(self):
        self.award("hospital", "2026-01-15", employee_id=self.employee.id)
        self.award("hospital", "2026-01-15", employee_id=self.employee2.id)
        # The same person commended twice counts once as an individual.
        self.award("department_of_health", "2026-02-01", employee_id=self.employee.id)
        self.award("department_of_health", "2026-02-01", partner_id=self.collaborator_partner.id)
        self.award("ministry", "2026-03-31", team_id=self.team.id)
        self.award("ministry", "2026-04-01", employee_id=self.employee2.id)
        figures = self.Award._get_figures(date(2026, 1, 1), date(2026, 3, 31))
        self.assertEqual(figures["awards"], 5)
        self.assertEqual(figures["individuals_total"], 3)
        self.assertEqual(figures["collectives_total"], 1)
        self.assertEqual(figures["individuals"], {"hospital": 2, "department_of_health": 2})
        self.assertEqual(figures["collectives"], {"ministry": 1})
        # Another hospital's awards never count.
        self.Award.with_company(self.other_company).create(
            {
                "name": "Bằng khen",
                "level": "ministry",
                "decision_number": "QĐ-X",
                "decision_date": "2026-02-02",
                "recipient_kind": "collaborator",
                "partner_id": self.collaborator_partner.id,
                "company_id": self.other_company.id,
            }
        )
        self.assertEqual(self.Award._get_figures(date(2026, 1, 1), date(2026, 3, 31)), figures)
        empty = self.Award._get_figures(date(2025, 1, 1), date(2025, 12, 31))
        self.assertEqual(
            empty,
            {
                "awards": 0,
                "individuals": {},
                "collectives": {},
                "individuals_total": 0,
                "collectives_total": 0,
            },
        )

    def test_one_recipient_of_the_chosen_kind(self):
        with assert_raises_message(self, ValidationError, "Choose"):
            self.Award.create(
                {
                    "name": "Giấy khen",
                    "decision_number": "QĐ-1",
                    "decision_date": "2026-01-01",
                    "recipient_kind": "team",
                }
            )
        with assert_raises_message(self, ValidationError, "one recipient"):
            self.award("hospital", "2026-01-01", employee_id=self.employee.id, team_id=self.team.id)
        with assert_raises_message(self, ValidationError, "already recorded"):
            self.award("hospital", "2026-01-02", employee_id=self.employee.id)
            self.award("hospital", "2026-01-02", employee_id=self.employee.id)
        with assert_raises_message(self, ValidationError, "future"):
            self.award("hospital", "2999-01-01", employee_id=self.employee.id)

    def test_form_clears_other_recipients(self):
        form = Form(self.Award.with_user(self.manager))
        form.name = "Bằng khen"
        form.decision_number = "QĐ-F"
        form.decision_date = date(2026, 1, 5)
        form.recipient_kind = "employee"
        form.employee_id = self.employee
        form.recipient_kind = "team"
        self.assertFalse(form.employee_id)
        form.team_id = self.team
        award = form.save()
        self.assertTrue(award.is_collective)
        self.assertEqual(award.recipient_name, self.team.name)

    def test_access(self):
        award = self.award("hospital", "2026-01-15", employee_id=self.employee.id)
        self.assertEqual(award.with_user(self.officer).recipient_name, self.employee.name)
        with self.assertRaises(AccessError):
            award.with_user(self.officer).write({"reason": "Sửa"})
        with self.assertRaises(AccessError):
            self.Award.with_user(self.officer).create(
                {
                    "name": "X",
                    "decision_number": "Y",
                    "decision_date": "2026-01-01",
                    "employee_id": self.employee.id,
                }
            )
        with self.assertRaises(AccessError):
            self.Award.with_user(self.collaborator).search([])
        award.with_user(self.manager).write({"reason": "Hoàn thành xuất sắc nhiệm vụ"})
        award.with_user(self.hr_user).write({"level": "department_of_health"})
        award.with_user(self.manager).unlink()
        # Another hospital's awards are invisible.
        other = self.Award.with_company(self.other_company).create(
            {
                "name": "Bằng khen",
                "decision_number": "QĐ-O",
                "decision_date": "2026-01-01",
                "recipient_kind": "collaborator",
                "partner_id": self.collaborator_partner.id,
                "company_id": self.other_company.id,
            }
        )
        self.assertFalse(self.Award.with_user(self.manager).search([("id", "=", other.id)]))
