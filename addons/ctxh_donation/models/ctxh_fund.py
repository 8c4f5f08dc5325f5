from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from .bank_text import normalize_reference


class CtxhFund(models.Model):
    """A sponsorship fund: money and goods received for a purpose, backed by an analytic account."""

    _name = "ctxh.fund"
    _description = "Sponsorship Fund"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "ctxh.money.lock",  # locking: ctxh_money_lock.py
        "ctxh.fund.balance",  # received / disbursed / available: ctxh_fund_balance.py
        "ctxh.fund.attribution",  # donors behind paid allocations: ctxh_fund_attribution.py
        "ctxh.fund.disclosure",  # public figures: ctxh_fund_disclosure.py
        "ctxh.input.check",  # text sizes
    ]
    _order = "sequence, name"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    code = fields.Char(required=True, tracking=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id", string="Currency")
    analytic_account_id = fields.Many2one(
        "account.analytic.account",
        string="Analytic Account",
        readonly=True,
        copy=False,
        ondelete="restrict",
        help="Created with the fund in the analytic plan 'Funds'; every donation and "
        "disbursement entry of the fund carries it.",
    )
    restricted = fields.Boolean(
        tracking=True, help="Restricted funds may only support eligible cases for their purpose."
    )
    purpose = fields.Text(translate=False)
    case_type_ids = fields.Many2many("ctxh.case.type", string="Eligible Case Types")
    vulnerable_group_ids = fields.Many2many("ctxh.vulnerable.group", string="Eligible Vulnerable Groups")
    journal_id = fields.Many2one(
        "account.journal",
        string="Journal",
        required=True,
        check_company=True,
        domain="[('type', 'in', ('bank', 'cash'))]",
        help="Separate bank or cash journal of the fund (Decree 93/2021/NĐ-CP).",
    )
    income_account_id = fields.Many2one(
        "account.account",
        string="Income Account",
        required=True,
        check_company=True,
        domain="[('internal_group', '=', 'income')]",
    )
    expense_account_id = fields.Many2one(
        "account.account",
        string="Support Expense Account",
        required=True,
        check_company=True,
        domain="[('internal_group', '=', 'expense')]",
    )
    in_kind_account_id = fields.Many2one(
        "account.account",
        string="In-kind Goods Account",
        check_company=True,
        help="Debited when goods are received in kind, credited when they are handed out.",
    )
    campaign_ids = fields.One2many("ctxh.campaign", "fund_id", string="Campaigns")
    donation_count = fields.Integer(compute="_compute_counts")
    allocation_count = fields.Integer(compute="_compute_counts")

    _sql_constraints = [
        ("code_company_uniq", "unique(code, company_id)", "The code of a fund must be unique."),
    ]

    @api.constrains("journal_id")
    def _check_journal_hash(self):
        for fund in self.sudo():  # sudo: the journal's setting, whatever the user may read
            if not fund.journal_id.restrict_mode_hash_table:
                raise ValidationError(
                    _(
                        "The journal %(journal)s of fund %(fund)s must lock posted entries with "
                        "Odoo's inalterability hash (Secure Posted Entries with Hash).",
                        journal=fund.journal_id.name,
                        fund=fund.name,
                    )
                )

    def _ctxh_check_codes_free(self, taken):
        """Before writing: no two funds of a hospital have the same code as banks carry it (the
        transfer content "UH <code>" finds the fund by it), archived funds included."""
        seen = {}
        for company_id, code, name in taken:
            key = (company_id, normalize_reference(code))
            other = seen.get(key)
            if other is None:
                # sudo: whether the code is taken and by which fund, whatever the user reads
                funds = (
                    self.sudo()
                    .with_context(active_test=False)
                    .search([("company_id", "=", company_id), ("id", "not in", self.ids)])
                )
                found = funds.filtered(lambda fund, code=key[1]: normalize_reference(fund.code) == code)[:1]
                other = found.name if found else None
            if other is not None:
                raise ValidationError(
                    _(
                        "The code %(code)s is already used by fund %(fund)s: choose another one.",
                        code=code.strip(),
                        fund=other,
                    )
                )
            seen[key] = name or code

    @api.model_create_multi
    def create(self, vals_list):
        self._ctxh_check_codes_free(
            [
                (vals.get("company_id") or self.env.company.id, vals["code"], vals.get("name"))
                for vals in vals_list
                if vals.get("code")
            ]
        )
        plan = self.env.ref("ctxh_donation.analytic_plan_funds")
        for vals in vals_list:
            if not vals.get("analytic_account_id"):
                account = (
                    self.env["account.analytic.account"]
                    .sudo()  # sudo: the fund's own analytic account, created with it by a fund manager
                    .create(
                        {
                            "name": vals.get("name"),
                            "code": vals.get("code"),
                            "plan_id": plan.id,
                            "company_id": vals.get("company_id") or self.env.company.id,
                        }
                    )
                )
                vals["analytic_account_id"] = account.id
        funds = super().create(vals_list)
        funds._sync_analytic_applicability()
        funds._ctxh_rebuild_totals()
        return funds

    def write(self, vals):
        if vals.get("code"):
            self._ctxh_check_codes_free(
                [(vals.get("company_id") or fund.company_id.id, vals["code"], fund.name) for fund in self]
            )
        booked = {"journal_id", "income_account_id", "expense_account_id", "in_kind_account_id", "company_id"}
        if booked & set(vals) and self._ctxh_has_entries():
            raise UserError(
                _(
                    "Fund %s already has journal entries: its journal, company and accounts stay as "
                    "they are, so that its figures keep reading the same ledger.",
                    self[0].name,
                )
            )
        res = super().write(vals)
        if {"income_account_id", "expense_account_id", "in_kind_account_id"} & set(vals):
            self._sync_analytic_applicability()
        if {"income_account_id", "expense_account_id", "analytic_account_id"} & set(vals):
            # the items of the new accounts (or analytic account) are the fund's from now on
            self._ctxh_rebuild_totals()
        if {"name", "code"} & set(vals):
            for fund in self:
                fund.analytic_account_id.sudo().write(  # sudo: kept equal to the fund's name and code
                    {"name": fund.name, "code": fund.code}
                )
        return res

    @api.model
    def _sync_analytic_applicability(self):
        """Make the 'Funds' plan mandatory on the income and expense accounts of the funds."""
        # sudo: the rule covers the accounts of every fund, whatever the user may read
        applicability = self.env.ref("ctxh_donation.analytic_applicability_funds").sudo()
        funds = self.sudo().with_context(active_test=False).search([])
        codes = sorted(set((funds.income_account_id | funds.expense_account_id).mapped("code")) - {False})
        # Without any fund account the rule must not apply to every journal item.
        applicability.write(
            {
                "account_prefix": ",".join(codes) or False,
                "applicability": "mandatory" if codes else "optional",
            }
        )

    def _ctxh_has_entries(self):
        if not self.ids:
            return False
        self.env["account.move.line"].flush_model()
        self.env.cr.execute("SELECT 1 FROM ctxh_fund_ledger WHERE fund_id IN %s LIMIT 1", [tuple(self.ids)])
        return bool(self.env.cr.fetchone())

    def _get_money_account(self, in_kind=False, transit=False):
        """The account on the money side of the fund's entries: the donated goods account for
        in-kind operations; with ``transit``, the fund's money in transit account when it has one
        (bank transfers that a bank statement line books, see ctxh_fund_booking.py); otherwise
        the default account of the fund's bank/cash journal."""
        self.ensure_one()
        if in_kind:
            account = self.in_kind_account_id
            if not account:
                raise UserError(_("Fund %s has no in-kind goods account.", self.name))
            return account
        if transit and self.transit_account_id:
            return self.transit_account_id
        account = self.sudo().journal_id.default_account_id  # sudo: which account, not its content
        if not account:
            raise UserError(_("The journal of fund %s has no default account.", self.name))
        return account

    def _compute_counts(self):
        donations = dict(
            self.env["ctxh.donation"]._read_group([("fund_id", "in", self.ids)], ["fund_id"], ["__count"])
        )
        allocations = dict(
            self.env["ctxh.allocation"]._read_group([("fund_id", "in", self.ids)], ["fund_id"], ["__count"])
        )
        for fund in self:
            fund.donation_count = donations.get(fund, 0)
            fund.allocation_count = allocations.get(fund, 0)

    def _is_case_eligible(self, case):
        """Whether ``case`` may be supported by this (restricted) fund."""
        self.ensure_one()
        # sudo: the case types and groups of the fund and of the case are compared, nothing of
        # them is returned; a finance officer paying support reads neither (test
        # test_finance_officer_pays_from_a_restricted_fund)
        fund, case = self.sudo(), case.sudo()
        if not fund.restricted or not (fund.case_type_ids or fund.vulnerable_group_ids):
            return True
        if case.case_type_id in fund.case_type_ids:
            return True
        return bool(case.vulnerable_group_ids & fund.vulnerable_group_ids)

    def action_view_donations(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("ctxh_donation.ctxh_donation_action")
        action["domain"] = [("fund_id", "=", self.id)]
        action["context"] = {"default_fund_id": self.id}
        return action

    def action_view_allocations(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("ctxh_donation.ctxh_allocation_action")
        action["domain"] = [("fund_id", "=", self.id)]
        action["context"] = {"default_fund_id": self.id}
        return action

    def action_view_journal_items(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Journal Items of %s", self.name),
            "res_model": "account.move.line",
            "view_mode": "list",
            "domain": [
                ("analytic_distribution", "in", self.analytic_account_id.ids),
                ("parent_state", "=", "posted"),
            ],
        }
