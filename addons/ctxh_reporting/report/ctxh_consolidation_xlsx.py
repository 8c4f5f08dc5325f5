from odoo import _, models

from .ctxh_period_report_xlsx import set_print_a4, workbook_formats

FIRST_FIGURE_COLUMN = 3


class CtxhConsolidationXlsx(models.AbstractModel):
    """Consolidated report of a province: one row per unit, one column per figure, then totals."""

    _name = "report.ctxh_reporting.consolidation_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "Provincial Consolidation (xlsx)"

    def _get_objs_for_report(self, docids, data):
        return self.env["ctxh.consolidation"].browse(docids or (data or {}).get("ids", []))

    def generate_xlsx_report(self, workbook, data, consolidations):
        fmt = workbook_formats(workbook)
        for consolidation in consolidations:
            template = consolidation._get_template()
            figure_lines = template._figure_lines()
            sheet = workbook.add_worksheet(consolidation.name[:31])
            last_col = FIRST_FIGURE_COLUMN + len(figure_lines) - 1
            sheet.merge_range(0, 0, 0, max(last_col, 3), template.title, fmt["title"])
            sheet.merge_range(
                1,
                0,
                1,
                max(last_col, 3),
                _(
                    "From %(start)s to %(end)s",
                    start=consolidation.date_from.strftime("%d/%m/%Y"),
                    end=consolidation.date_to.strftime("%d/%m/%Y"),
                ),
                fmt["center"],
            )
            sheet.set_column(0, 0, 6)
            sheet.set_column(1, 1, 14)
            sheet.set_column(2, 2, 40)
            sheet.set_column(FIRST_FIGURE_COLUMN, max(last_col, FIRST_FIGURE_COLUMN), 14)
            header = 3
            set_print_a4(sheet, header, landscape=len(figure_lines) > 4)
            sheet.write(header, 0, _("No."), fmt["header"])
            sheet.write(header, 1, _("Unit Code"), fmt["header"])
            sheet.write(header, 2, _("Unit"), fmt["header"])
            for offset, line in enumerate(figure_lines):
                title = f"{line.number} {line.label}" if line.number else line.label
                sheet.write(header, FIRST_FIGURE_COLUMN + offset, title, fmt["header"])
            row = header
            for index, (line, values) in enumerate(consolidation._get_unit_figures(), start=1):
                row += 1
                sheet.write_number(row, 0, index, fmt["normal"])
                sheet.write(row, 1, line.hospital_code, fmt["normal"])
                sheet.write(row, 2, line.hospital_name, fmt["normal"])
                for offset, figure_line in enumerate(figure_lines):
                    sheet.write_number(
                        row,
                        FIRST_FIGURE_COLUMN + offset,
                        values.get(figure_line.figure_code, 0),
                        fmt["number"],
                    )
            row += 1
            totals = consolidation._get_totals()
            sheet.write(row, 2, _("Total"), fmt["section"])
            for offset, figure_line in enumerate(figure_lines):
                sheet.write_number(
                    row,
                    FIRST_FIGURE_COLUMN + offset,
                    totals.get(figure_line.figure_code, 0),
                    fmt["number_bold"],
                )
