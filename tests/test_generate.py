"""scripts/generate.py (the benchmark data generator, make generate) at a tiny scale.

It runs the generator's core function in the test transaction (rolled back) and checks what it
made the way an auditor would, independently of the generator's own report: the numbers of
records, the funds' consistency check, every entry posted, hashed and balanced, each fund's
balance against its donations and allocations, who did what with the money, the dates, and that
the same seed gives the same gifts."""

import importlib.util
import sys
from collections import defaultdict
from datetime import timedelta
from pathlib import Path

from odoo.tests.common import TransactionCase

SCRIPTS = Path(__file__).resolve().parent.parent / "scripts"


def load_generator():
    if str(SCRIPTS) not in sys.path:
        sys.path.insert(0, str(SCRIPTS))
    spec = importlib.util.spec_from_file_location("ctxh_generate", SCRIPTS / "generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


gen = load_generator()

SIZES = {
    "cases": 30,
    "service_logs": 200,
    "donations": 60,
    "funds": 3,
    "allocations": 20,
    "volunteers": 10,
    "templates": 3,
}
COUNTED = {
    "cases": "ctxh.case",
    "service_logs": "ctxh.service.log",
    "donations": "ctxh.donation",
    "funds": "ctxh.fund",
    "allocations": "ctxh.allocation",
    "volunteers": "ctxh.volunteer",
    "templates": "ctxh.shift.template",
}
SEED = 7


class TestGenerate(TransactionCase):
    test_tags = {"standard", "at_install"}
    test_module = "ctxh_tests"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.before = cls._counts(cls.env)
        cls.today = gen.reference_today()
        # small batches: every phase makes several calls and "commits" (here: flushes) between them
        cls.report = gen.generate(cls.env, seed=SEED, batch=25, today=cls.today, **SIZES)
        cls.env.invalidate_all()
        cls.funds = cls.env["ctxh.fund"].search(
            [("code", "in", [f"G{n + 1:02d}" for n in range(SIZES["funds"])])]
        )
        cls.donations = cls.env["ctxh.donation"].search([("fund_id", "in", cls.funds.ids)])
        cls.allocations = cls.env["ctxh.allocation"].search([("fund_id", "in", cls.funds.ids)])

    @staticmethod
    def _counts(env):
        return {
            size: env[model].with_context(active_test=False).search_count([])
            for size, model in COUNTED.items()
        }

    def test_counts(self):
        after = self._counts(self.env)
        self.assertEqual({size: after[size] - self.before[size] for size in COUNTED}, SIZES)
        self.assertEqual(len(self.funds), SIZES["funds"])
        self.assertEqual(len(self.donations), SIZES["donations"])
        # every generated case has its patient, needs assessment past screening and interventions
        cases = self.env["ctxh.case"].search([("user_id.login", "=like", "gen.%")])
        self.assertEqual(len(cases), SIZES["cases"])
        self.assertTrue(all(case.partner_id.ctxh_is_patient for case in cases))
        assessed = cases.filtered(lambda c: c.phase in ("care_plan", "services", "follow_up"))
        self.assertTrue(all(case.has_done_assessment for case in assessed))
        self.assertTrue(self.env["ctxh.case.intervention"].search_count([("case_id", "in", cases.ids)]))
        self.assertTrue(cases.filtered(lambda c: c.phase == "closed"), "older cases are closed")
        closed = cases.filtered(lambda c: c.phase == "closed")
        self.assertTrue(all(c.closure_reason_id and c.closure_outcome and c.close_date for c in closed))
        self.assertTrue(cases.filtered("is_open"), "recent cases are open")
        # a year of shifts made by the templates, staffed
        templates = self.env["ctxh.shift.template"].search([], order="id desc", limit=SIZES["templates"])
        shifts = self.env["ctxh.shift"].search([("template_id", "in", templates.ids)])
        self.assertGreater(len(shifts), 50 * SIZES["templates"])
        self.assertTrue(self.env["ctxh.shift.assignment"].search_count([("shift_id", "in", shifts.ids)]))

    def test_checks(self):
        self.assertEqual(self.env["ctxh.fund"]._ctxh_check_consistency(), [])
        self.assertEqual(self.report["problems"], [])
        self.assertEqual(
            (self.report["unposted"], self.report["unhashed"], self.report["unbalanced"]), (0, 0, 0)
        )
        self.assertEqual(self.report["wrong_balances"], [])

    def test_entries_posted_hashed_balanced(self):
        confirmed = self.donations.filtered(lambda d: d.state == "confirmed")
        paid = self.allocations.filtered(lambda a: a.state == "paid")
        self.assertEqual(confirmed, self.donations, "every gift is confirmed")
        self.assertTrue(paid)
        moves = confirmed.move_id | paid.move_id
        self.assertEqual(len(moves), len(confirmed) + len(paid))
        for move in moves:
            self.assertEqual(move.state, "posted")
            self.assertTrue(move.inalterable_hash, f"{move.name} is hashed")
            self.assertEqual(sum(move.line_ids.mapped("debit")), sum(move.line_ids.mapped("credit")))
            self.assertLessEqual(move.date, self.today)
        for donation in confirmed:
            self.assertEqual(donation.move_id.amount_total, donation.amount)
        for allocation in paid:
            self.assertEqual(allocation.move_id.amount_total, allocation.amount)
            self.assertEqual(allocation.move_id.date, allocation.date_paid)

    def test_fund_balances(self):
        """received - disbursed - committed, computed here from the documents themselves."""
        expected = defaultdict(lambda: {"received": 0.0, "disbursed": 0.0, "committed": 0.0})
        for donation in self.donations.filtered(lambda d: d.state == "confirmed"):
            expected[donation.fund_id.id]["received"] += donation.amount
        for allocation in self.allocations:
            key = {"paid": "disbursed", "approved": "committed"}.get(allocation.state)
            if key:
                expected[allocation.fund_id.id][key] += allocation.amount
        balances = self.funds._get_balances()
        for fund in self.funds:
            values = dict(expected[fund.id])
            values["available"] = values["received"] - values["disbursed"] - values["committed"]
            self.assertEqual(balances[fund.id], values, fund.name)
            self.assertGreaterEqual(values["available"], 0)

    def test_money_by_the_right_people(self):
        """Gifts confirmed by a finance officer; support requested by the case's social worker,
        approved by a manager (a second one above the threshold), paid by a finance officer who
        neither requested nor approved it."""
        for donation in self.donations:
            self.assertTrue(donation.move_id.create_uid.has_group("ctxh_donation.group_ctxh_finance_officer"))
        threshold = self.env.company.ctxh_second_approval_amount
        for allocation in self.allocations:
            self.assertIn(allocation.state, ("paid", "approved"))
            self.assertEqual(allocation.requested_by_id, allocation.case_id.user_id)
            self.assertTrue(allocation.approved_by_id.has_group("ctxh_case.group_ctxh_manager"))
            if threshold and allocation.amount > threshold:
                self.assertTrue(allocation.approved2_by_id)
                self.assertNotEqual(allocation.approved2_by_id, allocation.approved_by_id)
            if allocation.state == "paid":
                payer = allocation.paid_by_id
                self.assertTrue(payer.has_group("ctxh_donation.group_ctxh_finance_officer"))
                self.assertNotIn(payer, allocation.requested_by_id | allocation.approved_by_id)

    def test_dates_and_amounts(self):
        first = self.today - timedelta(days=gen.HISTORY_DAYS)
        for donation in self.donations:
            self.assertTrue(first <= donation.date <= self.today)
            self.assertTrue(50_000 <= donation.amount <= 50_000_000)
            self.assertEqual(donation.amount % 1000, 0)
            self.assertTrue(donation.receipt_number.startswith(f"BL/{donation.date.year}/"))
        for allocation in self.allocations:
            self.assertLessEqual(allocation.date_approved, self.today)
            self.assertEqual(allocation.amount % 1000, 0)
        cases = self.env["ctxh.case"].search([("user_id.login", "=like", "gen.%")])
        for case in cases:
            self.assertTrue(case.name.startswith(f"CTXH-{case.open_date.year}-"), case.name)
            self.assertLessEqual(case.open_date, self.today)
        logs = self.env["ctxh.service.log"].search([("user_id.login", "=like", "gen.%")])
        self.assertEqual(len(logs), SIZES["service_logs"])
        self.assertLessEqual(max(logs.mapped("date")), self.today)

    def test_same_seed_same_gifts(self):
        """The gifts in the database are exactly the seeded plan: the same seed gives them again,
        another seed other ones."""
        codes = {fund.code: fund for fund in self.funds}
        in_database = sorted((d.date, d.amount, d.fund_id.code) for d in self.donations)

        def planned(seed):
            plans = gen.plan_donations(seed, SIZES["donations"], SIZES["funds"], self.today)
            return sorted((p.day, float(p.amount), f"G{p.fund + 1:02d}") for p in plans)

        self.assertEqual(in_database, planned(SEED))
        self.assertEqual(planned(SEED), planned(SEED))
        self.assertNotEqual([row[1] for row in planned(SEED)], [row[1] for row in planned(SEED + 1)])
        self.assertLessEqual({row[2] for row in in_database}, set(codes))

    def test_names_of_the_data(self):
        """Every record the generator's words refer to exists (countries of the donors abroad,
        case types, closure reasons, support types, skills), whatever a tiny database draws."""
        data = sys.modules["generate_data"]
        for code in data.ABROAD.values():
            self.assertTrue(self.env.ref(f"base.{code}", raise_if_not_found=False), code)
        for model, codes in (
            ("ctxh.case.type", data.CASE_TYPES),
            ("ctxh.closure.reason", data.CLOSURE_REASONS),
            ("ctxh.intervention.type", data.INTERVENTION_TYPES),
            ("ctxh.support.type", set(data.SUPPORT_TYPES) - {"over_threshold"}),
            ("ctxh.vulnerable.group", {code for groups in data.TYPE_GROUPS.values() for code, _p in groups}),
        ):
            self.assertLessEqual(set(codes), set(self.env[model].search([]).mapped("code")), model)
        for xmlid in [f"skill_{c}" for c in data.SKILLS] + [f"language_{c}" for c in data.LANGUAGES]:
            self.assertTrue(self.env.ref(f"ctxh_volunteer.{xmlid}", raise_if_not_found=False), xmlid)

    def test_refuses_a_second_run(self):
        with self.assertRaisesRegex(gen.GenerateRefused, "does not add on top"):
            gen.generate(self.env, seed=SEED, **SIZES)
