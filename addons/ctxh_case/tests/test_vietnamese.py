from datetime import date

from freezegun import freeze_time

from odoo import SUPERUSER_ID
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from ..tools.vietnamese import sort_key
from .common import CtxhCaseCommon


@tagged("post_install", "-at_install")
class TestVietnameseFormats(CtxhCaseCommon):
    """What a Vietnamese social worker reads in messages: their language throughout, dates as
    dd/mm/yyyy, names in Vietnamese alphabetical order."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.vi = cls.env(context=dict(cls.env.context, lang="vi_VN"))

    def test_vietnamese_date_format(self):
        self.assertTrue(self.env["res.lang"]._lang_get("vi_VN"), "load Vietnamese (make test does)")
        self.assertEqual(self.env["res.lang"]._lang_get("vi_VN").date_format, "%d/%m/%Y")

    def test_creation_message_in_one_language(self):
        """Records made without a language in the context (data files, scheduled actions) say
        "<document> created" in the language of their user, the document's name included."""
        root = self.env["res.users"].browse(SUPERUSER_ID)
        for lang, expected in (
            ("vi_VN", "Hồ sơ công tác xã hội được tạo"),
            ("en_US", "Social Work Case created"),
        ):
            root.lang = lang
            env = self.env(user=SUPERUSER_ID, context={})
            self.assertFalse(env.lang)
            patient = env["res.partner"].create({"name": f"Người bệnh {lang}"})
            case = env["ctxh.case"].create({"partner_id": patient.id, "case_type_id": self.case_type.id})
            bodies = case.sudo().message_ids.mapped("body")
            self.assertTrue(any(expected in body for body in bodies), (lang, bodies))

    @freeze_time("2026-07-20 03:00:00")
    def test_dates_in_messages_are_dd_mm_yyyy(self):
        # the overdue-review activity made by the daily job
        self.env.ref("base.user_root").lang = "vi_VN"
        self.case.write({"next_review_date": date(2026, 7, 12)})
        self.env["ctxh.case"].with_context(lang=None)._cron_create_review_activities()
        activity = self.case.activity_ids.filtered(
            lambda a: a.activity_type_id == self.env.ref("ctxh_case.mail_activity_type_case_review")
        )
        self.assertEqual(activity.summary, "Quá hạn rà soát hồ sơ từ 12/07/2026")
        # an assessment's name
        assessment = self.vi["ctxh.case.assessment"].create({"case_id": self.case.id, "date": "2026-07-15"})
        self.assertEqual(assessment.display_name, f"Đánh giá nhu cầu {self.case.name} ngày 15/07/2026")
        # master data used outside its validity dates
        kind = self.env["ctxh.intervention.type"].create(
            {"name": "Tư vấn cũ", "code": "vi_old", "date_to": date(2025, 12, 31)}
        )
        with self.assertRaisesRegex(ValidationError, r"Tư vấn cũ không còn hiệu lực vào ngày 01/07/2026"):
            self.vi["ctxh.case.intervention"].create(
                {"case_id": self.case.id, "intervention_type_id": kind.id, "date": "2026-07-01"}
            )

    def test_vietnamese_alphabetical_order(self):
        names = ["Vũ Thị Hà", "Đặng Văn Hùng", "Dương Minh", "Ánh", "Bình", "Ân", "Ăn", "An", "Yến", "Zita"]
        self.assertEqual(
            sorted(names, key=sort_key),
            ["An", "Ánh", "Ăn", "Ân", "Bình", "Dương Minh", "Đặng Văn Hùng", "Vũ Thị Hà", "Yến", "Zita"],
        )
        # tones break ties only: ngang, huyền, hỏi, ngã, sắc, nặng
        self.assertEqual(
            sorted(["Mạ", "Má", "Mã", "Mả", "Mà", "Ma"], key=sort_key), ["Ma", "Mà", "Mả", "Mã", "Má", "Mạ"]
        )
        # the same order as PostgreSQL's Vietnamese collation, when the server has it
        collation = self.env["ctxh.vietnamese.order"]._ctxh_collation()
        if collation:
            self.env.cr.execute(f'SELECT n FROM unnest(%s) n ORDER BY n COLLATE "{collation}"', [names])
            self.assertEqual([n for (n,) in self.env.cr.fetchall()], sorted(names, key=sort_key))
