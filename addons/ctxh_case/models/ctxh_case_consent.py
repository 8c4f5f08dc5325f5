from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from .ctxh_case import CONSENT_TYPES


class CtxhCaseConsent(models.Model):
    """A consent of the patient (or guardian), recorded separately and revocably."""

    _name = "ctxh.case.consent"
    _description = "Case Consent"
    _inherit = ["ctxh.private.thread", "ctxh.access.logged", "ctxh.input.check"]
    _order = "date desc, id desc"
    _check_company_auto = True

    # the company is the case's: no check_company on case_id, whose domain would then look for
    # cases without a company until a case is chosen (the form opened from the menu found none)
    case_id = fields.Many2one("ctxh.case", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="case_id.company_id", store=True, index=True)
    consent_type = fields.Selection(CONSENT_TYPES, string="Consent To", required=True)
    state = fields.Selection(
        [("given", "Given"), ("refused", "Refused"), ("revoked", "Revoked")],
        required=True,
        default="given",
        tracking=True,
    )
    date = fields.Date(required=True, default=fields.Date.context_today)
    revoked_date = fields.Date(readonly=True, tracking=True)
    given_by = fields.Char(help="The patient, or the guardian or relative who signed.")
    scope = fields.Text(help="What may be shared or published, with whom, for how long.")
    document = fields.Binary(string="Scanned Form", attachment=True)
    document_filename = fields.Char()
    user_id = fields.Many2one("res.users", string="Recorded By", default=lambda self: self.env.user)

    @api.depends("consent_type", "state")
    def _compute_display_name(self):
        types = dict(self._fields["consent_type"]._description_selection(self.env))
        states = dict(self._fields["state"]._description_selection(self.env))
        for consent in self:
            consent.display_name = f"{types.get(consent.consent_type, '')}: {states.get(consent.state, '')}"

    @api.constrains("state", "revoked_date", "date")
    def _check_revoked_date(self):
        if self.filtered(lambda c: c.state == "revoked" and not c.revoked_date):
            raise ValidationError(_("A revoked consent needs the date it was revoked."))
        if self.filtered(lambda c: c.revoked_date and c.date and c.revoked_date < c.date):
            raise ValidationError(_("A consent cannot be revoked before the date it was given."))

    def action_revoke(self):
        if self.filtered(lambda c: c.state != "given"):
            raise UserError(_("Only a given consent can be revoked."))
        self.write({"state": "revoked", "revoked_date": fields.Date.context_today(self)})
        return True
