import contextlib
import contextvars
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.http import request
from odoo.osv import expression

# (model, ids) of the record whose form is being loaded by web_read: its read() writes the one
# log entry of the form opening. A context variable of this request, not the ORM context, which
# an RPC caller could set.
FORM_READ = contextvars.ContextVar("ctxh_form_read", default=None)
_LIST = "list"


@contextlib.contextmanager
def form_read(records):
    """Within web_read of one record (a form opening), FORM_READ names that record; within a
    list load (web_search_read, which calls web_read) or the records of a form (its x2many
    lists), nothing else is a form opening."""
    if records is None:
        value = _LIST
    elif FORM_READ.get() is not None or len(records) != 1:
        value = FORM_READ.get()
    else:
        value = (records._name, tuple(records.ids))
    token = FORM_READ.set(value)
    try:
        yield
    finally:
        FORM_READ.reset(token)


ACCESS_TYPES = [
    ("case", "Case opened"),
    ("sensitive", "Sensitive case or section opened"),
    ("note", "Confidential note opened"),
    ("export", "Export"),
    ("report", "Printed report"),
    ("deletion", "Deletion"),
]


class CtxhAccessLog(models.Model):
    """Who opened, exported or printed which case data, when and from where.

    Rows are written by the system on behalf of the user who acts (``_ctxh_log``); nobody can
    create, change or delete them through the ORM (no access right grants it and ``write`` and
    ``unlink`` refuse). Only the daily retention job removes the rows older than the company's
    retention period.
    """

    _name = "ctxh.access.log"
    _description = "Case Data Access Log"
    _order = "date desc, id desc"
    _log_access = False

    date = fields.Datetime(required=True, readonly=True, index=True, default=fields.Datetime.now)
    user_id = fields.Many2one("res.users", string="User", required=True, readonly=True, index=True)
    access_type = fields.Selection(ACCESS_TYPES, string="Access", required=True, readonly=True, index=True)
    res_model = fields.Char(string="Model", required=True, readonly=True, index=True)
    model_description = fields.Char(string="Document Type", readonly=True)
    res_id = fields.Many2oneReference(string="Record ID", model_field="res_model", readonly=True, index=True)
    res_name = fields.Char(string="Record", readonly=True)
    record_count = fields.Integer(string="Records", readonly=True, default=1)
    res_ids = fields.Text(string="Record IDs", readonly=True, help="Every record of an export or a report.")
    details = fields.Char(readonly=True, help="Exported fields, report or section opened.")
    ip_address = fields.Char(string="IP Address", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True, index=True)

    @api.depends("res_name", "access_type", "date")
    def _compute_display_name(self):
        types = dict(self._fields["access_type"]._description_selection(self.env))
        for log in self:
            log.display_name = f"{types.get(log.access_type, '')}: {log.res_name or log.res_model or ''}"

    # -------------------------------------------------------------- append only
    def write(self, vals):
        if vals:
            raise UserError(_("The access log cannot be changed."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_expired(self):
        # Only the retention job deletes (as superuser), and only rows past the retention period
        # of their company: an administrator cannot erase the trail of a recent access.
        if not self.env.su:
            raise UserError(_("The access log cannot be deleted."))
        if self - self.search([("id", "in", self.ids), *self._expired_domain()]):
            raise UserError(_("Only access log entries older than the retention period can be purged."))

    @api.model
    def _expired_domain(self):
        """Entries older than the retention period of their company (without a company: the
        longest period)."""
        now = fields.Datetime.now()
        companies = self.env["res.company"].sudo().search([])
        domains = [
            [
                ("company_id", "=", company.id),
                ("date", "<", now - timedelta(days=company.ctxh_access_log_retention_days)),
            ]
            for company in companies
        ]
        longest = max(companies.mapped("ctxh_access_log_retention_days") or [0])
        domains.append([("company_id", "=", False), ("date", "<", now - timedelta(days=longest))])
        return expression.OR(domains)

    @api.model
    def _cron_purge_expired(self, batch_size=5000):
        """Delete the entries older than their company's retention period, a batch per run; the
        cron is called again while some remain."""
        # sudo: nobody has the right to delete log entries; the job runs as superuser and
        # unlink() itself lets it remove only the expired ones.
        Log = self.sudo()
        expired = Log._expired_domain()
        batch = Log.search(expired, limit=batch_size, order="id")
        batch.unlink()
        remaining = Log.search_count(expired) if len(batch) == batch_size else 0
        self.env["ir.cron"]._notify_progress(done=len(batch), remaining=remaining)
        return len(batch)

    # -------------------------------------------------------------- writing
    @api.model
    def _ctxh_log(self, entries):
        """Record accesses of the current user: ``entries`` is a list of dicts with
        ``access_type``, ``records`` (a recordset) and optionally ``details``. One row per
        entry, all rows in one INSERT."""
        entries = [e for e in entries if e.get("records")]
        if not entries:
            return self.browse()
        ip_address = False
        if request and getattr(request, "httprequest", None):
            ip_address = request.httprequest.remote_addr
        now = fields.Datetime.now()
        vals_list = []
        for entry in entries:
            # sudo: the names are read for the log whatever the rights of the user (a report may
            # be rendered from ids the user's rules would hide; the log must still say which)
            records = entry["records"].sudo()
            single = len(records) == 1
            company = records[:1].company_id if "company_id" in records._fields else self.env.company
            vals_list.append(
                {
                    "date": now,
                    "user_id": self.env.uid,
                    "access_type": entry["access_type"],
                    "res_model": records._name,
                    "model_description": records._description,
                    "res_id": records.id if single else False,
                    "res_name": (records.display_name if single else entry.get("name")) or False,
                    "record_count": len(records),
                    "res_ids": False if single else ",".join(map(str, records.ids)),
                    "details": (entry.get("details") or "")[:250] or False,
                    "ip_address": ip_address,
                    "company_id": (company or self.env.company).id,
                }
            )
        # sudo: users have no right to create log entries (so they cannot forge them); the system
        # writes them on their behalf, with their user id.
        return self.sudo().create(vals_list)
