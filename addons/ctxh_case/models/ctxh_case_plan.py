from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError


class CtxhCasePlan(models.Model):
    """A versioned care plan of a case. A supervisor approves it; the approved plan of the
    highest version is the current one, the earlier approved ones are superseded."""

    _name = "ctxh.case.plan"
    _description = "Care Plan"
    _inherit = [
        "ctxh.private.thread",
        "mail.activity.mixin",
        "ctxh.access.logged",
        "ctxh.input.check",
        "ctxh.transition.mixin",
    ]
    _order = "case_id, version desc"
    _ctxh_guarded_fields = ("state", "approved_by_id", "approved_date")
    _check_company_auto = True

    # the company is the case's: no check_company on case_id, whose domain would then look for
    # cases without a company until a case is chosen (the form opened from the menu found none)
    case_id = fields.Many2one("ctxh.case", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="case_id.company_id", store=True, index=True)
    version = fields.Integer(readonly=True, copy=False, default=0)
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("to_approve", "To Approve"),
            ("approved", "Approved"),
            ("superseded", "Superseded"),
        ],
        default="draft",
        required=True,
        tracking=True,
        copy=False,
    )
    is_current = fields.Boolean(compute="_compute_is_current", store=True, index=True)
    user_id = fields.Many2one("res.users", string="Prepared By", default=lambda self: self.env.user)
    goal = fields.Text(string="Overall Goal")
    review_date = fields.Date()
    line_ids = fields.One2many("ctxh.case.plan.line", "plan_id", string="Goals and Actions", copy=True)
    approved_by_id = fields.Many2one("res.users", string="Approved By", readonly=True, copy=False)
    approved_date = fields.Date(readonly=True, copy=False)

    _sql_constraints = [
        ("version_case_uniq", "unique(case_id, version)", "A care plan version must be unique per case."),
    ]

    @api.depends("state")
    def _compute_is_current(self):
        for plan in self:
            plan.is_current = plan.state == "approved"

    @api.depends("case_id.name", "version")
    def _compute_display_name(self):
        for plan in self:
            plan.display_name = _(
                "%(case)s care plan v%(version)s", case=plan.case_id.name or "", version=plan.version
            )

    @api.model_create_multi
    def create(self, vals_list):
        cases = self.env["ctxh.case"].browse([v["case_id"] for v in vals_list if v.get("case_id")])
        if cases.filtered(lambda c: not c.has_done_assessment):
            raise ValidationError(_("A care plan needs a completed needs assessment of the case first."))
        versions = dict(self.sudo()._read_group([("case_id", "in", cases.ids)], ["case_id"], ["version:max"]))
        next_version = {case.id: (versions.get(case) or 0) + 1 for case in cases}
        for vals in vals_list:
            if vals.get("case_id"):
                vals["version"] = next_version[vals["case_id"]]
                next_version[vals["case_id"]] += 1
        return super().create(vals_list)

    def write(self, vals):
        if "version" in vals:
            raise UserError(_("The version of a care plan is numbered by the system."))
        if set(vals) & {"goal", "line_ids", "case_id", "review_date"} and self.filtered(
            lambda p: p.state in ("approved", "superseded")
        ):
            raise UserError(_("An approved care plan cannot be changed: create a new version."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft(self):
        if any(plan.state not in ("draft", "to_approve") for plan in self):
            raise UserError(_("Approved care plans are kept as history and cannot be deleted."))

    def _check_transition(self, from_states, group, message):
        """The user's group and the plans' current status allow the transition."""
        if not self.env.is_superuser() and not self.env.user.has_group(group):
            raise AccessError(message)
        self.check_access("write")
        if self.filtered(lambda p: p.state not in from_states):
            return False
        return True

    def action_submit(self):
        if not self._check_transition(
            ("draft",), "ctxh_case.group_ctxh_officer", _("Only a social worker can submit a care plan.")
        ):
            raise UserError(_("Only draft care plans can be submitted."))
        if self.filtered(lambda p: not p.line_ids):
            raise UserError(_("Add at least one goal or action before submitting the care plan."))
        self._ctxh_transition_write({"state": "to_approve"})
        return True

    def action_approve(self):
        if not self._check_transition(
            ("to_approve",),
            "ctxh_case.group_ctxh_supervisor",
            _("Only a supervisor can approve a care plan."),
        ):
            raise UserError(_("Only submitted care plans can be approved."))
        previous = self.search([("case_id", "in", self.case_id.ids), ("state", "=", "approved")])
        previous._ctxh_transition_write({"state": "superseded"})
        self._ctxh_transition_write(
            {
                "state": "approved",
                "approved_by_id": self.env.user.id,
                "approved_date": fields.Date.context_today(self),
            }
        )
        return True

    def action_reset_draft(self):
        if not self._check_transition(
            ("to_approve",),
            "ctxh_case.group_ctxh_officer",
            _("Only a social worker can send a care plan back to draft."),
        ):
            raise UserError(_("Only care plans waiting for approval can be sent back to draft."))
        self._ctxh_transition_write({"state": "draft"})
        return True

    def action_new_version(self):
        self.ensure_one()
        if self.state not in ("approved", "superseded"):
            raise UserError(_("A new version is made from an approved care plan."))
        new_plan = self.copy({"case_id": self.case_id.id})
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": new_plan.id,
            "view_mode": "form",
        }
