from datetime import date, datetime

from freezegun import freeze_time

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import CtxhVolunteerCommon, local_to_utc


@tagged("post_install", "-at_install")
class TestNightShifts(CtxhVolunteerCommon):
    """Shifts that cross midnight (emergency department nights) and 24-hour shifts."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.night = cls.env["ctxh.shift.template"].create(
            {
                "name": "Emergency nights",
                "post_id": cls.post_free.id,
                "friday": True,
                "saturday": True,
                "start_time": 19.0,
                "end_time": 7.0,
                "min_volunteers": 1,
                "max_volunteers": 2,
            }
        )

    @freeze_time("2026-01-20 03:00:00")
    def test_generation_across_midnight_and_month_boundary(self):
        self.assertTrue(self.night.overnight)
        shifts = self.night._generate_shifts(date(2026, 1, 30), date(2026, 2, 1)).sorted("start_datetime")
        # Friday 30 and Saturday 31 January; Sunday 1 February is not a night of this template
        self.assertEqual(len(shifts), 2)
        saturday = shifts[1]
        # 19:00 on Saturday 31 January local is 12:00 UTC; 07:00 on Sunday 1 February is 00:00 UTC
        self.assertEqual(saturday.start_datetime, datetime(2026, 1, 31, 12, 0))
        self.assertEqual(saturday.end_datetime, datetime(2026, 2, 1, 0, 0))
        self.assertEqual(saturday.date, date(2026, 1, 31))  # the night belongs to the day it starts
        self.assertEqual(saturday.duration, 12.0)
        self.assertIn("31/01/2026 19:00-01/02 07:00", saturday.name)
        # generating February does not duplicate the night that started in January
        february = self.night._generate_shifts(date(2026, 2, 1), date(2026, 2, 28))
        self.assertEqual(min(february.mapped("date")), date(2026, 2, 6))
        self.assertEqual(len(february), 8)

    @freeze_time("2026-01-20 03:00:00")
    def test_hours_counted_in_the_month_the_night_starts(self):
        saturday = self.night._generate_shifts(date(2026, 1, 31), date(2026, 1, 31))
        assignment = self.assign(saturday, self.volunteer)
        with freeze_time("2026-02-01 02:00:00"):
            assignment.write(
                {"check_in": local_to_utc(2026, 1, 31, 18, 45), "check_out": local_to_utc(2026, 2, 1, 7, 15)}
            )
            assignment.action_attend()
            assignment.action_approve_hours()
        self.assertEqual(assignment.hours, 12.5)
        self.assertEqual(
            self.volunteer._get_approved_hours(date(2026, 1, 1), date(2026, 1, 31)), {self.volunteer.id: 12.5}
        )
        self.assertEqual(self.volunteer._get_approved_hours(date(2026, 2, 1), date(2026, 2, 28)), {})

    @freeze_time("2026-01-20 03:00:00")
    def test_overlap_with_the_next_morning(self):
        friday_night = self.night._generate_shifts(date(2026, 1, 30), date(2026, 1, 30))
        self.assign(friday_night, self.volunteer)
        saturday_early = self.make_shift((2026, 1, 31), 6, 9)
        with self.assertRaisesRegex(ValidationError, "which overlaps"):
            self.assign(saturday_early, self.volunteer)
        friday_evening = self.make_shift((2026, 1, 30), 15, 20)
        with self.assertRaisesRegex(ValidationError, "which overlaps"):
            self.assign(friday_evening, self.volunteer)
        # back to back is fine
        self.assign(self.make_shift((2026, 1, 31), 7, 11), self.volunteer)
        self.assign(self.make_shift((2026, 1, 30), 15, 19), self.volunteer)

    @freeze_time("2026-01-20 03:00:00")
    def test_availability_across_midnight(self):
        friday_night = self.night._generate_shifts(date(2026, 1, 30), date(2026, 1, 30))
        Availability = self.env["ctxh.volunteer.availability"]
        # Friday evening only: the early hours of Saturday are missing
        self.volunteer3.availability_ids = [(0, 0, {"dayofweek": "4", "hour_from": 18.0, "hour_to": 24.0})]
        self.assertFalse(self.volunteer3._is_available_for(friday_night))
        with self.assertRaisesRegex(ValidationError, "outside the weekly availability"):
            self.assign(friday_night, self.volunteer3)
        Availability.create(
            {"volunteer_id": self.volunteer3.id, "dayofweek": "5", "hour_from": 0.0, "hour_to": 7.0}
        )
        self.assertTrue(self.volunteer3._is_available_for(friday_night))
        # two slots of the same day that touch cover a shift over both
        self.volunteer3.availability_ids = [
            (5, 0, 0),
            (0, 0, {"dayofweek": "1", "hour_from": 7.0, "hour_to": 11.0}),
            (0, 0, {"dayofweek": "1", "hour_from": 11.0, "hour_to": 16.0}),
        ]
        self.assertTrue(self.volunteer3._is_available_for(self.make_shift((2026, 1, 27), 9, 14)))
        self.assertFalse(self.volunteer3._is_available_for(self.make_shift((2026, 1, 27), 9, 17)))
        self.assign(friday_night, self.volunteer)  # no availability declared: any time

    @freeze_time("2026-01-20 03:00:00")
    def test_24_hour_shift(self):
        self.night.write({"start_time": 7.0, "end_time": 7.0, "saturday": False})
        shift = self.night._generate_shifts(date(2026, 1, 23), date(2026, 1, 23))
        self.assertEqual(shift.duration, 24.0)
        self.assertEqual(shift.start_datetime, local_to_utc(2026, 1, 23, 7))
        self.assertEqual(shift.end_datetime, local_to_utc(2026, 1, 24, 7))

    def test_invalid_times(self):
        for start, end in ((24.0, 7.0), (-1.0, 7.0), (19.0, 0.0), (19.0, 25.0)):
            with self.subTest(start=start, end=end), self.assertRaisesRegex(ValidationError, "between 00:00"):
                self.night.write({"start_time": start, "end_time": end})
        with self.assertRaisesRegex(ValidationError, "at most 24 hours"):
            self.env["ctxh.shift"].create(
                {
                    "post_id": self.post.id,
                    "start_datetime": datetime(2026, 1, 1, 0, 0),
                    "end_datetime": datetime(2026, 1, 2, 1, 0),
                }
            )
