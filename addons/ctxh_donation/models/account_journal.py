from odoo import _, api, models
from odoo.exceptions import ValidationError


class AccountJournal(models.Model):
    _inherit = "account.journal"

    @api.constrains("restrict_mode_hash_table")
    def _check_ctxh_fund_hash(self):
        funds = (
            self.env["ctxh.fund"]
            .sudo()  # sudo: which funds use the journal, whatever the user may read of them
            .with_context(active_test=False)
            .search([("journal_id", "in", self.filtered(lambda j: not j.restrict_mode_hash_table).ids)])
        )
        if funds:
            raise ValidationError(
                _(
                    "Journal %(journal)s keeps the entries of fund %(fund)s: it must keep Odoo's "
                    "inalterability hash (Secure Posted Entries with Hash).",
                    journal=funds[0].journal_id.name,
                    fund=funds[0].name,
                )
            )
