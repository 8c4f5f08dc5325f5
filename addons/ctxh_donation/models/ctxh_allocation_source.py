from odoo import fields, models


class CtxhAllocationSource(models.Model):
    """FIFO attribution of a paid allocation to the donations of its fund (traceability)."""

    _name = "ctxh.allocation.source"
    _description = "Allocation Funding Source"
    _order = "allocation_id, donation_id"

    allocation_id = fields.Many2one("ctxh.allocation", required=True, ondelete="cascade", index=True)
    donation_id = fields.Many2one("ctxh.donation", required=True, ondelete="cascade", index=True)
    fund_id = fields.Many2one("ctxh.fund", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="fund_id.company_id", store=True)
    currency_id = fields.Many2one(related="fund_id.currency_id")
    amount = fields.Monetary(currency_field="currency_id")
    case_code = fields.Char(related="allocation_id.case_code")
    donor_name = fields.Char(related="donation_id.partner_id.name", string="Donor")
    donation_date = fields.Date(related="donation_id.date")
