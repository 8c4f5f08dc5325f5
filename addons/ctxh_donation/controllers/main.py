import re
import threading
import time
from collections import OrderedDict

from odoo import _, fields, http
from odoo.http import request

# Pages served to anonymous visitors, kept for at most CACHE_SECONDS and only while the figures
# they show are the same (ctxh.fund._ctxh_public_version: money posted in the fund's journal,
# support committed, the fund, campaign or hospital changed). Per server process.
CACHE_SECONDS = 600
CACHE_SIZE = 256


class _PageCache:
    def __init__(self):
        self._pages = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key):
        with self._lock:
            entry = self._pages.get(key)
            if not entry:
                return None
            expires, html = entry
            if expires < time.monotonic():
                del self._pages[key]
                return None
            self._pages.move_to_end(key)
            return html

    def put(self, key, html):
        with self._lock:
            self._pages[key] = (time.monotonic() + CACHE_SECONDS, html)
            self._pages.move_to_end(key)
            while len(self._pages) > CACHE_SIZE:
                self._pages.popitem(last=False)

    def clear(self):
        with self._lock:
            self._pages.clear()


public_pages = _PageCache()

DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")


def not_found_page():
    """A 404 that tells the visitor, in their language, that there is nothing public here (an
    unknown or unpublished fund, campaign or hospital): the same page whatever the reason."""
    response = request.render(
        "ctxh_donation.transparency_error",
        {"message": _("Page not found: this fund, campaign or hospital does not exist or is not public.")},
    )
    response.status_code = 404
    return response


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
            # the whole value: Odoo reads the first 10 characters only ("2026-01-31abc")
            if any(value and not DATE_RE.fullmatch(value) for value in (date_from, date_to)):
                raise ValueError(date_from, date_to)
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
        # read only: served from a read replica where the server has one (docs/PERFORMANCE.md)
        readonly=True,
    )
    def transparency_index(self, company_id=None, company=None, **kwargs):
        self._set_lang()
        if company is not None:
            if not company.isdigit():
                return not_found_page()
            company_id = int(company)
        data = request.env["ctxh.fund"]._ctxh_public_index(company_id)
        if data is None:
            return not_found_page()
        return request.render("ctxh_donation.transparency_index", data)

    def _page(self, date_from, date_to, **ids):
        self._set_lang()
        start, end, error = self._period(date_from, date_to)
        if error:
            return self._bad_request(error)
        Fund = request.env["ctxh.fund"]
        key = None
        if request.env.user._is_public():
            version = Fund._ctxh_public_version(**ids)
            if version is None:
                return not_found_page()
            key = (request.db, tuple(sorted(ids.items())), start, end, request.env.lang, version)
            html = public_pages.get(key)
            if html is not None:
                return request.make_response(html, headers=[("Content-Type", "text/html; charset=utf-8")])
        data = Fund._ctxh_public_page(date_from=start, date_to=end, **ids)
        if data is None:
            return not_found_page()
        response = request.render("ctxh_donation.transparency_page", {"data": data})
        if key is None:
            return response
        html = response.render()
        public_pages.put(key, html)
        return request.make_response(html, headers=[("Content-Type", "text/html; charset=utf-8")])

    @http.route(
        "/ctxh/transparency/fund/<int:fund_id>",
        type="http",
        auth="public",
        methods=["GET"],
        sitemap=False,
        readonly=True,
    )
    def transparency_fund(self, fund_id, date_from=None, date_to=None, **kwargs):
        return self._page(date_from, date_to, fund_id=fund_id)

    @http.route(
        "/ctxh/transparency/campaign/<int:campaign_id>",
        type="http",
        auth="public",
        methods=["GET"],
        sitemap=False,
        # read only: served from a read replica where the server has one (docs/PERFORMANCE.md)
        readonly=True,
    )
    def transparency_campaign(self, campaign_id, date_from=None, date_to=None, **kwargs):
        return self._page(date_from, date_to, campaign_id=campaign_id)
