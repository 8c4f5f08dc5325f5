from concurrent.futures import ThreadPoolExecutor

import requests

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

# The method of ctxh_reporting a hospital's Odoo serves over the external API.
DATASET_MODEL = "ctxh.report.dataset"
DATASET_METHOD = "get_period_dataset"
# Hospitals asked at the same time by one pull.
MAX_PARALLEL_PULLS = 8


def call_jsonrpc(url, service, method, args, timeout):
    """One call of Odoo's JSON-RPC endpoint (``/jsonrpc``); returns the result or raises
    :class:`PullError`. Runs outside the ORM (in a worker thread)."""
    payload = {
        "jsonrpc": "2.0",
        "method": "call",
        "params": {"service": service, "method": method, "args": args},
        "id": 1,
    }
    try:
        response = requests.post(f"{url.rstrip('/')}/jsonrpc", json=payload, timeout=timeout)
    except requests.Timeout as err:
        raise PullError("timeout") from err
    except requests.RequestException as err:
        raise PullError("unreachable", detail=str(err)) from err
    if response.status_code != 200:
        raise PullError("http", detail=str(response.status_code))
    try:
        answer = response.json()
    except ValueError as err:
        raise PullError("not_odoo") from err
    if not isinstance(answer, dict) or ("result" not in answer and "error" not in answer):
        raise PullError("not_odoo")
    error = answer.get("error")
    if error:
        data = (error.get("data") if isinstance(error, dict) else None) or {}
        if data.get("name") == "odoo.exceptions.AccessDenied":
            raise PullError("login")
        message = data.get("message") or (error.get("message") if isinstance(error, dict) else None)
        raise PullError("remote", detail=message or str(error))
    return answer["result"]


def fetch_dataset(params):
    """Log in to a hospital's Odoo with its API key and ask for the period dataset.

    :param params: dict with url, database, login, key, timeout and the call's args and kwargs
    :return: ``("ok", dataset)`` or ``("error", PullError)``
    """
    url, timeout = params["url"], params["timeout"]
    try:
        uid = call_jsonrpc(
            url, "common", "authenticate", [params["database"], params["login"], params["key"], {}], timeout
        )
        if not uid:
            raise PullError("login")
        dataset = call_jsonrpc(
            url,
            "object",
            "execute_kw",
            [
                params["database"],
                uid,
                params["key"],
                DATASET_MODEL,
                DATASET_METHOD,
                params["args"],
                params["kwargs"],
            ],
            timeout,
        )
    except PullError as err:
        return "error", err
    return "ok", dataset


class PullError(Exception):
    """Why a hospital's Odoo did not give its dataset (a code, translated by the caller)."""

    def __init__(self, code, detail=""):
        super().__init__(code, detail)
        self.code = code
        self.detail = detail


class CtxhConsolidationSource(models.Model):
    """A hospital's Odoo that a Department of Health pulls the period datasets from, over Odoo's
    external API, logging in with a read-only user of the hospital and its API key."""

    _name = "ctxh.consolidation.source"
    _description = "Consolidation Source"
    _order = "hospital_code, name"

    name = fields.Char(string="Hospital", required=True)
    hospital_code = fields.Char(
        help="Hospital code of the unit; the dataset the source returns must carry it, and the "
        "source serves the company with this code among the user's companies."
    )
    url = fields.Char(string="Odoo Address", required=True, help="e.g. https://odoo.benhvien.vn")
    database = fields.Char(required=True)
    login = fields.Char(
        required=True,
        help="Login of a user of the hospital's Odoo in the group Period Dataset Reader (API).",
    )
    # Never sent to the browser: entered through new_api_key, readable by managers only (the pull
    # runs as a manager).
    api_key = fields.Char(string="API Key", groups="ctxh_case.group_ctxh_manager", copy=False)
    new_api_key = fields.Char(
        string="Access Key",
        compute="_compute_new_api_key",
        inverse="_inverse_new_api_key",
        help="API key of the user in the hospital's Odoo (Preferences > Account Security > New API "
        "Key, scope rpc). It is stored and never shown again.",
    )
    api_key_set = fields.Boolean(string="Key Stored", compute="_compute_api_key_set", store=True)
    timeout = fields.Integer(
        string="Timeout (seconds)", default=30, required=True, help="How long to wait for the answer."
    )
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )

    _sql_constraints = [
        ("timeout_positive", "CHECK(timeout > 0)", "The timeout must be positive."),
    ]

    def _compute_new_api_key(self):
        for source in self:
            source.new_api_key = False

    def _inverse_new_api_key(self):
        for source in self.filtered("new_api_key"):
            source.api_key = source.new_api_key.strip()
        # Not even the answer to the save sends it back to the browser.
        self.invalidate_recordset(["new_api_key"])

    @api.depends("api_key")
    def _compute_api_key_set(self):
        for source in self:
            source.api_key_set = bool(source.api_key)

    @api.constrains("url")
    def _check_url(self):
        for source in self:
            if not (source.url or "").startswith(("http://", "https://")):
                raise ValidationError(
                    _(
                        "The address of %(hospital)s must start with http:// or https://.",
                        hospital=source.name,
                    )
                )

    def _pull_params(self, period_kind, date_from, date_to):
        """What a worker thread needs to ask each source for its dataset (read here, in the ORM)."""
        return [
            {
                "url": source.url,
                "database": source.database,
                "login": source.login,
                "key": source.api_key or "",
                "timeout": source.timeout,
                "args": [str(date_from), str(date_to)],
                "kwargs": {"period_kind": period_kind, "hospital_code": source.hospital_code or None},
            }
            for source in self
        ]

    def _pull_datasets(self, period_kind, date_from, date_to):
        """Ask every source at once for its dataset of the period.

        :return: ``[(source, dataset or None, error message or None)]`` in the order of ``self``
        """
        params = self._pull_params(period_kind, date_from, date_to)
        with ThreadPoolExecutor(max_workers=min(MAX_PARALLEL_PULLS, len(params) or 1)) as pool:
            answers = list(pool.map(fetch_dataset, params))
        results = []
        for source, (status, value) in zip(self, answers, strict=True):
            if status == "ok":
                results.append((source, value, None))
            else:
                results.append((source, None, source._pull_error_message(value)))
        return results

    def _pull_error_message(self, error):
        self.ensure_one()
        messages = {
            "timeout": _("did not answer within %(seconds)s seconds.", seconds=self.timeout),
            "unreachable": _("cannot be reached at %(url)s (%(detail)s).", url=self.url, detail=error.detail),
            "http": _("answered with the HTTP status %(status)s.", status=error.detail),
            "not_odoo": _("did not answer as an Odoo server at %(url)s.", url=self.url),
            "login": _(
                "refused the login %(login)s with its access key (wrong database, login or key).",
                login=self.login,
            ),
            "remote": _("answered with an error: %(message)s", message=error.detail),
        }
        return messages.get(error.code, error.code)
