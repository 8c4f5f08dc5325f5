from datetime import date

from odoo.tests import tagged

from ..builders import build_figures, intervention_figures
from .common import Q1, CtxhReportingCommon


@tagged("post_install", "-at_install")
class TestInterventionReferralBuilder(CtxhReportingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        counselling = ref("ctxh_case.intervention_type_counselling")
        psychological = ref("ctxh_case.intervention_type_psychological_support")
        cases = cls.cases
        # (case, date, type, hours)
        cls.intervention_specs = [
            (cases[0], date(2026, 1, 10), counselling, 1.5),
            (cases[0], date(2026, 2, 10), counselling, 1.0),
            (cases[2], date(2026, 3, 31), psychological, 2.0),
            (cases[3], date(2026, 2, 20), counselling, 0.5),
            (cases[3], date(2026, 4, 1), psychological, 1.0),
            (cases[1], date(2025, 12, 31), counselling, 1.0),
        ]
        cls.env["ctxh.case.intervention"].create(
            [
                {"case_id": case.id, "date": day, "intervention_type_id": itype.id, "duration": hours}
                for case, day, itype, hours in cls.intervention_specs
            ]
        )
        Partner = cls.env["res.partner"]
        police = Partner.create(
            {
                "name": "Công an phường Thử",
                "is_company": True,
                "ctxh_agency_kind_id": ref("ctxh_case.agency_kind_police").id,
            }
        )
        commune = Partner.create(
            {
                "name": "UBND xã Thử",
                "is_company": True,
                "ctxh_agency_kind_id": ref("ctxh_case.agency_kind_commune").id,
            }
        )
        cls.referral_specs = [
            (cases[2], police, date(2026, 1, 6)),
            (cases[2], commune, date(2026, 3, 1)),
            (cases[3], commune, date(2026, 3, 15)),
            (cases[4], police, date(2026, 4, 2)),
        ]
        cls.env["ctxh.case.referral"].create(
            [
                {"case_id": case.id, "agency_id": agency.id, "date_sent": day, "legal_obligation": True}
                for case, agency, day in cls.referral_specs
            ]
        )

    def expected(self, date_from, date_to):
        expected = {"interventions": 0, "referrals": 0}
        patients = set()
        for case, day, itype, hours in self.intervention_specs:
            if date_from <= day <= date_to:
                expected["interventions"] += 1
                key = f"interventions.{itype.code}"
                expected[key] = expected.get(key, 0) + 1
                expected[f"{key}.hours"] = expected.get(f"{key}.hours", 0) + hours
                patients.add(case.partner_id.id)
        expected["interventions_patients"] = len(patients)
        for _case, agency, day in self.referral_specs:
            if date_from <= day <= date_to:
                expected["referrals"] += 1
                key = f"referrals.{agency.ctxh_agency_kind_id.code}"
                expected[key] = expected.get(key, 0) + 1
        return expected

    def test_figures_match_independent_count(self):
        for period in (Q1, (date(2026, 1, 1), date(2026, 12, 31)), (date(2026, 4, 1), date(2026, 4, 30))):
            figures = intervention_figures.build(self.env, self.hospital, *period)
            expected = self.expected(*period)
            for code, value in figures.items():
                self.assertAlmostEqual(value, expected.get(code, 0), msg=f"{code} for {period}")
            self.assertFalse(set(expected) - set(figures))

    def test_known_values_q1(self):
        figures = build_figures(self.env, self.hospital, *Q1)
        self.assertEqual(figures["interventions"], 4)
        self.assertEqual(figures["interventions.counselling"], 3)
        self.assertEqual(figures["interventions.counselling.hours"], 3.0)
        self.assertEqual(figures["interventions.psychological_support"], 1)
        self.assertEqual(figures["interventions.legal_aid"], 0)
        self.assertEqual(figures["referrals"], 3)
        self.assertEqual(figures["referrals.commune"], 2)
        self.assertEqual(figures["referrals.police"], 1)
        self.assertEqual(figures["referrals.school"], 0)
        self.assertEqual(build_figures(self.env, self.other_hospital, *Q1)["interventions"], 0)
