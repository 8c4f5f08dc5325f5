from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools.misc import format_date


class CtxhMoneyDocument(models.AbstractModel):
    """The one posting service of ctxh: donations, allocations and distributions post and
    reverse their journal entries here.

    - Entries are created and posted by the acting user (no ``sudo()``, no superuser): the
      entry, its chatter and the journal's inalterability hash record who did it. The caller's
      transition method has checked the user's group first.
    - One call posts all its records at once: one ``account.move.create(vals_list)`` and one
      ``_post()``; the hooks ``_prepare_move_vals`` / ``_prepare_move_line_vals`` describe one
      record's entry. The money side of the entry comes from ``_ctxh_money_account`` and the fund
      side from ``_ctxh_fund_account``: a booking mode per fund (income or liability) only changes
      what these hooks return.
    - Nothing is dated after today, nor in a period closed by the company's lock dates.
    - Each entry remembers its document (``ctxh_res_model``/``ctxh_res_id``), which is what
      account.move uses to refuse any change except the reversal made here.
    """

    _name = "ctxh.money.document"
    _description = "Posted Money Document"
    _inherit = ["ctxh.transition.mixin", "ctxh.money.lock"]

    # ------------------------------------------------------------------
    # Hooks
    # ------------------------------------------------------------------
    def _ctxh_money_date(self):
        """Accounting date of the record's entry."""
        raise NotImplementedError

    def _ctxh_money_label(self):
        """Label and reference of the record's entry."""
        raise NotImplementedError

    def _ctxh_money_fund(self):
        self.ensure_one()
        return self.fund_id

    def _ctxh_money_campaign(self):
        """Campaign the money of the entry belongs to (public campaign pages)."""
        self.ensure_one()
        return self.campaign_id

    def _prepare_move_line_vals(self):
        """Lines of the record's entry (list of dicts)."""
        raise NotImplementedError

    def _prepare_move_vals(self):
        self.ensure_one()
        fund = self._ctxh_money_fund()
        return {
            "move_type": "entry",
            "journal_id": fund.journal_id.id,
            "date": self._ctxh_money_date(),
            "ref": self._ctxh_money_label(),
            "company_id": self.company_id.id,
            "ctxh_res_model": self._name,
            "ctxh_res_id": self.id,
            "ctxh_campaign_id": self._ctxh_money_campaign().id,
            "line_ids": [fields.Command.create(vals) for vals in self._prepare_move_line_vals()],
        }

    def _ctxh_fund_line(self, account, amount, amount_currency=None, currency=None, **kwargs):
        """A line of the entry on the fund's side (carries the fund's analytic account).

        ``amount`` > 0 is a debit in company currency; ``amount_currency``/``currency`` keep the
        foreign amount of the document when there is one.
        """
        fund = self._ctxh_money_fund()
        vals = self._ctxh_line(account, amount, amount_currency, currency, **kwargs)
        vals["analytic_distribution"] = {str(fund.analytic_account_id.id): 100}
        return vals

    def _ctxh_line(self, account, amount, amount_currency=None, currency=None, **kwargs):
        vals = {
            "name": self._ctxh_money_label(),
            "account_id": account.id,
            "balance": amount,
            **kwargs,
        }
        if currency and currency != self.company_id.currency_id:
            vals["currency_id"] = currency.id
            vals["amount_currency"] = amount_currency
        return vals

    # ------------------------------------------------------------------
    # Checks
    # ------------------------------------------------------------------
    def _ctxh_check_group(self, groups, message):
        """The acting user belongs to one of ``groups`` (xml ids); the superuser (data files,
        crons, never reachable over RPC) passes, as in hr_holidays."""
        if self.env.is_superuser():
            return
        if not any(self.env.user.has_group(group) for group in groups):
            raise AccessError(message)

    def _ctxh_check_money_dates(self, dates=None):
        """No money dated after today; no entry in a period closed by a lock date."""
        today = fields.Date.context_today(self)
        for record, day in zip(self, dates or [record._ctxh_money_date() for record in self], strict=True):
            if day > today:
                raise UserError(
                    _(
                        "%(document)s is dated %(date)s, after today: money is recorded when it is "
                        "received or paid.",
                        document=record.display_name,
                        date=format_date(self.env, day),
                    )
                )
            journal = record._ctxh_money_fund().journal_id
            violated = record.company_id._get_violated_lock_dates(day, False, journal)
            if violated:
                raise UserError(
                    _(
                        "%(document)s is dated %(date)s, in a period the accountants have locked "
                        "(%(locks)s). Date it after the lock date or ask them to reopen the period.",
                        document=record.display_name,
                        date=format_date(self.env, day),
                        locks=self.env["res.company"]._format_lock_dates(violated),
                    )
                )

    # ------------------------------------------------------------------
    # Posting and reversal
    # ------------------------------------------------------------------
    def _ctxh_lock_journals(self):
        """Lock the records' funds (their running totals change) and then the funds' journals."""
        funds = self.mapped(lambda record: record._ctxh_money_fund())
        funds._ctxh_lock()
        self.env["ctxh.money.lock"]._ctxh_lock_rows("account_journal", funds.journal_id.ids)

    def _ctxh_post_moves(self):
        """Create and post the entries of all records in one batch, as the acting user.

        :return: the moves, in the order of ``self``
        """
        if not self:
            return self.env["account.move"]
        self._ctxh_check_money_dates()
        # the fund journals' hash chains are written in turn, never from a stale snapshot
        self._ctxh_lock_journals()
        Move = self.env["account.move"].with_context(validate_analytic=True, tracking_disable=True)
        moves = Move.create([record._prepare_move_vals() for record in self])
        with Move._ctxh_sequence_batch():
            moves._post(soft=False)
        return moves.with_env(self.env)

    def _ctxh_reverse_moves(self, moves):
        """Post the reversal of ``moves`` (one per record of ``self``) dated today, as the
        acting user; the originals stay posted and are reconciled with their reversal."""
        if not moves:
            return moves
        today = fields.Date.context_today(self)
        self._ctxh_check_money_dates([today] * len(self))
        self._ctxh_lock_journals()
        default_values_list = []
        for record, move in zip(self, moves, strict=True):
            default_values_list.append(
                {
                    "date": today,
                    "ref": _("Reversal of %s", move.ref),
                    "ctxh_res_model": record._name,
                    "ctxh_res_id": record.id,
                    "ctxh_campaign_id": move.ctxh_campaign_id.id,
                }
            )
        moves = moves.with_context(validate_analytic=True, tracking_disable=True)
        with moves._ctxh_sequence_batch():
            reversals = moves._reverse_moves(default_values_list, cancel=True)
        return reversals.with_env(self.env)

    @api.model
    def _ctxh_money_models(self):
        """Models whose posted entries the consistency check compares with their documents."""
        return ["ctxh.donation", "ctxh.allocation", "ctxh.distribution"]
