from odoo import _, models

from ..builders.donation_figures import fund_disclosure
from .ctxh_period_report_xlsx import set_print_a4, workbook_formats


class CtxhFundDisclosureXlsx(models.AbstractModel):
    """Public disclosure of each fund for a period (Decree 93/2021 style), one sheet per fund."""

    _name = "report.ctxh_reporting.fund_disclosure_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "Fund Disclosure (xlsx)"

    def _get_objs_for_report(self, docids, data):
        return self.env["ctxh.report.wizard"].browse(docids or (data or {}).get("ids", []))

    def generate_xlsx_report(self, workbook, data, wizards):
        for wizard in wizards:
            wizard._check_period()
            for fund in wizard._get_funds():
                self._write_fund(
                    workbook, wizard, fund_disclosure(self.env, fund, wizard.date_from, wizard.date_to)
                )

    def _write_fund(self, workbook, wizard, disclosure):
        fmt = workbook_formats(workbook)
        money = workbook.add_format({"border": 1, "num_format": "#,##0"})
        money_bold = workbook.add_format({"border": 1, "num_format": "#,##0", "bold": True})
        date_format = workbook.add_format({"border": 1, "num_format": "dd/mm/yyyy"})
        channels = dict(self.env["ctxh.donation"]._fields["channel"]._description_selection(self.env))
        fund = disclosure["fund"]
        sheet = workbook.add_worksheet(fund.code)
        sheet.set_column(0, 0, 12)
        sheet.set_column(1, 1, 16)
        sheet.set_column(2, 2, 34)
        sheet.set_column(3, 4, 18)
        sheet.set_column(5, 5, 18)
        sheet.write(0, 0, wizard.company_id.name, fmt["bold"])
        sheet.merge_range(
            2, 0, 2, 5, _("PUBLIC DISCLOSURE OF FUND %(fund)s", fund=fund.name.upper()), fmt["title"]
        )
        sheet.merge_range(
            3,
            0,
            3,
            5,
            _(
                "From %(start)s to %(end)s",
                start=wizard.date_from.strftime("%d/%m/%Y"),
                end=wizard.date_to.strftime("%d/%m/%Y"),
            ),
            fmt["center"],
        )
        row = 5
        sheet.write(row, 0, _("I. Opening balance"), fmt["bold"])
        sheet.write_number(row, 5, disclosure["opening_balance"], money_bold)
        row += 2
        sheet.write(row, 0, _("II. Receipts"), fmt["bold"])
        row += 1
        for col, header in enumerate(
            (_("Date"), _("Receipt No."), _("Donor"), _("Channel"), _("Campaign"), _("Amount"))
        ):
            sheet.write(row, col, header, fmt["header"])
        set_print_a4(sheet, row)
        for receipt in disclosure["receipts"]:
            row += 1
            sheet.write_datetime(row, 0, receipt["date"], date_format)
            sheet.write(row, 1, receipt["receipt_number"], fmt["normal"])
            sheet.write(row, 2, receipt["donor"] or _("Anonymous donor"), fmt["normal"])
            sheet.write(row, 3, channels.get(receipt["channel"], ""), fmt["normal"])
            sheet.write(row, 4, receipt["campaign"], fmt["normal"])
            sheet.write_number(row, 5, receipt["amount"], money)
        row += 1
        sheet.write(row, 4, _("Total receipts"), fmt["section"])
        sheet.write_number(row, 5, disclosure["receipts_total"], money_bold)
        row += 1
        sheet.write(row, 4, _("Receipts per ledger"), fmt["section"])
        sheet.write_number(row, 5, disclosure["received"], money_bold)
        if disclosure["campaigns"]:
            row += 2
            sheet.write(row, 0, _("Of which by campaign"), fmt["bold"])
            row += 1
            for col, header in ((2, _("Campaign")), (4, _("Target")), (5, _("Received"))):
                sheet.write(row, col, header, fmt["header"])
            for campaign in disclosure["campaigns"]:
                row += 1
                sheet.write(row, 2, campaign["name"], fmt["normal"])
                sheet.write_number(row, 4, campaign["target"], money)
                sheet.write_number(row, 5, campaign["received"], money)
        row += 2
        sheet.write(row, 0, _("III. Disbursements by purpose"), fmt["bold"])
        row += 1
        sheet.write(row, 2, _("Purpose"), fmt["header"])
        sheet.write(row, 4, _("Cases Helped"), fmt["header"])
        sheet.write(row, 5, _("Amount"), fmt["header"])
        first_purpose_row = row + 1
        for line in disclosure["disbursements"]:
            row += 1
            sheet.write(row, 2, line["purpose"], fmt["normal"])
            sheet.write_number(row, 4, line["case_count"], fmt["number"])
            sheet.write_number(row, 5, line["amount"], money)
        last_purpose_row = row
        row += 1
        sheet.write(row, 4, _("Disbursed per ledger"), fmt["section"])
        sheet.write_number(row, 5, disclosure["disbursed"], money_bold)
        row += 2
        sheet.write(row, 0, _("IV. Closing balance"), fmt["bold"])
        sheet.write_number(row, 5, disclosure["closing_balance"], money_bold)
        row += 1
        sheet.write(row, 0, _("Of which committed to approved support"), fmt["normal"])
        sheet.write_number(row, 5, disclosure["committed"], money)
        if disclosure["disbursements"]:
            chart = workbook.add_chart({"type": "pie"})
            chart.add_series(
                {
                    "name": _("Disbursements by purpose"),
                    "categories": [sheet.name, first_purpose_row, 2, last_purpose_row, 2],
                    "values": [sheet.name, first_purpose_row, 5, last_purpose_row, 5],
                    "data_labels": {"percentage": True},
                }
            )
            chart.set_title({"name": _("Disbursements by purpose")})
            sheet.insert_chart(row + 2, 1, chart)
        return sheet
