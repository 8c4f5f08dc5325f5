from odoo import _, models

from .ctxh_period_report_xlsx import set_print_a4, workbook_formats


class CtxhCaseRegisterXlsx(models.AbstractModel):
    """Case register: one row per selected case, read with the rights of the user who prints it."""

    _name = "report.ctxh_reporting.case_register_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "Case Register (xlsx)"

    def _get_objs_for_report(self, docids, data):
        return self.env["ctxh.case"].browse(docids or (data or {}).get("ids", []))

    def _register_columns(self):
        """[(header, width, getter(case) -> cell value)]."""
        return [
            (_("Reference"), 18, lambda case: case.name),
            (_("Opened On"), 12, lambda case: case.open_date),
            (_("Patient"), 28, lambda case: case.partner_id.name),
            (_("Medical Record No."), 16, lambda case: case.medical_record_number or ""),
            (_("Case Type"), 24, lambda case: case.case_type_id.name),
            (_("Vulnerable Groups"), 30, lambda case: ", ".join(case.vulnerable_group_ids.mapped("name"))),
            (_("Team"), 20, lambda case: case.team_id.name or ""),
            (_("Social Worker"), 22, lambda case: case.user_id.name or ""),
            (_("Stage"), 16, lambda case: case.stage_id.name or ""),
            (_("Closed On"), 12, lambda case: case.close_date or ""),
        ]

    def generate_xlsx_report(self, workbook, data, cases):
        # a printed register of case data is written in the access log (ctxh_case)
        self.env["ctxh.access.log"]._ctxh_log(
            [{"access_type": "report", "records": cases, "details": _("Case Register")}]
        )
        fmt = workbook_formats(workbook)
        date_format = workbook.add_format({"border": 1, "num_format": "dd/mm/yyyy"})
        sheet = workbook.add_worksheet(_("Case Register"))
        columns = self._register_columns()
        for col, (header, width, _getter) in enumerate(columns):
            sheet.set_column(col, col, width)
            sheet.write(0, col, header, fmt["header"])
        sheet.freeze_panes(1, 0)
        set_print_a4(sheet, 0, landscape=True)
        for row, case in enumerate(cases.sorted(lambda c: (c.open_date, c.name)), start=1):
            for col, (_header, _width, getter) in enumerate(columns):
                value = getter(case)
                if hasattr(value, "isoformat"):
                    sheet.write_datetime(row, col, value, date_format)
                else:
                    sheet.write(row, col, value, fmt["normal"])
        sheet.autofilter(0, 0, max(len(cases), 1), len(columns) - 1)
