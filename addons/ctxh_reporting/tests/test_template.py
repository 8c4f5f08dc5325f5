from datetime import date

from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import CtxhReportingCommon


@tagged("post_install", "-at_install")
class TestTemplate(CtxhReportingCommon):
    def test_default_template(self):
        Template = self.env["ctxh.report.template"]
        found = Template._find_for(self.hospital, date(2026, 3, 31))
        self.assertEqual(found, self.template)
        self.assertTrue(self.template._figure_lines())
        with self.assertRaises(UserError):
            Template._find_for(self.hospital, date(2019, 12, 31))

    def test_company_version_preferred(self):
        own = self.template.copy(
            {"company_id": self.hospital.id, "date_from": date(2026, 1, 1), "version": 1}
        )
        self.assertEqual(self.env["ctxh.report.template"]._find_for(self.hospital, date(2026, 2, 1)), own)
        self.assertEqual(
            self.env["ctxh.report.template"]._find_for(self.hospital, date(2025, 12, 31)), self.template
        )
        self.assertEqual(
            self.env["ctxh.report.template"]._find_for(self.other_hospital, date(2026, 2, 1)), self.template
        )

    def test_new_version(self):
        with freeze_time("2026-06-15"):
            action = self.template.action_new_version()
        new = self.env["ctxh.report.template"].browse(action["res_id"])
        self.assertEqual(new.version, self.template.version + 1)
        self.assertEqual(self.template.date_to, date(2026, 6, 15))
        self.assertEqual(new.date_from, date(2026, 6, 16))
        self.assertEqual(len(new.line_ids), len(self.template.line_ids))
        Template = self.env["ctxh.report.template"]
        self.assertEqual(Template._find_for(self.hospital, date(2026, 6, 15)), self.template)
        self.assertEqual(Template._find_for(self.hospital, date(2026, 6, 16)), new)

    def test_overlap_refused(self):
        with self.assertRaises(ValidationError):
            self.template.copy({"version": 7, "date_from": date(2024, 1, 1)})

    def test_dates_checked(self):
        with self.assertRaises(ValidationError):
            self.template.write({"date_to": date(2019, 1, 1)})

    def test_unknown_figure_code_refused(self):
        with self.assertRaises(ValidationError):
            self.template.write(
                {
                    "line_ids": [
                        (0, 0, {"label": "Sai", "display_type": "figure", "figure_code": "no_such_figure"})
                    ]
                }
            )
        with self.assertRaises(ValidationError):
            self.template.write({"line_ids": [(0, 0, {"label": "Thiếu mã", "display_type": "figure"})]})
        # A section needs no figure code.
        self.template.write({"line_ids": [(0, 0, {"label": "Mục mới", "display_type": "section"})]})

    def test_every_default_line_is_known(self):
        figures = (
            self.env["ctxh.report.wizard"]
            .create({"company_id": self.hospital.id, "period_kind": "year", "year": 2026})
            ._get_figures()
        )
        for line in self.template._figure_lines():
            self.assertIn(line.figure_code, figures)
