from odoo import _, models

from odoo.addons.ctxh_case.tools.xlsx import set_print_a4

__all__ = ["set_print_a4", "template_layout", "workbook_formats"]


def template_layout(template):
    """[(line, row, value_column)] of a template: where each line is written (0-based)."""
    layout = []
    row = template.first_row - 1
    for line in template.line_ids.sorted(lambda line: (line.sequence, line.id)):
        row = line.row or row + 1
        layout.append((line, row, line.column or template.value_column))
    return layout


def workbook_formats(workbook):
    return {
        "title": workbook.add_format({"bold": True, "font_size": 14, "align": "center"}),
        "center": workbook.add_format({"align": "center", "italic": True}),
        "bold": workbook.add_format({"bold": True}),
        "header": workbook.add_format({"bold": True, "border": 1, "align": "center", "bg_color": "#D9E1F2"}),
        "section": workbook.add_format({"bold": True, "border": 1, "bg_color": "#F2F2F2"}),
        "normal": workbook.add_format({"border": 1}),
        "italic": workbook.add_format({"border": 1, "italic": True}),
        "number": workbook.add_format({"border": 1, "num_format": "#,##0"}),
        "decimal": workbook.add_format({"border": 1, "num_format": "#,##0.0"}),
        "number_bold": workbook.add_format({"border": 1, "num_format": "#,##0", "bold": True}),
    }


class CtxhPeriodReportXlsx(models.AbstractModel):
    """The periodic social work report of one hospital, laid out by a report template."""

    _name = "report.ctxh_reporting.period_report_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "Social Work Periodic Report (xlsx)"

    def _get_objs_for_report(self, docids, data):
        return self.env["ctxh.report.wizard"].browse(docids or (data or {}).get("ids", []))

    def generate_xlsx_report(self, workbook, data, wizards):
        for wizard in wizards:
            self._write_period_report(
                workbook,
                wizard._get_template(),
                wizard.company_id,
                wizard.date_from,
                wizard.date_to,
                wizard._get_figures(),
            )

    def _write_period_report(self, workbook, template, company, date_from, date_to, figures):
        fmt = workbook_formats(workbook)
        sheet = workbook.add_worksheet(_("Report"))
        sheet.set_column(0, 0, 8)
        sheet.set_column(1, 1, 60)
        sheet.set_column(2, 2, 12)
        sheet.set_column(3, max(3, template.value_column), 16)
        last_col = max(3, template.value_column)
        sheet.write(0, 0, company.name, fmt["bold"])
        if template.authority:
            sheet.write(1, 0, template.authority, fmt["bold"])
        sheet.merge_range(2, 0, 2, last_col, template.title, fmt["title"])
        sheet.merge_range(
            3,
            0,
            3,
            last_col,
            _(
                "From %(start)s to %(end)s",
                start=date_from.strftime("%d/%m/%Y"),
                end=date_to.strftime("%d/%m/%Y"),
            ),
            fmt["center"],
        )
        header_row = template.first_row - 1
        set_print_a4(sheet, header_row)
        for col, label in enumerate((_("No."), _("Content"), _("Unit of Measure"))):
            sheet.write(header_row, col, label, fmt["header"])
        sheet.write(header_row, template.value_column, _("Value"), fmt["header"])
        for line, row, col in template_layout(template):
            if line.display_type == "section":
                sheet.write(row, 0, line.number or "", fmt["section"])
                sheet.write(row, 1, line.label, fmt["section"])
                continue
            style = (
                fmt["italic"]
                if line.style == "italic"
                else fmt["section"]
                if line.style == "bold"
                else fmt["normal"]
            )
            sheet.write(row, 0, line.number or "", style)
            sheet.write(row, 1, line.label, style)
            sheet.write(row, 2, line.unit or "", style)
            value = figures.get(line.figure_code, 0)
            number_format = fmt["number_bold"] if line.style == "bold" else fmt["number"]
            if isinstance(value, float) and not value.is_integer():
                number_format = fmt["decimal"]
            sheet.write_number(row, col, value, number_format)
        return sheet
