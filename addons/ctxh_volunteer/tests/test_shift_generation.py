from datetime import date, datetime
from unittest.mock import patch

from freezegun import freeze_time

from odoo.tests import tagged

from .common import CtxhVolunteerCommon, local_to_utc


@tagged("post_install", "-at_install")
class TestShiftGeneration(CtxhVolunteerCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Template = cls.env["ctxh.shift.template"]
        cls.template = Template.create(
            {
                "name": "Reception mornings",
                "post_id": cls.post.id,
                "monday": True,
                "wednesday": True,
                "friday": True,
                "start_time": 7.0,
                "end_time": 11.5,
                "min_volunteers": 1,
                "max_volunteers": 2,
            }
        )
        cls.template_early = Template.create(
            {
                "name": "Early weekend",
                "post_id": cls.post_free.id,
                "saturday": True,
                "sunday": True,
                "start_time": 6.0,
                "end_time": 8.0,
            }
        )

    @freeze_time("2026-01-20 03:00:00")
    def test_counts_and_local_times_across_month_boundary(self):
        shifts = self.template._generate_shifts(date(2026, 1, 26), date(2026, 2, 8))
        self.assertEqual(len(shifts), 6)  # Mon/Wed/Fri of two weeks
        self.assertEqual(
            sorted(shifts.mapped("date")),
            [
                date(2026, 1, 26),
                date(2026, 1, 28),
                date(2026, 1, 30),
                date(2026, 2, 2),
                date(2026, 2, 4),
                date(2026, 2, 6),
            ],
        )
        first = shifts.sorted("start_datetime")[0]
        # 07:00 in Asia/Ho_Chi_Minh (UTC+7) is midnight UTC
        self.assertEqual(first.start_datetime, datetime(2026, 1, 26, 0, 0))
        self.assertEqual(first.end_datetime, datetime(2026, 1, 26, 4, 30))
        self.assertEqual(first.duration, 4.5)
        self.assertEqual(first.staffing_status, "under")
        self.assertIn("26/01/2026 07:00-11:30", first.name)

    @freeze_time("2026-01-20 03:00:00")
    def test_local_date_differs_from_utc_date(self):
        shifts = self.template_early._generate_shifts(date(2026, 1, 31), date(2026, 2, 1)).sorted(
            "start_datetime"
        )
        self.assertEqual(len(shifts), 2)
        # Saturday 31 January 06:00 local is Friday 30 January 23:00 UTC
        self.assertEqual(shifts[0].start_datetime, datetime(2026, 1, 30, 23, 0))
        self.assertEqual(shifts[0].date, date(2026, 1, 31))
        self.assertEqual(shifts[1].start_datetime, datetime(2026, 1, 31, 23, 0))
        self.assertEqual(shifts[1].date, date(2026, 2, 1))

    @freeze_time("2026-01-20 03:00:00")
    def test_no_duplicates_on_rerun(self):
        first = self.template._generate_shifts(date(2026, 2, 1), date(2026, 2, 28))
        self.assertEqual(len(first), 12)
        again = self.template._generate_shifts(date(2026, 2, 1), date(2026, 3, 7))
        self.assertEqual(len(again), 3)  # only the first week of March is new
        self.assertEqual(self.env["ctxh.shift"].search_count([("template_id", "=", self.template.id)]), 15)

    def test_wizard_generates(self):
        with freeze_time("2026-01-20 03:00:00"):
            wizard = self.env["ctxh.shift.generate.wizard"].create(
                {
                    "date_from": "2026-02-02",
                    "date_to": "2026-02-08",
                    "template_ids": [(6, 0, self.template.ids)],
                }
            )
            action = wizard.action_generate()
        self.assertEqual(self.env["ctxh.shift"].search_count(action["domain"]), 3)

    def test_template_change_keeps_past_and_staffed_shifts(self):
        with freeze_time("2026-01-20 03:00:00"):
            shifts = self.template._generate_shifts(date(2026, 1, 19), date(2026, 2, 1)).sorted(
                "start_datetime"
            )
        self.assertEqual(len(shifts), 6)
        past, future_staffed, future_empty = shifts[0], shifts[2], shifts[3]
        with freeze_time("2026-01-19 06:00:00"):
            attended = self.assign(past, self.volunteer)
            attended.action_attend()
        with freeze_time("2026-01-20 03:00:00"):
            self.assign(future_staffed, self.volunteer)
            self.template.write({"start_time": 8.0})
        self.assertTrue(past.exists())
        self.assertEqual(attended.state, "attended")
        self.assertTrue(future_staffed.exists())
        self.assertEqual(future_staffed.start_datetime, local_to_utc(2026, 1, 23, 7))
        self.assertFalse(future_empty.exists())
        remaining = self.env["ctxh.shift"].search([("template_id", "=", self.template.id)])
        # the two shifts of 21 January (Wednesday) to 30 January without staff moved to 08:00
        moved = remaining.filtered(lambda s: s.start_datetime > datetime(2026, 1, 20, 3))
        self.assertIn(local_to_utc(2026, 1, 26, 8), moved.mapped("start_datetime"))
        self.assertNotIn(local_to_utc(2026, 1, 26, 7), moved.mapped("start_datetime"))
        # the past shift of 19 January stays at 07:00 and nothing was added in the past
        self.assertEqual(len(remaining.filtered(lambda s: s.date == date(2026, 1, 19))), 1)
        # the staffed Friday keeps its 07:00 shift and gets the new 08:00 one next to it
        self.assertEqual(len(remaining.filtered(lambda s: s.date == date(2026, 1, 23))), 2)

    def test_archiving_template_removes_future_empty_shifts(self):
        with freeze_time("2026-01-20 03:00:00"):
            shifts = self.template._generate_shifts(date(2026, 1, 19), date(2026, 2, 1))
            self.template.active = False
        self.assertEqual(len(shifts.exists()), 1)  # only Monday 19 January, in the past

    @freeze_time("2026-01-20 03:00:00")
    def test_cron_generates_over_horizon(self):
        self.company.ctxh_shift_horizon_days = 7
        self.env["ctxh.shift.template"]._cron_generate_shifts()
        # 20-27 January: Wed 21, Fri 23, Mon 26 for the mornings; Sat 24, Sun 25 early weekend
        self.assertEqual(self.env["ctxh.shift"].search_count([("template_id", "=", self.template.id)]), 3)
        self.assertEqual(
            self.env["ctxh.shift"].search_count([("template_id", "=", self.template_early.id)]), 2
        )

    def _make_templates(self, count, prefix):
        return self.env["ctxh.shift.template"].create(
            [
                {
                    "name": f"{prefix} {n}",
                    "post_id": self.post_free.id,
                    "tuesday": True,
                    "saturday": True,
                    "start_time": 7.0 + (n % 8),
                    "end_time": 9.0 + (n % 8),
                }
                for n in range(count)
            ]
        )

    def _generate_counting(self, templates, date_from, date_to):
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        shifts = templates._generate_shifts(date_from, date_to)
        self.env.flush_all()
        return self.cr.sql_log_count - before, len(shifts)

    @freeze_time("2026-01-01 03:00:00")
    def test_generation_query_count_does_not_grow(self):
        """A month and a year of 50 templates cost the same number of queries.

        Odoo's ORM itself splits INSERT and UPDATE statements in chunks of 100 rows; the chunk
        size is raised here so that the count shows that the generator issues no per-shift query.
        """
        self._generate_counting(self._make_templates(1, "Warm-up"), date(2026, 1, 5), date(2026, 1, 10))
        templates_month = self._make_templates(50, "Month")
        templates_year = self._make_templates(50, "Year")
        with patch("odoo.models.INSERT_BATCH_SIZE", 100000), patch("odoo.models.UPDATE_BATCH_SIZE", 100000):
            month_queries, month_shifts = self._generate_counting(
                templates_month, date(2026, 2, 1), date(2026, 2, 28)
            )
            self.env.flush_all()
            self.env.invalidate_all()
            with self.assertQueryCount(month_queries):
                year_shifts = len(templates_year._generate_shifts(date(2026, 1, 1), date(2026, 12, 31)))
                self.env.flush_all()
        self.assertEqual(month_shifts, 50 * 8)
        self.assertEqual(year_shifts, 50 * 104)
        self.assertLess(month_queries, 40)

    @freeze_time("2026-01-01 03:00:00")
    def test_generation_queries_grow_only_with_orm_chunks(self):
        """Without patching: only Odoo's own 100-row INSERT/UPDATE chunks add queries."""
        small, n_small = self._generate_counting(
            self._make_templates(50, "A"), date(2026, 2, 1), date(2026, 2, 28)
        )
        large, n_large = self._generate_counting(
            self._make_templates(50, "B"), date(2026, 1, 1), date(2026, 12, 31)
        )
        extra_chunks = -(-n_large // 100) - -(-n_small // 100)
        # at most one INSERT and one UPDATE per extra chunk of 100 rows
        self.assertLessEqual(large - small, 2 * extra_chunks)
