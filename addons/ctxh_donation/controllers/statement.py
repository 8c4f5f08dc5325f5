import csv
import io

import xlsxwriter

from odoo import _, http
from odoo.http import request
from odoo.tools.misc import format_date


class CtxhPublishedStatement(http.Controller):
    """Downloads of a campaign's published statement (sao kê): every receipt and every use of
    its money, the same rows and totals as its public page (ctxh.campaign._ctxh_public_statement).
    Nothing is read here: the model returns plain values."""

    def _statement(self, campaign_id):
        if "vi_VN" in dict(request.env["res.lang"].get_installed()):
            request.update_context(lang="vi_VN")
        # sudo: whether the campaign exists, is active and publishes its statement
        campaign = request.env["ctxh.campaign"].sudo().browse(campaign_id).exists()
        if not (campaign and campaign.active and campaign.fund_id.active and campaign.statement_published):
            raise request.not_found()
        return campaign, campaign._ctxh_public_statement()

    def _rows(self, statement):
        """The statement as a table: header, receipts, their total, uses, their total."""
        env = request.env
        rows = [[_("Gifts Received")], [_("Date"), _("Amount"), _("Transfer Content")]]
        rows += [[format_date(env, r["date"]), r["amount"], r["content"]] for r in statement["receipts"]]
        rows += [[_("Total received"), statement["received"], ""], [], [_("Uses of the money")]]
        rows += [[_("Date"), _("Amount"), _("Support Type")]]
        rows += [[format_date(env, u["date"]), u["amount"], u["support_type"]] for u in statement["uses"]]
        rows += [[_("Total used"), statement["used"], ""]]
        return rows

    def _filename(self, campaign, extension):
        return f"sao-ke-{campaign.reference or campaign.id}.{extension}"

    @http.route(
        "/ctxh/transparency/campaign/<int:campaign_id>/statement.csv",
        type="http",
        auth="public",
        methods=["GET"],
        sitemap=False,
    )
    def statement_csv(self, campaign_id, **kwargs):
        campaign, statement = self._statement(campaign_id)
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
    )
    def statement_xlsx(self, campaign_id, **kwargs):
        campaign, statement = self._statement(campaign_id)
        out = io.BytesIO()
        workbook = xlsxwriter.Workbook(out, {"in_memory": True})
        sheet = workbook.add_worksheet(_("Statement")[:31])
        bold = workbook.add_format({"bold": True})
        money = workbook.add_format({"num_format": "#,##0"})
        sheet.write(0, 0, campaign.name, bold)
        sheet.write(1, 0, campaign.company_id.name)
        for index, row in enumerate(self._rows(statement), start=3):
            for column, value in enumerate(row):
                if isinstance(value, float):
                    sheet.write_number(index, column, value, money)
                else:
                    sheet.write(index, column, value, bold if len(row) == 1 else None)
        sheet.set_column(0, 0, 16)
        sheet.set_column(1, 1, 18)
        sheet.set_column(2, 2, 60)
        workbook.close()
        return request.make_response(
            out.getvalue(),
            headers=[
                ("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
                ("Content-Disposition", f'attachment; filename="{self._filename(campaign, "xlsx")}"'),
            ],
        )
