from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .bank_text import REFERENCE_RE, TRANSFER_PREFIX, content_tokens, normalize_reference


class CtxhCampaign(models.Model):
    """The bank side of a campaign (issue #11):

    - its reference: donors write it in the transfer content (the VietQR code carries it), and
      bank statement lines are matched to the campaign by it;
    - its published statement (sao kê): every receipt and every use of its money, read from the
      fund's ledger, so that its totals are the ledger's.
    """

    _inherit = "ctxh.campaign"

    reference = fields.Char(
        string="Transfer Reference",
        copy=False,
        tracking=True,
        help="A short code (letters and digits, e.g. TET26), unique in the hospital: the VietQR "
        "code asks donors to write 'UH TET26' in the transfer content, and the bank statement "
        "lines carrying it become donations to this campaign.",
    )
    transfer_content = fields.Char(compute="_compute_transfer_content")
    statement_published = fields.Boolean(
        string="Publish the Statement",
        tracking=True,
        help="The public page of the campaign lists every gift received (date, amount, transfer content "
        "with the donors' names masked unless they agreed to be named) and every use of the "
        "money (date, support type, amount; never a patient), with a download.",
    )

    _sql_constraints = [
        (
            "reference_company_uniq",
            "unique(company_id, reference)",
            "The transfer reference of a campaign must be unique in the hospital.",
        ),
    ]

    @api.depends("reference", "fund_id.code")
    def _compute_transfer_content(self):
        for campaign in self:
            campaign.transfer_content = campaign._ctxh_transfer_content()

    def _ctxh_transfer_content(self):
        self.ensure_one()
        code = self.reference or normalize_reference(self.fund_id.code)
        return f"{TRANSFER_PREFIX} {code}" if code else ""

    @api.model_create_multi
    def create(self, vals_list):
        taken = []
        for vals in vals_list:
            if vals.get("reference"):
                vals["reference"] = normalize_reference(vals["reference"])
                company_id = vals.get("company_id") or self.env.company.id
                taken.append((company_id, vals["reference"], vals.get("name")))
        self._ctxh_check_references_free(taken)
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("reference"):
            vals["reference"] = normalize_reference(vals["reference"])
            company_id = vals.get("company_id")
            self._ctxh_check_references_free(
                [
                    (company_id or campaign.company_id.id, vals["reference"], campaign.name)
                    for campaign in self
                ]
            )
        return super().write(vals)

    def _ctxh_check_references_free(self, taken):
        """Before writing: each (company id, reference, campaign name) of ``taken`` is the only
        one of its hospital, among the campaigns of ``taken`` and the others (archived ones too);
        the unique constraint backs this under concurrency."""
        seen = {}
        for company_id, reference, name in taken:
            other = seen.get((company_id, reference))
            if other is None:
                # sudo: whether the reference is taken and by which campaign, whatever the user reads
                found = (
                    self.sudo()
                    .with_context(active_test=False)
                    .search(
                        [
                            ("company_id", "=", company_id),
                            ("reference", "=", reference),
                            ("id", "not in", self.ids),
                        ],
                        limit=1,
                    )
                )
                other = found.name if found else None
            if other is not None:
                raise ValidationError(
                    _(
                        "The transfer reference %(reference)s is already used by campaign %(campaign)s: "
                        "choose another one.",
                        reference=reference,
                        campaign=other,
                    )
                )
            seen[(company_id, reference)] = name or reference

    @api.constrains("reference")
    def _check_reference(self):
        for campaign in self.filtered("reference"):
            if not REFERENCE_RE.match(campaign.reference):
                raise ValidationError(
                    _(
                        "The transfer reference of campaign %s is 2 to 12 letters or digits (e.g. TET26).",
                        campaign.name,
                    )
                )
            if campaign.reference == TRANSFER_PREFIX:
                raise ValidationError(_("%s cannot be a transfer reference.", TRANSFER_PREFIX))

    def _ctxh_vietqr(self, amount=0.0):
        """The VietQR code of the campaign: into its fund's receiving bank account, with the
        campaign's reference in the transfer content (see res.partner.bank._ctxh_vietqr)."""
        self.ensure_one()
        return self.fund_id._ctxh_vietqr(amount=amount, content=self._ctxh_transfer_content())

    @api.model
    def _ctxh_match_references(self, journal, contents):
        """For each transfer content of a bank statement line of ``journal``, the campaign whose
        reference it carries (as a word, or glued to 'UH'), among the campaigns of the funds of
        the journal; an empty record when none or more than one.

        :return: list of ctxh.campaign records, in the order of ``contents``
        """
        campaigns = self.search([("fund_id.journal_id", "=", journal.id), ("reference", "!=", False)])
        by_reference = {campaign.reference: campaign for campaign in campaigns}
        result = []
        for content in contents:
            tokens = content_tokens(content)
            found = {
                reference
                for reference in by_reference
                if reference in tokens or f"{TRANSFER_PREFIX}{reference}" in tokens
            }
            result.append(by_reference[found.pop()] if len(found) == 1 else self.browse())
        return result

    def _ctxh_public_statement(self):
        """The campaign's statement as plain values, for the public page and the downloads:
        {"receipts": [{"date", "amount", "content"}], "uses": [{"date", "support_type",
        "amount"}], "received", "used", "currency"}. One row per journal item of the fund's
        ledger charged to the campaign (a cancelled gift or payment shows with its reversal)."""
        self.ensure_one()
        # sudo: the public sees the campaign's ledger rows as plain values: dates, amounts,
        # support types and masked transfer contents; no patient, no case, no record
        campaign = self.sudo()
        fund = campaign.fund_id
        fund._ctxh_flush_ledger()
        self.env.cr.execute(
            """
            SELECT l.date, l.received, l.disbursed, am.ctxh_res_model, am.ctxh_res_id,
                   am.reversed_entry_id IS NOT NULL
              FROM ctxh_fund_ledger l
              JOIN account_move am ON am.id = l.move_id
             WHERE l.fund_id = %s AND l.campaign_id = %s AND (l.received != 0 OR l.disbursed != 0)
          ORDER BY l.date, l.move_line_id
            """,
            [fund.id, campaign.id],
        )
        rows = self.env.cr.fetchall()
        ids = {}
        for _date, _received, _disbursed, model, res_id, _reversal in rows:
            if model:
                ids.setdefault(model, set()).add(res_id)
        donations = self.env["ctxh.donation"].sudo().browse(ids.get("ctxh.donation", ()))
        allocations = self.env["ctxh.allocation"].sudo().browse(ids.get("ctxh.allocation", ()))
        distributions = self.env["ctxh.distribution"].sudo().browse(ids.get("ctxh.distribution", ()))
        contents = donations._ctxh_public_contents()
        support_types = {
            ("ctxh.allocation", allocation.id): allocation.support_type_id.name for allocation in allocations
        }
        support_types.update(
            {
                ("ctxh.distribution", distribution.id): distribution.support_type_id.name
                for distribution in distributions
            }
        )
        receipts, uses = [], []
        for day, received, disbursed, model, res_id, reversal in rows:
            if received:
                content = contents.get(res_id, "") if model == "ctxh.donation" else ""
                if reversal:
                    content = _("Cancelled: %s", content)
                receipts.append({"date": day, "amount": float(received), "content": content})
            if disbursed:
                uses.append(
                    {
                        "date": day,
                        "support_type": support_types.get((model, res_id), _("Other")),
                        "amount": float(disbursed),
                    }
                )
        return {
            "receipts": receipts,
            "uses": uses,
            "received": sum(row["amount"] for row in receipts),
            "used": sum(row["amount"] for row in uses),
            "currency": fund.currency_id,
        }
