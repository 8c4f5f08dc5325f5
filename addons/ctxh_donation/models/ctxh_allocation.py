from collections import defaultdict

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import create_index
from odoo.tools.misc import formatLang

ACTIVE_STATES = ("to_approve", "to_approve_2", "approved")
OFFICER = ("ctxh_case.group_ctxh_officer",)
MANAGER = ("ctxh_case.group_ctxh_manager",)
FINANCE = ("ctxh_donation.group_ctxh_finance_officer",)
FINANCE_OR_MANAGER = FINANCE + MANAGER


class CtxhAllocation(models.Model):
    """Money of a fund earmarked for a case, approved, then paid out (disbursement)."""

    _name = "ctxh.allocation"
    _description = "Support Allocation"
    _inherit = ["mail.thread", "mail.activity.mixin", "ctxh.money.document", "ctxh.input.check"]
    _order = "id desc"
    _check_company_auto = True
    _ctxh_guarded_fields = (
        "state",
        "requested_by_id",
        "approved_by_id",
        "approved2_by_id",
        "date_approved",
        "date_paid",
        "paid_by_id",
        "move_id",
        "reversal_move_id",
    )

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
    campaign_id = fields.Many2one(
        "ctxh.campaign",
        string="Campaign",
        check_company=True,
        tracking=True,
        compute="_compute_campaign_id",
        store=True,
        readonly=False,
        precompute=True,
        domain="[('fund_id', '=', fund_id)]",
        help="Campaign whose money pays this support (public campaign page); by default the "
        "campaign of the designated donation.",
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
    paid_by_id = fields.Many2one("res.users", string="Paid By", readonly=True, copy=False, tracking=True)
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

    def init(self):
        res = super().init()
        # a fund's support paid in a period (public pages, disclosure), a gift's, a campaign's
        create_index(
            self.env.cr, "ctxh_allocation_fund_state_paid_idx", self._table, ["fund_id", "state", "date_paid"]
        )
        for column in ("donation_id", "campaign_id"):
            create_index(
                self.env.cr,
                f"ctxh_allocation_{column}_idx",
                self._table,
                [column],
                where=f"{column} IS NOT NULL",
            )
        return res

    @api.depends("donation_id")
    def _compute_campaign_id(self):
        for allocation in self:
            if allocation.donation_id.campaign_id and not allocation.campaign_id:
                allocation.campaign_id = allocation.donation_id.campaign_id

    @api.constrains("campaign_id", "fund_id")
    def _check_campaign_fund(self):
        for allocation in self:
            if allocation.campaign_id and allocation.campaign_id.fund_id != allocation.fund_id:
                raise ValidationError(
                    _("The campaign %s collects money for another fund.", allocation.campaign_id.name)
                )

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
        allocations = super().create(vals_list)
        allocations.case_id._ctxh_check_readable()
        return allocations

    def write(self, vals):
        locked = {"amount", "fund_id", "case_id", "donation_id", "company_id", "campaign_id", "method"}
        if locked & set(vals) and any(a.state not in ("draft", "refused") for a in self):
            raise UserError(_("Only a draft allocation can be changed; cancel it and make a new request."))
        res = super().write(vals)
        if "case_id" in vals:
            self.case_id._ctxh_check_readable()
        return res

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
            case = allocation.case_id.sudo()  # sudo: open and eligible, whoever acts (finance reads no case)
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
                            other=donation.designated_case_id.sudo().name,  # sudo: a case code, no name
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

    def _check_money(self, paying=False):
        """Refuse more than the fund's available balance (the caller holds the fund lock) or
        than the remaining balance of the designated donation, keeping a running total over all
        the allocations of the call; money designated to other patients stays out of reach.

        When paying, the allocations of the call are already committed: their amounts are
        available to themselves."""
        funds = self.fund_id
        balances = funds._get_balances()
        # paying reserves nothing more: the allocations were checked against it when approved
        designated = {} if paying else self._designated_remaining(funds)
        available = {fund.id: balances[fund.id]["available"] for fund in funds}
        donation_left = {donation: donation.remaining_amount for donation in self.donation_id}
        if paying:
            for allocation in self:
                available[allocation.fund_id.id] += allocation.amount
                if allocation.donation_id:
                    donation_left[allocation.donation_id] += allocation.amount
        for allocation in self:
            fund = allocation.fund_id
            currency = allocation.currency_id
            donation = allocation.donation_id
            # money still designated to other patients' cases cannot be used here
            reserved = 0.0
            if not donation and not paying:
                reserved = sum(
                    remaining
                    for (fund_id, case_id), remaining in designated.items()
                    if fund_id == fund.id and case_id != allocation.case_id.id
                )
            free = available[fund.id] - reserved
            if currency.compare_amounts(allocation.amount, free) > 0:
                raise UserError(
                    _(
                        "Allocation %(name)s asks %(amount)s but fund %(fund)s has only %(available)s "
                        "available for this case.",
                        name=allocation.name,
                        amount=formatLang(self.env, allocation.amount, currency_obj=currency),
                        fund=fund.name,
                        available=formatLang(self.env, max(free, 0.0), currency_obj=currency),
                    )
                )
            available[fund.id] -= allocation.amount
            if donation:
                if currency.compare_amounts(allocation.amount, donation_left[donation]) > 0:
                    raise UserError(
                        _(
                            "Allocation %(name)s asks %(amount)s but the restricted donation %(donation)s "
                            "has only %(remaining)s left.",
                            name=allocation.name,
                            amount=formatLang(self.env, allocation.amount, currency_obj=currency),
                            donation=donation.display_name,
                            remaining=formatLang(
                                self.env, max(donation_left[donation], 0.0), currency_obj=currency
                            ),
                        )
                    )
                donation_left[donation] -= allocation.amount
                key = (fund.id, donation.designated_case_id.id)
                if key in designated:
                    designated[key] = max(designated[key] - allocation.amount, 0.0)

    @api.model
    def _designated_remaining(self, funds):
        """{(fund_id, case_id): amount of confirmed patient-designated gifts not yet allocated}
        (one query: amounts reserved for patients, not who gave them)."""
        self.env["ctxh.donation"].flush_model(["fund_id", "state", "designated_case_id", "amount"])
        self.flush_model(["donation_id", "state", "amount"])
        self.env.cr.execute(
            """
            SELECT d.fund_id, d.designated_case_id,
                   SUM(GREATEST(d.amount - COALESCE(used.amount, 0), 0))
              FROM ctxh_donation d
         LEFT JOIN LATERAL (
                    SELECT SUM(a.amount) AS amount FROM ctxh_allocation a
                     WHERE a.donation_id = d.id AND a.state IN ('approved', 'paid')
                   ) used ON TRUE
             WHERE d.fund_id IN %s AND d.state = 'confirmed' AND d.designated_case_id IS NOT NULL
          GROUP BY d.fund_id, d.designated_case_id
            """,
            [tuple(funds.ids) or (0,)],
        )
        result = defaultdict(float)
        for fund_id, case_id, amount in self.env.cr.fetchall():
            result[(fund_id, case_id)] = float(amount)
        return result

    def _check_segregation(self, role):
        """Requester, approvers and payer are different people when the company asks for it."""
        user = self.env.user
        if self.env.is_superuser():
            return
        for allocation in self.filtered("company_id.ctxh_segregation_of_duties"):
            if allocation.requested_by_id == user:
                if role == "pay":
                    raise UserError(
                        _(
                            "You requested allocation %s: another person must pay it "
                            "(segregation of duties).",
                            allocation.name,
                        )
                    )
                raise UserError(
                    _(
                        "You requested allocation %s: another person must approve it "
                        "(segregation of duties).",
                        allocation.name,
                    )
                )
            if role == "pay" and user in (allocation.approved_by_id | allocation.approved2_by_id):
                raise UserError(
                    _(
                        "You approved allocation %s: another person must pay it (segregation of duties).",
                        allocation.name,
                    )
                )

    # ------------------------------------------------------------------
    # Posting hooks (ctxh.money.document)
    # ------------------------------------------------------------------
    def _ctxh_money_date(self):
        self.ensure_one()
        return self.date_paid or fields.Date.context_today(self)

    def _ctxh_money_label(self):
        self.ensure_one()
        return _(
            "Support %(name)s - %(type)s - case %(case)s",
            name=self.name,
            type=self.support_type_id.name,
            case=self.case_code,
        )

    @api.model
    def _ctxh_consistency_spec(self):
        return "amount", "disbursed", ("paid",)

    def _prepare_move_line_vals(self):
        self.ensure_one()
        fund = self.fund_id
        return [
            self._ctxh_fund_line(fund.expense_account_id, self.amount),
            self._ctxh_line(
                fund._get_money_account(in_kind=self.method == "in_kind", transit=self.method == "bank"),
                -self.amount,
            ),
        ]

    # ------------------------------------------------------------------
    # Transitions
    # ------------------------------------------------------------------
    def action_submit(self):
        self._ctxh_check_group(OFFICER, _("Only a social worker requests support."))
        self.check_access("write")
        for allocation in self:
            if allocation.state != "draft":
                raise UserError(_("Only draft allocations can be submitted."))
        self.case_id._ctxh_check_readable()
        self._check_request()
        self._ctxh_transition_write({"state": "to_approve"})
        return True

    def action_approve(self):
        self._ctxh_check_group(MANAGER, _("Only a social work manager approves support."))
        self._ctxh_lock()
        for allocation in self:
            if allocation.state not in ("to_approve", "to_approve_2"):
                raise UserError(_("Allocation %s is not waiting for approval.", allocation.name))
            if allocation.state == "to_approve_2" and allocation.approved_by_id == self.env.user:
                raise UserError(_("The second approval must be given by another manager."))
        self._check_segregation("approve")
        self.fund_id._ctxh_lock()
        self._check_request()
        self._check_money()
        today = fields.Date.context_today(self)
        user = self.env.user.id
        first = self.filtered(lambda a: a.state == "to_approve" and a.needs_second_approval)
        second = self.filtered(lambda a: a.state == "to_approve_2")
        single = self - first - second
        first._ctxh_transition_write({"state": "to_approve_2", "approved_by_id": user})
        second._ctxh_transition_write({"state": "approved", "approved2_by_id": user, "date_approved": today})
        single._ctxh_transition_write({"state": "approved", "approved_by_id": user, "date_approved": today})
        return True

    def action_refuse(self):
        self._ctxh_check_group(MANAGER, _("Only a social work manager refuses support."))
        self._ctxh_lock()
        for allocation in self:
            if allocation.state not in ("to_approve", "to_approve_2"):
                raise UserError(_("Allocation %s is not waiting for approval.", allocation.name))
        self._ctxh_transition_write({"state": "refused"})
        return True

    def action_draft(self):
        self._ctxh_check_group(OFFICER, _("Only a social worker puts a request back to draft."))
        self.check_access("write")
        for allocation in self:
            if allocation.state not in ("refused", "cancelled") or allocation.move_id:
                raise UserError(
                    _("Only refused allocations, or cancelled ones never paid, go back to draft.")
                )
        self._ctxh_transition_write(
            {"state": "draft", "approved_by_id": False, "approved2_by_id": False, "date_approved": False}
        )
        return True

    def action_pay(self):
        self._ctxh_check_group(FINANCE, _("Only a finance officer pays support."))
        self._ctxh_lock()
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
        self._check_segregation("pay")
        self.fund_id._ctxh_lock()
        self._check_request()
        self._check_money(paying=True)
        moves = self._ctxh_post_moves()
        for allocation, move in zip(self, moves, strict=True):
            allocation._ctxh_transition_write(
                {"move_id": move.id, "state": "paid", "date_paid": move.date, "paid_by_id": self.env.user.id}
            )
        ordered = self.sorted(lambda a: (a.date_paid, a.id))
        self.env["ctxh.fund"]._ctxh_attribute([(allocation, allocation.amount) for allocation in ordered])
        return True

    def action_cancel(self):
        self._ctxh_lock()
        paid = self.filtered(lambda a: a.state == "paid")
        if paid:
            paid._ctxh_check_group(
                FINANCE_OR_MANAGER, _("Only a finance officer or a manager cancels paid support.")
            )
        approved = self.filtered(lambda a: a.state in ACTIVE_STATES)
        if approved:
            approved._ctxh_check_group(MANAGER, _("Only a social work manager cancels approved support."))
        drafts = self.filtered(lambda a: a.state in ("draft", "refused"))
        if drafts:
            drafts._ctxh_check_group(OFFICER, _("Only a social worker cancels a request."))
            drafts.check_access("write")
        if paid:
            paid.fund_id._ctxh_lock()
            reversals = paid._ctxh_reverse_moves(paid.move_id)
            for allocation, reversal in zip(paid, reversals, strict=True):
                allocation._ctxh_transition_write({"reversal_move_id": reversal.id})
            self.env["ctxh.fund"]._ctxh_release_allocations(paid)
        (paid | approved | drafts)._ctxh_transition_write({"state": "cancelled"})
        return True

    def action_view_move(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "account.move",
            "res_id": self.move_id.id,
            "view_mode": "form",
        }
