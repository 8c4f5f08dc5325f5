import csv
import io

import xlsxwriter

from odoo import _, http
from odoo.http import request
from odoo.tools.misc import format_date

from odoo.addons.ctxh_case.tools.xlsx import set_print_a4

from .main import not_found_page


class CtxhPublishedStatement(http.Controller):
    """Downloads of a campaign's published statement (sao kê): every receipt and every use of
    its money, the same rows and totals as its public page (ctxh.campaign._ctxh_public_statement).
    Nothing is read here: the model returns plain values."""

    def _statement(self, campaign_id):
        """(campaign, statement), or (None, None) when the campaign publishes no statement."""
        if "vi_VN" in dict(request.env["res.lang"].get_installed()):
            request.update_context(lang="vi_VN")
        # sudo: whether the campaign exists, is active and publishes its statement
        campaign = request.env["ctxh.campaign"].sudo().browse(campaign_id).exists()
        if not (campaign and campaign.active and campaign.fund_id.active and campaign.statement_published):
            return None, None
        return campaign, campaign._ctxh_public_statement()

    def _tables(self, statement):
        """The statement as two tables, (title, header, rows, total row): the gifts received and
        the uses of the money."""
        env = request.env
        received = [[format_date(env, r["date"]), r["amount"], r["content"]] for r in statement["receipts"]]
        used = [[format_date(env, u["date"]), u["amount"], u["support_type"]] for u in statement["uses"]]
        return [
            (
                _("Gifts Received"),
                [_("Date"), _("Amount"), _("Transfer Content")],
                received,
                [_("Total received"), statement["received"], ""],
            ),
            (
                _("Uses of the money"),
                [_("Date"), _("Amount"), _("Support Type")],
                used,
                [_("Total used"), statement["used"], ""],
            ),
        ]

    def _rows(self, statement):
        """The statement as one table: header, receipts, their total, uses, their total."""
        rows = []
        for title, header, lines, total in self._tables(statement):
            if rows:
                rows.append([])
            rows += [[title], header, *lines, total]
        return rows

    def _filename(self, campaign, extension):
        return f"sao-ke-{campaign.reference or campaign.id}.{extension}"

    @http.route(
        "/ctxh/transparency/campaign/<int:campaign_id>/statement.csv",
        type="http",
        auth="public",
        methods=["GET"],
        sitemap=False,
        # read only: served from a read replica where the server has one (docs/PERFORMANCE.md)
        readonly=True,
    )
    def statement_csv(self, campaign_id, **kwargs):
        campaign, statement = self._statement(campaign_id)
        if campaign is None:
            return not_found_page()
        out = io.StringIO()
        writer = csv.writer(out)
        for row in self._rows(statement):
            writer.writerow([f"{value:.0f}" if isinstance(value, float) else value for value in row])
        # with a BOM, so that Excel opens the Vietnamese text as UTF-8
        body = "\ufeff" + out.getvalue()
        return request.make_response(
            body.encode("utf-8"),
            headers=[
                ("Content-Type", "text/csv; charset=utf-8"),
                ("Content-Disposition", f'attachment; filename="{self._filename(campaign, "csv")}"'),
            ],
        )

    @http.route(
        "/ctxh/transparency/campaign/<int:campaign_id>/statement.xlsx",
        type="http",
        auth="public",
        methods=["GET"],
        sitemap=False,
        # read only: served from a read replica where the server has one (docs/PERFORMANCE.md)
        readonly=True,
    )
    def statement_xlsx(self, campaign_id, **kwargs):
        campaign, statement = self._statement(campaign_id)
        if campaign is None:
            return not_found_page()
        out = io.BytesIO()
        workbook = xlsxwriter.Workbook(out, {"in_memory": True})
        bold = workbook.add_format({"bold": True})
        title = workbook.add_format({"bold": True, "font_size": 13})
        header = workbook.add_format({"bold": True, "border": 1, "align": "center", "bg_color": "#D9E1F2"})
        cell = workbook.add_format({"border": 1, "text_wrap": True, "valign": "top"})
        money = workbook.add_format({"border": 1, "num_format": "#,##0", "valign": "top"})
        total_money = workbook.add_format({"border": 1, "num_format": "#,##0", "bold": True})
        total_cell = workbook.add_format({"border": 1, "bold": True})
        # one sheet per table, each printing on A4 with its own column headers on every page
        for table_title, columns, lines, total in self._tables(statement):
            sheet = workbook.add_worksheet(table_title[:31])
            sheet.write(0, 0, campaign.name, title)
            sheet.write(1, 0, campaign.company_id.name, bold)
            sheet.write(2, 0, table_title, bold)
            header_row = 4
            set_print_a4(sheet, header_row)
            sheet.write_row(header_row, 0, columns, header)
            for index, row in enumerate([*lines, total], start=header_row + 1):
                is_total = index == header_row + 1 + len(lines)
                for column, value in enumerate(row):
                    if isinstance(value, float):
                        sheet.write_number(index, column, value, total_money if is_total else money)
                    else:
                        sheet.write(index, column, value, total_cell if is_total else cell)
            sheet.set_column(0, 0, 14)
            sheet.set_column(1, 1, 16)
            sheet.set_column(2, 2, 62)
        workbook.close()
        return request.make_response(
            out.getvalue(),
            headers=[
                ("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
                ("Content-Disposition", f'attachment; filename="{self._filename(campaign, "xlsx")}"'),
            ],
        )
