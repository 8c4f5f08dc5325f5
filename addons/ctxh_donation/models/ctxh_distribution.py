from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import UserError


class CtxhDistribution(models.Model):
    """One operation handing donated goods (meals, Tết gift packs) to many cases."""

    _name = "ctxh.distribution"
    _description = "In-kind Distribution"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id", string="Currency")
    date = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    fund_id = fields.Many2one("ctxh.fund", string="Fund", required=True, check_company=True, tracking=True)
    support_type_id = fields.Many2one("ctxh.support.type", string="Support Type", required=True)
    line_ids = fields.One2many("ctxh.distribution.line", "distribution_id", string="Handed Out", copy=True)
    state = fields.Selection(
        [("draft", "Draft"), ("done", "Done"), ("cancelled", "Cancelled")],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
    )
    total_value = fields.Monetary(compute="_compute_totals", store=True, currency_field="currency_id")
    case_count = fields.Integer(compute="_compute_totals", store=True)
    move_id = fields.Many2one("account.move", string="Journal Entry", readonly=True, copy=False)
    reversal_move_id = fields.Many2one("account.move", string="Reversal Entry", readonly=True, copy=False)

    @api.depends("line_ids.value", "line_ids.case_id")
    def _compute_totals(self):
        for distribution in self:
            distribution.total_value = sum(distribution.line_ids.mapped("value"))
            distribution.case_count = len(distribution.line_ids.case_id)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft(self):
        if any(d.state != "draft" for d in self):
            raise UserError(_("Only draft distributions can be deleted."))

    def _check_quantities(self):
        """Goods handed out cannot exceed what was received."""
        lines = self.line_ids
        for line in lines:
            if line.donation_line_id.donation_id.state != "confirmed":
                raise UserError(_("Goods can only be handed out from confirmed in-kind donations."))
            if line.donation_line_id.fund_id != line.distribution_id.fund_id:
                raise UserError(
                    _("The goods of %s belong to another fund.", line.donation_line_id.display_name)
                )
            if not line.case_id.sudo().is_open:
                raise UserError(_("Case %s is closed: it cannot receive support.", line.case_id.sudo().name))
        asked = {}
        for line in lines:
            asked[line.donation_line_id] = asked.get(line.donation_line_id, 0.0) + line.quantity
        for donation_line, quantity in asked.items():
            if quantity > donation_line.remaining_quantity + 1e-6:
                raise UserError(
                    _(
                        "Only %(remaining)s of %(goods)s are left; %(asked)s cannot be handed out.",
                        remaining=donation_line.remaining_quantity,
                        goods=donation_line.display_name,
                        asked=quantity,
                    )
                )

    def _prepare_move_line_vals(self):
        self.ensure_one()
        label = _("In-kind distribution %s", self.name)
        return [
            {
                "name": label,
                "account_id": self.fund_id.expense_account_id.id,
                "debit": self.total_value,
                "credit": 0.0,
                "analytic_distribution": {str(self.fund_id.analytic_account_id.id): 100},
            },
            {
                "name": label,
                "account_id": self.fund_id.in_kind_account_id.id,
                "debit": 0.0,
                "credit": self.total_value,
            },
        ]

    def _prepare_move_vals(self):
        self.ensure_one()
        return {
            "move_type": "entry",
            "journal_id": self.fund_id.journal_id.id,
            "date": self.date,
            "ref": _("In-kind distribution %s", self.name),
            "company_id": self.company_id.id,
            "line_ids": [fields.Command.create(vals) for vals in self._prepare_move_line_vals()],
        }

    def action_done(self):
        for distribution in self:
            if distribution.state != "draft":
                raise UserError(_("Only draft distributions can be done."))
            if not distribution.line_ids:
                raise UserError(_("Add the cases and goods handed out."))
            distribution.fund_id._get_money_account(in_kind=True)
        self.fund_id._lock_for_update()
        self._check_quantities()
        for distribution in self:
            vals = {"state": "done"}
            if distribution.currency_id.compare_amounts(distribution.total_value, 0.0) > 0:
                move = distribution.company_id._ctxh_account_moves().create(distribution._prepare_move_vals())
                move.action_post()
                vals["move_id"] = move.id
            distribution.write(vals)
        return True

    def action_cancel(self):
        for distribution in self:
            if distribution.move_id and not distribution.reversal_move_id:
                distribution.reversal_move_id = (
                    distribution.move_id.with_user(SUPERUSER_ID)
                    .with_company(distribution.company_id)
                    ._reverse_moves([{"date": fields.Date.context_today(distribution)}], cancel=True)
                )
        self.write({"state": "cancelled"})
        return True
