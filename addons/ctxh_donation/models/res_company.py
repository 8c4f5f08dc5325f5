from odoo import SUPERUSER_ID, fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    ctxh_second_approval_amount = fields.Monetary(
        string="Second Approval Above",
        currency_field="currency_id",
        default=10000000,
        help="Allocations of a higher amount need a second approval by another manager.",
    )

    def _ctxh_account_moves(self):
        """account.move as the accounting administrator, to post donation and disbursement
        entries on behalf of social workers without accounting rights (the journal's
        inalterability hash is written by the posting user). Analytic applicability is validated."""
        self.ensure_one()
        return (
            self.env["account.move"]
            .with_user(SUPERUSER_ID)
            .with_company(self)
            .with_context(validate_analytic=True)
        )
