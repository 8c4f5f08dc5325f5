"""Screenshots of ctxh's main screens in Vietnamese, for the README (docs/screenshots/*.png).

    python scripts/screenshots.py [--url http://127.0.0.1:8069] [--db ctxh_demo] [--out docs/screenshots]
                                  [--only NAME,...]

Drives a headless Chromium through the Chrome DevTools protocol (websocket-client) against a
running demo server (`make run`, or `make screenshots`, which starts one). Each screen is taken
as the demo user whose work it is (README, "Demo logins"), in a fixed window (1366x768; a phone,
390x844, for the volunteer portal), once the page has finished loading: the screen's own element
is there, Odoo shows no spinner, no request is pending and the fonts are loaded.
"""

import argparse
import base64
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests
import websocket

ROOT = Path(__file__).resolve().parent.parent
DESKTOP = (1366, 768)
PHONE = (390, 844)

# name, login (None: the public), path (or a callable(rpc) -> path), element that must be shown,
# window size, text that must be on the screen (checks the screen is the right one, in Vietnamese)
SCREENS = [
    (
        "cases-kanban",
        "lan.lt",
        "/odoo/action-ctxh_case.ctxh_case_action",
        ".o_kanban_renderer .o_kanban_record",
        DESKTOP,
        "Hồ sơ",
    ),
    (
        "case-form",
        "lan.lt",
        lambda rpc: (
            "/odoo/action-ctxh_case.ctxh_case_action/%s"
            % rpc.first("ctxh.case", [("user_id.login", "=", "lan.lt"), ("plan_ids.state", "=", "approved")])
        ),
        ".o_form_view .o_field_widget[name=partner_id]",
        DESKTOP,
        "Người bệnh",
    ),
    (
        "donation-form",
        "hoa.nt",
        lambda rpc: (
            "/odoo/action-ctxh_donation.ctxh_donation_action/%s"
            % rpc.first("ctxh.donation", [("state", "=", "confirmed"), ("is_anonymous", "=", False)])
        ),
        ".o_form_view .o_field_widget[name=receipt_number]",
        DESKTOP,
        "Nhà hảo tâm",
    ),
    (
        "funds",
        "binh.lv",
        "/odoo/action-ctxh_donation.ctxh_fund_action",
        ".o_kanban_renderer .o_kanban_record",
        DESKTOP,
        "Khả dụng",
    ),
    (
        "allocation-approval",
        "trang.bt",
        lambda rpc: (
            "/odoo/action-ctxh_donation.ctxh_allocation_action_to_approve/%s"
            % rpc.first("ctxh.allocation", [("state", "in", ("to_approve", "to_approve_2"))])
        ),
        ".o_form_view button[name=action_approve]",
        DESKTOP,
        "Phê duyệt",
    ),
    (
        "dashboard",
        "trang.bt",
        "/odoo/action-ctxh_reporting.ctxh_dashboard_kpi_action",
        ".o_kanban_renderer .o_kanban_record",
        DESKTOP,
        "₫",
    ),
    (
        "report-wizard",
        "trang.bt",
        "/odoo/action-ctxh_reporting.ctxh_report_wizard_action",
        ".modal .o_form_view .o_field_widget[name=period_kind]",
        DESKTOP,
        "Báo cáo Excel",
    ),
    (
        "volunteer-portal-phone",
        "tnv.demo",
        "/my/volunteer/shifts",
        "main",
        PHONE,
        "Ca trực",
    ),
    (
        "public-transparency",
        None,
        lambda rpc: f"/ctxh/transparency/fund/{rpc.ref('ctxh_donation.ctxh_fund_general_demo')}",
        ".ctxh-transparency table",
        DESKTOP,
        "Nhà hảo tâm",
    ),
]

# The page is ready: the element is there, Odoo has no blocking overlay nor spinner, the fonts
# are loaded and the network has been quiet for a moment (see _wait_ready).
READY_JS = """(() => {
    const error = document.querySelector('.o_error_dialog, .o_dialog_error');
    if (error) return 'error: ' + error.innerText;
    if (document.readyState !== 'complete') return false;
    if (!document.querySelector(%s)) return false;
    const busy = '.o_blockUI, .o_loading_indicator, .o-main-components-container .o_loading';
    if (document.querySelector(busy)) return false;
    if (document.fonts && document.fonts.status !== 'loaded') return false;
    return true;
})()"""


class Rpc:
    """JSON-RPC as the administrator, to find the records the screens show."""

    def __init__(self, url, db, login="admin", password="admin"):
        self.url, self.session = url, requests.Session()
        self.call("/web/session/authenticate", {"db": db, "login": login, "password": password})

    def call(self, path, params):
        response = self.session.post(
            self.url + path, json={"jsonrpc": "2.0", "method": "call", "params": params}, timeout=60
        )
        response.raise_for_status()
        body = response.json()
        if body.get("error"):
            raise RuntimeError(f"{path}: {body['error'].get('data', {}).get('message', body['error'])}")
        return body["result"]

    def kw(self, model, method, args, kwargs=None):
        return self.call(
            "/web/dataset/call_kw",
            {"model": model, "method": method, "args": args, "kwargs": kwargs or {}},
        )

    def ref(self, xmlid):
        module, name = xmlid.split(".")
        domain = [("module", "=", module), ("name", "=", name)]
        found = self.kw("ir.model.data", "search_read", [domain], {"fields": ["res_id"]})
        if not found:
            raise RuntimeError(f"no record {xmlid} in the database (is it the demo database?)")
        return found[0]["res_id"]

    def first(self, model, domain):
        ids = self.kw(model, "search", [domain], {"limit": 1, "order": "id"})
        if not ids:
            raise RuntimeError(f"no {model} matching {domain} in the database")
        return ids[0]


def login_cookie(url, db, login):
    """The session cookie of ``login`` (whose demo password is the login)."""
    session = requests.Session()
    response = session.post(
        url + "/web/session/authenticate",
        json={"jsonrpc": "2.0", "method": "call", "params": {"db": db, "login": login, "password": login}},
        timeout=60,
    )
    response.raise_for_status()
    if response.json().get("error") or "session_id" not in session.cookies:
        raise RuntimeError(f"cannot log in as {login} (password {login})")
    return session.cookies["session_id"]


class Chromium:
    """A headless Chromium and one page of it, driven through the DevTools protocol."""

    def __init__(self):
        names = ("chromium", "chromium-browser", "google-chrome")
        binary = next((shutil.which(name) for name in names if shutil.which(name)), None)
        if not binary:
            sys.exit("screenshots: no Chromium found (Debian: apt-get install chromium)")
        self.profile = tempfile.mkdtemp(prefix="ctxh-shots-")
        self.process = subprocess.Popen(
            [
                binary,
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--hide-scrollbars",
                "--no-first-run",
                "--lang=vi-VN",
                "--remote-debugging-port=0",
                f"--user-data-dir={self.profile}",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        port_file = Path(self.profile) / "DevToolsActivePort"
        for _attempt in range(200):
            if port_file.exists() and port_file.read_text().strip():
                break
            time.sleep(0.1)
        port = int(port_file.read_text().split()[0])
        for _attempt in range(100):
            try:
                pages = requests.get(f"http://127.0.0.1:{port}/json", timeout=5).json()
                page = next(p for p in pages if p["type"] == "page")
                break
            except (requests.RequestException, StopIteration):
                time.sleep(0.1)
        self.ws = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=60, suppress_origin=True)
        self.next_id = 0
        self.inflight = {}
        self.cmd("Page.enable")
        self.cmd("Network.enable")

    def cmd(self, method, **params):
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            self._event(message)

    def _event(self, message):
        method, params = message.get("method"), message.get("params", {})
        if method == "Network.requestWillBeSent":
            url = params["request"]["url"]
            # the bus (its shared worker and websocket) stays open as long as the page does
            if "/bus/" not in url and "/websocket" not in url and not url.startswith("data:"):
                self.inflight[params["requestId"]] = url
        elif method in ("Network.loadingFinished", "Network.loadingFailed"):
            self.inflight.pop(params["requestId"], None)

    def pump(self, seconds):
        """Read the browser's events for ``seconds`` (requests in flight)."""
        self.ws.settimeout(seconds)
        try:
            while True:
                self._event(json.loads(self.ws.recv()))
        except websocket.WebSocketTimeoutException:
            pass
        finally:
            self.ws.settimeout(60)

    def evaluate(self, expression):
        result = self.cmd("Runtime.evaluate", expression=expression, returnByValue=True)
        return result.get("result", {}).get("value")

    def close(self):
        try:
            self.ws.close()
        finally:
            self.process.terminate()
            self.process.wait(timeout=30)
            shutil.rmtree(self.profile, ignore_errors=True)


def shoot(browser, url, cookie, path, selector, size, text, target, timeout=90):
    width, height = size
    mobile = width < 600
    browser.cmd(
        "Emulation.setDeviceMetricsOverride", width=width, height=height, deviceScaleFactor=1, mobile=mobile
    )
    browser.cmd("Emulation.setTouchEmulationEnabled", enabled=mobile)
    # leave the previous screen before its user's session goes: no late request of it runs as
    # the next user
    browser.cmd("Page.navigate", url="about:blank")
    browser.pump(0.5)
    browser.cmd("Network.clearBrowserCookies")
    if cookie:
        browser.cmd("Network.setCookie", name="session_id", value=cookie, url=url)
    browser.inflight.clear()
    browser.cmd("Page.navigate", url=url + path)
    deadline = time.time() + timeout
    quiet_since = None
    while time.time() < deadline:
        browser.pump(0.25)
        ready = browser.evaluate(READY_JS % json.dumps(selector))
        if isinstance(ready, str):
            raise RuntimeError(f"{path}: Odoo shows an error: {' '.join(ready.split())[:300]}")
        if ready and not browser.inflight:
            quiet_since = quiet_since or time.time()
            if time.time() - quiet_since >= 1.5:  # animations done, late requests answered
                break
        else:
            quiet_since = None
    else:
        shot = browser.cmd("Page.captureScreenshot", format="png")
        failed = target.with_name(target.stem + "-not-ready.png")
        failed.write_bytes(base64.b64decode(shot["data"]))
        raise RuntimeError(
            f"{path}: not ready after {timeout} s (element {selector!r}, "
            f"pending: {sorted(browser.inflight.values())}); what the browser showed: {failed}"
        )
    shown = browser.evaluate("document.body.innerText") or ""
    if text not in shown:
        raise RuntimeError(f"{path}: the screen does not show {text!r}")
    shot = browser.cmd("Page.captureScreenshot", format="png")
    target.write_bytes(base64.b64decode(shot["data"]))


def main(argv=None):
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--url", default=os.environ.get("CTXH_URL", "http://127.0.0.1:8069"))
    parser.add_argument("--db", default=os.environ.get("CTXH_DB", "ctxh_demo"))
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    parser.add_argument("--only", default="", help="comma-separated names of screens")
    args = parser.parse_args(argv)
    url = args.url.rstrip("/")
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    only = {name for name in args.only.split(",") if name}
    rpc = Rpc(url, args.db)
    browser = Chromium()
    failures = 0
    try:
        for name, login, path, selector, size, text in SCREENS:
            if only and name not in only:
                continue
            try:
                path = path(rpc) if callable(path) else path
                cookie = login_cookie(url, args.db, login) if login else None
                shoot(browser, url, cookie, path, selector, size, text, out / f"{name}.png")
                print(f"screenshots: {name}.png ({login or 'public'}, {path})")
            except (RuntimeError, requests.RequestException) as err:
                failures += 1
                print(f"screenshots: {name} FAILED: {err}", file=sys.stderr)
    finally:
        browser.close()
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
