from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

ACTIVE_STATES = ("to_approve", "to_approve_2", "approved")
WORKFLOW_FIELDS = {
    "state",
    "approved_by_id",
    "approved2_by_id",
    "date_approved",
    "date_paid",
    "move_id",
    "reversal_move_id",
}


class CtxhAllocation(models.Model):
    """Money of a fund earmarked for a case, approved, then paid out (disbursement)."""

    _name = "ctxh.allocation"
    _description = "Support Allocation"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "id desc"
    _check_company_auto = True

    name = fields.Char(string="Reference", required=True, readonly=True, copy=False, default="/")
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id", string="Currency")
    case_id = fields.Many2one(
        "ctxh.case", string="Case", required=True, check_company=True, tracking=True, index=True
    )
    case_code = fields.Char(
        related="case_id.name", string="Case Code", compute_sudo=True, help="Case reference, without names."
    )
    fund_id = fields.Many2one(
        "ctxh.fund", string="Fund", required=True, check_company=True, tracking=True, index=True
    )
    donation_id = fields.Many2one(
        "ctxh.donation",
        string="Designated Donation",
        check_company=True,
        domain="[('fund_id', '=', fund_id), ('state', '=', 'confirmed'), "
        "('restriction', '!=', 'unrestricted')]",
        help="Restricted donation this support is taken from.",
    )
    support_type_id = fields.Many2one(
        "ctxh.support.type", string="Support Type", required=True, tracking=True
    )
    method = fields.Selection(
        [
            ("cash", "Cash"),
            ("bank", "Bank Transfer"),
            ("offset", "Offset against Hospital Bill"),
            ("in_kind", "In Kind"),
        ],
        required=True,
        default="bank",
        tracking=True,
    )
    amount = fields.Monetary(currency_field="currency_id", required=True, tracking=True)
    description = fields.Text(string="Purpose")
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("to_approve", "To Approve"),
            ("to_approve_2", "Second Approval"),
            ("approved", "Approved"),
            ("paid", "Paid"),
            ("refused", "Refused"),
            ("cancelled", "Cancelled"),
        ],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    requested_by_id = fields.Many2one(
        "res.users", default=lambda self: self.env.user, readonly=True, copy=False
    )
    approved_by_id = fields.Many2one(
        "res.users", string="Approved By", readonly=True, copy=False, tracking=True
    )
    approved2_by_id = fields.Many2one(
        "res.users", string="Second Approval By", readonly=True, copy=False, tracking=True
    )
    date_approved = fields.Date(readonly=True, copy=False)
    date_paid = fields.Date(readonly=True, copy=False, tracking=True)
    move_id = fields.Many2one("account.move", string="Disbursement Entry", readonly=True, copy=False)
    reversal_move_id = fields.Many2one("account.move", string="Reversal Entry", readonly=True, copy=False)
    signed_receipt = fields.Binary(string="Signed Receipt", attachment=True, copy=False)
    signed_receipt_filename = fields.Char(copy=False)
    needs_second_approval = fields.Boolean(compute="_compute_needs_second_approval")
    source_ids = fields.One2many("ctxh.allocation.source", "allocation_id", string="Funded By")

    @api.constrains("amount")
    def _check_amount(self):
        for allocation in self:
            if allocation.currency_id.compare_amounts(allocation.amount, 0.0) <= 0:
                raise ValidationError(_("The amount of an allocation must be positive."))

    @api.depends("amount", "company_id.ctxh_second_approval_amount")
    def _compute_needs_second_approval(self):
        for allocation in self:
            threshold = allocation.company_id.ctxh_second_approval_amount
            allocation.needs_second_approval = bool(threshold) and allocation.amount > threshold

    @api.depends("name", "case_code", "amount")
    def _compute_display_name(self):
        for allocation in self:
            allocation.display_name = f"{allocation.name} ({allocation.case_code or ''})"

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code("ctxh.allocation") or "/"
        return super().create(vals_list)

    def write(self, vals):
        workflow = WORKFLOW_FIELDS & set(vals)
        if workflow and not self.env.context.get("ctxh_workflow") and not self.env.su:
            raise UserError(
                _("The status, approvals and entries of an allocation change only through its buttons.")
            )
        locked = {"amount", "fund_id", "case_id", "donation_id", "company_id"}
        if locked & set(vals) and any(a.state not in ("draft", "refused") for a in self):
            raise UserError(_("Only a draft allocation can be changed; cancel it and make a new request."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft(self):
        if any(a.state not in ("draft", "cancelled", "refused") or a.move_id for a in self):
            raise UserError(_("Only draft allocations without entries can be deleted."))

    # ------------------------------------------------------------------
    # Checks
    # ------------------------------------------------------------------
    def _check_request(self):
        """The refusals that do not depend on money: case, eligibility, designation."""
        for allocation in self:
            case = allocation.case_id.sudo()
            if not case.is_open:
                raise UserError(_("Case %s is closed: it cannot receive support.", case.name))
            if not allocation.fund_id._is_case_eligible(case):
                raise UserError(
                    _(
                        "Case %(case)s is not eligible for the restricted fund %(fund)s "
                        "(case type or vulnerable group).",
                        case=case.name,
                        fund=allocation.fund_id.name,
                    )
                )
            donation = allocation.donation_id
            if donation:
                if donation.fund_id != allocation.fund_id or donation.state != "confirmed":
                    raise UserError(
                        _("The designated donation must be a confirmed donation of the same fund.")
                    )
                if donation.designated_case_id and donation.designated_case_id != allocation.case_id:
                    raise UserError(
                        _(
                            "Donation %(donation)s is designated for another patient (%(other)s). Record a "
                            "re-designation with the donor's consent first.",
                            donation=donation.display_name,
                            other=donation.designated_case_id.sudo().name,
                        )
                    )
                if (
                    donation.restriction == "programme"
                    and donation.support_type_id != allocation.support_type_id
                ):
                    raise UserError(
                        _(
                            "Donation %(donation)s is restricted to the programme %(programme)s.",
                            donation=donation.display_name,
                            programme=donation.support_type_id.name,
                        )
                    )

    def _check_money(self, own_committed=False):
        """Refuse more than the fund's available balance (the caller locks the fund) or than the
        remaining balance of the designated donation; money designated for other patients is
        kept out of reach."""
        funds = self.fund_id
        balances = funds._get_balances()
        designated = self._designated_remaining(funds)
        for allocation in self:
            fund = allocation.fund_id
            available = balances[fund.id]["available"]
            if own_committed:
                available += allocation.amount
            # money still designated to other patients' cases cannot be used here
            reserved = sum(
                remaining
                for (fund_id, case_id), remaining in designated.items()
                if fund_id == fund.id and case_id != allocation.case_id.id
            )
            if allocation.donation_id:
                reserved = 0.0
            if allocation.currency_id.compare_amounts(allocation.amount, available - reserved) > 0:
                raise UserError(
                    _(
                        "Allocation %(name)s asks %(amount)s but fund %(fund)s has only %(available)s "
                        "available for this case.",
                        name=allocation.name,
                        amount=allocation.amount,
                        fund=fund.name,
                        available=max(available - reserved, 0.0),
                    )
                )
            donation = allocation.donation_id
            if donation:
                remaining = donation.remaining_amount + (allocation.amount if own_committed else 0.0)
                if allocation.currency_id.compare_amounts(allocation.amount, remaining) > 0:
                    raise UserError(
                        _(
                            "Allocation %(name)s asks %(amount)s but the restricted donation %(donation)s "
                            "has only %(remaining)s left.",
                            name=allocation.name,
                            amount=allocation.amount,
                            donation=donation.display_name,
                            remaining=remaining,
                        )
                    )

    @api.model
    def _designated_remaining(self, funds):
        """{(fund_id, case_id): amount of confirmed patient-designated gifts not yet allocated}."""
        donations = (
            self.env["ctxh.donation"]
            .sudo()
            .search(
                [
                    ("fund_id", "in", funds.ids),
                    ("state", "=", "confirmed"),
                    ("designated_case_id", "!=", False),
                ]
            )
        )
        result = {}
        for donation in donations:
            key = (donation.fund_id.id, donation.designated_case_id.id)
            result[key] = result.get(key, 0.0) + max(donation.remaining_amount, 0.0)
        return result

    def _check_manager(self):
        if self.env.su:
            return
        if not self.env.user.has_group("ctxh_case.group_ctxh_manager"):
            raise AccessError(_("Only a social work manager can approve or pay support."))

    # ------------------------------------------------------------------
    # Workflow
    # ------------------------------------------------------------------
    def action_submit(self):
        for allocation in self:
            if allocation.state != "draft":
                raise UserError(_("Only draft allocations can be submitted."))
        self._check_request()
        self.with_context(ctxh_workflow=True).write({"state": "to_approve"})
        return True

    def action_approve(self):
        self._check_manager()
        for allocation in self:
            if allocation.state not in ("to_approve", "to_approve_2"):
                raise UserError(_("Allocation %s is not waiting for approval.", allocation.name))
            if allocation.state == "to_approve_2" and allocation.approved_by_id == self.env.user:
                raise UserError(_("The second approval must be given by another manager."))
        self.fund_id._lock_for_update()
        self._check_request()
        self._check_money()
        today = fields.Date.context_today(self)
        for allocation in self:
            if allocation.state == "to_approve" and allocation.needs_second_approval:
                allocation.with_context(ctxh_workflow=True).write(
                    {"state": "to_approve_2", "approved_by_id": self.env.user.id}
                )
            elif allocation.state == "to_approve_2":
                allocation.with_context(ctxh_workflow=True).write(
                    {"state": "approved", "approved2_by_id": self.env.user.id, "date_approved": today}
                )
            else:
                allocation.with_context(ctxh_workflow=True).write(
                    {"state": "approved", "approved_by_id": self.env.user.id, "date_approved": today}
                )
        return True

    def action_refuse(self):
        self._check_manager()
        for allocation in self:
            if allocation.state not in ("to_approve", "to_approve_2"):
                raise UserError(_("Allocation %s is not waiting for approval.", allocation.name))
        self.with_context(ctxh_workflow=True).write({"state": "refused"})
        return True

    def action_draft(self):
        for allocation in self:
            if allocation.state not in ("refused", "cancelled") or allocation.move_id:
                raise UserError(
                    _("Only refused allocations, or cancelled ones never paid, go back to draft.")
                )
        self.with_context(ctxh_workflow=True).write(
            {"state": "draft", "approved_by_id": False, "approved2_by_id": False}
        )
        return True

    def _get_credit_account(self):
        self.ensure_one()
        return self.fund_id._get_money_account(in_kind=self.method == "in_kind")

    def _prepare_move_line_vals(self):
        self.ensure_one()
        label = _(
            "Support %(name)s - %(type)s - case %(case)s",
            name=self.name,
            type=self.support_type_id.name,
            case=self.case_code,
        )
        return [
            {
                "name": label,
                "account_id": self.fund_id.expense_account_id.id,
                "debit": self.amount,
                "credit": 0.0,
                "analytic_distribution": {str(self.fund_id.analytic_account_id.id): 100},
            },
            {
                "name": label,
                "account_id": self._get_credit_account().id,
                "debit": 0.0,
                "credit": self.amount,
            },
        ]

    def _prepare_move_vals(self):
        self.ensure_one()
        return {
            "move_type": "entry",
            "journal_id": self.fund_id.journal_id.id,
            "date": fields.Date.context_today(self),
            "ref": _("Support %s", self.name),
            "company_id": self.company_id.id,
            "line_ids": [fields.Command.create(vals) for vals in self._prepare_move_line_vals()],
        }

    def action_pay(self):
        self._check_manager()
        for allocation in self:
            if allocation.state != "approved":
                raise UserError(_("Only approved allocations can be paid."))
            if (
                allocation.method == "cash" or allocation.support_type_id.is_cash
            ) and not allocation.signed_receipt:
                raise UserError(
                    _(
                        "Cash support %s is paid only with the beneficiary's signed receipt attached.",
                        allocation.name,
                    )
                )
        self.fund_id._lock_for_update()
        self._check_request()
        self._check_money(own_committed=True)
        for allocation in self:
            move = allocation.company_id._ctxh_account_moves().create(allocation._prepare_move_vals())
            move.action_post()
            allocation.with_context(ctxh_workflow=True).write(
                {"move_id": move.id, "state": "paid", "date_paid": move.date}
            )
        self.fund_id._rebuild_sources()
        return True

    def action_cancel(self):
        for allocation in self:
            if allocation.state == "paid":
                self._check_manager()
                reversal = (
                    allocation.move_id.with_user(SUPERUSER_ID)
                    .with_company(allocation.company_id)
                    ._reverse_moves(
                        [
                            {
                                "date": fields.Date.context_today(allocation),
                                "ref": _("Reversal of %s", allocation.move_id.ref),
                            }
                        ],
                        cancel=True,
                    )
                )
                allocation.with_context(ctxh_workflow=True).reversal_move_id = reversal
            elif allocation.state == "cancelled":
                continue
        self.with_context(ctxh_workflow=True).write({"state": "cancelled"})
        self.fund_id._rebuild_sources()
        return True

    def action_view_move(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "account.move",
            "res_id": self.move_id.id,
            "view_mode": "form",
        }
