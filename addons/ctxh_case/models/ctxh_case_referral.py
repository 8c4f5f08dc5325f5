from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError


class CtxhCaseReferral(models.Model):
    """A referral of a case to an outside agency (police, commune, social protection, ...).

    Sharing a patient's information with an agency needs the patient's consent to sharing,
    unless the law obliges the hospital to notify (child protection, violence, unidentified).
    """

    _name = "ctxh.case.referral"
    _description = "Case Referral"
    _inherit = ["ctxh.private.thread", "ctxh.access.logged", "ctxh.input.check"]
    _order = "date_sent desc, id desc"
    _check_company_auto = True

    # the company is the case's: no check_company on case_id, whose domain would then look for
    # cases without a company until a case is chosen (the form opened from the menu found none)
    case_id = fields.Many2one("ctxh.case", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="case_id.company_id", store=True, index=True)
    agency_id = fields.Many2one(
        "res.partner", string="Agency", required=True, domain=[("ctxh_agency_kind_id", "!=", False)]
    )
    agency_kind_id = fields.Many2one(
        "ctxh.agency.kind",
        compute="_compute_agency_kind_id",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
    )
    contact_name = fields.Char(string="Contact Person")
    date_sent = fields.Date(required=True, default=fields.Date.context_today, tracking=True, index=True)
    reason = fields.Text()
    state = fields.Selection(
        [
            ("pending", "Pending"),
            ("accepted", "Accepted"),
            ("rejected", "Rejected"),
            ("completed", "Completed"),
        ],
        default="pending",
        required=True,
        tracking=True,
    )
    follow_up_date = fields.Date(tracking=True)
    response = fields.Text()
    legal_obligation = fields.Boolean(
        string="Mandatory Notification",
        help="The law obliges the hospital to notify this agency (child protection, violence, "
        "unidentified patient): no consent to sharing is needed.",
    )
    is_overdue = fields.Boolean(compute="_compute_is_overdue", search="_search_is_overdue")

    @api.depends("agency_id")
    def _compute_agency_kind_id(self):
        for referral in self:
            if referral.agency_id.ctxh_agency_kind_id:
                referral.agency_kind_id = referral.agency_id.ctxh_agency_kind_id

    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for referral in self:
            referral.is_overdue = bool(
                referral.state in ("pending", "accepted")
                and referral.follow_up_date
                and referral.follow_up_date < today
            )

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Unsupported search on the overdue flag."))
        domain = [
            ("state", "in", ("pending", "accepted")),
            ("follow_up_date", "<", fields.Date.context_today(self)),
        ]
        return domain if (operator == "=") == value else ["!", "&", *domain]

    @api.constrains("case_id", "legal_obligation")
    def _check_sharing_consent(self):
        for referral in self:
            if not referral.legal_obligation and not referral.case_id._ctxh_has_consent("sharing"):
                raise ValidationError(
                    _(
                        "Case %s has no consent to share information with outside agencies: record "
                        "the consent first, or mark the referral as a mandatory notification.",
                        referral.case_id.name,
                    )
                )

    @api.constrains("agency_kind_id", "date_sent")
    def _check_agency_kind_valid(self):
        for referral in self:
            referral.agency_kind_id._ctxh_check_valid_on(referral.date_sent)

    @api.constrains("date_sent", "follow_up_date")
    def _check_dates(self):
        for referral in self:
            if (
                referral.follow_up_date
                and referral.date_sent
                and referral.follow_up_date < referral.date_sent
            ):
                raise ValidationError(
                    _("The follow-up date cannot be before the date the referral was sent.")
                )

    def action_accept(self):
        self._set_state("accepted", ("pending",))

    def action_reject(self):
        self._set_state("rejected", ("pending",))

    def action_complete(self):
        self._set_state("completed", ("pending", "accepted"))

    def _set_state(self, state, allowed):
        if self.filtered(lambda r: r.state not in allowed):
            raise UserError(_("This referral cannot change to that status from its current status."))
        self.write({"state": state})
        return True
