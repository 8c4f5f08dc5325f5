from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError


class CtxhDistributionLine(models.Model):
    _name = "ctxh.distribution.line"
    _description = "In-kind Distribution Line"

    distribution_id = fields.Many2one("ctxh.distribution", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="distribution_id.company_id", store=True)
    currency_id = fields.Many2one(related="distribution_id.currency_id")
    case_id = fields.Many2one("ctxh.case", string="Case", required=True, index=True)
    case_code = fields.Char(related="case_id.name", compute_sudo=True, string="Case Code")
    donation_line_id = fields.Many2one(
        "ctxh.donation.line",
        string="Donated Goods",
        required=True,
        domain="[('fund_id', '=', parent.fund_id), ('state', '=', 'confirmed')]",
    )
    product_id = fields.Many2one(related="donation_line_id.product_id", string="Product")
    quantity = fields.Float(required=True, default=1.0, digits="Product Unit of Measure")
    value = fields.Monetary(compute="_compute_value", store=True, currency_field="currency_id")

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines._check_distribution_draft()
        lines.case_id._ctxh_check_readable()
        return lines

    def write(self, vals):
        self._check_distribution_draft()
        res = super().write(vals)
        if "case_id" in vals:
            self.case_id._ctxh_check_readable()
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft(self):
        self._check_distribution_draft()

    def _check_distribution_draft(self):
        if any(line.distribution_id.state != "draft" for line in self):
            raise UserError(
                _(
                    "The lines of a done or cancelled distribution cannot be changed; "
                    "cancel it and record a new one."
                )
            )

    @api.depends("quantity", "donation_line_id.unit_value")
    def _compute_value(self):
        for line in self:
            line.value = line.quantity * line.donation_line_id.unit_value

    @api.constrains("quantity")
    def _check_quantity(self):
        for line in self:
            if line.quantity <= 0:
                raise ValidationError(_("The quantity handed out must be positive."))
