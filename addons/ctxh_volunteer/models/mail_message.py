from odoo import api, models


class MailMessage(models.Model):
    _inherit = "mail.message"

    @api.model
    def _find_allowed_model_wise(self, doc_model, doc_dict):
        """Searching messages: those of a shift are for the users who may edit it (see
        ``ctxh.shift._get_mail_message_access``), not for the volunteers who may only read it."""
        if doc_model == "ctxh.shift" and not self.env["ir.model.access"].check(doc_model, "write", False):
            return set()
        return super()._find_allowed_model_wise(doc_model, doc_dict)
