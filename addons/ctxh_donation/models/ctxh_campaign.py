from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class CtxhCampaign(models.Model):
    """An appeal for a purpose or for one patient's case (with the patient's consent)."""

    _name = "ctxh.campaign"
    _description = "Fundraising Campaign"
    _inherit = ["mail.thread", "mail.activity.mixin", "ctxh.input.check"]
    _order = "date_start desc, id desc"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id", string="Currency")
    fund_id = fields.Many2one(
        "ctxh.fund", string="Default Fund", required=True, check_company=True, tracking=True
    )
    case_id = fields.Many2one(
        "ctxh.case",
        string="Patient Case",
        check_company=True,
        help="Appeal for one patient's case: only with the patient's written consent.",
    )
    patient_consent = fields.Boolean(
        string="Patient Consent Recorded", help="The patient (or guardian) agreed to the appeal."
    )
    purpose = fields.Text()
    date_start = fields.Date(string="Receiving From", required=True, default=fields.Date.context_today)
    date_end = fields.Date(string="Receiving Until")
    target_amount = fields.Monetary(currency_field="currency_id")
    donation_ids = fields.One2many("ctxh.donation", "campaign_id", string="Donations")
    received_amount = fields.Monetary(compute="_compute_progress", currency_field="currency_id")
    donation_count = fields.Integer(compute="_compute_progress")
    progress = fields.Float(compute="_compute_progress", help="Received / target, in percent.")

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for campaign in self:
            if campaign.date_end and campaign.date_end < campaign.date_start:
                raise ValidationError(_("The campaign %s ends before it starts.", campaign.name))

    @api.constrains("case_id", "patient_consent")
    def _check_consent(self):
        for campaign in self:
            if campaign.case_id and not campaign.patient_consent:
                raise ValidationError(
                    _(
                        "An appeal for a patient's case needs the patient's consent (campaign %s).",
                        campaign.name,
                    )
                )

    @api.constrains("target_amount")
    def _check_target(self):
        for campaign in self:
            if campaign.target_amount < 0:
                raise ValidationError(_("The target of a campaign cannot be negative."))

    def _compute_progress(self):
        groups = dict(
            (campaign, (amount, count))
            for campaign, amount, count in self.env["ctxh.donation"]._read_group(
                [("campaign_id", "in", self.ids), ("state", "=", "confirmed")],
                ["campaign_id"],
                ["amount:sum", "__count"],
            )
        )
        for campaign in self:
            amount, count = groups.get(campaign, (0.0, 0))
            campaign.received_amount = amount
            campaign.donation_count = count
            campaign.progress = amount * 100.0 / campaign.target_amount if campaign.target_amount else 0.0

    def _accepts_date(self, date):
        self.ensure_one()
        return self.date_start <= date and (not self.date_end or date <= self.date_end)

    def action_view_donations(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("ctxh_donation.ctxh_donation_action")
        action["domain"] = [("campaign_id", "=", self.id)]
        action["context"] = {"default_campaign_id": self.id}
        return action
