from odoo import fields, http
from odoo.http import request


class CtxhTransparency(http.Controller):
    """Public disclosure pages of the funds and campaigns (no login), in Vietnamese when installed."""

    def _set_lang(self):
        if request.env["res.lang"].sudo().search_count([("code", "=", "vi_VN")], limit=1):
            request.update_context(lang="vi_VN")

    def _period(self, date_from, date_to):
        try:
            start = fields.Date.to_date(date_from) if date_from else None
            end = fields.Date.to_date(date_to) if date_to else None
        except ValueError:
            start = end = None
        return start, end

    @http.route("/ctxh/transparency", type="http", auth="public", methods=["GET"], sitemap=False)
    def transparency_index(self, **kwargs):
        self._set_lang()
        funds = request.env["ctxh.fund"].sudo().search_read([("active", "=", True)], ["name", "code"])
        campaigns = request.env["ctxh.campaign"].sudo().search_read([("active", "=", True)], ["name"])
        return request.render("ctxh_donation.transparency_index", {"funds": funds, "campaigns": campaigns})

    @http.route(
        "/ctxh/transparency/fund/<int:fund_id>", type="http", auth="public", methods=["GET"], sitemap=False
    )
    def transparency_fund(self, fund_id, date_from=None, date_to=None, **kwargs):
        fund = request.env["ctxh.fund"].sudo().browse(fund_id).exists()
        if not fund or not fund.active:
            raise request.not_found()
        self._set_lang()
        start, end = self._period(date_from, date_to)
        data = fund._get_public_report(start, end)
        return request.render("ctxh_donation.transparency_page", {"data": data})

    @http.route(
        "/ctxh/transparency/campaign/<int:campaign_id>",
        type="http",
        auth="public",
        methods=["GET"],
        sitemap=False,
    )
    def transparency_campaign(self, campaign_id, date_from=None, date_to=None, **kwargs):
        campaign = request.env["ctxh.campaign"].sudo().browse(campaign_id).exists()
        if not campaign or not campaign.active:
            raise request.not_found()
        self._set_lang()
        start, end = self._period(date_from, date_to)
        data = campaign.fund_id._get_public_report(start, end, campaign=campaign)
        return request.render("ctxh_donation.transparency_page", {"data": data})
