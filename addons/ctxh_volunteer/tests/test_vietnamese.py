from pathlib import Path

import polib

from odoo.tests import TransactionCase, tagged

from .common import CtxhVolunteerCommon

VI_PO = Path(__file__).resolve().parent.parent / "i18n" / "vi.po"


@tagged("post_install", "-at_install")
class TestVietnameseWords(TransactionCase):
    """The words a Vietnamese coordinator reads on volunteers and shifts."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.vi = cls.env(context=dict(cls.env.context, lang="vi_VN"))

    def test_vietnamese_is_installed(self):
        self.assertTrue(self.env["res.lang"]._lang_get("vi_VN"), "load Vietnamese (make test does)")

    def test_shift_post_is_vi_tri_truc(self):
        """A shift post is a "vị trí trực", never an accounting posting ("vào sổ", "ghi sổ")."""
        for model, field in (
            ("ctxh.shift.assignment", "post_id"),
            ("ctxh.shift", "post_id"),
            ("ctxh.shift.template", "post_id"),
        ):
            self.assertEqual(self.vi[model].fields_get([field])[field]["string"], "Vị trí trực", model)
        for entry in polib.pofile(str(VI_PO)):
            if (
                entry.msgid in ("Post", "Posts")
                or "post " in entry.msgid.lower()
                or "posts" in entry.msgid.lower()
            ):
                if "bill" in entry.msgid.lower():
                    continue  # the accounting fields of contacts (Auto-post bills)
                with self.subTest(msgid=entry.msgid):
                    self.assertIn("vị trí trực", entry.msgstr.lower())
                    self.assertNotIn("sổ", entry.msgstr)

    def test_partner_fields_on_volunteers_are_translated(self):
        """Fields volunteers take from their contact read as they do on contacts, e.g. the national id."""
        volunteer_fields = self.vi["ctxh.volunteer"].fields_get(attributes=["string"])
        partner_fields = self.vi["res.partner"].fields_get(attributes=["string"])
        xmlids = self.env["ir.model.data"].search(
            [
                ("module", "=", "ctxh_case"),
                ("model", "=", "ir.model.fields"),
                ("name", "=like", "field_res_partner__%"),
            ]
        )
        names = self.env["ir.model.fields"].browse(xmlids.mapped("res_id")).mapped("name")
        self.assertIn("ctxh_national_id", names)
        for name in names:
            if name in volunteer_fields and self.env["ctxh.volunteer"]._fields[name].inherited:
                with self.subTest(field=name):
                    self.assertEqual(volunteer_fields[name]["string"], partner_fields[name]["string"])
        self.assertEqual(volunteer_fields["ctxh_national_id"]["string"], "Số CCCD")
        self.assertEqual(volunteer_fields["ctxh_hospital_patient_id"]["string"], "Mã người bệnh")

    def test_upcoming_is_sap_toi_and_means_not_ended(self):
        shift_filter = self.env.ref("ctxh_volunteer.ctxh_shift_view_search").arch
        self.assertIn("('is_upcoming', '=', True)", shift_filter)
        assignment_filter = self.env.ref("ctxh_volunteer.ctxh_shift_assignment_view_search").arch
        self.assertIn("('shift_id.is_upcoming', '=', True)", assignment_filter)


@tagged("post_install", "-at_install")
class TestVietnameseOrder(CtxhVolunteerCommon):
    """Volunteers listed in Vietnamese alphabetical order (Đ after D, not after V), in their list
    and in the groups of the volunteer-hours pivot."""

    def test_volunteers_in_vietnamese_order(self):
        Volunteer = self.env["ctxh.volunteer"]
        names = ["Vũ Thị Yến", "Đặng Văn Hải", "Dương Minh Châu", "Ánh Tuyết", "Zô Ê"]
        volunteers = Volunteer.create(
            [{"name": name, "state": "active", "pledge_date": "2026-01-01"} for name in names]
        )
        expected = ["Ánh Tuyết", "Dương Minh Châu", "Đặng Văn Hải", "Vũ Thị Yến", "Zô Ê"]
        self.assertEqual(Volunteer.search([("id", "in", volunteers.ids)]).mapped("name"), expected)
        self.assertEqual(
            Volunteer.search([("id", "in", volunteers.ids)], order="name desc").mapped("name"),
            expected[::-1],
        )
        shift = self.make_shift((2026, 2, 10), max_volunteers=10, post=self.post_free)
        for volunteer in volunteers:
            self.assign(shift, volunteer)
        groups = self.env["ctxh.shift.assignment"].read_group(
            [("shift_id", "=", shift.id)], ["hours:sum"], ["volunteer_id"]
        )
        self.assertEqual([group["volunteer_id"][1] for group in groups], expected)
