from odoo import _, fields, http
from odoo.http import request


class CtxhTransparency(http.Controller):
    """Public disclosure pages of one hospital's funds and campaigns (no login).

    The controller reads nothing itself: figures come from ``ctxh.fund._ctxh_public_index`` and
    ``ctxh.fund._ctxh_public_page``, which return aggregates only (see ctxh_fund_disclosure.py).
    """

    def _set_lang(self):
        if "vi_VN" in dict(request.env["res.lang"].get_installed()):
            request.update_context(lang="vi_VN")

    def _bad_request(self, message):
        response = request.render("ctxh_donation.transparency_error", {"message": message})
        response.status_code = 400
        return response

    def _period(self, date_from, date_to):
        """(start, end, error message): dates as yyyy-mm-dd, start before end."""
        try:
            start = fields.Date.to_date(date_from) if date_from else None
            end = fields.Date.to_date(date_to) if date_to else None
        except ValueError:
            return None, None, _("Dates are written as year-month-day, for example 2026-01-31.")
        if start and end and start > end:
            return None, None, _("The period starts after it ends.")
        return start, end, None

    @http.route(
        ["/ctxh/transparency", "/ctxh/transparency/<int:company_id>"],
        type="http",
        auth="public",
        methods=["GET"],
        sitemap=False,
    )
    def transparency_index(self, company_id=None, company=None, **kwargs):
        self._set_lang()
        if company is not None:
            if not company.isdigit():
                raise request.not_found()
            company_id = int(company)
        data = request.env["ctxh.fund"]._ctxh_public_index(company_id)
        if data is None:
            raise request.not_found()
        return request.render("ctxh_donation.transparency_index", data)

    def _page(self, date_from, date_to, **ids):
        self._set_lang()
        start, end, error = self._period(date_from, date_to)
        if error:
            return self._bad_request(error)
        data = request.env["ctxh.fund"]._ctxh_public_page(date_from=start, date_to=end, **ids)
        if data is None:
            raise request.not_found()
        return request.render("ctxh_donation.transparency_page", {"data": data})

    @http.route(
        "/ctxh/transparency/fund/<int:fund_id>", type="http", auth="public", methods=["GET"], sitemap=False
    )
    def transparency_fund(self, fund_id, date_from=None, date_to=None, **kwargs):
        return self._page(date_from, date_to, fund_id=fund_id)

    @http.route(
        "/ctxh/transparency/campaign/<int:campaign_id>",
        type="http",
        auth="public",
        methods=["GET"],
        sitemap=False,
    )
    def transparency_campaign(self, campaign_id, date_from=None, date_to=None, **kwargs):
        return self._page(date_from, date_to, campaign_id=campaign_id)
