"""Shared helpers of the benchmarks in benchmarks/ (run by `make bench`).

Each benchmark opens the database given on the command line, measures inside one transaction
that is rolled back (the database is left as it was), and prints a table: time, SQL queries,
the reference measured in the same run, the ratio to it and the target. It asserts nothing
about time: the figures are for people (docs/PERFORMANCE.md keeps them).
"""

import argparse
import time
from contextlib import contextmanager

import odoo
from odoo import api


class Row:
    """One measured operation: ``seconds`` and ``queries``; ``reference`` is another Row measured
    in the same run (the floor to compare with), ``target`` a text such as "<= 1.5x" or
    "<= 0.300 s" with ``met`` telling whether it holds."""

    def __init__(self, label, seconds, queries, reference=None, target="", met=None, note=""):
        self.label = label
        self.seconds = seconds
        self.queries = queries
        self.reference = reference
        self.target = target
        self.met = met
        self.note = note

    @property
    def ratio(self):
        if self.reference is None or not self.reference.seconds:
            return None
        return self.seconds / self.reference.seconds


def measure(label, func, reference=None, max_ratio=None, max_seconds=None, note=""):
    """Run ``func`` once and return (its value, a Row). With ``max_ratio`` (to ``reference``) or
    ``max_seconds`` the row says whether the target is met."""
    queries_before = odoo.sql_db.sql_counter
    start = time.perf_counter()
    value = func()
    seconds = time.perf_counter() - start
    row = Row(label, seconds, odoo.sql_db.sql_counter - queries_before, reference=reference, note=note)
    if max_ratio is not None and reference is not None:
        row.target = f"<= {max_ratio:g}x"
        row.met = row.ratio is not None and row.ratio <= max_ratio
    elif max_seconds is not None:
        row.target = f"<= {max_seconds:.3f} s"
        row.met = seconds <= max_seconds
    return value, row


def print_table(title, rows):
    """Print the rows as a Markdown table (pasted as is into docs/PERFORMANCE.md)."""
    print(f"\n### {title}\n")
    print("| operation | time | SQL queries | reference | ratio | target | met |")
    print("| --- | ---: | ---: | --- | ---: | --- | --- |")
    for row in rows:
        reference = ""
        if row.reference is not None:
            reference = f"{row.reference.label}: {row.reference.seconds:.3f} s"
        ratio = f"{row.ratio:.2f}x" if row.ratio is not None else ""
        met = "" if row.met is None else ("yes" if row.met else "**no**")
        label = row.label + (f" ({row.note})" if row.note else "")
        cells = [label, f"{row.seconds:.3f} s", str(row.queries), reference, ratio, row.target, met]
        print("| " + " | ".join(cells) + " |")
    missed = [row.label for row in rows if row.met is False]
    print(f"\n{len(rows)} operations, {len(missed)} target(s) missed" + "".join(f"\n  - {m}" for m in missed))
    return missed


def parse_args(description, add_arguments=None):
    """Our options (``add_arguments(parser)``) and odoo-bin's (-d, -c, --addons-path, ...)."""
    parser = argparse.ArgumentParser(description=description)
    if add_arguments:
        add_arguments(parser)
    args, odoo_args = parser.parse_known_args()
    odoo.tools.config.parse_config(odoo_args)
    return args


@contextmanager
def rolled_back_env(context=None):
    """A superuser environment on the configured database, rolled back at the end."""
    dbname = odoo.tools.config["db_name"]
    registry = odoo.modules.registry.Registry(dbname)
    with registry.cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, dict(context or {}))
        try:
            yield env
        finally:
            cr.rollback()


def fresh(env, registry_cache=False):
    """Write pending changes and forget the records' cache, so that the next measure reads its
    data again (as a new request does); with ``registry_cache`` also Odoo's method caches (access
    rules, compiled templates, ...), which a running server keeps warm."""
    env.flush_all()
    env.invalidate_all()
    if registry_cache:
        env.registry.clear_cache()
