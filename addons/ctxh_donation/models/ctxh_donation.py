from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import create_index
from odoo.tools.misc import format_date, formatLang

from odoo.addons.base.models.ir_sequence import _update_nogap

from .bank_text import mask_text

FINANCE = ("ctxh_donation.group_ctxh_finance_officer",)
FINANCE_OR_MANAGER = ("ctxh_donation.group_ctxh_finance_officer", "ctxh_case.group_ctxh_manager")


class CtxhDonation(models.Model):
    """A gift of money or goods received into a fund, posted in accounting on confirmation."""

    _name = "ctxh.donation"
    _description = "Donation"
    _inherit = ["mail.thread", "mail.activity.mixin", "ctxh.money.document", "ctxh.input.check"]
    _order = "date desc, id desc"
    _check_company_auto = True
    _ctxh_guarded_fields = ("state", "move_id", "reversal_move_id", "receipt_number", "attributed_amount")

    receipt_number = fields.Char(readonly=True, copy=False, index=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    company_currency_id = fields.Many2one(related="company_id.currency_id", string="Company Currency")
    partner_id = fields.Many2one("res.partner", string="Donor", tracking=True, index=True)
    donor_type = fields.Selection(
        [
            ("individual", "Individual"),
            ("business", "Business"),
            ("ngo", "Charity / NGO"),
            ("religious", "Religious Organisation"),
            ("foreign", "Foreign Donor"),
        ],
        default="individual",
        required=True,
    )
    is_anonymous = fields.Boolean(string="Anonymous", tracking=True)
    publish_name = fields.Boolean(
        string="Consent to Publish Name", help="The donor agreed that the name appears on public pages."
    )
    date = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    channel = fields.Selection(
        [("cash", "Cash"), ("bank", "Bank Transfer"), ("in_kind", "In Kind")],
        required=True,
        default="bank",
        tracking=True,
    )
    campaign_id = fields.Many2one("ctxh.campaign", string="Campaign", check_company=True, tracking=True)
    fund_id = fields.Many2one(
        "ctxh.fund",
        string="Fund",
        required=True,
        check_company=True,
        tracking=True,
        compute="_compute_fund_id",
        store=True,
        readonly=False,
        precompute=True,
    )
    restriction = fields.Selection(
        [
            ("unrestricted", "Unrestricted"),
            ("fund", "To the Fund"),
            ("programme", "To a Programme"),
            ("case", "To a Named Patient"),
        ],
        default="fund",
        required=True,
        tracking=True,
    )
    support_type_id = fields.Many2one(
        "ctxh.support.type", string="Programme", help="Programme the donor designated the gift for."
    )
    case_id = fields.Many2one(
        "ctxh.case", string="Designated Case", check_company=True, tracking=True, index=True
    )
    designated_case_id = fields.Many2one(
        "ctxh.case",
        compute="_compute_designated_case_id",
        store=True,
        string="Currently Designated Case",
        help="The named patient, or the patient of the latest re-designation agreed by the donor.",
    )
    redesignation_ids = fields.One2many(
        "ctxh.donation.redesignation", "donation_id", string="Re-designations"
    )
    currency_id = fields.Many2one(
        "res.currency",
        string="Currency",
        required=True,
        default=lambda self: self.env.company.currency_id,
    )
    amount_currency = fields.Monetary(string="Amount in Currency", currency_field="currency_id")
    amount = fields.Monetary(
        currency_field="company_currency_id",
        compute="_compute_amount",
        store=True,
        help="Amount in VND (company currency), converted at the rate of the donation date.",
    )
    line_ids = fields.One2many("ctxh.donation.line", "donation_id", string="Goods Received", copy=True)
    state = fields.Selection(
        [("draft", "Draft"), ("confirmed", "Confirmed"), ("cancelled", "Cancelled")],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
    )
    move_id = fields.Many2one("account.move", string="Journal Entry", readonly=True, copy=False)
    reversal_move_id = fields.Many2one("account.move", string="Reversal Entry", readonly=True, copy=False)
    statement_line_id = fields.Many2one(
        "account.bank.statement.line",
        string="Bank Statement Line",
        copy=False,
        check_company=True,
        help="The bank transaction through which the gift arrived.",
    )
    bank_partner_name = fields.Char(
        related="statement_line_id.partner_name", string="Name on the Bank Statement"
    )
    transfer_content = fields.Char(related="statement_line_id.payment_ref", string="Transfer Content")
    note = fields.Text()
    source_ids = fields.One2many("ctxh.allocation.source", "donation_id", string="Funded Allocations")
    attributed_amount = fields.Monetary(
        currency_field="company_currency_id",
        readonly=True,
        copy=False,
        default=0.0,
        help="Part of the gift already attributed to paid support (donor traceability).",
    )
    allocated_amount = fields.Monetary(
        compute="_compute_allocated_amount", currency_field="company_currency_id"
    )
    remaining_amount = fields.Monetary(
        compute="_compute_allocated_amount",
        currency_field="company_currency_id",
        help="For a designated gift: amount not yet committed to approved or paid allocations.",
    )
    allocation_count = fields.Integer(compute="_compute_allocated_amount")

    def init(self):
        res = super().init()
        # a bank statement line explains one donation at most; a cancelled one gives it back (its
        # reversal reopens the line's transit item), so that the line can be recorded again
        self.env.cr.execute(
            """
            ALTER TABLE ctxh_donation DROP CONSTRAINT IF EXISTS ctxh_donation_statement_line_uniq;
            CREATE UNIQUE INDEX IF NOT EXISTS ctxh_donation_statement_line_active_uniq
                ON ctxh_donation (statement_line_id)
             WHERE statement_line_id IS NOT NULL AND state != 'cancelled'
            """
        )
        # the attribution of a payment reads only the donations that still have money left
        self.env.cr.execute(
            """
            CREATE INDEX IF NOT EXISTS ctxh_donation_open_attribution_idx
                ON ctxh_donation (fund_id, date, id)
             WHERE state = 'confirmed' AND amount > attributed_amount
            """
        )
        # a fund's gifts of a period (public pages, disclosure), a campaign's, a patient's
        create_index(
            self.env.cr, "ctxh_donation_fund_state_date_idx", self._table, ["fund_id", "state", "date"]
        )
        for column in ("campaign_id", "designated_case_id"):
            create_index(
                self.env.cr,
                f"ctxh_donation_{column}_idx",
                self._table,
                [column],
                where=f"{column} IS NOT NULL",
            )
        return res

    @api.depends("campaign_id")
    def _compute_fund_id(self):
        for donation in self:
            if donation.campaign_id and not donation.fund_id:
                donation.fund_id = donation.campaign_id.fund_id

    @api.depends("case_id", "redesignation_ids.new_case_id", "redesignation_ids.date")
    def _compute_designated_case_id(self):
        for donation in self:
            last = donation.redesignation_ids.sorted(lambda r: (r.date, r.id))[-1:]
            donation.designated_case_id = last.new_case_id or (
                donation.case_id if donation.restriction == "case" else False
            )

    @api.depends("channel", "amount_currency", "currency_id", "date", "line_ids.subtotal")
    def _compute_amount(self):
        for donation in self:
            if donation.channel == "in_kind":
                donation.amount = sum(donation.line_ids.mapped("subtotal"))
            else:
                company = donation.company_id or self.env.company
                donation.amount = donation.currency_id._convert(
                    donation.amount_currency,
                    company.currency_id,
                    company,
                    donation.date or fields.Date.context_today(donation),
                )

    def _compute_allocated_amount(self):
        # sudo: the amount of the donation already used, whoever reads the donation; an officer
        # reads the support of their own teams' cases only, but the remaining money is the
        # donation's (a sum per donation, no case)
        Allocation = self.env["ctxh.allocation"].sudo()
        direct = dict(
            Allocation._read_group(
                [("donation_id", "in", self.ids), ("state", "in", ("approved", "paid"))],
                ["donation_id"],
                ["amount:sum"],
            )
        )
        sources = dict(
            self.env["ctxh.allocation.source"]._read_group(
                [("donation_id", "in", self.ids)], ["donation_id"], ["allocation_id:count_distinct"]
            )
        )
        for donation in self:
            donation.allocated_amount = direct.get(donation, 0.0)
            donation.remaining_amount = donation.amount - donation.allocated_amount
            donation.allocation_count = sources.get(donation, 0)

    @api.depends("receipt_number", "partner_id", "is_anonymous", "amount", "company_currency_id", "state")
    def _compute_display_name(self):
        """The receipt number and the donor ("BL/2026/0001 - Nguyễn Văn An"); before it has a
        number, the donor, the amount and the status ("Nhà hảo tâm ẩn danh - 5.000.000 ₫ (nháp)")."""
        states = dict(self._fields["state"]._description_selection(self.env))
        for donation in self:
            donor = (
                _("Anonymous donor")
                if donation.is_anonymous or not donation.partner_id
                else donation.partner_id.name
            )
            if donation.receipt_number:
                donation.display_name = f"{donation.receipt_number} - {donor}"
            else:
                donation.display_name = _(
                    "%(donor)s - %(amount)s (%(state)s)",
                    donor=donor,
                    amount=formatLang(self.env, donation.amount, currency_obj=donation.company_currency_id),
                    state=states[donation.state].lower(),
                )

    @api.constrains("restriction", "case_id", "support_type_id")
    def _check_restriction(self):
        for donation in self:
            if donation.restriction == "case" and not donation.case_id:
                raise ValidationError(_("A donation to a named patient needs the patient's case."))
            if donation.restriction == "programme" and not donation.support_type_id:
                raise ValidationError(_("A donation to a programme needs the programme."))

    @api.constrains("amount_currency", "currency_id")
    def _check_amount_not_negative(self):
        for donation in self:
            if donation.currency_id.compare_amounts(donation.amount_currency, 0.0) < 0:
                raise ValidationError(
                    _(
                        "The amount of a donation cannot be negative (%(amount)s).",
                        amount=formatLang(
                            self.env, donation.amount_currency, currency_obj=donation.currency_id
                        ),
                    )
                )

    @api.constrains("date", "campaign_id")
    def _check_campaign_window(self):
        for donation in self:
            if donation.campaign_id and not donation.campaign_id._accepts_date(donation.date):
                raise ValidationError(
                    _(
                        "Campaign %(campaign)s receives donations from %(start)s to %(end)s; "
                        "a donation dated %(date)s is refused.",
                        campaign=donation.campaign_id.name,
                        start=format_date(self.env, donation.campaign_id.date_start),
                        end=format_date(self.env, donation.campaign_id.date_end) or "...",
                        date=format_date(self.env, donation.date),
                    )
                )

    def _ctxh_check_lines_free(self, line_ids):
        """Before writing: the statement lines ``line_ids`` explain no other donation (the
        partial unique index ctxh_donation_statement_line_active_uniq backs this under
        concurrency)."""
        line_ids = [line_id for line_id in line_ids if line_id]
        if not line_ids:
            return
        taken = self.sudo().search_count(  # sudo: whether the line is taken, whatever the user reads
            [("statement_line_id", "in", line_ids), ("state", "!=", "cancelled"), ("id", "not in", self.ids)]
        )
        if taken or len(set(line_ids)) < len(line_ids) or (len(self) > 1 and len(line_ids) == 1):
            raise ValidationError(_("A bank statement line can be matched to one donation only."))

    @api.constrains("statement_line_id", "amount", "fund_id", "state")
    def _check_statement_line(self):
        for donation in self.filtered(lambda d: d.statement_line_id and d.state != "cancelled"):
            line = donation.statement_line_id.sudo()
            amount = line.currency_id._convert(
                line.amount, donation.company_currency_id, donation.company_id, line.date
            )
            if donation.company_currency_id.compare_amounts(amount, donation.amount) != 0:
                raise ValidationError(
                    _(
                        "The bank statement line (%(line)s) does not match the donation amount (%(amount)s).",
                        line=formatLang(self.env, amount, currency_obj=donation.company_currency_id),
                        amount=formatLang(
                            self.env, donation.amount, currency_obj=donation.company_currency_id
                        ),
                    )
                )
            if line.journal_id != donation.fund_id.journal_id:
                raise ValidationError(
                    _("The bank statement line belongs to another journal than the fund's.")
                )

    @api.model_create_multi
    def create(self, vals_list):
        self.browse()._ctxh_check_lines_free([vals.get("statement_line_id") for vals in vals_list])
        donations = super().create(vals_list)
        donations._check_not_anonymous_and_missing_donor()
        donations.case_id._ctxh_check_readable()
        return donations

    def _check_not_anonymous_and_missing_donor(self, strict=False):
        """A donation names its donor or is anonymous; a draft made from a bank statement line
        may wait for the finance officer to tell who gave (``strict`` on confirmation)."""
        for donation in self:
            if strict or not (donation.state == "draft" and donation.statement_line_id):
                if not donation.partner_id and not donation.is_anonymous:
                    raise ValidationError(
                        _(
                            "Choose the donor or mark the donation as anonymous (%s).",
                            donation.transfer_content or donation.display_name,
                        )
                    )

    def write(self, vals):
        locked = {
            "amount_currency",
            "currency_id",
            "date",
            "channel",
            "fund_id",
            "line_ids",
            "company_id",
            "statement_line_id",
        }
        if locked & set(vals) and any(d.state != "draft" for d in self):
            raise UserError(
                _("A confirmed or cancelled donation cannot be changed; cancel it and record a new one.")
            )
        if vals.get("statement_line_id"):
            self._ctxh_check_lines_free([vals["statement_line_id"]])
        res = super().write(vals)
        if {"partner_id", "is_anonymous"} & set(vals):
            self._check_not_anonymous_and_missing_donor()
        if "case_id" in vals:
            self.case_id._ctxh_check_readable()
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft(self):
        if any(d.state != "draft" for d in self):
            raise UserError(
                _("A confirmed or cancelled donation cannot be deleted: its entries stay on record.")
            )

    # ------------------------------------------------------------------
    # Posting hooks (ctxh.money.document)
    # ------------------------------------------------------------------
    def _ctxh_money_date(self):
        self.ensure_one()
        return self.date

    def _ctxh_money_label(self):
        self.ensure_one()
        return _("Donation %(receipt)s", receipt=self.receipt_number)

    @api.model
    def _ctxh_consistency_spec(self):
        return "amount", "received", ("confirmed",)

    def _prepare_move_line_vals(self):
        self.ensure_one()
        fund = self.fund_id
        partner = self.partner_id.commercial_partner_id.id if self.partner_id else False
        in_kind = self.channel == "in_kind"
        currency = False if in_kind else self.currency_id
        return [
            self._ctxh_line(
                fund._get_money_account(in_kind=in_kind, transit=self.channel == "bank"),
                self.amount,
                self.amount_currency,
                currency,
                partner_id=partner,
            ),
            self._ctxh_fund_line(
                fund.income_account_id, -self.amount, -self.amount_currency, currency, partner_id=partner
            ),
        ]

    # ------------------------------------------------------------------
    # Transitions
    # ------------------------------------------------------------------
    @api.model
    def _ctxh_receipt_sequence(self, company):
        """The receipt sequence of a company (no gap, a range per year of the donation's date)."""
        Sequence = self.env["ir.sequence"]
        sequence = Sequence.search(
            [("code", "=", "ctxh.donation.receipt"), ("company_id", "=", company.id)], limit=1
        )
        if not sequence:
            # sudo: each hospital gets its own receipt sequence the first time it confirms a gift;
            # finance officers draw numbers, they do not configure sequences
            sequence = Sequence.sudo().create(
                {
                    "name": _("Donation Receipt (%s)", company.name),
                    "code": "ctxh.donation.receipt",
                    "company_id": company.id,
                    "prefix": "BL/%(range_year)s/",
                    "padding": 5,
                    "implementation": "no_gap",
                    "use_date_range": True,
                }
            )
        return sequence.with_env(self.env)

    def _ctxh_assign_receipt_numbers(self):
        """Receipt numbers per company, by the donation's date, without gaps, drawn in one go per
        company and year: the sequence rows are locked (waiting, see ctxh.money.lock), then each
        date range's counter moves once by the number of donations it numbers."""
        by_company = self.grouped("company_id")
        sequences = {company: self._ctxh_receipt_sequence(company) for company in by_company}
        self.env["ctxh.money.lock"]._ctxh_lock_rows("ir_sequence", [seq.id for seq in sequences.values()])
        numbers = {}
        for company, donations in by_company.items():
            sequence = sequences[company]
            ordered = donations.sorted(lambda d: (d.date, d.id))
            if sequence.implementation != "no_gap":
                # a sequence an administrator switched to the standard implementation
                for donation in ordered:
                    numbers[donation] = sequence.next_by_id(sequence_date=donation.date)
                continue
            # consecutive donations in the same date range of the sequence (a year by default)
            groups = []
            for donation in ordered:
                current = groups[-1][0] if groups else None
                if current is None or (
                    sequence.use_date_range and not current.date_from <= donation.date <= current.date_to
                ):
                    current = sequence._get_current_sequence(sequence_date=donation.date)
                    groups.append((current, []))
                groups[-1][1].append(donation)
            for counter, group in groups:
                first = _update_nogap(counter, sequence.number_increment * len(group))
                context = {"ir_sequence_date_range": counter.date_from} if sequence.use_date_range else {}
                for index, donation in enumerate(group):
                    numbers[donation] = sequence.with_context(
                        ir_sequence_date=donation.date, **context
                    ).get_next_char(first + index * sequence.number_increment)
        for donation, number in numbers.items():
            donation._ctxh_transition_write({"receipt_number": number})

    def action_confirm(self):
        self._ctxh_check_group(FINANCE, _("Only a finance officer confirms donations."))
        self._ctxh_lock()
        for donation in self:
            if donation.state != "draft":
                raise UserError(_("Only draft donations can be confirmed."))
            if donation.channel == "in_kind" and not donation.line_ids:
                raise UserError(_("An in-kind donation needs the goods received."))
            if donation.channel != "in_kind" and donation.line_ids:
                raise UserError(_("Do not mix goods with a cash or bank donation; record them separately."))
            if donation.company_currency_id.compare_amounts(donation.amount, 0.0) <= 0:
                raise UserError(_("The amount of a donation must be positive."))
        self._check_not_anonymous_and_missing_donor(strict=True)
        self._ctxh_check_statement_lines()
        self._ctxh_check_money_dates()
        self._ctxh_assign_receipt_numbers()
        moves = self._ctxh_post_moves()
        for donation, move in zip(self, moves, strict=True):
            donation._ctxh_transition_write({"move_id": move.id, "state": "confirmed"})
        self._ctxh_reconcile_statement_lines()
        return True

    def _ctxh_check_statement_lines(self):
        """A bank gift into a fund that imports its bank statement (a fund with a money in
        transit account) comes from its statement line, whose transit item is still open:
        otherwise the bank would count it twice, or the line twice."""
        donations = self.filtered(lambda d: d.channel == "bank" and d.fund_id.transit_account_id)
        items = donations.statement_line_id._ctxh_transit_items()
        for donation in donations:
            line = donation.statement_line_id
            if not line:
                raise UserError(
                    _(
                        "Fund %(fund)s receives bank transfers through its bank statement: choose "
                        "the statement line of donation %(donation)s (or import the statement).",
                        fund=donation.fund_id.name,
                        donation=donation.display_name,
                    )
                )
            transit = items[line]
            transit_account = donation.fund_id.transit_account_id
            if len(transit) != 1 or transit.reconciled or transit.account_id != transit_account:
                raise UserError(
                    _(
                        "The bank statement line of donation %s is not waiting on the fund's "
                        "money in transit account: it was matched already or booked otherwise.",
                        donation.display_name,
                    )
                )

    def _ctxh_reconcile_statement_lines(self):
        """Reconcile the transit item of each confirmed donation's entry with the one of its bank
        statement line, in one call: the bank line is then fully explained by the donation."""
        plan = []
        donations = self.filtered(lambda d: d.statement_line_id and d.fund_id.transit_account_id)
        items = donations.statement_line_id._ctxh_transit_items()
        for donation in donations:
            account = donation.fund_id.transit_account_id
            plan.append(
                donation.move_id.line_ids.filtered(lambda line, account=account: line.account_id == account)
                | items[donation.statement_line_id]
            )
        if plan:
            self.env["account.move.line"]._reconcile_plan(plan)

    def action_cancel(self):
        self._ctxh_lock()
        confirmed = self.filtered(lambda d: d.state == "confirmed")
        if confirmed:
            confirmed._ctxh_check_group(
                FINANCE_OR_MANAGER, _("Only a finance officer or a manager cancels a confirmed donation.")
            )
        else:
            self._ctxh_check_group(
                FINANCE + ("ctxh_case.group_ctxh_officer",),
                _("Only social work or finance staff cancel donations."),
            )
        funds = confirmed.fund_id
        funds._ctxh_lock()
        balances = funds._get_balances()
        for donation in confirmed:
            currency = donation.company_currency_id
            if donation.allocated_amount:
                raise UserError(
                    _("Donation %s is designated to allocations; cancel them first.", donation.display_name)
                )
            available = balances[donation.fund_id.id]["available"]
            if currency.compare_amounts(available, donation.amount) < 0:
                raise UserError(
                    _(
                        "Donation %(name)s cannot be cancelled: fund %(fund)s has only %(available)s "
                        "left; the money was already used.",
                        name=donation.display_name,
                        fund=donation.fund_id.name,
                        available=formatLang(self.env, max(available, 0.0), currency_obj=currency),
                    )
                )
            # running total: two cancellations in one call cannot both take the same money
            balances[donation.fund_id.id]["available"] -= donation.amount
        reversals = confirmed._ctxh_reverse_moves(confirmed.move_id)
        for donation, reversal in zip(confirmed, reversals, strict=True):
            donation._ctxh_transition_write({"reversal_move_id": reversal.id, "state": "cancelled"})
        self.env["ctxh.fund"]._ctxh_release_donations(confirmed)
        (self - confirmed).filtered(lambda d: d.state == "draft")._ctxh_transition_write(
            {"state": "cancelled"}
        )
        return True

    def action_draft(self):
        for donation in self:
            if donation.state != "cancelled" or donation.move_id:
                raise UserError(_("Only donations cancelled before confirmation can be reset to draft."))
        self._ctxh_transition_write({"state": "draft"})
        return True

    def action_print_receipt(self):
        return self.env.ref("ctxh_donation.action_report_ctxh_donation_receipt").report_action(self)

    def _ctxh_receipt_lang(self):
        """The language of the receipt and thank-you letter: the donor's, or for an anonymous gift
        the hospital's (then the printing user's)."""
        self.ensure_one()
        donor = self.partner_id if not self.is_anonymous else self.env["res.partner"]
        return donor.lang or self.company_id.partner_id.lang or self.env.lang

    def action_view_allocations(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("ctxh_donation.ctxh_allocation_action")
        action["domain"] = [("id", "in", self.source_ids.allocation_id.ids)]
        return action

    def _ctxh_public_contents(self):
        """What the published statement shows of each donation: the transfer content of its bank
        statement line (or its channel and donor), with the donor's name masked unless the donor
        agreed to be named, and every word of a patient's name of the hospital always masked (a
        donor may name the patient the gift is for). {donation id: text}"""
        channels = dict(self._fields["channel"]._description_selection(self.env))
        patients = {}
        for company in self.company_id:
            self.env["ctxh.case"].flush_model(["partner_id", "company_id"])
            self.env.cr.execute(
                """
                SELECT DISTINCT p.name FROM ctxh_case c JOIN res_partner p ON p.id = c.partner_id
                 WHERE c.company_id = %s
                """,
                [company.id],
            )
            patients[company.id] = [row[0] for row in self.env.cr.fetchall()]
        result = {}
        for donation in self:
            line = donation.statement_line_id
            named = donation.partner_id and donation.publish_name and not donation.is_anonymous
            donor_names = [donation.partner_id.name, line.partner_name]
            hidden = patients[donation.company_id.id] + ([] if named else donor_names)
            if line.payment_ref:
                text = line.payment_ref
            else:
                donor = donation.partner_id.name if donation.partner_id and not donation.is_anonymous else ""
                text = " - ".join(filter(None, [channels.get(donation.channel), donor]))
            result[donation.id] = mask_text(text, hidden, keep=donor_names if named else ())
        return result

    def _public_donor_name(self):
        """Name shown to the public: only with consent, never for anonymous gifts."""
        self.ensure_one()
        if self.is_anonymous or not self.publish_name or not self.partner_id:
            return _("Anonymous donor")
        return self.partner_id.name
