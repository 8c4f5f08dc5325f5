from datetime import date

from odoo import Command
from odoo.tests import new_test_user
from odoo.tests.common import TransactionCase

# Quarter I/2026: the period most tests report on.
Q1 = (date(2026, 1, 1), date(2026, 3, 31))


class CtxhReportingCommon(TransactionCase):
    """A hospital of its own (so that demo data never counts), teams, cases with known dates.

    ``cls.case_specs`` keeps what each case was created with, so tests recompute every figure
    from it independently of the builders.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True, mail_create_nolog=True))
        cls.hospital = cls.env["res.company"].create(
            {"name": "Bệnh viện Đa khoa tỉnh Thử", "ctxh_hospital_code": "BV-THU-01"}
        )
        cls.other_hospital = cls.env["res.company"].create({"name": "Bệnh viện Khác"})
        cls.env.user.company_ids |= cls.hospital | cls.other_hospital
        cls.manager = new_test_user(
            cls.env,
            login="h5_manager",
            groups="ctxh_case.group_ctxh_manager",
            company_id=cls.hospital.id,
            company_ids=[Command.set((cls.hospital | cls.env.company).ids)],
        )
        cls.supervisor = new_test_user(
            cls.env,
            login="h5_supervisor",
            groups="ctxh_case.group_ctxh_supervisor",
            company_id=cls.hospital.id,
            company_ids=[Command.set(cls.hospital.ids)],
        )
        cls.officer = new_test_user(
            cls.env,
            login="h5_officer",
            groups="ctxh_case.group_ctxh_officer",
            company_id=cls.hospital.id,
            company_ids=[Command.set(cls.hospital.ids)],
        )
        Team = cls.env["ctxh.team"]
        cls.department = Team.create(
            {
                "name": "Phòng CTXH Thử",
                "kind": "department",
                "company_id": cls.hospital.id,
                "leader_id": cls.supervisor.id,
                "member_ids": [Command.set([cls.officer.id])],
            }
        )
        cls.team = Team.create(
            {
                "name": "Tổ CTXH Nhi",
                "kind": "team",
                "company_id": cls.hospital.id,
                "member_ids": [Command.set([cls.officer.id, cls.manager.id])],
            }
        )
        cls.team_other = Team.create(
            {"name": "Tổ CTXH Khác", "kind": "team", "company_id": cls.other_hospital.id}
        )
        ref = cls.env.ref
        cls.type_financial = ref("ctxh_case.case_type_financial")
        cls.type_illness = ref("ctxh_case.case_type_serious_illness")
        cls.group_poor = ref("ctxh_case.vulnerable_group_poor")
        cls.group_elderly = ref("ctxh_case.vulnerable_group_elderly_alone")
        stage_closed = ref("ctxh_case.stage_closed")
        stage_cancelled = ref("ctxh_case.stage_cancelled")
        stage_open = ref("ctxh_case.stage_assessment")
        # (open_date, close_date, final stage, type, groups)
        cls.case_specs = [
            (date(2025, 11, 3), None, stage_open, cls.type_financial, cls.group_poor),
            (date(2025, 12, 20), date(2026, 2, 10), stage_closed, cls.type_illness, cls.group_elderly),
            (date(2026, 1, 5), None, stage_open, cls.type_financial, cls.group_poor | cls.group_elderly),
            (date(2026, 2, 14), date(2026, 3, 1), stage_closed, cls.type_financial, cls.group_poor),
            (date(2026, 3, 31), None, stage_open, cls.type_illness, cls.env["ctxh.vulnerable.group"]),
            (date(2026, 3, 2), date(2026, 3, 20), stage_cancelled, cls.type_illness, cls.group_elderly),
            (date(2026, 1, 20), date(2026, 4, 15), stage_closed, cls.type_illness, cls.group_poor),
            (date(2026, 4, 2), None, stage_open, cls.type_financial, cls.group_poor),
        ]
        partner = cls.env["res.partner"].create({"name": "Nguyễn Văn Thử"})
        Case = cls.env["ctxh.case"]
        cls.cases = Case.browse()
        for open_date, close_date, stage, case_type, groups in cls.case_specs:
            case = Case.create(
                {
                    "partner_id": partner.id,
                    "case_type_id": case_type.id,
                    "vulnerable_group_ids": [Command.set(groups.ids)],
                    "company_id": cls.hospital.id,
                    "team_id": cls.team.id,
                    "open_date": open_date,
                }
            )
            case.write({"stage_id": stage.id, "close_date": close_date or False, **cls.closing_vals(stage)})
            cls.cases |= case
        # Another hospital's case in the period never counts.
        Case.create(
            {
                "partner_id": partner.id,
                "case_type_id": cls.type_financial.id,
                "company_id": cls.other_hospital.id,
                "team_id": cls.team_other.id,
                "open_date": date(2026, 2, 1),
            }
        )
        cls.template = cls.env.ref("ctxh_reporting.report_template_syt_ctxh")

    @classmethod
    def closing_vals(cls, stage):
        """What the workflow gates of ctxh_case ask to close or cancel a case."""
        if stage.phase == "closed":
            return {
                "closure_reason_id": cls.env.ref("ctxh_case.closure_reason_goals_met").id,
                "closure_outcome": "Đã hoàn thành mục tiêu hỗ trợ",
            }
        if stage.phase == "cancelled":
            return {"cancel_reason": "Người bệnh chuyển viện trước khi đánh giá"}
        return {}

    @classmethod
    def expected_case_figures(cls, date_from, date_to):
        """The case figures recomputed by hand from ``case_specs``."""
        expected = {}

        def add(code, amount=1):
            expected[code] = expected.get(code, 0) + amount

        for open_date, close_date, stage, case_type, groups in cls.case_specs:
            measures = []
            if date_from <= open_date <= date_to:
                measures.append("cases_opened")
            if stage.phase == "closed" and close_date and date_from <= close_date <= date_to:
                measures.append("cases_closed")
            if open_date <= date_to and (not close_date or close_date > date_to):
                measures.append("cases_active")
            for measure in measures:
                add(measure)
                add(f"{measure}.type.{case_type.code}")
                for group in groups:
                    add(f"{measure}.group.{group.code}")
        return expected
