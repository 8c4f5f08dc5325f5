from odoo import fields, models


class CtxhConsolidationValue(models.Model):
    """A figure of one unit in a consolidation (pivot-friendly)."""

    _name = "ctxh.consolidation.value"
    _description = "Consolidation Figure"
    _order = "line_id, figure_code"

    consolidation_id = fields.Many2one("ctxh.consolidation", required=True, ondelete="cascade", index=True)
    line_id = fields.Many2one(
        "ctxh.consolidation.line", string="Unit", required=True, ondelete="cascade", index=True
    )
    figure_code = fields.Char(required=True, index=True)
    value = fields.Float(digits=(16, 2), aggregator="sum")
