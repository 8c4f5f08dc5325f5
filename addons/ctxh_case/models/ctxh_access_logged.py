from odoo import api, models

from .ctxh_access_log import form_read


class CtxhAccessLogged(models.AbstractModel):
    """Case data whose exports and printed reports are written in the access log."""

    _name = "ctxh.access.logged"
    _description = "Case Data in the Access Log"

    def _ctxh_access_logged_records(self):
        """The records of ``self`` whose access is logged (all of them by default)."""
        return self

    def export_data(self, fields_to_export):
        result = super().export_data(fields_to_export)
        records = self._ctxh_access_logged_records()
        if records:
            self.env["ctxh.access.log"]._ctxh_log(
                [{"access_type": "export", "records": records, "details": ", ".join(fields_to_export)}]
            )
        return result


class CtxhAccessLoggedForm(models.AbstractModel):
    """Case data whose form openings are written in the access log too: ``_ctxh_log_read``
    receives the fields of every read and decides what to log (see ctxh.case, ctxh.case.note)."""

    _name = "ctxh.access.logged.form"
    _inherit = ["ctxh.access.logged"]
    _description = "Case Data Whose Openings Are in the Access Log"

    def web_read(self, specification):
        with form_read(self):
            return super().web_read(specification)

    # a form opening writes its access log entry: not on a read-only (replica) cursor
    web_read._readonly = False

    @api.model
    @api.readonly
    def web_search_read(self, *args, **kwargs):
        with form_read(None):
            return super().web_search_read(*args, **kwargs)

    def _read_format(self, fnames, load="_classic_read"):
        result = super()._read_format(fnames, load=load)
        if self and not self.env.su:
            self._ctxh_log_read(set(fnames))
        return result

    def _ctxh_log_read(self, fnames):
        """Write the access log entries of a read of ``fnames`` (a set) of ``self``."""
