from odoo import fields, models


class CtxhConsolidationLine(models.Model):
    """One hospital (unit) of a provincial consolidation, from one imported dataset."""

    _name = "ctxh.consolidation.line"
    _description = "Consolidation Unit"
    _order = "consolidation_id, hospital_code"
    _rec_name = "hospital_name"

    consolidation_id = fields.Many2one("ctxh.consolidation", required=True, ondelete="cascade", index=True)
    hospital_code = fields.Char(required=True)
    hospital_name = fields.Char(required=True)
    file_name = fields.Char(string="File or Source")
    source_id = fields.Many2one("ctxh.consolidation.source", string="Pulled From", ondelete="set null")
    schema_version = fields.Integer(help="Version of the dataset schema the unit sent.")
    generated_at = fields.Datetime(string="Generated On")
    value_ids = fields.One2many("ctxh.consolidation.value", "line_id", string="Figures")

    _sql_constraints = [
        (
            "unit_uniq",
            "unique(consolidation_id, hospital_code)",
            "A unit can be imported only once in a consolidation.",
        ),
    ]
