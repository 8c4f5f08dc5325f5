from odoo import models


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
