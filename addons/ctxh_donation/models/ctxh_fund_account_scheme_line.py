from odoo import fields, models

ROLES = [
    ("receipts", "Gifts Received"),
    ("support", "Support Paid"),
    ("in_kind", "Goods in Kind"),
    ("transit", "Money in Transit"),
]


class CtxhFundAccountSchemeLine(models.Model):
    """One role of an account scheme: the account's code, and how to create it when the
    company's chart does not have it."""

    _name = "ctxh.fund.account.scheme.line"
    _description = "Fund Account Scheme Line"
    _order = "scheme_id, role"

    scheme_id = fields.Many2one("ctxh.fund.account.scheme", required=True, ondelete="cascade", index=True)
    role = fields.Selection(
        ROLES,
        required=True,
        help="Gifts Received: credited when a gift is received (income, or the liability in the 'held "
        "on behalf' mode). Support Paid: debited when support is paid (expense, or the same "
        "liability). Goods in Kind: goods received and handed out. Money in Transit: bank "
        "transfers between the bank statement and their donation or payment.",
    )
    code = fields.Char(required=True)
    account_name = fields.Char(required=True, translate=True)
    account_type = fields.Selection(
        selection=lambda self: self.env["account.account"]._fields["account_type"].selection,
        required=True,
    )
    reconcile = fields.Boolean(string="Allow Reconciliation")

    _sql_constraints = [
        ("role_uniq", "unique(scheme_id, role)", "An account scheme has one account per role."),
    ]
