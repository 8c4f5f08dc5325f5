from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from .bank_text import TRANSFER_PREFIX, normalize_reference
from .ctxh_fund_account_scheme import BOOKING_MODES


class CtxhFund(models.Model):
    """How a fund is booked (issue #11): as the hospital's income, or as money held on behalf of
    the beneficiaries (a liability); its accounts from an account scheme; the bank account that
    receives the gifts (VietQR) and the transit account between the bank statement and the
    donations and payments.

    In the 'income' mode a gift credits the fund's income account and support debits its expense
    account. In the 'liability' mode both are the same liability account: a gift credits it,
    support debits it (see docs/ACCOUNTING.md). The ledger (ctxh_fund_balance.py) reads the
    fund's own accounts, so received, disbursed and available are right in both modes.
    """

    _inherit = "ctxh.fund"

    booking_mode = fields.Selection(
        BOOKING_MODES,
        required=True,
        default="income",
        tracking=True,
        help="Income: gifts are the hospital's income and support its expense. Held on behalf of "
        "beneficiaries: gifts are a liability of the hospital towards the patients, which "
        "support pays off (one liability account, e.g. 3388 under Circular 200).",
    )
    account_scheme_id = fields.Many2one(
        "ctxh.fund.account.scheme",
        string="Account Scheme",
        help="Applying it sets the booking mode and finds or creates the fund's accounts in the "
        "company's chart.",
    )
    income_account_id = fields.Many2one(
        string="Receiving Account",
        domain="[('internal_group', '=', 'income' if booking_mode == 'income' else 'liability')]",
        help="Credited when a gift is received: an income account, or a liability account when "
        "the fund holds the money on behalf of the beneficiaries.",
    )
    expense_account_id = fields.Many2one(
        string="Support Account",
        domain="[('internal_group', '=', 'expense' if booking_mode == 'income' else 'liability')]",
        help="Debited when support is paid: an expense account, or the receiving account itself "
        "when the fund holds the money on behalf of the beneficiaries.",
    )
    transit_account_id = fields.Many2one(
        "account.account",
        string="Money in Transit Account",
        check_company=True,
        help="Needed to import bank statements into the fund's journal: a statement line books "
        "the bank against this account, the donation (or the payment) books it against the fund, "
        "and the two are reconciled. Bank gifts and bank payments of the fund go through it.",
    )
    bank_account_id = fields.Many2one(
        related="journal_id.bank_account_id",
        readonly=False,
        string="Receiving Bank Account",
        help="The hospital's bank account of the fund's journal: donors pay into it by VietQR.",
    )

    @api.onchange("income_account_id")
    def _onchange_income_account_liability(self):
        if self.booking_mode == "liability":
            self.expense_account_id = self.income_account_id

    @api.constrains("income_account_id", "expense_account_id", "booking_mode")
    def _check_accounts(self):
        for fund in self.sudo():  # sudo: the accounts' group, whatever the user may read
            if fund.booking_mode == "income":
                if fund.income_account_id.internal_group != "income":
                    raise ValidationError(
                        _("The receiving account of fund %s must be an income account.", fund.name)
                    )
                if fund.expense_account_id.internal_group != "expense":
                    raise ValidationError(
                        _("The support account of fund %s must be an expense account.", fund.name)
                    )
            else:
                if fund.income_account_id.internal_group != "liability":
                    raise ValidationError(
                        _(
                            "Fund %s holds its money on behalf of the beneficiaries: its receiving "
                            "account must be a liability account (e.g. 3388).",
                            fund.name,
                        )
                    )
                if fund.expense_account_id != fund.income_account_id:
                    raise ValidationError(
                        _(
                            "Fund %s holds its money on behalf of the beneficiaries: support is "
                            "paid from the same liability account as the gifts are received in.",
                            fund.name,
                        )
                    )

    @api.constrains("transit_account_id", "journal_id")
    def _check_transit_account(self):
        for fund in self.sudo().filtered("transit_account_id"):  # sudo: accounts' settings only
            account = fund.transit_account_id
            journal = fund.journal_id
            if account in (journal.default_account_id | journal.suspense_account_id):
                raise ValidationError(
                    _(
                        "The transit account of fund %s must be neither the bank account of its "
                        "journal nor the journal's suspense account.",
                        fund.name,
                    )
                )
            if not account.reconcile and account.account_type not in ("asset_cash", "liability_credit_card"):
                raise ValidationError(
                    _("The transit account of fund %s must allow reconciliation.", fund.name)
                )
            if account.internal_group not in ("asset", "liability"):
                raise ValidationError(
                    _("The transit account of fund %s must be a balance sheet account.", fund.name)
                )
            others = self.sudo().search(
                [
                    ("journal_id", "=", journal.id),
                    ("transit_account_id", "!=", False),
                    ("transit_account_id", "!=", account.id),
                    ("id", "!=", fund.id),
                ]
            )
            if others:
                raise ValidationError(
                    _(
                        "Funds %(funds)s share the journal %(journal)s: they need the same transit "
                        "account, since the bank statement of the journal books against it.",
                        funds=", ".join((fund | others).mapped("name")),
                        journal=journal.name,
                    )
                )

    def write(self, vals):
        if {"booking_mode", "transit_account_id"} & set(vals) and self._ctxh_has_entries():
            raise UserError(
                _(
                    "Fund %s already has journal entries: its booking mode and accounts stay as "
                    "they are, so that its figures keep reading the same ledger.",
                    self[0].name,
                )
            )
        return super().write(vals)

    def action_apply_account_scheme(self):
        """Set the fund's booking mode and accounts from its account scheme, finding the accounts
        in the company's chart by code or creating them (as the acting user)."""
        for fund in self:
            scheme = fund.account_scheme_id
            if not scheme:
                raise UserError(_("Choose the account scheme of fund %s first.", fund.name))
            accounts = scheme._ctxh_accounts(fund.company_id)
            vals = {
                "booking_mode": scheme.booking_mode,
                "income_account_id": accounts["receipts"].id,
                "expense_account_id": accounts["support"].id,
            }
            if accounts.get("in_kind"):
                vals["in_kind_account_id"] = accounts["in_kind"].id
            if accounts.get("transit"):
                vals["transit_account_id"] = accounts["transit"].id
            changed = {
                name: value
                for name, value in vals.items()
                if (fund[name].id if isinstance(fund[name], models.BaseModel) else fund[name]) != value
            }
            if changed:
                fund.write(changed)
        return True

    def _ctxh_statement_counterpart(self, journal):
        """The account a statement line of ``journal`` books against: the transit account of the
        funds of the journal (the same for all of them, see _check_transit_account)."""
        funds = self.sudo().with_context(active_test=False).search([("journal_id", "=", journal.id)])
        # sudo: which account, not the funds' content
        return funds.transit_account_id[:1]

    def _ctxh_transfer_content(self):
        """What a donor to the fund itself (no campaign) writes in the transfer content."""
        self.ensure_one()
        return f"{TRANSFER_PREFIX} {normalize_reference(self.code)}"

    def _ctxh_vietqr(self, amount=0.0, content=None):
        """The VietQR code of the fund's receiving bank account (see res.partner.bank), or None.
        The amount goes into the code only in VND, the only currency of VietQR."""
        self.ensure_one()
        # sudo: the public pages and the receipt show the hospital's receiving account, which
        # the accountants chose to publish by setting it on the fund's journal
        bank = self.sudo().bank_account_id
        if not bank:
            return None
        if self.currency_id != self.env.ref("base.VND"):
            amount = 0.0
        qr = bank._ctxh_vietqr(content or self._ctxh_transfer_content(), amount=amount)
        if qr:
            qr.update(
                bank_name=bank.bank_id.name or "",
                acc_number=bank.acc_number,
                acc_holder_name=bank.acc_holder_name or bank.partner_id.name,
            )
        return qr
