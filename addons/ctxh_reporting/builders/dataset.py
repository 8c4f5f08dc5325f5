"""The period dataset a hospital sends to the Department of Health (JSON, versioned).

Format ``ctxh.period_dataset`` version 2 (see readme/USAGE.md)::

    {
      "schema": "ctxh.period_dataset",
      "schema_version": 2,
      "hospital": {"code": "BV-ND-01", "name": "Bệnh viện Đa khoa tỉnh Nam Định"},
      "period": {"kind": "quarter", "date_from": "2026-01-01", "date_to": "2026-03-31"},
      "template": {"code": "SYT-CTXH", "version": 1},
      "generated_at": "2026-04-02T08:00:00",
      "figures": {"cases_opened": 12, "cases_active.type.financial": 4, ...}
    }

Figures are numbers (integers for counts, VND amounts as integers, hours as decimals).

Version 2 adds the figures of awards, staff and volunteers who joined or left during the period,
collaborators' trainings and their totals (see readme/USAGE.md), and counts staff,
volunteers and members of the units on the last day of the period from their history. A reader of
version 2 also reads version 1: the figures a version 1 dataset does not have are left blank.
"""

import json

SCHEMA = "ctxh.period_dataset"
SCHEMA_VERSION = 2
# Versions a consolidation imports.
READABLE_VERSIONS = (1, 2)


def make_dataset(
    hospital_code, hospital_name, kind, date_from, date_to, figures, template=None, generated_at=None
):
    """The dataset dict of one hospital and period."""
    return {
        "schema": SCHEMA,
        "schema_version": SCHEMA_VERSION,
        "hospital": {"code": hospital_code, "name": hospital_name},
        "period": {"kind": kind, "date_from": str(date_from), "date_to": str(date_to)},
        "template": {"code": template.code, "version": template.version} if template else None,
        "generated_at": generated_at and generated_at.isoformat(timespec="seconds"),
        "figures": dict(sorted(figures.items())),
    }


def dump_dataset(dataset):
    return json.dumps(dataset, ensure_ascii=False, indent=2).encode("utf-8")
