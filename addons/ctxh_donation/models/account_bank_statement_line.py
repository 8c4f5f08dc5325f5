from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .bank_text import TRANSFER_PREFIX, content_tokens, normalize_name, normalize_reference


class AccountBankStatementLine(models.Model):
    """Bank statement lines of the funds' journals (issue #11).

    - A fund's journal is hash-locked: Odoo posts and hashes a statement line's entry when the
      line is created, and refuses to hash a line that is not reconciled, i.e. whose counterpart
      is the journal's suspense account. A line of a fund journal therefore books the bank
      against the fund's money in transit account (reconciled in Odoo's sense, hashed at once);
      what is left to match is the open transit item, which the donation's entry clears.
    - Incoming lines become draft donations (``_ctxh_make_donations``), matched to a campaign by
      the reference in the transfer content and to a known donor by bank account or name.
    """

    _inherit = "account.bank.statement.line"

    ctxh_donation_ids = fields.One2many("ctxh.donation", "statement_line_id", string="Donations")
    ctxh_matched = fields.Boolean(
        string="Explained",
        compute="_compute_ctxh_matched",
        search="_search_ctxh_matched",
        help="The line has its donation, or its money in transit item is reconciled (e.g. with the "
        "support payment it carries out).",
    )
    ctxh_fund_journal = fields.Boolean(
        string="Fund Journal", compute="_compute_ctxh_fund_journal", search="_search_ctxh_fund_journal"
    )

    def _compute_ctxh_fund_journal(self):
        journals = self.env["ctxh.fund"].sudo().with_context(active_test=False).search([]).journal_id
        # sudo: which journals are funds', whatever the user may read of the funds
        for line in self:
            line.ctxh_fund_journal = line.journal_id in journals

    def _search_ctxh_fund_journal(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Unsupported search on statement lines."))
        journals = self.env["ctxh.fund"].sudo().with_context(active_test=False).search([]).journal_id
        # sudo: as in _compute_ctxh_fund_journal
        positive = (operator == "=") == value
        return [("journal_id", "in" if positive else "not in", journals.ids)]

    def _ctxh_matched_ids(self, ids=None):
        """Ids of the statement lines of fund journals that are explained (see ctxh_matched)."""
        self.env["account.move.line"].flush_model(["reconciled", "account_id", "move_id"])
        self.env["ctxh.donation"].flush_model(["statement_line_id", "state"])
        self.env["account.bank.statement.line"].flush_model(["move_id", "journal_id"])
        self.env.cr.execute(
            """
            SELECT l.id FROM account_bank_statement_line l
             WHERE (%(ids)s::int[] IS NULL OR l.id = ANY(%(ids)s::int[]))
               AND (EXISTS (SELECT 1 FROM ctxh_donation d
                             WHERE d.statement_line_id = l.id AND d.state != 'cancelled')
                    OR EXISTS (SELECT 1 FROM account_move_line aml
                                 JOIN ctxh_fund f ON f.transit_account_id = aml.account_id
                                                 AND f.journal_id = l.journal_id
                                WHERE aml.move_id = l.move_id AND aml.reconciled))
            """,
            {"ids": ids},
        )
        return [row[0] for row in self.env.cr.fetchall()]

    @api.depends("ctxh_donation_ids.state", "move_id.line_ids.reconciled")
    def _compute_ctxh_matched(self):
        matched = set(self._ctxh_matched_ids(self.ids)) if self.ids else set()
        for line in self:
            line.ctxh_matched = line.id in matched

    def _search_ctxh_matched(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Unsupported search on statement lines."))
        positive = (operator == "=") == value
        return [("id", "in" if positive else "not in", self._ctxh_matched_ids())]

    @api.model_create_multi
    def create(self, vals_list):
        Fund = self.env["ctxh.fund"]
        default_journal = self.env.context.get("default_journal_id")
        statements = self.env["account.bank.statement"].browse(
            {vals["statement_id"] for vals in vals_list if vals.get("statement_id")}
        )
        statement_journal = {statement.id: statement.journal_id.id for statement in statements}
        counterparts = {}
        for vals in vals_list:
            if vals.get("counterpart_account_id"):
                continue
            journal_id = (
                vals.get("journal_id") or statement_journal.get(vals.get("statement_id")) or default_journal
            )
            if not journal_id:
                continue
            if journal_id not in counterparts:
                journal = self.env["account.journal"].browse(journal_id)
                counterparts[journal_id] = Fund._ctxh_statement_counterpart(journal)
                if not counterparts[journal_id] and journal.sudo().restrict_mode_hash_table:
                    # sudo: the journal's setting and its funds' names, for the message
                    funds = Fund.sudo().search([("journal_id", "=", journal_id)])
                    if funds:
                        raise UserError(
                            _(
                                "The journal %(journal)s of fund %(fund)s locks its entries with a "
                                "hash: its bank statement books against the fund's money in "
                                "transit account, which the fund does not have yet. Apply an "
                                "account scheme to the fund (or set the account) first.",
                                journal=journal.sudo().name,
                                fund=funds[0].name,
                            )
                        )
            if counterparts[journal_id]:
                vals["counterpart_account_id"] = counterparts[journal_id].id
        return super().create(vals_list)

    # ------------------------------------------------------------------
    # Donations from the bank statement
    # ------------------------------------------------------------------
    def _ctxh_transit_items(self):
        """{statement line: its journal item on the transit account of its funds}, one search
        per journal."""
        Fund = self.env["ctxh.fund"]
        accounts = {journal: Fund._ctxh_statement_counterpart(journal) for journal in self.journal_id}
        return {
            line: line.move_id.line_ids.filtered(
                lambda item, account=accounts[line.journal_id]: item.account_id == account
            )
            for line in self
        }

    def _ctxh_transit_line(self):
        """The statement line's journal item on the transit account of its funds."""
        self.ensure_one()
        return self._ctxh_transit_items()[self]

    @api.model
    def _ctxh_known_donors(self, company):
        """Donors of the hospital by their name as banks write it, for the names that only one
        of them has: {normalized name: res.partner}."""
        groups = self.env["ctxh.donation"]._read_group(
            [("company_id", "=", company.id), ("partner_id", "!=", False)], ["partner_id"]
        )
        by_name = {}
        for (partner,) in groups:
            by_name.setdefault(normalize_name(partner.name), set()).add(partner)
        return {name: partners.pop() for name, partners in by_name.items() if name and len(partners) == 1}

    def _ctxh_match(self):
        """What each line of ``self`` (incoming lines of one journal) is: a gift to which fund and
        campaign, from which known donor.

        :return: list of (line, fund, campaign, donor) for the lines that could be matched
        """
        journal = self.journal_id
        journal.ensure_one()
        funds = self.env["ctxh.fund"].search([("journal_id", "=", journal.id)])
        if not funds:
            return []
        by_code = {normalize_reference(fund.code): fund for fund in funds}
        campaigns = self.env["ctxh.campaign"]._ctxh_match_references(journal, self.mapped("payment_ref"))
        donors = {}
        for company in self.company_id:
            donors[company.id] = self._ctxh_known_donors(company)
        matched = []
        for line, campaign in zip(self, campaigns, strict=True):
            fund = campaign.fund_id
            if campaign and not campaign._accepts_date(line.date):
                campaign = fund = self.env["ctxh.campaign"].browse()
            if not campaign:
                tokens = content_tokens(line.payment_ref)
                codes = {code for code in by_code if code in tokens or f"{TRANSFER_PREFIX}{code}" in tokens}
                fund = by_code[codes.pop()] if len(codes) == 1 else self.env["ctxh.fund"]
            if not fund:
                continue
            donor = line.partner_id.commercial_partner_id or donors[line.company_id.id].get(
                normalize_name(line.partner_name)
            )
            matched.append((line, fund, campaign, donor or self.env["res.partner"]))
        return matched

    def _ctxh_make_donations(self):
        """A draft donation for each incoming line of a fund journal that has none yet and can be
        matched to a fund (see _ctxh_match); the others stay in the list of statement lines
        without donation. One create for all.

        :return: the draft donations
        """
        lines = self.filtered(
            lambda line: (
                not line.ctxh_donation_ids.filtered(lambda d: d.state != "cancelled")
                and line.currency_id.compare_amounts(line.amount, 0.0) > 0
            )
        )
        vals_list = []
        for _journal, journal_lines in lines.grouped("journal_id").items():
            for line, fund, campaign, donor in journal_lines._ctxh_match():
                vals_list.append(
                    {
                        "statement_line_id": line.id,
                        "company_id": line.company_id.id,
                        "fund_id": fund.id,
                        "campaign_id": campaign.id,
                        "partner_id": donor.id,
                        "channel": "bank",
                        "restriction": "fund",
                        "date": line.date,
                        "currency_id": line.currency_id.id,
                        "amount_currency": line.amount,
                        "note": line.payment_ref,
                    }
                )
        return self.env["ctxh.donation"].create(vals_list)

    def _ctxh_match_payments(self):
        """Reconcile each outgoing line of a fund journal with the support payment it carries
        out: a paid allocation of the journal's funds, paid by bank transfer through the transit
        account, of the same amount, whose reference (HT/2026/00001, written with or without its
        slashes) is in the transfer content. One reconciliation call for all.

        :return: the allocations matched
        """
        lines = self.filtered(lambda line: line.currency_id.compare_amounts(line.amount, 0.0) < 0)
        transit = lines._ctxh_transit_items()
        lines = lines.filtered(lambda line: transit[line] and not transit[line].reconciled)
        if not lines:
            return self.env["ctxh.allocation"]
        allocations = self.env["ctxh.allocation"].search(
            [
                ("state", "=", "paid"),
                ("method", "=", "bank"),
                ("fund_id.journal_id", "in", lines.journal_id.ids),
                ("fund_id.transit_account_id", "!=", False),
            ]
        )
        open_items = {}
        for allocation in allocations:
            account = allocation.fund_id.transit_account_id
            item = allocation.move_id.line_ids.filtered(
                lambda line, account=account: line.account_id == account and not line.reconciled
            )
            if item:
                open_items[allocation] = item
        plan, matched = [], self.env["ctxh.allocation"]
        for line in lines:
            content = normalize_reference(line.payment_ref)
            candidates = [
                allocation
                for allocation in open_items
                if allocation not in matched
                and allocation.fund_id.journal_id == line.journal_id
                and normalize_reference(allocation.name) in content
                and allocation.currency_id.compare_amounts(allocation.amount, -line.amount) == 0
            ]
            if len(candidates) == 1:
                matched |= candidates[0]
                plan.append(open_items[candidates[0]] | transit[line])
        if plan:
            self.env["account.move.line"]._reconcile_plan(plan)
        return matched

    def action_ctxh_make_donations(self):
        """Button of the list of statement lines to handle: try the matching again (e.g. after
        the campaign's reference or the donor's bank account was added)."""
        self._ctxh_match_payments()
        donations = self._ctxh_make_donations()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success" if donations else "warning",
                "message": _("%s draft donations created.", len(donations)),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    def action_ctxh_new_donation(self):
        """Record by hand the donation of a line that could not be matched."""
        self.ensure_one()
        if self.ctxh_donation_ids.filtered(lambda d: d.state != "cancelled"):
            raise UserError(_("This statement line already has its donation."))
        funds = self.env["ctxh.fund"].search([("journal_id", "=", self.journal_id.id)])
        return {
            "type": "ir.actions.act_window",
            "res_model": "ctxh.donation",
            "view_mode": "form",
            "target": "current",
            "context": {
                "default_statement_line_id": self.id,
                "default_fund_id": funds[:1].id,
                "default_channel": "bank",
                "default_date": fields.Date.to_string(self.date),
                "default_currency_id": self.currency_id.id,
                "default_amount_currency": self.amount,
                "default_partner_id": self.partner_id.commercial_partner_id.id,
                "default_note": self.payment_ref,
            },
        }
