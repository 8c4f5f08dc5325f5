"""Every cell of the access matrix (tests/access_matrix.py) against Odoo's real access checks.

One user per role (the lowest groups of the role), one record per kind (built here, as the
superuser, once), then for each row and role: access rights + record rules for create, read,
write and unlink, and search for read. Every difference is reported in one failure, with the
actual rows to paste into the table once the change is intended.
"""

import base64
import time
from collections import defaultdict
from datetime import date, datetime

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import new_test_user
from odoo.tests.common import TransactionCase

from odoo.addons.ctxh_case.tests.common import ctxh_role_users
from odoo.addons.ctxh_donation.tests.common import setup_ctxh_donation_data

from .access_matrix import KINDS, ROLES, format_cell, parse_matrix

OPERATIONS = ("create", "read", "write", "unlink")
LETTER = {"create": "c", "read": "r", "write": "w", "unlink": "u"}


class PerRole(dict):
    """A kind whose record depends on the role: ``{role: record}`` (the role user's own)."""


class OtherCompany:
    """A kind checked with the role user working in company B: the record of ``kind``."""

    def __init__(self, kind):
        self.kind = kind


class TestAccessMatrix(TransactionCase):
    test_tags = {"standard", "at_install"}
    test_module = "ctxh_tests"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        started = time.perf_counter()
        cls.env = cls.env(
            context=dict(cls.env.context, tracking_disable=True, mail_create_nolog=True, lang="en_US")
        )
        env = cls.env
        cls.company = env.company
        cls.company_b = env["res.company"].create({"name": "Bệnh viện Ma trận B"})
        companies = cls.company | cls.company_b
        internal = {role: groups for role, groups in ROLES.items() if groups and role != "portal"}
        cls.users = ctxh_role_users(env, prefix="ctxh_matrix", roles=internal, export=False)
        cls.users["portal"] = new_test_user(env, login="ctxh_matrix_portal", groups=ROLES["portal"])
        cls.users["public"] = env.ref("base.public_user")
        for user in cls.users.values():
            user.company_ids = [Command.set(companies.ids)]
        # people who are none of the roles
        cls.mate = new_test_user(env, login="ctxh_matrix_mate", groups="ctxh_case.group_ctxh_officer")
        cls.stranger = new_test_user(env, login="ctxh_matrix_stranger", groups="ctxh_case.group_ctxh_officer")
        cls.approver = new_test_user(env, login="ctxh_matrix_approver", groups="ctxh_case.group_ctxh_manager")
        cls.payer = new_test_user(
            env, login="ctxh_matrix_payer", groups="ctxh_donation.group_ctxh_finance_officer"
        )
        cls.records = {}
        # money and shifts are dated: build at a known date (the checks do not depend on it)
        with freeze_time("2026-03-16 10:00:00"):
            cls._build_case()
            cls._build_volunteer()
            cls._build_donation()
            cls._build_reporting()
            env.flush_all()
        cls.setup_seconds = time.perf_counter() - started

    # ------------------------------------------------------------------ records of each kind
    @classmethod
    def _add(cls, model, **kinds):
        for kind, record in kinds.items():
            cls.records[(model, kind)] = record

    @classmethod
    def _add_company_record(cls, model, record):
        """A record of company A (kind ``any``), also checked from company B (``other_company``)."""
        cls._add(model, any=record, other_company=OtherCompany("any"))
        return record

    @classmethod
    def _add_wizard(cls, model, vals):
        """A wizard opened by each role's user (``own``) and one opened by someone else (``other``)."""
        cls._add(
            model,
            own=cls._own(model, lambda role, user: vals),
            other=cls.env[model].with_user(cls.mate).sudo().create(vals),
        )

    @classmethod
    def _own(cls, model, vals_of):
        """One record per role, created by the role's user (create_uid) as the superuser."""
        return PerRole(
            {
                role: cls.env[model].with_user(user).sudo().create(vals_of(role, user))
                for role, user in cls.users.items()
            }
        )

    @classmethod
    def _build_case(cls):
        env, users = cls.env, cls.users
        Team = env["ctxh.team"]
        cls.team = Team.create(
            {
                "name": "Tổ ma trận A",
                "leader_id": users["supervisor"].id,
                "member_ids": [
                    Command.set((users["officer"] | users["sensitive"] | users["supervisor"] | cls.mate).ids)
                ],
            }
        )
        cls.team_b = Team.create({"name": "Tổ ma trận B", "member_ids": [Command.set(cls.stranger.ids)]})
        cls._add_company_record("ctxh.team", cls.team)
        case_type = env.ref("ctxh_case.case_type_financial")
        Partner = env["res.partner"]
        cls.donor = Partner.create({"name": "Nhà hảo tâm Ma trận"})
        cls.agency = Partner.create(
            {
                "name": "Công an phường Ma trận",
                "is_company": True,
                "ctxh_agency_kind_id": env.ref("ctxh_case.agency_kind_police").id,
            }
        )
        Case = env["ctxh.case"]

        def case(name, team, user, supervisor=None, **vals):
            patient = Partner.create({"name": f"Người bệnh {name}"})
            return Case.create(
                {
                    "partner_id": patient.id,
                    "case_type_id": case_type.id,
                    "team_id": team.id,
                    "user_id": user.id,
                    "supervisor_id": supervisor and supervisor.id,
                    "medical_record_number": f"MRN-MATRIX-{name}",
                    **vals,
                }
            )

        cls.case_team = case("A", cls.team, cls.mate, users["supervisor"])
        cls.case_assigned = case("B1", cls.team_b, users["officer"])
        cls.case_supervised = case("B2", cls.team_b, cls.stranger, users["supervisor"])
        cls.case_other = case("B3", cls.team_b, cls.stranger)
        cls.case_sensitive = case(
            "S",
            cls.team,
            cls.mate,
            vulnerable_group_ids=[Command.set(env.ref("ctxh_case.vulnerable_group_violence").ids)],
        )
        assert cls.case_sensitive.is_sensitive
        cls._add(
            "ctxh.case",
            team=cls.case_team,
            assigned=cls.case_assigned,
            supervised=cls.case_supervised,
            other_team=cls.case_other,
            sensitive=cls.case_sensitive,
            other_company=OtherCompany("team"),
        )
        relative = Partner.create({"name": "Người nhà Ma trận"})
        member = env["ctxh.case.member"].create(
            {"case_id": cls.case_team.id, "name": relative.name, "partner_id": relative.id}
        )
        cases = {"team": cls.case_team, "other_team": cls.case_other, "sensitive": cls.case_sensitive}
        # configuration, shared by the companies
        config = {}
        for model in (
            "ctxh.agency.kind",
            "ctxh.case.type",
            "ctxh.closure.reason",
            "ctxh.intervention.type",
            "ctxh.support.type",
            "ctxh.task.group",
            "ctxh.vulnerable.group",
        ):
            config[model] = env[model].create({"name": f"Ma trận {model}", "code": f"matrix_{model}"})
        config["ctxh.case.stage"] = env["ctxh.case.stage"].create({"name": "Giai đoạn Ma trận"})
        for model, record in config.items():
            cls._add(model, shared=record)
        intervention_type = config["ctxh.intervention.type"]

        def per_case(model, vals_of):
            records = {kind: env[model].create(vals_of(case)) for kind, case in cases.items()}
            cls._add(model, **records, other_company=OtherCompany("team"))
            return records

        assessments = per_case("ctxh.case.assessment", lambda case: {"case_id": case.id})
        env["ctxh.case.assessment"].concat(*assessments.values()).action_done()  # before care plans
        plans = per_case("ctxh.case.plan", lambda case: {"case_id": case.id})
        for kind, plan in plans.items():
            cls._add(
                "ctxh.case.plan.line",
                **{kind: env["ctxh.case.plan.line"].create({"plan_id": plan.id, "name": "Hỗ trợ viện phí"})},
            )
        cls._add("ctxh.case.plan.line", other_company=OtherCompany("team"))
        per_case(
            "ctxh.case.intervention",
            lambda case: {"case_id": case.id, "intervention_type_id": intervention_type.id},
        )
        per_case("ctxh.case.consent", lambda case: {"case_id": case.id, "consent_type": "sharing"})
        per_case("ctxh.case.referral", lambda case: {"case_id": case.id, "agency_id": cls.agency.id})
        per_case("ctxh.case.member", lambda case: {"case_id": case.id, "name": "Con của người bệnh"})
        per_case("ctxh.case.tracing", lambda case: {"case_id": case.id, "description": "Tìm người nhà"})
        Note = env["ctxh.case.note"]
        notes = {
            kind: Note.with_user(cls.mate).sudo().create({"case_id": case.id, "subject": "Ghi chú"})
            for kind, case in cases.items()
        }
        notes["confidential"] = (
            Note.with_user(cls.mate)
            .sudo()
            .create({"case_id": cls.case_team.id, "subject": "Mật", "is_confidential": True})
        )
        notes["own_confidential"] = (
            Note.with_user(users["officer"])
            .sudo()
            .create({"case_id": cls.case_team.id, "subject": "Mật của cán bộ", "is_confidential": True})
        )
        cls._add("ctxh.case.note", **notes, other_company=OtherCompany("team"))
        Revision = env["ctxh.case.note.revision"]
        revisions = {}
        for kind in ("team", "other_team", "sensitive", "confidential"):
            notes[kind].with_user(cls.mate).sudo().write({"subject": f"{notes[kind].subject} (sửa)"})
            revisions[kind] = Revision.search([("note_id", "=", notes[kind].id)], limit=1)
            assert revisions[kind], kind
        cls._add("ctxh.case.note.revision", **revisions, other_company=OtherCompany("team"))
        cls._add_wizard("ctxh.case.stage.wizard", {"case_id": cls.case_team.id})
        log = (
            env["ctxh.access.log"]
            .sudo()
            .create(
                {
                    "user_id": cls.mate.id,
                    "access_type": "case",
                    "res_model": "ctxh.case",
                    "res_id": cls.case_team.id,
                    "company_id": cls.company.id,
                }
            )
        )
        cls._add_company_record("ctxh.access.log", log)
        # workforce
        employee = env["hr.employee"].create({"name": "Cán bộ CTXH Ma trận"})
        supervisor_employee = env["hr.employee"].create({"name": "Kiểm huấn viên Ma trận"})
        cls._add_company_record(
            "ctxh.training",
            env["ctxh.training"].create({"employee_id": employee.id, "course": "CTXH cơ bản"}),
        )
        cls._add_company_record(
            "ctxh.supervised.practice",
            env["ctxh.supervised.practice"].create(
                {
                    "trainee_id": employee.id,
                    "supervisor_id": supervisor_employee.id,
                    "date_start": date(2026, 1, 5),
                }
            ),
        )
        RolePeriod = env["ctxh.role.period"]
        cls._add_company_record(
            "ctxh.role.period",
            RolePeriod.create(
                {
                    "employee_id": employee.id,
                    "company_id": cls.company.id,
                    "role": RolePeriod._fields["role"].get_values(env)[0],
                    "qualification": RolePeriod._fields["qualification"].get_values(env)[0],
                    "date_start": date(2025, 1, 1),
                    "date_end": date(2025, 12, 31),
                }
            ),
        )
        cls._add_company_record(
            "ctxh.award",
            env["ctxh.award"].create(
                {
                    "name": "Giấy khen",
                    "decision_number": "12/QĐ-BV",
                    "decision_date": date(2026, 1, 10),
                    "employee_id": employee.id,
                }
            ),
        )
        ServiceLog = env["ctxh.service.log"]
        cls._add(
            "ctxh.service.log",
            own=cls._own("ctxh.service.log", lambda role, user: {"user_id": user.id}),
            other=ServiceLog.create({"user_id": cls.mate.id}),
            other_company=OtherCompany("other"),
        )
        # contacts
        cls._add(
            "res.partner",
            patient_team=cls.case_team.partner_id,
            relative_team=member.partner_id,
            patient_other_team=cls.case_other.partner_id,
            patient_sensitive=cls.case_sensitive.partner_id,
            other_company=OtherCompany("patient_team"),
            donor=cls.donor,
        )

    @classmethod
    def _build_volunteer(cls):
        env = cls.env
        cls.company.ctxh_volunteer_self_signup = False
        cls.company.ctxh_availability_policy = "warn"
        Volunteer = env["ctxh.volunteer"]
        volunteers = PerRole(
            {
                role: Volunteer.create(
                    {
                        "partner_id": user.partner_id.id,
                        "user_id": user.id,
                        "state": "active",
                        "pledge_date": date(2026, 1, 1),
                    }
                )
                for role, user in cls.users.items()
            }
        )
        other = Volunteer.create(
            {"name": "Tình nguyện viên Khác", "state": "active", "pledge_date": date(2026, 1, 1)}
        )
        cls._add("ctxh.volunteer", own=volunteers, other=other, other_company=OtherCompany("other"))
        cls._add(
            "res.partner",
            own_contact=PerRole({role: volunteer.partner_id for role, volunteer in volunteers.items()}),
            other_volunteer=other.partner_id,
        )
        Availability = env["ctxh.volunteer.availability"]
        cls._add(
            "ctxh.volunteer.availability",
            own=PerRole(
                {role: Availability.create({"volunteer_id": v.id}) for role, v in volunteers.items()}
            ),
            other=Availability.create({"volunteer_id": other.id}),
            other_company=OtherCompany("other"),
        )
        Training = env["ctxh.volunteer.training"]
        cls._add(
            "ctxh.volunteer.training",
            own=PerRole(
                {
                    role: Training.create({"volunteer_id": v.id, "course": "Sơ cứu"})
                    for role, v in volunteers.items()
                }
            ),
            other=Training.create({"volunteer_id": other.id, "course": "Sơ cứu"}),
            other_company=OtherCompany("other"),
        )
        cls._add(
            "ctxh.volunteer.skill", shared=env["ctxh.volunteer.skill"].create({"name": "Kỹ năng Ma trận"})
        )
        Post = env["ctxh.shift.post"]
        post = Post.create({"name": "Quầy đón tiếp Ma trận"})
        post_open = Post.create({"name": "Hướng dẫn Ma trận", "self_signup": True})
        cls._add_company_record("ctxh.shift.post", post)
        cls._add_company_record(
            "ctxh.shift.template",
            env["ctxh.shift.template"].create({"name": "Ca sáng", "post_id": post.id, "monday": True}),
        )
        Shift = env["ctxh.shift"]

        def shift(post, day):
            return Shift.create(
                {
                    "post_id": post.id,
                    "start_datetime": datetime(2026, 4, day, 1, 0),
                    "end_datetime": datetime(2026, 4, day, 4, 0),
                    "max_volunteers": 20,
                }
            )

        shift_own = shift(post, 1)
        shift_closed = shift(post, 2)
        Assignment = env["ctxh.shift.assignment"]
        own_assignments = PerRole(
            {
                role: Assignment.create({"shift_id": shift_own.id, "volunteer_id": v.id})
                for role, v in volunteers.items()
            }
        )
        other_assignment = Assignment.create({"shift_id": shift_closed.id, "volunteer_id": other.id})
        cls._add(
            "ctxh.shift",
            own=PerRole({role: shift_own for role in volunteers}),
            open=shift(post_open, 3),
            closed=shift_closed,
            other_company=OtherCompany("closed"),
        )
        cls._add(
            "ctxh.shift.assignment",
            own=own_assignments,
            other=other_assignment,
            other_company=OtherCompany("other"),
        )
        cls._add_wizard("ctxh.shift.generate.wizard", {})
        swap = {"assignment_id": other_assignment.id, "new_volunteer_id": volunteers["collab"].id}
        cls._add_wizard("ctxh.shift.swap.wizard", swap)
        certificate = {"volunteer_ids": [Command.set(other.ids)], "date_from": date(2026, 1, 1)}
        cls._add_wizard("ctxh.volunteer.certificate.wizard", certificate)

    @classmethod
    def _build_donation(cls):
        env = cls.env
        setup_ctxh_donation_data(cls, env, suffix="MX")
        cls.company.ctxh_second_approval_amount = 0
        fund = cls.fund
        cls._add_company_record("ctxh.fund", fund)
        scheme = env["ctxh.fund.account.scheme"].search([], limit=1)
        cls._add("ctxh.fund.account.scheme", shared=scheme)
        cls._add("ctxh.fund.account.scheme.line", shared=scheme.line_ids[:1])
        cls._add_company_record(
            "ctxh.campaign",
            env["ctxh.campaign"].create({"name": "Đợt vận động Ma trận", "fund_id": fund.id}),
        )
        Donation = env["ctxh.donation"]

        def donation(amount, **vals):
            return Donation.create(
                {
                    "partner_id": cls.donor.id,
                    "fund_id": fund.id,
                    "channel": "bank",
                    "amount_currency": amount,
                    "date": date(2026, 3, 10),
                    **vals,
                }
            )

        draft = donation(1_000_000)
        confirmed = donation(5_000_000)
        designated = cls.designated = donation(500_000, restriction="case", case_id=cls.case_team.id)
        product = env["product.product"].create({"name": "Quà Tết Ma trận"})
        in_kind = donation(
            0,
            channel="in_kind",
            line_ids=[Command.create({"product_id": product.id, "quantity": 10, "unit_value": 100_000})],
        )
        (confirmed | designated | in_kind).with_user(cls.payer).action_confirm()
        cls._add("ctxh.donation", draft=draft, confirmed=confirmed, other_company=OtherCompany("draft"))
        draft_goods = donation(
            0,
            channel="in_kind",
            line_ids=[Command.create({"product_id": product.id, "quantity": 1, "unit_value": 100_000})],
        )
        cls._add(
            "ctxh.donation.line",
            draft=draft_goods.line_ids,
            confirmed=in_kind.line_ids,
            other_company=OtherCompany("draft"),
        )
        # re-designations from a team A case (a sensitive one) to a team B case, agreed by the donor
        designated_sensitive = donation(300_000, restriction="case", case_id=cls.case_sensitive.id)
        designated_sensitive.with_user(cls.payer).action_confirm()
        Redesignation = env["ctxh.donation.redesignation"].with_user(cls.approver)
        redesignations = {
            kind: Redesignation.create(
                {
                    "donation_id": gift.id,
                    "new_case_id": cls.case_other.id,
                    "reason": "Người bệnh đã xuất viện",
                    "consent_document": base64.b64encode(b"consent"),
                }
            )
            for kind, gift in (("team", designated), ("sensitive", designated_sensitive))
        }
        cls._add("ctxh.donation.redesignation", **redesignations, other_company=OtherCompany("team"))
        # support is requested for cases receiving services
        (cls.case_team | cls.case_other | cls.case_sensitive).stage_id = env.ref("ctxh_case.stage_services")
        Allocation = env["ctxh.allocation"]

        def allocation(case, amount=100_000):
            return (
                Allocation.with_user(cls.mate)
                .sudo()
                .create(
                    {
                        "case_id": case.id,
                        "fund_id": fund.id,
                        "support_type_id": cls.hospital_fees.id,
                        "method": "bank",
                        "amount": amount,
                    }
                )
            )

        paid = allocation(cls.case_team, 200_000)
        paid.with_user(cls.mate).action_submit()
        paid.with_user(cls.approver).action_approve()
        paid.with_user(cls.payer).action_pay()
        cls._add(
            "ctxh.allocation",
            team=allocation(cls.case_team),
            other_team=allocation(cls.case_other),
            sensitive=allocation(cls.case_sensitive),
            paid=paid,
            other_company=OtherCompany("team"),
        )
        assert paid.source_ids, "the payment is attributed to donations"
        cls._add_company_record("ctxh.allocation.source", paid.source_ids[:1])
        Distribution = env["ctxh.distribution"]
        distribution = Distribution.create(
            {
                "name": "Phát quà Ma trận",
                "fund_id": fund.id,
                "support_type_id": env.ref("ctxh_case.support_type_tet_gift").id,
                "date": date(2026, 3, 12),
                "line_ids": [
                    Command.create(
                        {"case_id": cls.case_team.id, "donation_line_id": in_kind.line_ids.id, "quantity": 1}
                    ),
                    Command.create(
                        {"case_id": cls.case_other.id, "donation_line_id": in_kind.line_ids.id, "quantity": 1}
                    ),
                ],
            }
        )
        cls._add("ctxh.distribution", draft=distribution, other_company=OtherCompany("draft"))
        line_team, line_other = distribution.line_ids.sorted(lambda line: line.case_id != cls.case_team)
        cls._add(
            "ctxh.distribution.line",
            team=line_team,
            other_team=line_other,
            other_company=OtherCompany("team"),
        )
        cls._add_company_record(
            "ctxh.fund.publication",
            env["ctxh.fund.publication"].create(
                {"fund_id": fund.id, "date_from": date(2026, 1, 1), "date_to": date(2026, 3, 31)}
            ),
        )

    @classmethod
    def _build_reporting(cls):
        env = cls.env
        Template = env["ctxh.report.template"]
        template_vals = {"code": "MATRIX", "date_from": date(2026, 1, 1), "title": "Báo cáo Ma trận"}
        shared = Template.create({"name": "Mẫu dùng chung", "company_id": False, **template_vals})
        own = Template.create({"name": "Mẫu của bệnh viện", "company_id": cls.company.id, **template_vals})
        cls._add("ctxh.report.template", shared=shared, any=own, other_company=OtherCompany("any"))
        cls._add_company_record(
            "ctxh.report.template.line",
            env["ctxh.report.template.line"].create(
                {"template_id": own.id, "label": "Hồ sơ", "display_type": "section"}
            ),
        )
        consolidation = env["ctxh.consolidation"].create(
            {"name": "Tổng hợp Ma trận", "date_from": date(2026, 1, 1), "date_to": date(2026, 3, 31)}
        )
        line = env["ctxh.consolidation.line"].create(
            {"consolidation_id": consolidation.id, "hospital_code": "BV-MX", "hospital_name": "Bệnh viện MX"}
        )
        cls._add_company_record("ctxh.consolidation", consolidation)
        cls._add_company_record("ctxh.consolidation.line", line)
        cls._add_company_record(
            "ctxh.consolidation.value",
            env["ctxh.consolidation.value"].create(
                {"consolidation_id": consolidation.id, "line_id": line.id, "figure_code": "cases_open"}
            ),
        )
        cls._add_company_record(
            "ctxh.consolidation.source",
            env["ctxh.consolidation.source"].create(
                {
                    "name": "Bệnh viện huyện",
                    "url": "https://odoo.example.vn",
                    "database": "bv_huyen",
                    "login": "so_y_te",
                }
            ),
        )
        kpi = env["ctxh.dashboard.kpi"].search([("company_id", "=", cls.company.id)], limit=1)
        cls._add_company_record("ctxh.dashboard.kpi", kpi)
        cls._add_wizard("ctxh.report.wizard", {"period_kind": "year", "year": 2025})
        cls._add_wizard("ctxh.consolidation.import", {"consolidation_id": consolidation.id})

    # ------------------------------------------------------------------ checks
    def _record(self, model, kind, role):
        record = self.records[(model, kind)]
        if isinstance(record, OtherCompany):
            return self._record(model, record.kind, role)
        if isinstance(record, PerRole):
            return record[role]
        return record

    def _actual(self):
        """``{(model, kind): {role: letters}}`` and ``{(model, kind, role): note}`` where read by
        the rules and search disagree."""
        actual = defaultdict(dict)
        disagreements = {}
        by_model = defaultdict(list)
        for model, kind in self.records:
            by_model[model].append(kind)
        for model, kinds in by_model.items():
            for role, user in self.users.items():
                for company in (self.company, self.company_b):
                    in_b = company == self.company_b
                    kinds_here = [
                        kind
                        for kind in kinds
                        if isinstance(self.records[(model, kind)], OtherCompany) == in_b
                    ]
                    if not kinds_here:
                        continue
                    env = self.env(user=user, context=dict(self.env.context, allowed_company_ids=company.ids))
                    records = {kind: self._record(model, kind, role).with_env(env) for kind in kinds_here}
                    allowed = {}
                    Model = env[model]
                    recordset = Model.browse({r.id for r in records.values()})
                    for operation in OPERATIONS:
                        allowed[operation] = recordset._filtered_access(operation)
                    try:
                        found = Model.with_context(active_test=False).search([("id", "in", recordset.ids)])
                    except AccessError:
                        found = Model
                    for kind, record in records.items():
                        letters = {LETTER[op] for op in OPERATIONS if record in allowed[op]}
                        if ("r" in letters) != (record in found):
                            disagreements[(model, kind, role)] = (
                                f"read rules say {'yes' if 'r' in letters else 'no'}, "
                                f"search {'finds' if record in found else 'does not find'} it"
                            )
                        actual[(model, kind)][role] = letters
        return actual, disagreements

    def test_every_model_has_rows(self):
        """Every ctxh model (wizards included) has rows; every row names an existing model."""
        cells, _order = parse_matrix()
        listed = {model for model, _kind in cells}
        existing = {
            name
            for name, model in self.env.registry.items()
            if name.startswith("ctxh.") and not model._abstract
        }
        empty = sorted(
            key
            for key, record in self.records.items()
            if not isinstance(record, OtherCompany)
            and not (all(record.values()) if isinstance(record, PerRole) else record)
        )
        problems = {
            "ctxh models without a row (add their rows and a builder of their kinds)": sorted(
                existing - listed
            ),
            "rows of models that no longer exist": sorted(listed - existing - {"res.partner"}),
            "rows without a record of their kind in the test": sorted(set(cells) - set(self.records)),
            "records of the test without a row in the table": sorted(set(self.records) - set(cells)),
            "kinds whose record is missing": empty,
            "kinds not described in KINDS": sorted({kind for _model, kind in self.records} - set(KINDS)),
        }
        problems = {what: items for what, items in problems.items() if items}
        self.assertFalse(
            problems, "tests/access_matrix.py: " + "; ".join(f"{k}: {v}" for k, v in problems.items())
        )
        self.assertIn("res.partner", listed)

    def test_roles_have_the_lowest_groups(self):
        """The users are what the table says: the groups of their role and what these imply."""
        for role, groups in ROLES.items():
            user = self.users[role]
            if groups is None:
                self.assertEqual(user, self.env.ref("base.public_user"))
                continue
            wanted = self.env["res.groups"]
            for xmlid in groups.split(","):
                wanted |= self.env.ref(xmlid)
            # Odoo adds the multi-company group to the users of several companies
            multi_company = self.env.ref("base.group_multi_company")
            self.assertEqual(user.groups_id - multi_company, wanted | wanted.trans_implied_ids, role)

    def test_access_matrix(self):
        """Every cell of the table is what Odoo's access rights and record rules do."""
        cells, order = parse_matrix()
        started = time.perf_counter()
        actual, disagreements = self._actual()
        seconds = time.perf_counter() - started
        mismatches = [
            f"{model} {kind}: no row in the table" for model, kind in sorted(set(actual) - set(cells))
        ]
        for model, kind in order:
            if (model, kind) not in actual:
                continue  # reported by test_every_model_has_rows
            for role in ROLES:
                expected = cells[(model, kind)][role]
                got = actual[(model, kind)][role]
                disagreement = disagreements.get((model, kind, role))
                if expected != got or disagreement:
                    mismatches.append(
                        f"{model} {kind} {role}: table {format_cell(expected)!r}, Odoo {format_cell(got)!r}"
                        + (f" ({disagreement})" if disagreement else "")
                    )
        cells_count = len(order) * len(ROLES)
        print(
            f"access matrix: {len(order)} rows x {len(ROLES)} roles = {cells_count} cells checked "
            f"in {seconds:.1f} s (records built in {self.setup_seconds:.1f} s)"
        )
        if mismatches:
            self.fail(
                f"{len(mismatches)} cells of tests/access_matrix.py differ from Odoo's access checks:\n"
                + "\n".join(mismatches)
                + "\n\nActual rows (paste only what is intended):\n"
                + self._format_rows(actual, order)
            )

    def test_support_reaches_the_readers_of_the_case(self):
        """Support of a case (purpose, signed receipt of the beneficiary) is for the readers of
        the case, managers and finance; what is left of a donation is the same for everyone."""
        allocation = (
            self.env["ctxh.allocation"]
            .with_user(self.stranger)
            .create(
                {
                    "case_id": self.case_other.id,  # the donation was re-designated to it
                    "fund_id": self.fund.id,
                    "donation_id": self.designated.id,
                    "support_type_id": self.hospital_fees.id,
                    "amount": 150_000,
                    "description": "Viện phí của người bệnh B3",
                    "signed_receipt": base64.b64encode(b"signed by the patient"),
                    "signed_receipt_filename": "bien_nhan.pdf",
                }
            )
        )
        allocation.action_submit()
        allocation.with_user(self.approver).action_approve()
        officer = self.users["officer"]  # team A: cannot read the case of team B
        Allocation = self.env["ctxh.allocation"].with_user(officer)
        self.assertFalse(Allocation.search([("id", "=", allocation.id)]))
        self.assertFalse(Allocation.search_count([("description", "ilike", "B3")]))
        with self.assertRaises(AccessError):
            allocation.with_user(officer).read(["description"])
        with self.assertRaises(AccessError):
            allocation.with_user(officer).write({"description": "Sửa"})
        receipt = self.env["ir.attachment"].search(
            [
                ("res_model", "=", "ctxh.allocation"),
                ("res_id", "=", allocation.id),
                ("res_field", "=", "signed_receipt"),
            ]
        )
        self.assertTrue(receipt)
        with self.assertRaises(AccessError):
            receipt.with_user(officer).read(["datas"])
        source_domain = [("allocation_id.case_id", "=", self.case_team.id)]
        self.assertTrue(self.env["ctxh.allocation.source"].with_user(officer).search(source_domain))
        self.assertFalse(
            self.env["ctxh.allocation.source"]
            .with_user(officer)
            .search([("allocation_id.case_id", "=", self.case_other.id)])
        )
        # the donation's remaining money counts the support the officer cannot read (sudo)
        for user in (officer, self.stranger, self.users["auditor"]):
            donation = self.designated.with_user(user)
            self.assertEqual(donation.allocated_amount, 150_000, user.login)
            self.assertEqual(donation.remaining_amount, 350_000, user.login)
        for user in (self.stranger, self.users["manager"], self.users["finance"], self.users["auditor"]):
            self.assertEqual(
                self.env["ctxh.allocation"].with_user(user).search([("id", "=", allocation.id)]), allocation
            )

    def _format_rows(self, actual, order):
        rows = [["model", "kind", *ROLES]]
        seen = set(order)
        for key in list(order) + [key for key in self.records if key not in seen]:
            if key not in actual:
                continue
            model, kind = key
            rows.append([model, kind, *(format_cell(actual[key][role]) for role in ROLES)])
        widths = [max(len(row[i]) for row in rows) + 1 for i in range(len(rows[0]))]
        return "\n".join(
            "".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
            for row in rows
        )
