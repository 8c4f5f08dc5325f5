from odoo import api, models
from odoo.tools import SQL

# How long a request waits for a row another request holds (a fund, a journal, a document).
# Past it PostgreSQL raises LockNotAvailable, which Odoo's request handler retries like a
# serialization failure (odoo.service.model.retrying): the user sees a slower answer, not an error.
LOCK_TIMEOUT = "10s"


class CtxhMoneyLock(models.AbstractModel):
    """Row locks that serialise the money operations on one fund, journal or document.

    ``_ctxh_lock_rows`` waits (bounded by ``LOCK_TIMEOUT``) for the rows, then touches them. The
    touch makes a transaction whose snapshot predates a concurrent, now committed change of the
    same rows fail with a serialization error instead of working on stale balances; Odoo then
    replays the whole request with a fresh snapshot. Both statements run with
    ``log_exceptions=False``: an expected wait or replay is not a "bad query" in the server log,
    and the PostgreSQL errors are not turned into ``UserError`` so that Odoo's retry sees them.
    """

    _name = "ctxh.money.lock"
    _description = "Money Row Locks"

    @api.model
    def _ctxh_lock_rows(self, table, ids):
        ids = tuple(sorted(set(ids)))
        if not ids:
            return
        cr = self.env.cr
        cr.execute("SHOW lock_timeout")
        previous = cr.fetchone()[0]
        cr.execute("SELECT set_config('lock_timeout', %s, true)", [LOCK_TIMEOUT])
        table_sql = SQL.identifier(table)
        cr.execute(
            SQL("SELECT id FROM %s WHERE id IN %s ORDER BY id FOR UPDATE", table_sql, ids),
            log_exceptions=False,
        )
        cr.execute(
            SQL("UPDATE %s SET write_date = write_date WHERE id IN %s", table_sql, ids), log_exceptions=False
        )
        cr.execute("SELECT set_config('lock_timeout', %s, true)", [previous])

    def _ctxh_lock(self):
        """Lock the rows of ``self`` (pending changes of them are flushed first)."""
        self.flush_recordset()
        self._ctxh_lock_rows(self._table, self.ids)
