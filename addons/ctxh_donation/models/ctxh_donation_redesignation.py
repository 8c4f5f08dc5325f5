from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class CtxhDonationRedesignation(models.Model):
    """Money designated for one patient used for another, with the donor's recorded consent."""

    _name = "ctxh.donation.redesignation"
    _description = "Donation Re-designation"
    _inherit = ["mail.thread"]
    _order = "date desc, id desc"

    donation_id = fields.Many2one("ctxh.donation", required=True, ondelete="restrict", index=True)
    company_id = fields.Many2one(related="donation_id.company_id", store=True)
    old_case_id = fields.Many2one("ctxh.case", string="From Case", readonly=True)
    new_case_id = fields.Many2one("ctxh.case", string="To Case", required=True)
    date = fields.Date(required=True, default=fields.Date.context_today)
    consent_method = fields.Selection(
        [("written", "Written"), ("email", "E-mail"), ("phone", "Phone, confirmed in writing")],
        required=True,
        default="written",
    )
    consent_document = fields.Binary(string="Donor Consent", attachment=True, required=True)
    consent_filename = fields.Char()
    reason = fields.Text(required=True)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            donation = self.env["ctxh.donation"].browse(vals.get("donation_id"))
            vals.setdefault("old_case_id", donation.designated_case_id.id)
        records = super().create(vals_list)
        for record in records:
            if record.donation_id.restriction != "case":
                raise ValidationError(_("Only a donation to a named patient can be re-designated."))
        return records
