from contextlib import contextmanager

from odoo import _, api, fields, models
from odoo.exceptions import UserError

# While ctxh posts a batch of entries (``AccountMove._ctxh_sequence_batch``), the format of the
# next number of each journal and month, found once (see ``_get_next_sequence_format``).
SEQUENCE_BATCH = "ctxh_donation.sequence_batch"

# Fields of a posted ctxh entry that nobody changes (the reversal is the only correction).
LOCKED_MOVE_FIELDS = {
    "line_ids",
    "invoice_line_ids",
    "date",
    "journal_id",
    "company_id",
    "partner_id",
    "currency_id",
    "ref",
    "name",
    "move_type",
    "auto_post",
    "reversed_entry_id",
    "ctxh_res_model",
    "ctxh_res_id",
    "ctxh_campaign_id",
}
LOCKED_LINE_FIELDS = {
    "move_id",
    "account_id",
    "partner_id",
    "name",
    "date",
    "debit",
    "credit",
    "balance",
    "amount_currency",
    "currency_id",
    "analytic_distribution",
    "tax_ids",
    "tax_line_id",
    "display_type",
    "quantity",
    "price_unit",
}


class AccountMove(models.Model):
    _inherit = "account.move"

    ctxh_res_model = fields.Char(
        string="ctxh Document Model", readonly=True, copy=False, index="btree_not_null"
    )
    ctxh_res_id = fields.Many2oneReference(
        string="ctxh Document", model_field="ctxh_res_model", readonly=True, copy=False
    )
    ctxh_campaign_id = fields.Many2one(
        "ctxh.campaign", string="Campaign", readonly=True, copy=False, index="btree_not_null"
    )

    # ------------------------------------------------------------------
    # Numbering a batch of entries
    # ------------------------------------------------------------------
    @api.model
    @contextmanager
    def _ctxh_sequence_batch(self):
        """Number the ctxh entries posted inside the block with one look-up of the last number per
        journal and month, instead of one per entry.

        Odoo finds the next number of each entry with two queries on the journal's entries
        (``_get_last_sequence``); on a fund journal holding tens of thousands of entries their plan
        sorts the whole year of the journal when the table's statistics lag behind, as they do
        during a batch (30 ms per entry at 10,000 entries, growing with the journal). Inside the
        block the format of the first entry of a journal and month serves the following ones:
        Odoo's ``_locked_increment`` then continues from the number this transaction holds (it
        keeps the unique index entry of that number locked until commit, and its transactional
        cache gives the next ones). Numbers stay consecutive and unique: a wrong guess could only
        meet the unique index and try the next number, as Odoo itself does.
        """
        data = self.env.cr.precommit.data
        outer = SEQUENCE_BATCH in data
        if not outer:
            data[SEQUENCE_BATCH] = {}
        try:
            yield
        finally:
            if not outer:
                data.pop(SEQUENCE_BATCH, None)

    def _get_next_sequence_format(self):
        batch = self.env.cr.precommit.data.get(SEQUENCE_BATCH)
        if batch is None or not self.ctxh_res_model or not self.date:
            return super()._get_next_sequence_format()
        key = (self.journal_id.id, self.move_type, self.date.year, self.date.month)
        if key in batch:
            format_string, format_values = batch[key]
            return format_string, dict(format_values)
        format_string, format_values = super()._get_next_sequence_format()
        batch[key] = (format_string, dict(format_values))
        return format_string, format_values

    def _ctxh_refuse(self):
        moves = self.filtered("ctxh_res_model")
        if moves:
            move = moves[0]
            document = self.env[move.ctxh_res_model].browse(move.ctxh_res_id).sudo()
            # sudo: only the display name of the document, for the message of the refusal
            raise UserError(
                _(
                    "Journal entry %(move)s records %(document)s of the social work funds: it cannot "
                    "be reset to draft, cancelled, changed or deleted. Cancel the document in ctxh, "
                    "which posts its reversal.",
                    move=move.name,
                    document=document.display_name,
                )
            )

    def _ctxh_lock_funds(self):
        """Lock the funds whose running totals these entries change (items carrying a fund's
        analytic account on one of the fund's accounts), before they are posted or reset to
        draft, as ctxh's own operations lock a fund before they post: a concurrent operation on the
        same fund then waits here, and is replayed by Odoo, instead of failing later on the
        fund's totals (ctxh_fund_balance.py)."""
        lines = self.line_ids.filtered("analytic_distribution")
        if not lines:
            return
        analytics = {
            int(key) for line in lines for keys in line.analytic_distribution for key in keys.split(",")
        }
        # sudo: which funds the items move (locked, nothing of them is returned), for an accountant
        # who cannot read the funds: test_totals_follow_entries_posted_outside_ctxh posts as one,
        # test_entry_outside_ctxh_against_payment races one against a payment
        funds = (
            self.env["ctxh.fund"]
            .sudo()
            .with_context(active_test=False)
            .search(
                [
                    ("analytic_account_id", "in", list(analytics)),
                    "|",
                    ("income_account_id", "in", lines.account_id.ids),
                    ("expense_account_id", "in", lines.account_id.ids),
                ]
            )
        )
        funds._ctxh_lock()

    def _post(self, soft=True):
        self._ctxh_lock_funds()
        return super()._post(soft=soft)

    def button_draft(self):
        self._ctxh_refuse()
        self._ctxh_lock_funds()
        return super().button_draft()

    def button_cancel(self):
        self._ctxh_refuse()
        return super().button_cancel()

    def write(self, vals):
        posted = self.filtered(lambda m: m.ctxh_res_model and m.state == "posted")
        if posted:
            changed = set(vals) & LOCKED_MOVE_FIELDS
            if changed or vals.get("state", "posted") != "posted":
                posted._ctxh_refuse()
        elif {"ctxh_res_model", "ctxh_res_id"} & set(vals) and self.filtered("ctxh_res_model"):
            self._ctxh_refuse()
        if "ctxh_res_model" in vals and self.filtered(lambda m: m.state == "posted"):
            # which document an entry records is set when ctxh creates it: on a fund held on behalf
            # of patients it tells a receipt from a payment, which a posted entry keeps
            raise UserError(_("A posted journal entry cannot become the entry of a ctxh document."))
        return super().write(vals)

    def unlink(self):
        # before Odoo's own refusals, so that the message says what to do instead; no context key
        # opens it (uninstalling ctxh keeps the entries: they are the books)
        self._ctxh_refuse()
        return super().unlink()


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    def write(self, vals):
        if set(vals) & LOCKED_LINE_FIELDS:
            self.filtered(lambda line: line.parent_state == "posted").move_id._ctxh_refuse()
        return super().write(vals)

    def unlink(self):
        self.move_id._ctxh_refuse()
        return super().unlink()
