from collections import defaultdict

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools.float_utils import float_compare
from odoo.tools.misc import formatLang

FINANCE = ("ctxh_donation.group_ctxh_finance_officer",)
FINANCE_OR_MANAGER = FINANCE + ("ctxh_case.group_ctxh_manager",)


class CtxhDistribution(models.Model):
    """One operation handing donated goods (meals, Tết gift packs) to many cases."""

    _name = "ctxh.distribution"
    _description = "In-kind Distribution"
    _inherit = ["mail.thread", "mail.activity.mixin", "ctxh.money.document", "ctxh.input.check"]
    _order = "date desc, id desc"
    _check_company_auto = True
    _ctxh_guarded_fields = ("state", "move_id", "reversal_move_id")

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
    campaign_id = fields.Many2one(
        "ctxh.campaign",
        compute="_compute_campaign_id",
        store=True,
        string="Campaign",
        help="The campaign of the donated goods handed out, when they all come from one campaign.",
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

    @api.depends("line_ids.donation_line_id.donation_id.campaign_id")
    def _compute_campaign_id(self):
        for distribution in self:
            campaigns = distribution.line_ids.donation_line_id.donation_id.campaign_id
            distribution.campaign_id = campaigns if len(campaigns) == 1 else False

    def write(self, vals):
        locked = {"date", "fund_id", "support_type_id", "line_ids", "company_id"}
        if locked & set(vals) and any(d.state != "draft" for d in self):
            raise UserError(
                _("A done or cancelled distribution cannot be changed; cancel it and record a new one.")
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft(self):
        if any(d.state != "draft" for d in self):
            raise UserError(_("Only draft distributions can be deleted."))

    def _check_quantities(self):
        """Goods handed out cannot exceed what was received, counted over every distribution of
        the call (a running total per donated goods line)."""
        lines = self.line_ids
        for line in lines:
            if line.donation_line_id.donation_id.state != "confirmed":
                raise UserError(_("Goods can only be handed out from confirmed in-kind donations."))
            if line.donation_line_id.fund_id != line.distribution_id.fund_id:
                raise UserError(
                    _("The goods of %s belong to another fund.", line.donation_line_id.display_name)
                )
            # sudo: open or not (finance reads no case; the requester's access was checked on the line)
            case = line.case_id.sudo()
            if not case.is_open:
                raise UserError(_("Case %s is closed: it cannot receive support.", case.name))
        asked = defaultdict(float)
        for line in lines:
            asked[line.donation_line_id] += line.quantity
        for donation_line, quantity in asked.items():
            if float_compare(quantity, donation_line.remaining_quantity, precision_digits=6) > 0:
                raise UserError(
                    _(
                        "Only %(remaining)s of %(goods)s are left; %(asked)s cannot be handed out.",
                        remaining=self._ctxh_format_quantity(donation_line.remaining_quantity),
                        goods=donation_line.display_name,
                        asked=self._ctxh_format_quantity(quantity),
                    )
                )

    def _ctxh_format_quantity(self, quantity):
        """A quantity of goods as the user writes it: "12", "2,5" (no "12.0")."""
        return formatLang(self.env, quantity, digits=0 if float(quantity).is_integer() else 2)

    # ------------------------------------------------------------------
    # Posting hooks (ctxh.money.document)
    # ------------------------------------------------------------------
    def _ctxh_money_date(self):
        self.ensure_one()
        return self.date

    def _ctxh_money_label(self):
        self.ensure_one()
        return _("In-kind distribution %s", self.name)

    @api.model
    def _ctxh_consistency_spec(self):
        return "total_value", "disbursed", ("done",)

    def _prepare_move_line_vals(self):
        self.ensure_one()
        fund = self.fund_id
        return [
            self._ctxh_fund_line(fund.expense_account_id, self.total_value),
            self._ctxh_line(fund._get_money_account(in_kind=True), -self.total_value),
        ]

    # ------------------------------------------------------------------
    # Transitions
    # ------------------------------------------------------------------
    def action_done(self):
        self._ctxh_check_group(FINANCE, _("Only a finance officer posts an in-kind distribution."))
        self._ctxh_lock()
        for distribution in self:
            if distribution.state != "draft":
                raise UserError(_("Only draft distributions can be done."))
            if not distribution.line_ids:
                raise UserError(_("Add the cases and goods handed out."))
            distribution.fund_id._get_money_account(in_kind=True)
        self._ctxh_check_money_dates()
        self.fund_id._ctxh_lock()
        self._check_quantities()
        valued = self.filtered(lambda d: d.currency_id.compare_amounts(d.total_value, 0.0) > 0)
        moves = valued._ctxh_post_moves()
        for distribution, move in zip(valued, moves, strict=True):
            distribution._ctxh_transition_write({"move_id": move.id})
        self._ctxh_transition_write({"state": "done"})
        return True

    def action_cancel(self):
        self._ctxh_lock()
        posted = self.filtered(lambda d: d.state == "done")
        self._ctxh_check_group(
            FINANCE_OR_MANAGER if posted else FINANCE_OR_MANAGER + ("ctxh_case.group_ctxh_officer",),
            _("Only a finance officer or a manager cancels a done distribution."),
        )
        to_reverse = posted.filtered(lambda d: d.move_id and not d.reversal_move_id)
        if to_reverse:
            to_reverse.fund_id._ctxh_lock()
            reversals = to_reverse._ctxh_reverse_moves(to_reverse.move_id)
            for distribution, reversal in zip(to_reverse, reversals, strict=True):
                distribution._ctxh_transition_write({"reversal_move_id": reversal.id})
        self._ctxh_transition_write({"state": "cancelled"})
        return True
