"""Figures from ctxh_volunteer: volunteers and collaborators, shifts and approved hours."""

VOLUNTEER_KINDS = ("staff", "external", "partner_org")


def build(env, company, date_from, date_to):
    """Volunteers serving on the last day of the period (from the dates their status changed),
    those who joined and left during it, and the shifts and approved hours of the period."""
    figures = {}
    Volunteer = env["ctxh.volunteer"].sudo().with_context(active_test=False)
    company_domain = [("company_id", "=", company.id)]
    serving = company_domain + [
        ("date_activated", "<=", date_to),
        "|",
        ("date_left", "=", False),
        ("date_left", ">", date_to),
    ]
    by_kind = dict(Volunteer._read_group(serving, ["kind"], ["__count"]))
    for kind in VOLUNTEER_KINDS:
        figures[f"volunteers.{kind}"] = by_kind.get(kind, 0)
    figures["volunteers_active"] = sum(by_kind.values())
    # Staff collaborators (cộng tác viên) are the volunteers of kind "staff".
    figures["staff_collaborators"] = by_kind.get("staff", 0)
    for measure, field in (("volunteers_joined", "date_activated"), ("volunteers_left", "date_left")):
        domain = company_domain + [(field, ">=", date_from), (field, "<=", date_to)]
        moved = dict(Volunteer._read_group(domain, ["kind"], ["__count"]))
        for kind in VOLUNTEER_KINDS:
            figures[f"{measure}.{kind}"] = moved.get(kind, 0)
        figures[measure] = sum(moved.values())

    Assignment = env["ctxh.shift.assignment"].sudo()
    domain = [
        ("company_id", "=", company.id),
        ("state", "=", "attended"),
        ("hours_approved", "=", True),
        ("date", ">=", date_from),
        ("date", "<=", date_to),
    ]
    [(hours, volunteers, shifts)] = Assignment._read_group(
        domain, [], ["hours:sum", "volunteer_id:count_distinct", "__count"]
    )
    figures["volunteer_hours"] = hours or 0
    figures["volunteers_serving"] = volunteers
    figures["volunteer_shifts_attended"] = shifts
    return figures
