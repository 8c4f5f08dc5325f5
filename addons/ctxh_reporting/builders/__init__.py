"""Pure-Python figure builders of the periodic social work report.

Each builder is a function ``build(env, company, date_from, date_to)`` returning a dict
``{figure_code: number}``. They aggregate with ``_read_group`` (never one ORM call per record)
and run as superuser restricted to ``company``: a report counts the whole hospital, whatever
cases the user running it may open. Every code a builder knows is always present (0 when
nothing happened), so the keys of :func:`build_figures` are the catalogue of figure codes a
report template may use.
"""

from . import (
    award_figures,
    case_figures,
    dataset,
    donation_figures,
    intervention_figures,
    period,
    volunteer_figures,
    workforce_figures,
)

BUILDERS = [
    case_figures.build,
    intervention_figures.build,
    workforce_figures.build,
    donation_figures.build,
    volunteer_figures.build,
    award_figures.build,
]


def build_figures(env, company, date_from, date_to):
    """Every figure of ``company`` for the period ``date_from``..``date_to`` (both included)."""
    figures = {}
    for build in BUILDERS:
        figures.update(build(env, company, date_from, date_to))
    return figures


__all__ = [
    "BUILDERS",
    "award_figures",
    "build_figures",
    "case_figures",
    "dataset",
    "donation_figures",
    "intervention_figures",
    "period",
    "volunteer_figures",
    "workforce_figures",
]
