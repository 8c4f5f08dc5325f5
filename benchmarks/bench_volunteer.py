"""Benchmark: a year of shifts for 100 shift templates (issue #14), in one transaction that is
rolled back, beside its floor measured in the same run: creating the same shift rows with one
plain ORM ``create`` (no occurrence computing, no look-up of existing shifts).

Run it with `make bench`, or `python benchmarks/bench_volunteer.py -d DB -c odoo.conf
--addons-path=... [--templates 100] [--days 365]`.
"""

from datetime import timedelta

from benchlib import fresh, measure, parse_args, print_table, rolled_back_env

import odoo
from odoo import fields


def add_arguments(parser):
    parser.add_argument("--templates", type=int, default=100)
    parser.add_argument("--days", type=int, default=365)


def main():
    args = parse_args(__doc__, add_arguments)
    with rolled_back_env({"tracking_disable": True, "mail_create_nolog": True}) as env:
        posts = env["ctxh.shift.post"].create(
            [{"name": f"Vị trí trực đo hiệu năng {index}"} for index in range(args.templates // 5 or 1)]
        )
        templates = env["ctxh.shift.template"].create(
            [
                {
                    "name": f"Ca đo hiệu năng {index}",
                    "post_id": posts[index % len(posts)].id,
                    "monday": True,
                    "tuesday": True,
                    "wednesday": True,
                    "thursday": True,
                    "friday": True,
                    "saturday": index % 2 == 0,
                    "start_time": 7.0 + index % 3,
                    "end_time": 11.5 + index % 3 if index % 10 else 7.0,  # every tenth: a 24-hour shift
                    "min_volunteers": 1,
                    "max_volunteers": 3,
                }
                for index in range(args.templates)
            ]
        )
        start = fields.Date.context_today(templates) + timedelta(days=400)  # after any existing shift
        end = start + timedelta(days=args.days - 1)
        vals_list = templates._prepare_occurrences(start, end)
        Shift = env["ctxh.shift"].with_context(tracking_disable=True)
        fresh(env)

        def plain_create():
            Shift.create(vals_list)
            env.flush_all()

        with env.cr.savepoint() as savepoint:
            _value, reference = measure(f"plain create of the same {len(vals_list)} shifts", plain_create)
            savepoint.rollback()
        fresh(env)

        def generate():
            shifts = templates._generate_shifts(start, end)
            env.flush_all()
            return shifts

        shifts, row = measure(
            f"generate a year of shifts for {len(templates)} templates ({len(vals_list)} shifts)",
            generate,
            reference=reference,
        )
        assert len(shifts) == len(vals_list)
        fresh(env)
        _value, again = measure("generate the same year again (nothing missing)", generate)
        print_table(f"Volunteer shifts on {odoo.tools.config['db_name']}", [reference, row, again])


if __name__ == "__main__":
    main()
