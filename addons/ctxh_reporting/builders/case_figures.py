"""Figures from ctxh_case: organisation and cases opened / closed / active by type and group."""

from odoo.osv import expression
from odoo.tools import SQL

# The three case counts of a period and the domain selecting the cases each counts.
CASE_MEASURES = ("cases_opened", "cases_closed", "cases_active")


def _case_domains(company, date_from, date_to):
    base = [("company_id", "=", company.id)]
    return {
        # Cases whose file was opened during the period.
        "cases_opened": base + [("open_date", ">=", date_from), ("open_date", "<=", date_to)],
        # Cases closed (not cancelled) during the period.
        "cases_closed": base
        + [("phase", "=", "closed"), ("close_date", ">=", date_from), ("close_date", "<=", date_to)],
        # Cases open on the last day of the period.
        "cases_active": base
        + [
            ("open_date", "<=", date_to),
            "|",
            ("close_date", "=", False),
            ("close_date", ">", date_to),
        ],
    }


def build(env, company, date_from, date_to):
    """Organisation and case figures of ``company`` for the period."""
    figures = {}
    Team = env["ctxh.team"].sudo()
    team_domain = [("company_id", "=", company.id)]
    kinds = dict(Team._read_group(team_domain, ["kind"], ["__count"]))
    figures["org_departments"] = kinds.get("department", 0)
    figures["org_teams"] = kinds.get("team", 0)
    figures["org_team_members"] = _count_team_members(env, company, Team.search(team_domain), date_to)

    types = env["ctxh.case.type"].sudo().with_context(active_test=False).search([])
    groups = env["ctxh.vulnerable.group"].sudo().with_context(active_test=False).search([])
    domains = _case_domains(company, date_from, date_to)
    by_type = _count_cases(env, domains, "case_type_id")
    by_group = _count_cases(env, domains, "vulnerable_group_ids")
    for measure in CASE_MEASURES:
        # every case has a type: the total row of the types is the measure's count
        figures[measure] = by_type.get(None, {}).get(measure, 0)
        for case_type in types:
            figures[f"{measure}.type.{case_type.code}"] = by_type.get(case_type.id, {}).get(measure, 0)
        for group in groups:
            figures[f"{measure}.group.{group.code}"] = by_group.get(group.id, {}).get(measure, 0)
    return figures


def _count_cases(env, domains, groupby):
    """The three counts of ``domains`` grouped by ``groupby`` (a field of ctxh.case), in one query
    that reads each case of the period once: ``{group id: {measure: count}}``, with the total of
    all cases under ``None`` when grouping by a many2one (ROLLUP).

    Each measure is a ``count(*) FILTER (WHERE <its domain>)`` over the cases that match any of
    the domains; the domains are turned into SQL by the ORM (active cases only, as a search
    would), so that ``_case_domains`` stays the one definition of each figure. They only use
    columns of ctxh_case, so that their conditions apply to the one table of the query.
    """
    Case = env["ctxh.case"].sudo()
    counts = SQL(", ").join(
        SQL("count(*) FILTER (WHERE %s)", Case._search(domain, order="id").where_clause)
        for domain in domains.values()
    )
    query = Case._search(expression.OR(list(domains.values())), order="id")
    group_sql = Case._read_group_groupby(groupby, query)
    grouping = SQL("ROLLUP (%s)", group_sql) if Case._fields[groupby].type == "many2one" else group_sql
    Case.flush_model([groupby])
    rows = env.execute_query(
        SQL(
            "SELECT %s, %s FROM %s WHERE %s GROUP BY %s",
            group_sql,
            counts,
            query.from_clause,
            query.where_clause,
            grouping,
        )
    )
    return {key: dict(zip(domains, values, strict=True)) for key, *values in rows}


def _count_team_members(env, company, teams, on_date):
    """People in the social work units: the teams' member users and the employees whose social
    work team (from the role history, on ``on_date``) is one of them, each person once (a user is
    the same person as their employee in the company)."""
    users = teams.member_ids
    employee_of = dict(
        env["hr.employee"]
        .sudo()
        .with_context(active_test=False)
        ._read_group([("user_id", "in", users.ids), ("company_id", "=", company.id)], ["user_id"], ["id:min"])
    )
    people = {("employee", employee_of[user]) if user in employee_of else ("user", user.id) for user in users}
    Period = env["ctxh.role.period"].sudo().with_context(active_test=False)
    on_date_domain = [
        ("company_id", "=", company.id),
        ("team_id", "in", teams.ids),
        ("date_start", "<=", on_date),
        "|",
        ("date_end", "=", False),
        ("date_end", ">=", on_date),
    ]
    people |= {
        ("employee", employee.id) for (employee,) in Period._read_group(on_date_domain, ["employee_id"])
    }
    return len(people)
