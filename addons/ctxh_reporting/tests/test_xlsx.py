import io
import re

import openpyxl

from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.ctxh_case.tests.common import assert_prints_on_a4, pdf_text, to_pdf

from ..builders import build_figures
from ..report.ctxh_period_report_xlsx import template_layout
from .common import Q1, CtxhReportingCommon

__all__ = ["assert_prints_on_a4", "render_xlsx", "to_pdf"]


def render_xlsx(env, report_ref, res_ids):
    content, report_type = env["ir.actions.report"]._render_xlsx(report_ref, res_ids, {})
    assert report_type == "xlsx"
    return content


@tagged("post_install", "-at_install")
class TestPeriodReportXlsx(CtxhReportingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.wizard = (
            cls.env["ctxh.report.wizard"]
            .with_user(cls.supervisor)
            .create(
                {"company_id": cls.hospital.id, "period_kind": "quarter", "year": 2026, "period_number": 1}
            )
        )

    def test_action(self):
        action = self.wizard.action_print_xlsx()
        self.assertEqual(action["report_type"], "xlsx")
        self.assertEqual(action["report_name"], "ctxh_reporting.period_report_xlsx")

    def test_cells_read_back(self):
        content = render_xlsx(self.wizard.env, "ctxh_reporting.ctxh_period_report_xlsx", self.wizard.ids)
        sheet = openpyxl.load_workbook(io.BytesIO(content)).active
        self.assertEqual(sheet.cell(1, 1).value, self.hospital.name)
        self.assertEqual(sheet.cell(3, 1).value, self.template.title)
        self.assertIn("01/01/2026", sheet.cell(4, 1).value)
        self.assertIn("31/03/2026", sheet.cell(4, 1).value)
        assert_prints_on_a4(self, sheet, self.template.first_row)
        figures = build_figures(self.env, self.hospital, *Q1)
        expected = {
            **self.expected_case_figures(*Q1),
            "org_departments": 1,
            "org_teams": 1,
            "org_team_members": 3,
        }
        checked = 0
        for line, row, col in template_layout(self.template):
            self.assertEqual(sheet.cell(row + 1, 2).value, line.label)
            if line.display_type != "figure":
                continue
            value = sheet.cell(row + 1, col + 1).value
            self.assertEqual(value, figures[line.figure_code], line.figure_code)
            self.assertEqual(value, expected.get(line.figure_code, 0), line.figure_code)
            checked += 1
        self.assertEqual(checked, len(self.template._figure_lines()))

    def test_explicit_row_and_column(self):
        self.template.line_ids[-1].write({"row": 80, "column": 5})
        content = render_xlsx(self.wizard.env, "ctxh_reporting.ctxh_period_report_xlsx", self.wizard.ids)
        sheet = openpyxl.load_workbook(io.BytesIO(content)).active
        line = self.template.line_ids.sorted("sequence")[-1]
        expected = build_figures(self.env, self.hospital, *Q1)[line.figure_code]
        self.assertEqual(sheet.cell(81, 6).value, expected)
        self.assertEqual(sheet.cell(81, 2).value, line.label)

    def test_prints_in_vietnamese_on_a4(self):
        """Printed through LibreOffice as an accountant would: the title and the figures on one
        A4 page width, in Vietnamese."""
        wizard = self.wizard.with_context(lang="vi_VN")
        content = render_xlsx(wizard.env, "ctxh_reporting.ctxh_period_report_xlsx", wizard.ids)
        text = pdf_text(to_pdf(content))
        self.assertIn(self.template.title, text)
        self.assertIn("Từ ngày 01/01/2026 đến ngày 31/03/2026", text)
        # the page number at the foot of each page, the column headers at the top of each
        pages = [int(n) for n in re.findall(r"^1 ?/ ?(\d+)$", text, re.MULTILINE)]
        self.assertEqual(len(pages), 1, text)
        self.assertEqual(text.count("STT Nội dung Đơn vị tính Giá trị"), pages[0])


@tagged("post_install", "-at_install")
class TestCaseRegisterXlsx(CtxhReportingCommon):
    def test_register_rows(self):
        content = render_xlsx(self.env, "ctxh_reporting.ctxh_case_register_xlsx", self.cases.ids)
        sheet = openpyxl.load_workbook(io.BytesIO(content)).active
        self.assertEqual(sheet.max_row, len(self.cases) + 1)
        by_name = {sheet.cell(row, 1).value: row for row in range(2, sheet.max_row + 1)}
        for case in self.cases:
            row = by_name[case.name]
            self.assertEqual(sheet.cell(row, 2).value.date(), case.open_date)
            self.assertEqual(sheet.cell(row, 3).value, case.partner_id.name)
            self.assertEqual(sheet.cell(row, 5).value, case.case_type_id.name)
            self.assertEqual(sheet.cell(row, 9).value, case.stage_id.name)
            self.assertEqual(sheet.cell(row, 2).number_format, "dd/mm/yyyy")
        assert_prints_on_a4(self, sheet, 1, landscape=True)
        self.assertTrue(to_pdf(content).startswith(b"%PDF"))

    def test_register_respects_rights(self):
        """An officer of another team cannot print cases they may not read."""
        outsider = self.env["res.users"].create(
            {
                "name": "Cán bộ khác",
                "login": "h5_outsider",
                "company_id": self.hospital.id,
                "company_ids": [(6, 0, self.hospital.ids)],
                "groups_id": [(6, 0, self.env.ref("ctxh_case.group_ctxh_officer").ids)],
            }
        )
        with self.assertRaises(AccessError):
            render_xlsx(self.env(user=outsider), "ctxh_reporting.ctxh_case_register_xlsx", self.cases.ids)
        # A team member prints them.
        content = render_xlsx(
            self.env(user=self.officer), "ctxh_reporting.ctxh_case_register_xlsx", self.cases.ids
        )
        self.assertEqual(openpyxl.load_workbook(io.BytesIO(content)).active.max_row, len(self.cases) + 1)
        # and the printing is in the access log of case data
        log = self.env["ctxh.access.log"].search([("user_id", "=", self.officer.id)], limit=1)
        self.assertEqual((log.access_type, log.record_count), ("report", len(self.cases)))
