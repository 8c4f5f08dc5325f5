from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..builders import build_figures


class CtxhReportTemplateLine(models.Model):
    """One row of a report template: a section heading or a figure."""

    _name = "ctxh.report.template.line"
    _description = "Social Work Report Template Line"
    _order = "template_id, sequence, id"

    template_id = fields.Many2one("ctxh.report.template", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    display_type = fields.Selection(
        [("section", "Section"), ("figure", "Figure")], string="Type", required=True, default="figure"
    )
    number = fields.Char(string="No.", help="Row number printed in the first column (I, 1, 1.1, ...).")
    label = fields.Char(
        required=True, help="Heading printed in the report (in the language of the province)."
    )
    unit = fields.Char(help="Unit printed next to the figure (người, lượt, buổi, đồng, ...).")
    figure_code = fields.Char(help="Code of the figure computed from the data (see the figure catalogue).")
    row = fields.Integer(
        help="Row (0 = first row) to write this line at; 0 continues after the previous line."
    )
    column = fields.Integer(help="Column (0 = A) of the value; 0 uses the value column of the template.")
    style = fields.Selection(
        [("normal", "Normal"), ("bold", "Bold"), ("italic", "Italic")], default="normal", required=True
    )

    @api.constrains("display_type", "figure_code")
    def _check_figure_code(self):
        lines = self.filtered(lambda line: line.display_type == "figure")
        if not lines:
            return
        missing = lines.filtered(lambda line: not line.figure_code)
        if missing:
            raise ValidationError(_("The figure line %(label)s needs a figure code.", label=missing[0].label))
        today = fields.Date.context_today(self)
        known = build_figures(self.env, self.env.company, today, today)
        unknown = lines.filtered(lambda line: line.figure_code not in known)
        if unknown:
            raise ValidationError(
                _(
                    "Unknown figure code %(code)s on line %(label)s.",
                    code=unknown[0].figure_code,
                    label=unknown[0].label,
                )
            )
