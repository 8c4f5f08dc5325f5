"""Figures from case interventions (counselling, psychological support, ...) and referrals."""


def build(env, company, date_from, date_to):
    figures = {}
    Intervention = env["ctxh.case.intervention"].sudo()
    domain = [("company_id", "=", company.id), ("date", ">=", date_from), ("date", "<=", date_to)]
    types = env["ctxh.intervention.type"].sudo().with_context(active_test=False).search([])
    groups = {
        itype: (count, hours or 0.0)
        for itype, count, hours in Intervention._read_group(
            domain, ["intervention_type_id"], ["__count", "duration:sum"]
        )
    }
    for itype in types:
        count, hours = groups.get(itype, (0, 0.0))
        figures[f"interventions.{itype.code}"] = count
        figures[f"interventions.{itype.code}.hours"] = hours
    figures["interventions"] = sum(count for count, _hours in groups.values())
    # patients (the cases' partner, through a join) counted by PostgreSQL, each once
    [(patients,)] = Intervention._read_group(domain, [], ["partner_id:count_distinct"])
    figures["interventions_patients"] = patients

    Referral = env["ctxh.case.referral"].sudo()
    ref_domain = [
        ("company_id", "=", company.id),
        ("date_sent", ">=", date_from),
        ("date_sent", "<=", date_to),
    ]
    kinds = env["ctxh.agency.kind"].sudo().with_context(active_test=False).search([])
    by_kind = dict(Referral._read_group(ref_domain, ["agency_kind_id"], ["__count"]))
    for kind in kinds:
        figures[f"referrals.{kind.code}"] = by_kind.get(kind, 0)
    figures["referrals"] = sum(by_kind.values())
    return figures
