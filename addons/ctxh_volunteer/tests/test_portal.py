from datetime import timedelta

import vobject

from odoo import fields, http
from odoo.tests import new_test_user, tagged

from .common import CtxhVolunteerHttpCommon

GET_ROUTES = (
    "/my/volunteer/shifts",
    "/my/volunteer/open-shifts",
    "/my/volunteer/hours",
    "/my/volunteer/calendar.ics",
    "/my/volunteer/certificate.pdf",
)


@tagged("post_install", "-at_install")
class TestVolunteerPortal(CtxhVolunteerHttpCommon):
    """Every portal route as the volunteer, as another volunteer, as a portal user who is no
    volunteer and as the public user, with other people's ids in the URL."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.ctxh_volunteer_deadline_hours = 24
        cls.post.write({"self_signup": True, "location": "Sảnh khoa Khám bệnh"})
        cls.post_free.self_signup = False  # a closed post: its shifts are not listed
        cls.hoa = cls.make_portal_volunteer(
            "ctxh_portal_hoa", "Phạm Thu Hoà", skill_ids=[(6, 0, cls.skill_guidance.ids)]
        )
        cls.tam = cls.make_portal_volunteer(
            "ctxh_portal_tam", "Lý Văn Tâm", skill_ids=[(6, 0, cls.skill_guidance.ids)]
        )
        cls.stranger = new_test_user(cls.env, login="ctxh_portal_stranger", groups="base.group_portal")
        now = fields.Datetime.now().replace(minute=0, second=0, microsecond=0)

        def shift(days, hours=4, post=None, **vals):
            start = now + timedelta(days=days)
            return cls.env["ctxh.shift"].create(
                dict(
                    {
                        "post_id": (post or cls.post).id,
                        "start_datetime": start,
                        "end_datetime": start + timedelta(hours=hours),
                    },
                    **vals,
                )
            )

        cls.open_shift = shift(3)
        cls.full_shift = shift(4, max_volunteers=1)
        cls.closed_shift = shift(5, post=cls.post_free)
        cls.tam_shift = shift(6)
        cls.soon_shift = shift(0.5)  # in 12 hours: past the cancel deadline
        cls.assign(cls.full_shift, cls.volunteer)
        cls.tam_assignment = cls.assign(cls.tam_shift, cls.tam)
        cls.tam_closed = cls.assign(cls.closed_shift, cls.tam)
        cls.hoa_soon = cls.assign(cls.soon_shift, cls.hoa)
        past = shift(-40)
        cls.hoa_past = cls.assign(past, cls.hoa)
        cls.hoa_past.action_attend()
        cls.hoa_past.action_approve_hours()

    def login(self, user):
        self.authenticate(user.login, user.login)

    def post_form(self, url, **data):
        data.setdefault("csrf_token", http.Request.csrf_token(self))
        response = self.url_open(url, data=data, allow_redirects=False)
        self.env.invalidate_all()  # the request wrote through another cursor's cache
        return response

    # Access
    def test_public_user_is_sent_to_login(self):
        self.authenticate(None, None)  # a visitor's session on this database, nobody logged in
        for route in GET_ROUTES:
            with self.subTest(route=route):
                response = self.url_open(route, allow_redirects=False)
                self.assertIn(response.status_code, (302, 303))
                self.assertIn("/web/login", response.headers["Location"])
        for route in (
            f"/my/volunteer/shifts/{self.open_shift.id}/signup",
            f"/my/volunteer/assignments/{self.tam_assignment.id}/cancel",
            f"/my/volunteer/assignments/{self.tam_assignment.id}/swap",
        ):
            with self.subTest(route=route):
                response = self.url_open(route, data={"x": "1"}, allow_redirects=False)
                self.assertNotEqual(response.status_code, 200)
                self.assertNotIn("Tâm", response.text)
        self.assertEqual(self.tam_assignment.state, "planned")
        self.assertFalse(self.open_shift.assignment_ids)

    def test_portal_user_who_is_no_volunteer_gets_404(self):
        self.login(self.stranger)
        for route in GET_ROUTES:
            with self.subTest(route=route):
                self.assertEqual(self.url_open(route).status_code, 404)
        response = self.post_form(f"/my/volunteer/shifts/{self.open_shift.id}/signup")
        self.assertEqual(response.status_code, 404)
        home = self.url_open("/my")
        self.assertNotIn("/my/volunteer/shifts", home.text)

    def test_someone_elses_ids_give_404_and_change_nothing(self):
        self.login(self.hoa.user_id)
        for route in (
            f"/my/volunteer/assignments/{self.tam_assignment.id}/cancel",
            f"/my/volunteer/assignments/{self.tam_assignment.id}/swap",
            "/my/volunteer/assignments/999999999/cancel",
        ):
            with self.subTest(route=route):
                response = self.post_form(route, reason="x")
                self.assertEqual(response.status_code, 404)
                self.assertNotIn("Tâm", response.text)
        self.assertEqual(self.tam_assignment.state, "planned")
        self.assertFalse(self.tam_assignment.swap_requested)
        # a shift of a closed post (where only Tâm is) is not hers to see or take
        self.assertEqual(
            self.post_form(f"/my/volunteer/shifts/{self.closed_shift.id}/signup").status_code, 404
        )
        self.assertEqual(self.closed_shift.assignment_ids, self.tam_closed)
        # the report route with Tâm's id does not print Tâm's certificate
        response = self.url_open(f"/report/pdf/ctxh_volunteer.report_volunteer_certificate/{self.tam.id}")
        self.assertNotEqual(response.status_code, 200)
        self.assertNotIn("Lý Văn Tâm", response.text)

    def test_without_csrf_token_nothing_happens(self):
        self.login(self.hoa.user_id)
        response = self.url_open(f"/my/volunteer/shifts/{self.open_shift.id}/signup", data={"x": "1"})
        self.assertEqual(response.status_code, 400)
        self.assertFalse(self.open_shift.assignment_ids)

    # Pages
    def test_my_shifts_page(self):
        self.login(self.hoa.user_id)
        page = self.url_open("/my/volunteer/shifts").text
        self.assertIn(self.post.name, page)
        self.assertIn("Sảnh khoa Khám bệnh", page)
        self.assertIn(f"/my/volunteer/assignments/{self.hoa_soon.id}/swap", page)  # past the cancel deadline
        self.assertNotIn(f"/my/volunteer/assignments/{self.hoa_soon.id}/cancel", page)
        for name in ("Lý Văn Tâm", "Nguyễn Thị Lan"):
            self.assertNotIn(name, page)

    def test_open_shifts_page_shows_the_reasons(self):
        self.login(self.hoa.user_id)
        page = self.url_open("/my/volunteer/open-shifts").text
        self.assertIn(f"/my/volunteer/shifts/{self.open_shift.id}/signup", page)
        self.assertIn(f'data-shift-id="{self.full_shift.id}"', page)
        self.assertIn('data-code="full"', page)
        self.assertNotIn(f'data-shift-id="{self.closed_shift.id}"', page)  # a closed post is not listed
        self.assertNotIn(f"/my/volunteer/shifts/{self.full_shift.id}/signup", page)
        # her own coming shift is listed with its reason; nobody else's name appears
        self.assertIn('data-code="already"', page)
        for name in ("Lý Văn Tâm", "Nguyễn Thị Lan"):
            self.assertNotIn(name, page)

    def test_sign_up_cancel_and_swap(self):
        self.login(self.hoa.user_id)
        response = self.post_form(f"/my/volunteer/shifts/{self.open_shift.id}/signup")
        self.assertEqual(response.status_code, 303)
        mine = self.open_shift.assignment_ids
        self.assertEqual(mine.volunteer_id, self.hoa)
        self.assertEqual(mine.state, "planned")
        self.assertIn("alert-success o_ctxh_volunteer_message", self.url_open("/my/volunteer/shifts").text)
        # the full shift refuses with its reason
        self.post_form(f"/my/volunteer/shifts/{self.full_shift.id}/signup")
        page = self.url_open("/my/volunteer/open-shifts").text
        self.assertIn("alert-danger o_ctxh_volunteer_message", page)
        self.assertIn(self.full_shift.name, page[page.find("o_ctxh_volunteer_message") :][:400])
        self.assertEqual(len(self.full_shift.assignment_ids), 1)
        # cancel before the deadline
        self.post_form(f"/my/volunteer/assignments/{mine.id}/cancel")
        self.assertEqual(mine.state, "cancelled")
        # too late to cancel: ask for a swap
        self.post_form(f"/my/volunteer/assignments/{self.hoa_soon.id}/cancel")
        self.assertEqual(self.hoa_soon.state, "planned")
        self.assertIn("alert-danger o_ctxh_volunteer_message", self.url_open("/my/volunteer/shifts").text)
        self.post_form(f"/my/volunteer/assignments/{self.hoa_soon.id}/swap", reason="Con ốm")
        self.assertTrue(self.hoa_soon.swap_requested)
        self.assertEqual(self.hoa_soon.swap_reason, "Con ốm")

    def test_hours_page(self):
        self.login(self.hoa.user_id)
        page = self.url_open("/my/volunteer/hours").text
        month = self.hoa_past.date.strftime("%m/%Y")
        self.assertIn(month, page)
        self.assertRegex(page, r"o_ctxh_hours_total\">4[.,]0<")
        self.assertIn("/my/volunteer/certificate.pdf", page)

    def test_calendar_file(self):
        self.login(self.hoa.user_id)
        response = self.url_open("/my/volunteer/calendar.ics")
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.headers["Content-Type"].startswith("text/calendar"))
        calendar = vobject.readOne(response.text)
        events = {event.uid.value: event for event in calendar.vevent_list}
        self.assertEqual(len(events), 1)  # the coming shift; the attended one is older than 30 days
        event = next(iter(events.values()))
        self.assertEqual(event.dtstart.value.utcoffset(), timedelta(0))
        self.assertEqual(event.dtstart.value.replace(tzinfo=None), self.soon_shift.start_datetime)
        self.assertEqual(event.dtend.value.replace(tzinfo=None), self.soon_shift.end_datetime)
        self.assertEqual(event.summary.value, self.post.name)
        self.assertEqual(event.location.value, "Sảnh khoa Khám bệnh")
        self.assertNotIn("Tâm", response.text)

    def test_certificate_route(self):
        """Own certificate only (in test mode Odoo returns the report's HTML instead of running
        wkhtmltopdf inside a request; test_certificate_pdf reads the real PDF)."""
        self.login(self.hoa.user_id)
        response = self.url_open("/my/volunteer/certificate.pdf")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Phạm Thu Hoà", response.text)
        self.assertIn("4,0", response.text)
        self.assertNotIn("Lý Văn Tâm", response.text)
        self.assertEqual(self.url_open("/my/volunteer/certificate.pdf?year=abc").status_code, 404)
        year = self.hoa_past.date.year
        self.assertIn("Phạm Thu Hoà", self.url_open(f"/my/volunteer/certificate.pdf?year={year}").text)

    def test_home_entries(self):
        self.login(self.hoa.user_id)
        home = self.url_open("/my").text
        for url in ("/my/volunteer/shifts", "/my/volunteer/open-shifts", "/my/volunteer/hours"):
            self.assertIn(url, home)
        counters = self.make_jsonrpc_request(
            "/my/counters", {"counters": ["ctxh_shift_count", "ctxh_open_shift_count"]}
        )
        self.assertEqual(counters["ctxh_shift_count"], 1)
        self.assertEqual(counters["ctxh_open_shift_count"], 4)  # open, full, Tâm's and the soon one

    def test_json_rpc_with_other_ids(self):
        """What the pages do not show cannot be read over RPC either."""
        self.login(self.hoa.user_id)
        call = "/web/dataset/call_kw"
        rows = self.make_jsonrpc_request(
            call,
            {
                "model": "ctxh.shift.assignment",
                "method": "search_read",
                "args": [[("id", "in", [self.tam_assignment.id, self.hoa_soon.id])], ["volunteer_id"]],
                "kwargs": {},
            },
        )
        self.assertEqual([row["id"] for row in rows], [self.hoa_soon.id])
        shifts = self.make_jsonrpc_request(
            call,
            {
                "model": "ctxh.shift",
                "method": "read",
                "args": [[self.tam_shift.id], ["assignment_ids", "volunteer_count"]],
                "kwargs": {},
            },
        )
        self.assertEqual(shifts[0]["assignment_ids"], [])  # Tâm's place is counted, not shown
        self.assertEqual(shifts[0]["volunteer_count"], 1)
        partners = self.make_jsonrpc_request(
            call,
            {"model": "res.partner", "method": "name_search", "args": ["Tâm"], "kwargs": {}},
        )
        self.assertEqual(partners, [])


@tagged("post_install", "-at_install")
class TestApplicationForm(CtxhVolunteerHttpCommon):
    """The public application form, as the public user (no login)."""

    def setUp(self):
        super().setUp()
        self.authenticate(None, None)

    def submit(self, **values):
        data = {
            "csrf_token": http.Request.csrf_token(self),
            "name": "Trịnh Thu Trang",
            "phone": "0905 111 222",
            "email": "trang@example.vn",
            "organisation": "CLB Tình nguyện Xanh",
            "skill_ids": [str(self.skill_guidance.id)],
            "availability": ["2-morning", "4-evening"],
            "pledge": "1",
        }
        data.update(values)
        response = self.url_open("/volunteer/apply", data=data)
        self.env.invalidate_all()
        return response

    def applicants(self):
        return self.env["ctxh.volunteer"].search(
            [("applied_online", "=", True), ("name", "=", "Trịnh Thu Trang")]
        )

    def test_form_is_public_and_lists_skills(self):
        response = self.url_open("/volunteer/apply")
        self.assertEqual(response.status_code, 200)
        self.assertIn('name="csrf_token"', response.text)
        self.assertIn(f'value="{self.skill_guidance.id}"', response.text)
        self.assertIn('name="pledge"', response.text)
        # nothing about volunteers, cases or patients on the page
        self.assertNotIn("Nguyễn Thị Lan", response.text)

    def test_apply_then_duplicate_is_refused(self):
        response = self.submit()
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_ctxh_apply_thanks", response.text)
        applicant = self.applicants()
        self.assertEqual(len(applicant), 1)
        self.assertEqual(applicant.state, "applicant")
        self.assertEqual(applicant.skill_ids, self.skill_guidance)
        self.assertEqual(applicant.pledge_ip, "127.0.0.1")
        self.assertEqual(len(applicant.availability_ids), 2)
        # the same phone again: refused with a message, the form keeps what was typed
        response = self.submit(email="other@example.vn")
        self.assertIn("o_ctxh_apply_error", response.text)
        self.assertIn('value="CLB Tình nguyện Xanh"', response.text)
        self.assertEqual(len(self.applicants()), 1)

    def test_bad_input_and_missing_pledge(self):
        for values in ({"pledge": ""}, {"skill_ids": ["0; DROP TABLE"]}, {"name": "x" * 500}):
            with self.subTest(values=values):
                response = self.submit(**values)
                self.assertEqual(response.status_code, 200)
                self.assertIn("o_ctxh_apply_error", response.text)
        self.assertFalse(self.applicants())
        self.assertFalse(self.env["ctxh.volunteer"].search([("name", "=", "x" * 500)]))

    def test_without_csrf_token_nothing_is_created(self):
        response = self.submit(csrf_token="forged")
        self.assertEqual(response.status_code, 400)
        self.assertFalse(self.applicants())
