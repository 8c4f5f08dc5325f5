from odoo import _, models

from .ctxh_period_report_xlsx import set_print_a4, workbook_formats

# Layout (0-based): the template's lines one per row, as in a hospital's report (No., Content,
# Unit), then the province's total and one column per unit.
HEADER_ROW = 4
TOTAL_COLUMN = 3
FIRST_UNIT_COLUMN = 4


class CtxhConsolidationXlsx(models.AbstractModel):
    """Consolidated report of a province: the template's sections, headings and numbering as rows,
    the total of the province and one column per unit."""

    _name = "report.ctxh_reporting.consolidation_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "Provincial Consolidation (xlsx)"

    def _get_objs_for_report(self, docids, data):
        return self.env["ctxh.consolidation"].browse(docids or (data or {}).get("ids", []))

    def generate_xlsx_report(self, workbook, data, consolidations):
        fmt = workbook_formats(workbook)
        for consolidation in consolidations:
            self._write_consolidation(workbook, fmt, consolidation)

    def _write_consolidation(self, workbook, fmt, consolidation):
        template = consolidation._get_template()
        units = consolidation._get_unit_figures()
        totals = consolidation._get_totals()
        sheet = workbook.add_worksheet(consolidation.name[:31])
        last_col = FIRST_UNIT_COLUMN + len(units) - 1
        sheet.merge_range(0, 0, 0, last_col, template.title, fmt["title"])
        sheet.merge_range(
            1,
            0,
            1,
            last_col,
            _(
                "From %(start)s to %(end)s",
                start=consolidation.date_from.strftime("%d/%m/%Y"),
                end=consolidation.date_to.strftime("%d/%m/%Y"),
            ),
            fmt["center"],
        )
        sheet.write(2, 0, _("Units: %(count)s", count=len(units)), fmt["bold"])
        sheet.set_column(0, 0, 8)
        sheet.set_column(1, 1, 60)
        sheet.set_column(2, 2, 10)
        sheet.set_column(TOTAL_COLUMN, last_col, 16)
        set_print_a4(sheet, HEADER_ROW, landscape=len(units) > 3)
        sheet.repeat_rows(HEADER_ROW, HEADER_ROW + 1)  # hospital names and codes on every page
        for col, label in enumerate((_("No."), _("Content"), _("Unit of Measure"), _("Total"))):
            sheet.merge_range(HEADER_ROW, col, HEADER_ROW + 1, col, label, fmt["header"])
        for offset, (line, _values) in enumerate(units):
            sheet.write(HEADER_ROW, FIRST_UNIT_COLUMN + offset, line.hospital_name, fmt["header"])
            sheet.write(HEADER_ROW + 1, FIRST_UNIT_COLUMN + offset, line.hospital_code, fmt["header"])
        row = HEADER_ROW + 1
        for line in template.line_ids.sorted(lambda line: (line.sequence, line.id)):
            row += 1
            if line.display_type == "section":
                sheet.write(row, 0, line.number or "", fmt["section"])
                sheet.write(row, 1, line.label, fmt["section"])
                for col in range(2, last_col + 1):
                    sheet.write_blank(row, col, None, fmt["section"])
                continue
            style = {"italic": fmt["italic"], "bold": fmt["section"]}.get(line.style, fmt["normal"])
            sheet.write(row, 0, line.number or "", style)
            sheet.write(row, 1, line.label, style)
            sheet.write(row, 2, line.unit or "", style)
            values = [(TOTAL_COLUMN, totals.get(line.figure_code), True)] + [
                (FIRST_UNIT_COLUMN + offset, figures.get(line.figure_code), False)
                for offset, (_unit, figures) in enumerate(units)
            ]
            for col, value, is_total in values:
                if value is None:
                    # The unit's dataset has no such figure (e.g. a dataset of schema version 1).
                    sheet.write_blank(row, col, None, fmt["normal"])
                    continue
                number_format = fmt["number_bold"] if is_total or line.style == "bold" else fmt["number"]
                if not float(value).is_integer():
                    number_format = fmt["decimal"]
                sheet.write_number(row, col, value, number_format)
        sheet.write(
            row + 2,
            1,
            _("A blank cell: the unit's dataset has no such figure (e.g. a dataset of schema version 1)."),
            fmt["center"],
        )
        sheet.freeze_panes(HEADER_ROW + 2, FIRST_UNIT_COLUMN)
        return sheet
