"""Figures from ctxh_case: organisation and cases opened / closed / active by type and group."""

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

    Case = env["ctxh.case"].sudo()
    types = env["ctxh.case.type"].sudo().with_context(active_test=False).search([])
    groups = env["ctxh.vulnerable.group"].sudo().with_context(active_test=False).search([])
    for measure, domain in _case_domains(company, date_from, date_to).items():
        figures[measure] = Case.search_count(domain)
        by_type = dict(Case._read_group(domain, ["case_type_id"], ["__count"]))
        for case_type in types:
            figures[f"{measure}.type.{case_type.code}"] = by_type.get(case_type, 0)
        by_group = dict(Case._read_group(domain, ["vulnerable_group_ids"], ["__count"]))
        for group in groups:
            figures[f"{measure}.group.{group.code}"] = by_group.get(group, 0)
    return figures


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
