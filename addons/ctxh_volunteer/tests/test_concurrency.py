import threading
import time
from datetime import datetime
from unittest.mock import patch

from odoo import SUPERUSER_ID, api
from odoo.exceptions import ValidationError
from odoo.modules.registry import DummyRLock, Registry
from odoo.service.model import retrying
from odoo.tests import tagged
from odoo.tests.common import TransactionCase

CONTEXT = {"tracking_disable": True, "mail_create_nolog": True, "lang": "en_US"}


@tagged("post_install", "-at_install")
class TestBookingConcurrency(TransactionCase):
    """Two real transactions (two threads, each with its own cursor) book at the same time.

    The records are committed in a separate cursor (the test transaction cannot be seen by other
    cursors) and deleted afterwards. The first transaction holds its booking uncommitted until the
    second one waits for its lock, then commits; the second is retried the way Odoo retries a
    request that hit a serialization failure.
    """

    def setUp(self):
        super().setUp()
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, CONTEXT)
            post = env["ctxh.shift.post"].create({"name": "Concurrency post"})
            volunteers = env["ctxh.volunteer"].create(
                [
                    {"name": f"Concurrency volunteer {n}", "state": "active", "pledge_date": "2026-01-01"}
                    for n in range(2)
                ]
            )
            shifts = env["ctxh.shift"].create(
                [
                    {
                        "post_id": post.id,
                        "start_datetime": start,
                        "end_datetime": end,
                        "max_volunteers": maximum,
                    }
                    for start, end, maximum in (
                        (datetime(2030, 3, 10, 0, 0), datetime(2030, 3, 10, 4, 0), 3),
                        (datetime(2030, 3, 10, 2, 0), datetime(2030, 3, 10, 5, 0), 3),  # overlaps the first
                        (datetime(2030, 3, 11, 0, 0), datetime(2030, 3, 11, 4, 0), 1),  # one place
                    )
                ]
            )
            self.post_id = post.id
            self.volunteer_ids = volunteers.ids
            self.partner_ids = volunteers.partner_id.ids
            self.shift_ids = shifts.ids
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self.registry.cursor() as cr:
            cr.execute("DELETE FROM ctxh_shift_assignment WHERE shift_id IN %s", [tuple(self.shift_ids)])
            cr.execute("DELETE FROM ctxh_shift WHERE id IN %s", [tuple(self.shift_ids)])
            cr.execute("DELETE FROM ctxh_volunteer WHERE id IN %s", [tuple(self.volunteer_ids)])
            cr.execute("DELETE FROM res_partner WHERE id IN %s", [tuple(self.partner_ids)])
            cr.execute("DELETE FROM ctxh_shift_post WHERE id = %s", [self.post_id])

    def _wait_until_someone_waits_for_a_lock(self, timeout=10):
        """Poll PostgreSQL until another transaction of this database waits for a lock (bounded)."""
        deadline = time.monotonic() + timeout
        cr = self.registry.cursor()
        try:
            while time.monotonic() < deadline:
                cr.execute(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                    "AND wait_event_type = 'Lock'"
                )
                if cr.fetchone()[0]:
                    return True
                cr.rollback()
                time.sleep(0.05)
            return False
        finally:
            cr.close()

    def _book_concurrently(self, first_vals, second_vals):
        # Making an environment or resetting one after a serialization failure takes the registry
        # lock, which the test runner holds while tests run: the threads get the dummy lock that
        # HttpCase uses in the same situation (Registry.enter_test_mode).
        cr1, cr2 = self.registry.cursor(), self.registry.cursor()
        env1, env2 = api.Environment(cr1, SUPERUSER_ID, CONTEXT), api.Environment(cr2, SUPERUSER_ID, CONTEXT)
        results = {}
        first_booked = threading.Event()

        def first():
            try:
                env1["ctxh.shift.assignment"].create(first_vals)
                env1.flush_all()
            except Exception as exc:  # noqa: BLE001 - reported to the main thread
                cr1.rollback()
                results["first"] = exc
                return
            finally:
                first_booked.set()
            results["second_waited"] = self._wait_until_someone_waits_for_a_lock()
            cr1.commit()
            results["first"] = "booked"

        def second():
            if not first_booked.wait(30):
                results["second"] = "the first booking never happened"
                return
            try:
                retrying(lambda: env2["ctxh.shift.assignment"].create(second_vals), env2)
                results["second"] = "booked"
            except Exception as exc:  # noqa: BLE001 - reported to the main thread
                cr2.rollback()
                results["second"] = exc

        threads = [threading.Thread(target=first, daemon=True), threading.Thread(target=second, daemon=True)]
        try:
            with self.assertNoLogs(level="ERROR"), patch.object(Registry, "_lock", DummyRLock()):
                for thread in threads:
                    thread.start()
                for thread in threads:
                    thread.join(60)
            self.assertFalse(any(thread.is_alive() for thread in threads))
        finally:
            cr1.close()
            cr2.close()
        return results

    def _active_assignments(self):
        with self.registry.cursor() as cr:
            cr.execute(
                "SELECT volunteer_id, shift_id FROM ctxh_shift_assignment WHERE shift_id IN %s "
                "AND state IN ('requested', 'planned', 'confirmed', 'attended') ORDER BY id",
                [tuple(self.shift_ids)],
            )
            return cr.fetchall()

    def test_same_volunteer_two_overlapping_shifts_at_once(self):
        volunteer = self.volunteer_ids[0]
        results = self._book_concurrently(
            {"volunteer_id": volunteer, "shift_id": self.shift_ids[0]},
            {"volunteer_id": volunteer, "shift_id": self.shift_ids[1]},
        )
        self.assertEqual(results["first"], "booked")
        self.assertTrue(results["second_waited"], "the second booking did not wait for the first one")
        self.assertIsInstance(results["second"], ValidationError)
        self.assertIn("which overlaps", str(results["second"]))
        self.assertEqual(self._active_assignments(), [(volunteer, self.shift_ids[0])])

    def test_last_place_taken_twice_at_once(self):
        shift = self.shift_ids[2]
        results = self._book_concurrently(
            {"volunteer_id": self.volunteer_ids[0], "shift_id": shift},
            {"volunteer_id": self.volunteer_ids[1], "shift_id": shift},
        )
        self.assertEqual(results["first"], "booked")
        self.assertTrue(results["second_waited"], "the second booking did not wait for the first one")
        self.assertIsInstance(results["second"], ValidationError)
        self.assertIn("is full", str(results["second"]))
        self.assertEqual(self._active_assignments(), [(self.volunteer_ids[0], shift)])
