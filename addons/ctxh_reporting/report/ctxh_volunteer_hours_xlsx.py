from odoo import _, models

from odoo.addons.ctxh_case.tools.vietnamese import sort_key

from .ctxh_period_report_xlsx import set_print_a4, workbook_formats


class CtxhVolunteerHoursXlsx(models.AbstractModel):
    """Approved volunteer hours of a period, one row per volunteer, with totals."""

    _name = "report.ctxh_reporting.volunteer_hours_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "Volunteer Hours (xlsx)"

    def _get_objs_for_report(self, docids, data):
        return self.env["ctxh.report.wizard"].browse(docids or (data or {}).get("ids", []))

    def _volunteer_rows(self, company, date_from, date_to):
        """[(volunteer, shifts attended, approved hours)] in Vietnamese order of names, in two queries."""
        groups = (
            self.env["ctxh.shift.assignment"]
            .sudo()
            ._read_group(
                [
                    ("company_id", "=", company.id),
                    ("state", "=", "attended"),
                    ("hours_approved", "=", True),
                    ("date", ">=", date_from),
                    ("date", "<=", date_to),
                ],
                ["volunteer_id"],
                ["__count", "hours:sum"],
            )
        )
        return sorted(groups, key=lambda row: sort_key(row[0].partner_id.name))

    def generate_xlsx_report(self, workbook, data, wizards):
        fmt = workbook_formats(workbook)
        kinds = dict(self.env["ctxh.volunteer"]._fields["kind"]._description_selection(self.env))
        for wizard in wizards:
            wizard._check_period()
            sheet = workbook.add_worksheet(_("Volunteer Hours"))
            sheet.set_column(0, 0, 6)
            sheet.set_column(1, 1, 32)
            sheet.set_column(2, 4, 16)
            sheet.write(0, 0, wizard.company_id.name, fmt["bold"])
            sheet.merge_range(2, 0, 2, 4, _("VOLUNTEER HOURS"), fmt["title"])
            sheet.merge_range(
                3,
                0,
                3,
                4,
                _(
                    "From %(start)s to %(end)s",
                    start=wizard.date_from.strftime("%d/%m/%Y"),
                    end=wizard.date_to.strftime("%d/%m/%Y"),
                ),
                fmt["center"],
            )
            for col, header in enumerate(
                (_("No."), _("Volunteer"), _("Kind"), _("Shifts Attended"), _("Approved Hours"))
            ):
                sheet.write(5, col, header, fmt["header"])
            set_print_a4(sheet, 5)
            row = 5
            total_shifts = total_hours = 0
            for index, (volunteer, shifts, hours) in enumerate(
                self._volunteer_rows(wizard.company_id, wizard.date_from, wizard.date_to), start=1
            ):
                row += 1
                sheet.write_number(row, 0, index, fmt["normal"])
                sheet.write(row, 1, volunteer.partner_id.name, fmt["normal"])
                sheet.write(row, 2, kinds.get(volunteer.kind, ""), fmt["normal"])
                sheet.write_number(row, 3, shifts, fmt["number"])
                sheet.write_number(row, 4, hours, fmt["decimal"])
                total_shifts += shifts
                total_hours += hours
            row += 1
            sheet.write(row, 1, _("Total"), fmt["section"])
            sheet.write_number(row, 3, total_shifts, fmt["number_bold"])
            sheet.write_number(row, 4, total_hours, fmt["number_bold"])
