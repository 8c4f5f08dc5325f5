from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError


class CtxhDonationLine(models.Model):
    """Goods received in kind, valued in VND."""

    _name = "ctxh.donation.line"
    _description = "In-kind Donation Line"

    donation_id = fields.Many2one("ctxh.donation", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="donation_id.company_id", store=True)
    currency_id = fields.Many2one(related="donation_id.company_currency_id")
    fund_id = fields.Many2one(related="donation_id.fund_id", store=True)
    state = fields.Selection(related="donation_id.state", store=True)
    product_id = fields.Many2one("product.product", string="Goods", required=True)
    quantity = fields.Float(required=True, default=1.0, digits="Product Unit of Measure")
    unit_value = fields.Monetary(required=True, currency_field="currency_id")
    subtotal = fields.Monetary(compute="_compute_subtotal", store=True, currency_field="currency_id")
    distributed_quantity = fields.Float(compute="_compute_distributed", digits="Product Unit of Measure")
    remaining_quantity = fields.Float(compute="_compute_distributed", digits="Product Unit of Measure")

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines._check_donation_draft()
        return lines

    def write(self, vals):
        self._check_donation_draft()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft(self):
        self._check_donation_draft()

    def _check_donation_draft(self):
        if any(line.donation_id.state != "draft" for line in self):
            raise UserError(
                _(
                    "The goods of a confirmed or cancelled donation cannot be changed; "
                    "cancel it and record a new one."
                )
            )

    @api.depends("quantity", "unit_value")
    def _compute_subtotal(self):
        for line in self:
            line.subtotal = line.quantity * line.unit_value

    @api.constrains("quantity", "unit_value")
    def _check_positive(self):
        for line in self:
            if line.quantity <= 0 or line.unit_value < 0:
                raise ValidationError(_("Goods received need a positive quantity and value."))

    def _compute_distributed(self):
        used = dict(
            self.env["ctxh.distribution.line"]._read_group(
                [("donation_line_id", "in", self.ids), ("distribution_id.state", "=", "done")],
                ["donation_line_id"],
                ["quantity:sum"],
            )
        )
        for line in self:
            line.distributed_quantity = used.get(line, 0.0)
            line.remaining_quantity = line.quantity - line.distributed_quantity

    @api.depends("donation_id", "product_id", "quantity")
    def _compute_display_name(self):
        for line in self:
            line.display_name = f"{line.donation_id.receipt_number or ''} {line.product_id.display_name}"
