"""Figures from the commendations of ctxh_case (ctxh.award): individuals and collectives commended
during the period, by the level of the authority that signed the decision."""

from odoo.addons.ctxh_case.models.ctxh_award import AWARD_LEVELS


def build(env, company, date_from, date_to):
    scoped = env(su=True, context=dict(env.context, allowed_company_ids=[company.id]))
    awards = scoped["ctxh.award"]._get_figures(date_from, date_to)
    figures = {
        "awards": awards["awards"],
        "awards_individuals": awards["individuals_total"],
        "awards_collectives": awards["collectives_total"],
    }
    for level, _label in AWARD_LEVELS:
        figures[f"awards_individuals.{level}"] = awards["individuals"].get(level, 0)
        figures[f"awards_collectives.{level}"] = awards["collectives"].get(level, 0)
    return figures
