from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools.misc import format_date

SCORES = [
    ("0", "0 - No need"),
    ("1", "1 - Low need"),
    ("2", "2 - Moderate need"),
    ("3", "3 - High need"),
    ("4", "4 - Critical need"),
]
SCORE_FIELDS = (
    "score_finances",
    "score_family_support",
    "score_psychological",
    "score_treatment_access",
    "score_protection_risk",
)
# Thresholds of the total score (0..20) for each suggested priority.
PRIORITY_THRESHOLDS = ((14, "3"), (9, "2"), (5, "1"), (0, "0"))


class CtxhCaseAssessment(models.Model):
    """A needs assessment of a case: five scored domains giving a total and a priority.

    Assessments are repeatable; a completed one is kept as history and can no longer change.
    """

    _name = "ctxh.case.assessment"
    _description = "Case Needs Assessment"
    _inherit = ["ctxh.private.thread", "ctxh.access.logged", "ctxh.input.check", "ctxh.transition.mixin"]
    _order = "date desc, id desc"
    _ctxh_guarded_fields = ("state",)
    _check_company_auto = True

    # the company is the case's: no check_company on case_id, whose domain would then look for
    # cases without a company until a case is chosen (the form opened from the menu found none)
    case_id = fields.Many2one("ctxh.case", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="case_id.company_id", store=True, index=True)
    date = fields.Date(required=True, default=fields.Date.context_today)
    user_id = fields.Many2one(
        "res.users", string="Assessor", required=True, default=lambda self: self.env.user
    )
    state = fields.Selection(
        [("draft", "Draft"), ("done", "Completed")], default="draft", required=True, tracking=True
    )
    score_finances = fields.Selection(SCORES, string="Finances", required=True, default="0")
    score_family_support = fields.Selection(
        SCORES, string="Family and Social Support", required=True, default="0"
    )
    score_psychological = fields.Selection(SCORES, string="Psychological State", required=True, default="0")
    score_treatment_access = fields.Selection(
        SCORES, string="Access to Treatment", required=True, default="0"
    )
    score_protection_risk = fields.Selection(
        SCORES, string="Legal and Protection Risk", required=True, default="0"
    )
    total_score = fields.Integer(compute="_compute_total_score", store=True)
    suggested_priority = fields.Selection(
        [("0", "Low"), ("1", "Medium"), ("2", "High"), ("3", "Urgent")],
        compute="_compute_total_score",
        store=True,
    )
    # Needs checklist (domain brief: what the family lacks), independent of the scores.
    need_finances = fields.Boolean(string="Money for Treatment")
    need_food = fields.Boolean(string="Food and Meals")
    need_transport = fields.Boolean(string="Transport")
    need_accommodation = fields.Boolean(string="Accommodation")
    need_psychological = fields.Boolean(string="Psychological Support")
    need_documents = fields.Boolean(string="Legal and Identity Documents")
    need_caregiving = fields.Boolean(string="Caregiving")
    need_child_protection = fields.Boolean(string="Child Protection")
    need_violence = fields.Boolean(string="Violence or Abuse")
    need_discharge_placement = fields.Boolean(string="Discharge Placement")
    risk_self_harm = fields.Boolean(string="Risk of Self-harm")
    needs = fields.Text(string="Needs Identified")
    strengths = fields.Text()
    narrative = fields.Text()

    @api.depends(*SCORE_FIELDS)
    def _compute_total_score(self):
        for assessment in self:
            total = sum(int(assessment[f] or 0) for f in SCORE_FIELDS)
            assessment.total_score = total
            assessment.suggested_priority = next(p for limit, p in PRIORITY_THRESHOLDS if total >= limit)

    @api.depends("case_id.name", "date")
    def _compute_display_name(self):
        for assessment in self:
            assessment.display_name = _(
                "%(case)s assessment of %(date)s",
                case=assessment.case_id.name or "",
                date=format_date(self.env, assessment.date),
            )

    def write(self, vals):
        locked = set(vals) - {"message_main_attachment_id"}
        if locked and self.filtered(lambda a: a.state == "done"):
            raise UserError(_("A completed assessment is kept as history and cannot be changed."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_done(self):
        if any(a.state == "done" for a in self):
            raise UserError(_("A completed assessment is kept as history and cannot be deleted."))

    def action_done(self):
        if not self.env.is_superuser() and not self.env.user.has_group("ctxh_case.group_ctxh_officer"):
            raise AccessError(_("Only a social worker can complete a needs assessment."))
        self.check_access("write")
        if self.filtered(lambda a: a.state != "draft"):
            raise UserError(_("Only draft assessments can be completed."))
        self._ctxh_transition_write({"state": "done"})
        for assessment in self:
            if assessment.case_id.priority != assessment.suggested_priority:
                assessment.case_id.priority = assessment.suggested_priority
        return True
