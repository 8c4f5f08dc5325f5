from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .bank_text import REFERENCE_RE, TRANSFER_PREFIX, content_tokens, normalize_reference


class CtxhCampaign(models.Model):
    """A campaign's reference: donors write it in the transfer content (the VietQR code carries
    it), and bank statement lines are matched to the campaign by it (issue #11)."""

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
        for vals in vals_list:
            if vals.get("reference"):
                vals["reference"] = normalize_reference(vals["reference"])
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("reference"):
            vals["reference"] = normalize_reference(vals["reference"])
        return super().write(vals)

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
