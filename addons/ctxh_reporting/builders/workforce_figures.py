"""Figures from the social work workforce of ctxh_case: staff, certificates, trainings, service log."""

SERVICE_KINDS = ("reception", "guidance", "escort", "admission_handover", "consultation")
SERVICE_CHANNELS = ("in_person", "hotline", "message", "website")
QUALIFICATIONS = ("degree", "related_degree", "training", "none")


def build(env, company, date_from, date_to):
    """Staff on the last day of the period; trainings and people served during the period.

    Uses the figure methods of ctxh_case (``hr.employee._ctxh_workforce_figures``,
    ``ctxh.training._get_figures``, ``ctxh.service.log._get_counts``) on ``company`` only.
    """
    scoped = env(su=True, context=dict(env.context, allowed_company_ids=[company.id]))
    figures = {}
    staff = scoped["hr.employee"]._ctxh_workforce_figures(date_to)
    for role in ("full_time", "part_time"):
        figures[f"staff_{role}"] = staff[role]["total"]
        for qualification in QUALIFICATIONS:
            figures[f"staff_{role}.{qualification}"] = staff[role][qualification]
    figures["staff_total"] = figures["staff_full_time"] + figures["staff_part_time"]
    figures["staff_certificate_valid"] = sum(staff[role]["certificate_valid"] for role in staff)

    Training = scoped["ctxh.training"]
    training = Training._get_figures(date_from, date_to)
    figures["training_attendances"] = training["attendances"]
    figures["training_hours"] = training["hours"]
    figures["training_employees"] = training["employees"]
    # A session is one course held on one day, whoever attended it.
    domain = [("company_id", "=", company.id), ("date", ">=", date_from), ("date", "<=", date_to)]
    figures["training_sessions"] = len(Training._read_group(domain, ["course", "date:day"], []))

    Log = scoped["ctxh.service.log"]
    by_kind = Log._get_counts(date_from, date_to, "kind")
    by_channel = Log._get_counts(date_from, date_to, "channel")
    for kind in SERVICE_KINDS:
        figures[f"service.{kind}"] = by_kind.get(kind, 0)
    for channel in SERVICE_CHANNELS:
        figures[f"service.channel.{channel}"] = by_channel.get(channel, 0)
    figures["service_total"] = sum(by_kind.values())
    return figures
