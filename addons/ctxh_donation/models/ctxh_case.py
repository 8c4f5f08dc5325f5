from odoo import fields, models


class CtxhCase(models.Model):
    _inherit = "ctxh.case"

    ctxh_allocation_ids = fields.One2many("ctxh.allocation", "case_id", string="Support Allocations")
    ctxh_allocation_count = fields.Integer(compute="_compute_ctxh_support", string="Support Count")
    ctxh_support_amount = fields.Monetary(
        compute="_compute_ctxh_support", currency_field="ctxh_currency_id", string="Support Paid"
    )
    ctxh_currency_id = fields.Many2one(related="company_id.currency_id", string="Support Currency")

    def _ctxh_check_readable(self):
        """Support is asked, given or designated only for cases the user may read (a sensitive
        case stays out of reach of officers outside the Sensitive Cases group)."""
        if self and not self.env.su:
            self.check_access("read")

    def _compute_ctxh_support(self):
        groups = {
            case: (count, amount)
            for case, count, amount in self.env["ctxh.allocation"]
            .sudo()  # sudo: count and sum of the case's paid support, shown on a case the user reads
            ._read_group(
                [("case_id", "in", self.ids), ("state", "=", "paid")], ["case_id"], ["__count", "amount:sum"]
            )
        }
        for case in self:
            case.ctxh_allocation_count, case.ctxh_support_amount = groups.get(case, (0, 0.0))

    def action_view_ctxh_support_sources(self):
        """Funds and donors behind the support this case received (FIFO attribution)."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("ctxh_donation.ctxh_allocation_source_action")
        action["domain"] = [("allocation_id.case_id", "=", self.id)]
        return action
