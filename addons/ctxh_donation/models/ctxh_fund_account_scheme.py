from odoo import _, fields, models
from odoo.exceptions import UserError

BOOKING_MODES = [
    ("income", "Income (thu nhập)"),
    ("liability", "Held on Behalf of Beneficiaries (nợ phải trả)"),
]


class CtxhFundAccountScheme(models.Model):
    """How a hospital books its funds: which account of its chart plays which role.

    The schemes are data (``data/ctxh_fund_account_scheme_data.xml``), not code: a hospital's
    accountant checks the account numbers, changes them or adds a scheme, and applies one to a
    fund (button on the fund), which finds the accounts in the company's chart by their code
    or creates them.
    """

    _name = "ctxh.fund.account.scheme"
    _description = "Fund Account Scheme"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    regime = fields.Char(
        string="Accounting Regime",
        translate=True,
        help="The accounting regulation the account numbers follow, e.g. Circular 200/2014/TT-BTC.",
    )
    booking_mode = fields.Selection(BOOKING_MODES, required=True, default="income")
    note = fields.Text(translate=True)
    line_ids = fields.One2many("ctxh.fund.account.scheme.line", "scheme_id", string="Accounts", copy=True)

    def _ctxh_accounts(self, company):
        """The accounts of the scheme in ``company``'s chart, by role, found by their code or
        created (as the acting user: creating accounts takes Odoo's accounting manager rights).

        :return: {role: account.account}
        """
        self.ensure_one()
        Account = self.env["account.account"].with_company(company)
        lines = self.line_ids
        missing_roles = {"receipts", "support"} - set(lines.mapped("role"))
        if missing_roles:
            raise UserError(
                _("The account scheme %s needs an account for gifts received and one for support.", self.name)
            )
        codes = set(lines.mapped("code"))
        found = Account.search([*Account._check_company_domain(company), ("code", "in", list(codes))])
        existing = {account.code: account for account in found}
        to_create = [line for line in lines if line.code not in existing]
        # one line per code (the receipts and support lines of a liability scheme share theirs)
        vals_list, seen = [], set()
        for line in to_create:
            if line.code in seen:
                continue
            seen.add(line.code)
            vals_list.append(
                {
                    "code": line.code,
                    "name": line.account_name,
                    "account_type": line.account_type,
                    "reconcile": line.reconcile,
                    "company_ids": [fields.Command.set(company.ids)],
                }
            )
        if vals_list:
            for account in Account.create(vals_list):
                existing[account.code] = account
        # a transit account must be reconcilable: its open items are what is left to match
        to_reconcile = Account.browse(
            [existing[line.code].id for line in lines if line.reconcile and not existing[line.code].reconcile]
        )
        if to_reconcile:
            to_reconcile.reconcile = True
        return {line.role: existing[line.code] for line in lines}
