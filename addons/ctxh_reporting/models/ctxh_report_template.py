from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools.misc import format_date


class CtxhReportTemplate(models.Model):
    """A versioned layout of the periodic social work report.

    Provinces use different layouts that change over time: a template (code + version) is valid
    from one date to another, for one company or for all, and maps figure codes to rows of the
    workbook through its lines.
    """

    _name = "ctxh.report.template"
    _description = "Social Work Report Template"
    _inherit = ["mail.thread"]
    _order = "code, version desc"
    _rec_names_search = ["name", "code"]

    name = fields.Char(required=True, tracking=True)
    code = fields.Char(required=True, tracking=True, help="Identifies the layout across its versions.")
    version = fields.Integer(required=True, default=1, tracking=True)
    date_from = fields.Date(string="Valid From", required=True, tracking=True)
    date_to = fields.Date(string="Valid To", tracking=True, help="Leave empty while the version is in force.")
    company_id = fields.Many2one(
        "res.company", index=True, tracking=True, help="Leave empty to use the template in every hospital."
    )
    active = fields.Boolean(default=True)
    title = fields.Char(
        string="Report Title", required=True, help="Heading printed at the top of the workbook."
    )
    authority = fields.Char(
        string="Reporting To", help="Authority the report is addressed to, printed under the title."
    )
    value_column = fields.Integer(
        default=3, required=True, help="Column (0 = A) in which the figure values are written."
    )
    first_row = fields.Integer(
        default=6, required=True, help="Row (0 = first row) of the first line of the template."
    )
    line_ids = fields.One2many("ctxh.report.template.line", "template_id", string="Lines", copy=True)
    line_count = fields.Integer(compute="_compute_line_count")

    _sql_constraints = [
        (
            "code_version_company_uniq",
            "unique(code, version, company_id)",
            "This template version already exists.",
        ),
        ("version_positive", "CHECK(version > 0)", "The version of a template must be positive."),
    ]

    @api.depends("line_ids")
    def _compute_line_count(self):
        for template in self:
            template.line_count = len(template.line_ids)

    @api.depends("name", "version")
    def _compute_display_name(self):
        for template in self:
            template.display_name = _("%(name)s (v%(version)s)", name=template.name, version=template.version)

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for template in self:
            if template.date_to and template.date_to < template.date_from:
                raise ValidationError(_("A template cannot end before it starts."))

    @api.constrains("code", "company_id", "date_from", "date_to", "active")
    def _check_overlap(self):
        for template in self.filtered("active"):
            domain = [
                ("id", "!=", template.id),
                ("code", "=", template.code),
                ("company_id", "=", template.company_id.id),
                "|",
                ("date_to", "=", False),
                ("date_to", ">=", template.date_from),
            ]
            if template.date_to:
                domain.append(("date_from", "<=", template.date_to))
            if self.search_count(domain):
                raise ValidationError(
                    _(
                        "Another version of template %(code)s is valid during the same dates; "
                        "end it before this version starts.",
                        code=template.code,
                    )
                )

    @api.model
    def _find_for(self, company, date, raise_if_not_found=True):
        """The template in force for ``company`` on ``date``: the company's own before a shared one,
        then the latest version (an empty recordset or a UserError when there is none)."""
        templates = self.search(
            [
                ("company_id", "in", [company.id, False]),
                ("date_from", "<=", date),
                "|",
                ("date_to", "=", False),
                ("date_to", ">=", date),
            ]
        )
        if not templates:
            if not raise_if_not_found:
                return templates
            raise UserError(
                _(
                    "No report template is valid on %(date)s for %(company)s.",
                    date=format_date(self.env, date),
                    company=company.name,
                )
            )
        return templates.sorted(lambda t: (bool(t.company_id), t.version, t.date_from), reverse=True)[0]

    def action_new_version(self):
        """Copy this template as the next version, valid from tomorrow of today's end."""
        self.ensure_one()
        today = fields.Date.context_today(self)
        if self.date_to and self.date_to < today:
            start = fields.Date.add(self.date_to, days=1)
        else:
            start = fields.Date.add(today, days=1)
            self.date_to = today
        last = self.with_context(active_test=False).search(
            [("code", "=", self.code), ("company_id", "=", self.company_id.id)], order="version desc", limit=1
        )
        new = self.copy({"version": last.version + 1, "date_from": start, "date_to": False})
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": new.id,
            "view_mode": "form",
        }

    def _figure_lines(self):
        return self.line_ids.filtered(lambda line: line.display_type == "figure")
