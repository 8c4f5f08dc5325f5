from odoo import fields, models


class CtxhConsolidationImport(models.TransientModel):
    """Upload the period datasets of several hospitals into a consolidation."""

    _name = "ctxh.consolidation.import"
    _description = "Import Period Datasets"

    consolidation_id = fields.Many2one("ctxh.consolidation", required=True, ondelete="cascade")
    attachment_ids = fields.Many2many("ir.attachment", string="Dataset Files")

    def action_import(self):
        self.ensure_one()
        Consolidation = self.env["ctxh.consolidation"]
        files = [(att.name, Consolidation._decode_attachment(att)) for att in self.attachment_ids]
        self.consolidation_id.import_datasets(files)
        self.attachment_ids.unlink()
        return {"type": "ir.actions.act_window_close"}
