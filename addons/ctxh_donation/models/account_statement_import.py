from odoo import _, api, fields, models
from odoo.exceptions import UserError


class AccountStatementImport(models.TransientModel):
    """OCA's statement import (account_statement_import_file and its formats), opened from the
    funds' menu with the fund's journal to import into. The incoming lines of a fund's journal
    become draft donations as soon as the file is imported. Lines already imported are skipped
    by OCA (unique import id), so a file imported twice adds neither lines nor donations."""

    _inherit = "account.statement.import"

    ctxh_journal_id = fields.Many2one(
        "account.journal",
        string="Fund Journal",
        domain="[('type', '=', 'bank'), ('id', 'in', ctxh_fund_journal_ids)]",
        help="The bank journal of the fund whose bank statement this is.",
    )
    ctxh_fund_journal_ids = fields.Many2many(
        "account.journal", string="Fund Journals", compute="_compute_ctxh_fund_journal_ids"
    )

    @api.depends("statement_file")
    def _compute_ctxh_fund_journal_ids(self):
        journals = self.env["ctxh.fund"].search([]).journal_id
        for wizard in self:
            wizard.ctxh_fund_journal_ids = journals

    @api.onchange("ctxh_journal_id")
    def _onchange_ctxh_journal_id(self):
        if self.ctxh_journal_id.default_sheet_mapping_id:
            self.sheet_mapping_id = self.ctxh_journal_id.default_sheet_mapping_id

    def _import_file(self):
        self.ensure_one()
        if self.ctxh_journal_id:
            wizard = self.with_context(journal_id=self.ctxh_journal_id.id)
            return super(AccountStatementImport, wizard)._import_file()
        if not self.env.context.get("journal_id"):
            raise UserError(_("Choose the fund's journal the bank statement belongs to."))
        return super()._import_file()

    def _parse_file(self, data_file):
        try:
            return super()._parse_file(data_file)
        except UserError as exc:
            # OCA's sheet parser says "Bad file/mapping: " and the parser's own error, often
            # empty: the finance officer learns which file and which layout did not fit
            if not (self.sheet_mapping_id and exc.__cause__ is not None):
                raise
            raise UserError(
                _(
                    "The file %(file)s cannot be read as a bank statement with the column mapping "
                    "%(mapping)s: check that it is the statement your bank exported for this "
                    "journal, in its original layout.",
                    file=self.statement_filename or "",
                    mapping=self.sheet_mapping_id.name,
                )
            ) from exc

    def import_single_file(self, file_data, result):
        before = len(result["statement_ids"])
        res = super().import_single_file(file_data, result)
        if len(result["statement_ids"]) == before:
            # instead of OCA's English message (no Vietnamese translation)
            raise UserError(
                _(
                    "The file %s was already imported, or holds only transactions already imported: "
                    "nothing was added.",
                    self.statement_filename or "",
                )
            )
        return res

    def _create_bank_statements(self, stmts_vals, result):
        before = set(result["statement_ids"])
        res = super()._create_bank_statements(stmts_vals, result)
        statements = self.env["account.bank.statement"].browse(
            [statement_id for statement_id in result["statement_ids"] if statement_id not in before]
        )
        statements.line_ids._ctxh_make_donations()
        statements.line_ids._ctxh_match_payments()
        return res

    @api.model
    def _prepare_ofx_transaction_line(self, transaction):
        # OFX names the other party in <NAME> (the payee): keep it as the line's partner name,
        # by which a known donor is found
        vals = super()._prepare_ofx_transaction_line(transaction)
        if vals and transaction.payee:
            vals["partner_name"] = transaction.payee
        return vals
