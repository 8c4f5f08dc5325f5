"""Benchmark: the case list at hospital scale, as an officer sees it through record rules.

Run with `make bench` (or `python benchmarks/bench_cases.py -d DB -c odoo.conf --addons-path=...`).
Everything happens in one transaction that is rolled back: the database is left untouched.
Prints figures (seconds and SQL queries); it asserts nothing about time.
"""

import argparse
import random
import time

import odoo
from odoo import api
from odoo.tests import new_test_user


def measure(label, func, results):
    queries_before = odoo.sql_db.sql_counter
    start = time.perf_counter()
    value = func()
    results.append((label, time.perf_counter() - start, odoo.sql_db.sql_counter - queries_before))
    return value


def run(env, n_cases, n_teams):
    results = []
    rng = random.Random(42)
    types = env["ctxh.case.type"].search([])
    groups = env["ctxh.vulnerable.group"].search([("sensitive", "=", False)])
    officers = [
        new_test_user(env, login=f"bench_officer_{i}", groups="ctxh_case.group_ctxh_officer")
        for i in range(n_teams)
    ]
    teams = env["ctxh.team"].create(
        [{"name": f"Bench team {i}", "member_ids": [(6, 0, [officers[i].id])]} for i in range(n_teams)]
    )
    partners = env["res.partner"].create([{"name": f"Bệnh nhân {i}"} for i in range(n_cases)])
    vals = [
        {
            "partner_id": partners[i].id,
            "case_type_id": rng.choice(types).id,
            "vulnerable_group_ids": [(6, 0, rng.sample(groups.ids, 2))],
            "team_id": teams[i % n_teams].id,
            "user_id": officers[i % n_teams].id,
            "medical_record_number": f"BENCH-{i:06d}",
        }
        for i in range(n_cases)
    ]
    Case = env["ctxh.case"].with_context(tracking_disable=True, mail_create_nolog=True)
    measure(f"create {n_cases} cases (one create call)", lambda: Case.create(vals), results)
    env.flush_all()
    env.invalidate_all()

    officer_env = env(user=officers[0])
    OfficerCase = officer_env["ctxh.case"]
    fields = [
        "name",
        "partner_id",
        "case_type_id",
        "vulnerable_group_ids",
        "user_id",
        "open_date",
        "stage_id",
    ]
    found = measure(
        "officer: list view page (search_read 80 rows, record rules)",
        lambda: OfficerCase.search_read([("is_open", "=", True)], fields, limit=80),
        results,
    )
    assert found, "the officer sees their team's cases"
    count = measure("officer: count visible cases", lambda: OfficerCase.search_count([]), results)
    measure(
        "officer: kanban grouped by stage (read_group)",
        lambda: OfficerCase.read_group([], ["stage_id"], ["stage_id"]),
        results,
    )
    measure(
        "manager: pivot cases by type and phase (read_group)",
        lambda: env["ctxh.case"].read_group(
            [], ["case_type_id", "phase"], ["case_type_id", "phase"], lazy=False
        ),
        results,
    )
    measure(
        "officer: search by medical record number",
        lambda: OfficerCase.search([("medical_record_number", "=", "BENCH-000000")]),
        results,
    )
    # Contacts: every case's patient is protected by the res.partner rules (ctxh_is_patient)
    contact_fields = ["name", "email", "phone", "city"]
    officer_contacts = measure(
        "officer: contacts list (search_read 80 rows, patient rules)",
        lambda: officer_env["res.partner"].search_read([], contact_fields, limit=80),
        results,
    )
    assert officer_contacts, "the officer sees contacts"
    measure(
        "officer: count visible contacts",
        lambda: officer_env["res.partner"].search_count([]),
        results,
    )
    employee = new_test_user(env, login="bench_employee", groups="base.group_user")
    employee_env = env(user=employee)
    measure(
        "employee: contacts list (search_read 80 rows, patient rules)",
        lambda: employee_env["res.partner"].search_read([], contact_fields, limit=80),
        results,
    )
    hidden = measure(
        "employee: count visible contacts",
        lambda: employee_env["res.partner"].search_count([("name", "like", "Bệnh nhân")]),
        results,
    )
    assert not hidden, "an employee sees no patient"
    measure(
        "employee: name_search of a patient's name",
        lambda: employee_env["res.partner"].name_search("Bệnh nhân 1", limit=8),
        results,
    )
    return results, count


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=10000)
    parser.add_argument("--teams", type=int, default=20)
    args, odoo_args = parser.parse_known_args()
    odoo.tools.config.parse_config(odoo_args)
    dbname = odoo.tools.config["db_name"]
    registry = odoo.modules.registry.Registry(dbname)
    with registry.cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, {})
        try:
            results, count = run(env, args.cases, args.teams)
        finally:
            cr.rollback()
    print(f"ctxh case benchmark on {dbname}: {args.cases} cases, {args.teams} teams (officer sees {count})")
    for label, seconds, queries in results:
        print(f"  {label:<60} {seconds:8.3f} s {queries:6d} queries")


if __name__ == "__main__":
    main()
