from odoo import models


class IrActionsReport(models.Model):
    _inherit = "ir.actions.report"

    def _ctxh_log_report(self, report_ref, res_ids):
        """Log a report printed on case data (models inheriting ``ctxh.access.logged``)."""
        report = self._get_report(report_ref)
        Model = self.env.get(report.model)
        if Model is None or not hasattr(Model, "_ctxh_access_logged_records") or not res_ids:
            return
        records = Model.browse(res_ids)._ctxh_access_logged_records()
        if records:
            self.env["ctxh.access.log"]._ctxh_log(
                [{"access_type": "report", "records": records, "details": report.sudo().name}]
            )

    # A PDF is rendered from the HTML report: hooking the HTML and text renderings logs each
    # printed report once.
    def _render_qweb_html(self, report_ref, docids, data=None):
        result = super()._render_qweb_html(report_ref, docids, data=data)
        self._ctxh_log_report(report_ref, docids)
        return result

    def _render_qweb_text(self, report_ref, docids, data=None):
        result = super()._render_qweb_text(report_ref, docids, data=data)
        self._ctxh_log_report(report_ref, docids)
        return result
