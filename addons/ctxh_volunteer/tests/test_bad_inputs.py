"""Bad inputs of the volunteer addon (issue #10, item 6): volunteers, shift templates, shifts,
assignments, the wizards and the public application form, each refused with a Vietnamese message
a user understands and nothing half-written. Rows run as the volunteer coordinator, who does all of
these operations; the application form as the public user."""

from datetime import timedelta

from odoo import Command, fields
from odoo.http import Request
from odoo.tests import tagged

from odoo.addons.ctxh_case.tests.bad_inputs import BadInput, BadInputMixin, long_text

from .common import CtxhVolunteerCommon, CtxhVolunteerHttpCommon, local_to_utc

TOO_LONG = "quá dài"
CCCD = "gồm 12 chữ số"
PHONE = "không phải số điện thoại hợp lệ"
EMAIL = "không hợp lệ: hãy viết theo dạng"
HEADCOUNT = "Số tình nguyện viên tối đa phải ít nhất là 1"
DATES = "Ngày kết thúc không được trước ngày bắt đầu"


def _day(offset):
    """(year, month, day) ``offset`` days from today."""
    day = fields.Date.today() + timedelta(days=offset)
    return day.year, day.month, day.day


def _volunteer(t, **vals):
    return {"name": "Phạm Minh Tâm", "state": "active", "pledge_date": "2026-01-01", **vals}


def _template(t, **vals):
    return {
        "name": "Ca sáng",
        "post_id": t.post_free.id,
        "monday": True,
        "start_time": 7.0,
        "end_time": 11.0,
        "min_volunteers": 1,
        "max_volunteers": 3,
        **vals,
    }


def _shift(t, hour_from=7, hour_to=11, **vals):
    day = _day(20)
    return {
        "post_id": t.post_free.id,
        "start_datetime": local_to_utc(*day, hour_from),
        "end_datetime": local_to_utc(*day, hour_to),
        **vals,
    }


def _assignment(t, shift, volunteer, **vals):
    return {"shift_id": shift.id, "volunteer_id": volunteer.id, **vals}


VOLUNTEER_BAD_INPUTS = [
    # --- volunteers: national ID, phone numbers, e-mail, dates, texts
    BadInput("CCCD too short", "ctxh.volunteer", "create", lambda t: _volunteer(t, national_id="123"), CCCD),
    BadInput(
        "CCCD with letters",
        "ctxh.volunteer",
        "create",
        lambda t: _volunteer(t, national_id="ABCDEFGHIJKL"),
        CCCD,
    ),
    BadInput(
        "CCCD of an unknown province",
        "ctxh.volunteer",
        "create",
        lambda t: _volunteer(t, national_id="999 1 99 012345"),
        "mã tỉnh",
    ),
    BadInput(
        "CCCD rewritten short",
        "ctxh.volunteer",
        "write",
        lambda t: (t.volunteer3, {"national_id": "07929901"}),
        CCCD,
    ),
    BadInput(
        "CCCD in a batch of volunteers",
        "ctxh.volunteer",
        "batch",
        lambda t: [
            _volunteer(t, name="Đúng", national_id="079299012345"),
            _volunteer(t, name="Sai", national_id="12"),
        ],
        CCCD,
    ),
    BadInput(
        "phone in words", "ctxh.volunteer", "create", lambda t: _volunteer(t, phone="gọi chị Tâm"), PHONE
    ),
    BadInput(
        "phone too short", "ctxh.volunteer", "write", lambda t: (t.volunteer3, {"phone": "12345"}), PHONE
    ),
    BadInput(
        "old 11-digit mobile",
        "ctxh.volunteer",
        "write",
        lambda t: (t.volunteer3, {"mobile": "0168 123 4567"}),
        PHONE,
    ),
    BadInput(
        "emergency phone of 9 digits",
        "ctxh.volunteer",
        "create",
        lambda t: _volunteer(t, emergency_contact="Mẹ", emergency_phone="091 234 567"),
        PHONE,
    ),
    BadInput(
        "e-mail without domain", "ctxh.volunteer", "create", lambda t: _volunteer(t, email="tam@"), EMAIL
    ),
    BadInput(
        "e-mail with a space",
        "ctxh.volunteer",
        "write",
        lambda t: (t.volunteer3, {"email": "le minh khoa@example.vn"}),
        EMAIL,
    ),
    BadInput(
        "two e-mail addresses",
        "ctxh.volunteer",
        "create",
        lambda t: _volunteer(t, email="tam@example.vn, tam.pham@example.vn"),
        EMAIL,
    ),
    BadInput(
        "birth date in the future",
        "ctxh.volunteer",
        "create",
        lambda t: _volunteer(t, birthdate=fields.Date.today() + timedelta(days=1)),
        "Ngày sinh của Phạm Minh Tâm ở tương lai",
    ),
    BadInput(
        "pledge signed in the future",
        "ctxh.volunteer",
        "write",
        lambda t: (t.volunteer3, {"pledge_date": fields.Date.today() + timedelta(days=3)}),
        "không thể ký vào ngày trong tương lai",
    ),
    BadInput(
        "name too long", "ctxh.volunteer", "create", lambda t: _volunteer(t, name=long_text(300)), TOO_LONG
    ),
    BadInput(
        "emergency contact too long",
        "ctxh.volunteer",
        "create",
        lambda t: _volunteer(t, emergency_contact=long_text(300)),
        TOO_LONG,
    ),
    BadInput(
        "import of volunteers with a bad e-mail",
        "ctxh.volunteer",
        "import",
        lambda t: (["name", "email"], [["Nhập Một", "mot@example.vn"], ["Nhập Hai", "hai-example.vn"]]),
        EMAIL,
    ),
    BadInput(
        "import of volunteers with a bad CCCD",
        "ctxh.volunteer",
        "import",
        lambda t: (["name", "national_id"], [["Nhập Ba", "0792990123"]]),
        CCCD,
    ),
    BadInput(
        "availability ending before it starts",
        "ctxh.volunteer.availability",
        "create",
        lambda t: {"volunteer_id": t.volunteer3.id, "dayofweek": "0", "hour_from": 12.0, "hour_to": 8.0},
        "Khung thời gian rảnh phải bắt đầu trước khi kết thúc",
    ),
    BadInput(
        "training of negative hours",
        "ctxh.volunteer.training",
        "create",
        lambda t: {"volunteer_id": t.volunteer3.id, "course": "Sơ cấp cứu", "hours": -2},
        "Số giờ đào tạo không được âm",
    ),
    # --- shift templates
    BadInput(
        "template minimum above maximum",
        "ctxh.shift.template",
        "create",
        lambda t: _template(t, min_volunteers=4, max_volunteers=2),
        HEADCOUNT,
    ),
    BadInput(
        "template negative headcount",
        "ctxh.shift.template",
        "create",
        lambda t: _template(t, min_volunteers=-1),
        HEADCOUNT,
    ),
    BadInput(
        "template maximum 0",
        "ctxh.shift.template",
        "write",
        lambda t: (t.template, {"min_volunteers": 0, "max_volunteers": 0}),
        HEADCOUNT,
    ),
    BadInput(
        "template starting at 25:00",
        "ctxh.shift.template",
        "create",
        lambda t: _template(t, start_time=25.0),
        "trong khoảng 00:00 đến 24:00",
    ),
    BadInput(
        "template ending at a negative time",
        "ctxh.shift.template",
        "create",
        lambda t: _template(t, end_time=-1.0),
        "trong khoảng 00:00 đến 24:00",
    ),
    BadInput(
        "template name too long",
        "ctxh.shift.template",
        "create",
        lambda t: _template(t, name=long_text(300)),
        TOO_LONG,
    ),
    # --- shifts
    BadInput(
        "shift ending when it starts",
        "ctxh.shift",
        "create",
        lambda t: _shift(t, 7, 7),
        "Ca trực phải kết thúc sau khi bắt đầu",
    ),
    BadInput(
        "shift ending before it starts",
        "ctxh.shift",
        "create",
        lambda t: _shift(t, 11, 7),
        "Ca trực phải kết thúc sau khi bắt đầu",
    ),
    BadInput(
        "shift of more than 24 hours",
        "ctxh.shift",
        "create",
        lambda t: _shift(t, end_datetime=local_to_utc(*_day(22), 8)),
        "tối đa 24 giờ",
    ),
    BadInput(
        "shift minimum above maximum",
        "ctxh.shift",
        "create",
        lambda t: _shift(t, min_volunteers=5, max_volunteers=2),
        HEADCOUNT,
    ),
    BadInput(
        "shift note too long",
        "ctxh.shift",
        "create",
        lambda t: _shift(t, note=long_text(200_000)),
        TOO_LONG,
    ),
    # --- assignments (these rules already held: tabled here)
    BadInput(
        "overlapping shifts",
        "ctxh.shift.assignment",
        "create",
        lambda t: _assignment(t, t.shift_overlap, t.volunteer),
        "trùng giờ với",
    ),
    BadInput(
        "twice on one shift",
        "ctxh.shift.assignment",
        "create",
        lambda t: _assignment(t, t.shift, t.volunteer),
        "Nguyễn Thị Lan đã có trong",
    ),
    BadInput(
        "pledge not signed",
        "ctxh.shift.assignment",
        "create",
        lambda t: _assignment(t, t.shift, t.unsigned),
        "chưa ký cam kết bảo mật",
    ),
    BadInput(
        "full shift",
        "ctxh.shift.assignment",
        "create",
        lambda t: _assignment(t, t.shift_full, t.volunteer3),
        "đã đủ người: tối đa 1 tình nguyện viên",
    ),
    BadInput(
        "applicant not yet accepted",
        "ctxh.shift.assignment",
        "create",
        lambda t: _assignment(t, t.shift, t.applicant),
        "không phải là tình nguyện viên đang hoạt động",
    ),
    BadInput(
        "volunteer without the post's skills",
        "ctxh.shift.assignment",
        "create",
        lambda t: _assignment(t, t.shift, t.unskilled),
        "chưa có kỹ năng mà vị trí trực",
    ),
    BadInput(
        "overlap within one batch",
        "ctxh.shift.assignment",
        "batch",
        lambda t: [_assignment(t, t.shift_free, t.volunteer3), _assignment(t, t.shift, t.volunteer3)],
        "trùng giờ với",
    ),
    BadInput(
        "attendance recorded before the shift",
        "ctxh.shift.assignment",
        "create",
        lambda t: _assignment(t, t.shift, t.volunteer3, state="attended"),
        "không thể ghi nhận điểm danh trước",
    ),
    BadInput(
        "check-out before check-in",
        "ctxh.shift.assignment",
        "write",
        lambda t: (
            t.attended,
            {"check_in": t.past_start + timedelta(hours=2), "check_out": t.past_start + timedelta(hours=1)},
        ),
        "Giờ ra phải sau giờ vào",
    ),
    BadInput(
        "check-in in the future",
        "ctxh.shift.assignment",
        "write",
        lambda t: (t.attended, {"check_in": fields.Datetime.now() + timedelta(days=1)}),
        "Giờ vào và giờ ra không thể ở tương lai",
    ),
    BadInput(
        "attended assignment put back to planned",
        "ctxh.shift.assignment",
        "write",
        lambda t: (t.attended, {"state": "planned"}),
        "không thể chuyển từ",
    ),
    BadInput(
        "approved hours changed",
        "ctxh.shift.assignment",
        "write",
        lambda t: (t.approved, {"hours": 12.0}),
        "Không thể sửa số giờ đã duyệt",
    ),
    # --- wizards
    BadInput(
        "certificate from after to",
        "ctxh.volunteer.certificate.wizard",
        "wizard",
        lambda t: (
            {
                "volunteer_ids": [Command.set(t.volunteer.ids)],
                "date_from": "2026-12-31",
                "date_to": "2026-01-01",
            },
            "action_print",
        ),
        DATES,
    ),
    BadInput(
        "shift generation from after to",
        "ctxh.shift.generate.wizard",
        "wizard",
        lambda t: ({"date_from": "2026-03-01", "date_to": "2026-02-01"}, "action_generate"),
        DATES,
    ),
    BadInput(
        "shift generation over two years",
        "ctxh.shift.generate.wizard",
        "wizard",
        lambda t: ({"date_from": "2026-01-01", "date_to": "2027-12-31"}, "action_generate"),
        "tối đa khoảng một năm",
    ),
    BadInput(
        "swap to the same volunteer",
        "ctxh.shift.swap.wizard",
        "wizard",
        lambda t: ({"assignment_id": t.planned.id, "new_volunteer_id": t.volunteer.id}, "action_swap"),
        "Hãy chọn một tình nguyện viên khác",
    ),
]


@tagged("post_install", "-at_install")
class TestVolunteerBadInputs(BadInputMixin, CtxhVolunteerCommon):
    """Each bad input of the volunteer addon is refused in Vietnamese, nothing half-written."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.bad_input_user = cls.coordinator
        Volunteer = cls.env["ctxh.volunteer"]
        skills = [Command.set(cls.skill_guidance.ids)]
        cls.unsigned = Volunteer.create({"name": "Đỗ Chưa Ký", "state": "active", "skill_ids": skills})
        cls.applicant = Volunteer.create(
            {"name": "Vũ Mới Nộp", "pledge_date": "2026-01-01", "skill_ids": skills}
        )
        cls.unskilled = Volunteer.create(
            {"name": "Hồ Chưa Học", "state": "active", "pledge_date": "2026-01-01"}
        )
        cls.template = cls.env["ctxh.shift.template"].create(_template(cls))
        cls.shift = cls.make_shift(_day(10), 7, 11)
        cls.shift_overlap = cls.make_shift(_day(10), 10, 12, post=cls.post_free)
        cls.shift_free = cls.make_shift(_day(10), 8, 9, post=cls.post_free)
        cls.shift_full = cls.make_shift(_day(12), 7, 11, max_volunteers=1)
        cls.planned = cls.assign(cls.shift, cls.volunteer)
        cls.assign(cls.shift_full, cls.volunteer2)
        past = cls.make_shift(_day(-10), 7, 11)
        cls.past_start = past.start_datetime
        cls.attended = cls.assign(past, cls.volunteer2, state="attended")
        cls.approved = cls.assign(past, cls.volunteer3, state="attended")
        cls.approved.action_approve_hours()

    def test_table_has_enough_rows(self):
        self.assertGreaterEqual(len(VOLUNTEER_BAD_INPUTS), 15)

    def test_bad_inputs_refused_in_vietnamese(self):
        self.assertBadInputsRefused(VOLUNTEER_BAD_INPUTS)

    def test_good_inputs_accepted(self):
        """The formats refused above have valid counterparts that pass, normalized."""
        Volunteer = self.env["ctxh.volunteer"].with_user(self.coordinator)
        volunteer = Volunteer.create(
            _volunteer(
                self,
                national_id="079 2 99 012345",
                phone="0912 345 678",
                mobile="+84 912 345 679",
                emergency_phone="0238.3844.123",
                email="Tam.Pham@Example.vn",
            )
        )
        self.assertEqual(volunteer.national_id, "079299012345")
        volunteer.national_id = "040123456"  # an old identity card (CMND) still
        volunteer.phone = "+33 1 42 68 53 00"  # a foreign volunteer
        # a 24-hour template (end = start) is a shift of its own, not a mistake
        self.env["ctxh.shift.template"].with_user(self.coordinator).create(_template(self, end_time=7.0))


@tagged("post_install", "-at_install")
class TestVolunteerApplicationBadInputs(CtxhVolunteerHttpCommon):
    """The public application form refuses each bad value in Vietnamese, keeps the form, and no
    applicant is created."""

    def setUp(self):
        super().setUp()
        self.authenticate(None, None)

    def submit(self, **values):
        data = {
            "csrf_token": Request.csrf_token(self),
            "name": "Trịnh Thu Trang",
            "phone": "0905 111 222",
            "email": "trang@example.vn",
            "birthdate": "2001-05-20",
            "organisation": "CLB Tình nguyện Xanh",
            "skill_ids": [str(self.skill_guidance.id)],
            "availability": ["2-morning", "4-evening"],
            "pledge": "1",
        }
        data.update(values)
        response = self.url_open("/volunteer/apply", data=data)
        self.env.invalidate_all()
        return response

    def volunteers(self):
        return self.env["ctxh.volunteer"].sudo().with_context(active_test=False).search_count([])

    def test_application_refuses_bad_values(self):
        invalid_phone = "Số điện thoại không hợp lệ"
        invalid_birthdate = "Ngày sinh không hợp lệ"
        tomorrow = str(fields.Date.today() + timedelta(days=1))
        rows = [
            ("no name", {"name": "  "}, "Vui lòng nhập họ và tên"),
            ("neither e-mail nor phone", {"email": "", "phone": ""}, "địa chỉ e-mail hoặc số điện thoại"),
            ("e-mail without domain", {"email": "trang@"}, "Địa chỉ e-mail không hợp lệ"),
            ("phone in words", {"phone": "không có"}, invalid_phone),
            ("phone of 9 digits", {"phone": "091 234 567"}, invalid_phone),
            ("phone of 13 digits", {"phone": "0905 111 222 333"}, invalid_phone),
            ("emergency phone with an old prefix", {"emergency_phone": "0123 456 789"}, invalid_phone),
            ("birth date in the future", {"birthdate": tomorrow}, invalid_birthdate),
            ("birth date as dd/mm/yyyy", {"birthdate": "20/05/2001"}, invalid_birthdate),
            ("birth date in 1850", {"birthdate": "1850-01-01"}, invalid_birthdate),
            ("pledge not accepted", {"pledge": ""}, "Vui lòng đọc và chấp nhận bản cam kết bảo mật"),
            ("unknown skill", {"skill_ids": ["999999"]}, "kỹ năng hoặc ngôn ngữ đã chọn không hợp lệ"),
            ("a language as a skill", {"skill_ids": [str(self.lang_en.id)]}, "kỹ năng hoặc ngôn ngữ đã chọn"),
            ("unknown availability", {"availability": ["9-morning"]}, "Thời gian rảnh không hợp lệ"),
            ("name too long", {"name": long_text(500)}, "Nội dung một ô quá dài"),
            ("motivation too long", {"note": long_text(5000)}, "Nội dung một ô quá dài"),
        ]
        before = self.volunteers()
        for label, values, fragment in rows:
            with self.subTest(label):
                response = self.submit(**values)
                self.assertEqual(response.status_code, 200, label)
                self.assertIn("o_ctxh_apply_error", response.text, label)
                self.assertIn(fragment, response.text, label)
                self.assertEqual(self.volunteers(), before, f"{label}: an applicant was created")
        # the same form with good values is accepted
        self.assertIn("o_ctxh_apply_thanks", self.submit().text)
        self.assertEqual(self.volunteers(), before + 1)
