"""Figures from the social work workforce: staff from the role history of ctxh_case, trainings of
the staff (ctxh.training) and of the collaborators (ctxh.volunteer.training), service log."""

SERVICE_KINDS = ("reception", "guidance", "escort", "admission_handover", "consultation")
SERVICE_CHANNELS = ("in_person", "hotline", "message", "website")
QUALIFICATIONS = ("degree", "related_degree", "training", "none")
ROLES = ("full_time", "part_time")


def build(env, company, date_from, date_to):
    """Staff on the last day of the period and who joined or left during it; trainings and people
    served during the period.

    Uses the figure methods of ctxh_case (``hr.employee._ctxh_workforce_figures``,
    ``ctxh.role.period._get_movements``, ``ctxh.training._get_figures``,
    ``ctxh.service.log._get_counts``) on ``company`` only.
    """
    scoped = env(su=True, context=dict(env.context, allowed_company_ids=[company.id]))
    figures = {}
    staff = scoped["hr.employee"]._ctxh_workforce_figures(date_to)
    for role in ROLES:
        figures[f"staff_{role}"] = staff[role]["total"]
        for qualification in QUALIFICATIONS:
            figures[f"staff_{role}.{qualification}"] = staff[role][qualification]
    figures["staff_total"] = figures["staff_full_time"] + figures["staff_part_time"]
    figures["staff_certificate_valid"] = sum(staff[role]["certificate_valid"] for role in staff)
    movements = scoped["ctxh.role.period"]._get_movements(date_from, date_to)
    for measure in ("joined", "left"):
        for role in ROLES:
            figures[f"staff_{measure}.{role}"] = movements[measure].get(role, 0)
        figures[f"staff_{measure}"] = sum(movements[measure].values())

    Training = scoped["ctxh.training"]
    training = Training._get_figures(date_from, date_to)
    figures["training_attendances"] = training["attendances"]
    figures["training_hours"] = training["hours"]
    figures["training_employees"] = training["employees"]
    # A session is one course held on one day, whoever attended it.
    domain = [("company_id", "=", company.id), ("date", ">=", date_from), ("date", "<=", date_to)]
    sessions = {(course, day) for course, day in Training._read_group(domain, ["course", "date:day"], [])}
    figures["training_sessions"] = len(sessions)
    # Trainings of the volunteers and collaborators, counted beside the staff's.
    [(attendances, hours, people)] = scoped["ctxh.volunteer.training"]._read_group(
        domain, [], ["__count", "hours:sum", "volunteer_id:count_distinct"]
    )
    figures["training_attendances_collaborators"] = attendances
    figures["training_hours_collaborators"] = hours or 0.0
    figures["training_collaborators"] = people
    figures["training_attendances_total"] = figures["training_attendances"] + attendances
    figures["training_hours_total"] = figures["training_hours"] + (hours or 0.0)
    sessions |= {
        (course, day)
        for course, day in scoped["ctxh.volunteer.training"]._read_group(domain, ["course", "date:day"], [])
    }
    figures["training_sessions_total"] = len(sessions)

    Log = scoped["ctxh.service.log"]
    by_kind = Log._get_counts(date_from, date_to, "kind")
    by_channel = Log._get_counts(date_from, date_to, "channel")
    for kind in SERVICE_KINDS:
        figures[f"service.{kind}"] = by_kind.get(kind, 0)
    for channel in SERVICE_CHANNELS:
        figures[f"service.channel.{channel}"] = by_channel.get(channel, 0)
    figures["service_total"] = sum(by_kind.values())
    return figures
