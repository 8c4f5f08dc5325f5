from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import create_index
from odoo.tools.misc import format_date, formatLang

from .ctxh_access_log import FORM_READ
from .ctxh_case_stage import DONE_PHASES
from .ctxh_validation import check_vn_insurance_card, normalize_identifier

# Phases that need a completed needs assessment (OpenSPP-style gate).
ASSESSED_PHASES = ("care_plan", "services", "follow_up")

INTAKE_SOURCES = [
    ("walk_in", "Walk-in (self or family)"),
    ("department", "Referred by a clinical department"),
    ("emergency", "Emergency department"),
    ("hotline", "Hotline"),
    ("police", "Police or authorities"),
    ("other_hospital", "Other hospital"),
    ("community", "Community"),
]

POVERTY_STATUSES = [
    ("none", "None"),
    ("poor", "Poor household"),
    ("near_poor", "Near-poor household"),
    ("social_protection", "Social protection beneficiary"),
    ("meritorious", "Person with meritorious service"),
    ("ethnic_minority", "Ethnic minority"),
    ("hardship_area", "Hardship area"),
]

# Fields of the special-category sections (violence, child protection, abandoned child,
# unidentified patient): reading them is written in the access log.
SPECIAL_FIELDS = frozenset(
    {
        "violence_private_screening",
        "violence_screening_date",
        "violence_perpetrator_relation",
        "violence_safety_plan",
        "cp_notified_111",
        "cp_notified_police",
        "cp_notified_commune",
        "cp_notification_date",
        "cp_shelter_referral",
        "abandonment_record_number",
        "abandonment_date",
        "abandonment_witnesses",
        "authorities_notified",
        "authorities_notified_date",
        "temporary_care",
        "placement",
        "birth_registration_support",
        "police_notified",
        "police_notified_date",
        "discharge_placement",
        "tracing_ids",
    }
)
# Fields that decide who reads a case: changing them may take readers (and followers) away.
ACCESS_FIELDS = frozenset(
    {"user_id", "supervisor_id", "team_id", "vulnerable_group_ids", "case_type_id", "company_id"}
)

CONSENT_TYPES = [
    ("services", "Receiving social work services"),
    ("sharing", "Sharing information with outside agencies"),
    ("fundraising", "Using the story in a fundraising appeal"),
]


class CtxhCase(models.Model):
    """A case of a patient (and family) in hardship managed by the social work team."""

    _name = "ctxh.case"
    _description = "Social Work Case"
    _inherit = ["ctxh.private.thread", "mail.activity.mixin", "ctxh.access.logged.form", "ctxh.input.check"]
    _order = "priority desc, open_date desc, id desc"
    _check_company_auto = True
    _ctxh_text_limits = {"medical_record_number": 64, "insurance_card_number": 32, "bed": 32, "ward": 128}

    name = fields.Char(
        string="Reference", required=True, copy=False, readonly=True, default="/", index="trigram"
    )
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    partner_id = fields.Many2one("res.partner", string="Patient", required=True, tracking=True, index=True)
    case_type_id = fields.Many2one("ctxh.case.type", string="Case Type", required=True, tracking=True)
    vulnerable_group_ids = fields.Many2many("ctxh.vulnerable.group", string="Vulnerable Groups")
    team_id = fields.Many2one(
        "ctxh.team",
        string="Team",
        tracking=True,
        index=True,
        check_company=True,
        default=lambda self: self._default_team(),
    )
    user_id = fields.Many2one(
        "res.users",
        string="Social Worker",
        tracking=True,
        index=True,
        default=lambda self: self.env.user,
        domain=[("share", "=", False)],
    )
    supervisor_id = fields.Many2one(
        "res.users", string="Supervisor", tracking=True, index=True, domain=[("share", "=", False)]
    )
    stage_id = fields.Many2one(
        "ctxh.case.stage",
        string="Stage",
        tracking=True,
        index=True,
        copy=False,
        group_expand="_read_group_expand_stages",
        default=lambda self: self._default_stage(),
        ondelete="restrict",
    )
    phase = fields.Selection(related="stage_id.phase", store=True, index=True)
    is_open = fields.Boolean(compute="_compute_is_open", store=True)
    open_date = fields.Date(default=fields.Date.context_today, required=True, tracking=True)
    close_date = fields.Date(copy=False, tracking=True, readonly=True)
    priority = fields.Selection(
        [("0", "Low"), ("1", "Medium"), ("2", "High"), ("3", "Urgent")],
        default="1",
        tracking=True,
    )
    medical_record_number = fields.Char(string="Medical Record No.", tracking=True, index=True)
    department_id = fields.Many2one(
        "hr.department", string="Clinical Department", tracking=True, check_company=True
    )
    presenting_problem = fields.Text()
    color = fields.Integer()

    # Hospital stay and intake
    intake_source = fields.Selection(INTAKE_SOURCES, default="walk_in", tracking=True)
    ward = fields.Char()
    bed = fields.Char()
    admission_date = fields.Date()
    discharge_date = fields.Date()
    patient_hospital_id = fields.Char(
        related="partner_id.ctxh_hospital_patient_id", readonly=False, string="Hospital Patient ID"
    )
    patient_national_id = fields.Char(
        related="partner_id.ctxh_national_id", readonly=False, string="National ID (CCCD)"
    )
    duplicate_warning = fields.Char(related="partner_id.ctxh_duplicate_warning")
    insurance_card_number = fields.Char(string="Health Insurance Card No.")
    insurance_benefit_level = fields.Selection(
        [("100", "100%"), ("95", "95%"), ("80", "80%"), ("none", "No health insurance")],
        string="Insurance Benefit Level",
    )
    diagnosis_group = fields.Char(help="A minimal diagnosis group (e.g. cancer, stroke); no medical detail.")

    # Review
    last_review_date = fields.Date(copy=False, tracking=True)
    next_review_date = fields.Date(compute="_compute_next_review_date", store=True, index=True, tracking=True)
    is_review_overdue = fields.Boolean(
        string="Review Overdue", compute="_compute_is_review_overdue", search="_search_is_review_overdue"
    )

    # Closure / cancellation
    closure_reason_id = fields.Many2one("ctxh.closure.reason", tracking=True, copy=False)
    closure_outcome = fields.Text(string="Outcome", copy=False)
    closure_follow_up_needed = fields.Boolean(string="Follow-up Needed After Closure", copy=False)
    cancel_reason = fields.Text(copy=False)

    # Sensitivity and special categories
    is_sensitive = fields.Boolean(compute="_compute_is_sensitive", store=True, index=True)
    special_category = fields.Selection(related="case_type_id.special_category", store=True)

    # Household and eligibility
    member_ids = fields.One2many("ctxh.case.member", "case_id", string="Household Members")
    caregiver_present = fields.Boolean()
    province = fields.Char()
    commune = fields.Char()
    address_detail = fields.Char(string="Address")
    housing = fields.Selection(
        [
            ("owned", "Own house"),
            ("rented", "Rented"),
            ("relatives", "With relatives"),
            ("temporary", "Temporary or unsafe housing"),
            ("homeless", "Homeless"),
        ]
    )
    distance_km = fields.Float(string="Distance to Hospital (km)")
    monthly_income = fields.Monetary(string="Household Monthly Income", currency_field="currency_id")
    currency_id = fields.Many2one(related="company_id.currency_id")
    poverty_status = fields.Selection(POVERTY_STATUSES, default="none", tracking=True)
    poverty_evidence_number = fields.Char(string="Evidence Document No.")
    poverty_evidence = fields.Binary(string="Evidence Document", attachment=True)
    poverty_evidence_filename = fields.Char()
    poverty_expiry_date = fields.Date(string="Status Valid Until")
    poverty_status_valid = fields.Boolean(string="Status Valid", compute="_compute_poverty_status_valid")

    # Related records
    assessment_ids = fields.One2many("ctxh.case.assessment", "case_id", string="Assessments")
    plan_ids = fields.One2many("ctxh.case.plan", "case_id", string="Care Plans")
    intervention_ids = fields.One2many("ctxh.case.intervention", "case_id", string="Interventions")
    referral_ids = fields.One2many("ctxh.case.referral", "case_id", string="Referrals")
    note_ids = fields.One2many("ctxh.case.note", "case_id", string="Notes")
    consent_ids = fields.One2many("ctxh.case.consent", "case_id", string="Consents")
    tracing_ids = fields.One2many("ctxh.case.tracing", "case_id", string="Identification and Tracing Log")
    has_done_assessment = fields.Boolean(compute="_compute_has_done_assessment")
    current_plan_id = fields.Many2one("ctxh.case.plan", compute="_compute_current_plan_id")
    consent_services = fields.Selection(
        [("given", "Given"), ("refused", "Refused"), ("revoked", "Revoked")],
        compute="_compute_consent_states",
        string="Consent to Services",
    )
    consent_sharing = fields.Selection(
        [("given", "Given"), ("refused", "Refused"), ("revoked", "Revoked")],
        compute="_compute_consent_states",
        string="Consent to Sharing",
    )
    consent_fundraising = fields.Selection(
        [("given", "Given"), ("refused", "Refused"), ("revoked", "Revoked")],
        compute="_compute_consent_states",
        string="Consent to Fundraising Story",
    )

    # Domestic violence / abuse
    violence_private_screening = fields.Boolean(
        string="Screened in Private", help="Interviewed in private, away from family members."
    )
    violence_screening_date = fields.Date(string="Screening Date")
    violence_perpetrator_relation = fields.Char(string="Relation of Perpetrator")
    violence_safety_plan = fields.Text(string="Safety Plan")
    # Child protection
    cp_notified_111 = fields.Boolean(string="Hotline 111 Notified")
    cp_notified_police = fields.Boolean(string="Police Notified")
    cp_notified_commune = fields.Boolean(string="Commune Notified")
    cp_notification_date = fields.Date(string="Notification Date")
    cp_shelter_referral = fields.Boolean(string="Referred for Emergency Shelter")
    # Abandoned child
    abandonment_record_number = fields.Char(string="Abandonment Record No.")
    abandonment_date = fields.Date()
    abandonment_witnesses = fields.Text(string="Witnesses")
    authorities_notified = fields.Boolean()
    authorities_notified_date = fields.Date()
    temporary_care = fields.Char(string="Temporary Care")
    placement = fields.Char()
    birth_registration_support = fields.Boolean()
    # Unidentified patient
    police_notified = fields.Boolean(string="Police Notified of Unidentified Patient")
    police_notified_date = fields.Date()
    discharge_placement = fields.Char()

    _sql_constraints = [
        ("name_company_uniq", "unique(name, company_id)", "The case reference must be unique."),
    ]

    def init(self):
        res = super().init()
        # Counts of a hospital's cases for the statutory reports and the manager dashboard
        # (ctxh_reporting), at provincial scale (100,000 cases): cases opened or closed in a
        # period, and the open ones (by urgency, by review date) read from a small partial index.
        cr = self.env.cr
        create_index(cr, "ctxh_case_company_open_date_index", self._table, ["company_id", "open_date"])
        create_index(cr, "ctxh_case_company_close_date_index", self._table, ["company_id", "close_date"])
        create_index(
            cr,
            "ctxh_case_open_company_index",
            self._table,
            ["company_id", "priority", "next_review_date"],
            where="active AND is_open",
        )
        return res

    @api.model
    def _default_stage(self):
        return self.env["ctxh.case.stage"].search([("phase", "=", "intake")], limit=1)

    @api.model
    def _default_team(self):
        return self.env["ctxh.team"].search(
            [("member_ids", "in", self.env.uid), ("company_id", "=", self.env.company.id)], limit=1
        )

    @api.model
    def _read_group_expand_stages(self, stages, domain):
        return stages.search([], order=stages._order)

    @api.depends("phase")
    def _compute_is_open(self):
        for case in self:
            case.is_open = case.phase not in DONE_PHASES

    @api.depends("is_open", "open_date", "last_review_date", "case_type_id.review_interval_days")
    def _compute_next_review_date(self):
        for case in self:
            start = case.last_review_date or case.open_date
            interval = case.case_type_id.review_interval_days
            if case.is_open and start and interval:
                case.next_review_date = start + timedelta(days=interval)
            else:
                case.next_review_date = False

    @api.depends("is_open", "next_review_date")
    def _compute_is_review_overdue(self):
        today = fields.Date.context_today(self)
        for case in self:
            case.is_review_overdue = bool(
                case.is_open and case.next_review_date and case.next_review_date < today
            )

    def _search_is_review_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Unsupported search on the overdue review flag."))
        today = fields.Date.context_today(self)
        domain = [("is_open", "=", True), ("next_review_date", "<", today)]
        if (operator == "=") == value:
            return domain
        return ["!", "&", *domain]

    @api.depends("vulnerable_group_ids.sensitive", "case_type_id.sensitive")
    def _compute_is_sensitive(self):
        for case in self:
            case.is_sensitive = case.case_type_id.sensitive or any(
                case.vulnerable_group_ids.mapped("sensitive")
            )

    @api.depends("poverty_status", "poverty_expiry_date")
    def _compute_poverty_status_valid(self):
        today = fields.Date.context_today(self)
        for case in self:
            case.poverty_status_valid = case.poverty_status != "none" and (
                not case.poverty_expiry_date or case.poverty_expiry_date >= today
            )

    @api.depends("assessment_ids.state")
    def _compute_has_done_assessment(self):
        for case in self:
            case.has_done_assessment = "done" in case.assessment_ids.mapped("state")

    @api.depends("plan_ids.is_current")
    def _compute_current_plan_id(self):
        for case in self:
            case.current_plan_id = case.plan_ids.filtered("is_current")[:1]

    @api.depends("consent_ids.state", "consent_ids.date", "consent_ids.consent_type")
    def _compute_consent_states(self):
        for case in self:
            for consent_type, _label in CONSENT_TYPES:
                latest = case.consent_ids.filtered(lambda c, t=consent_type: c.consent_type == t).sorted(
                    lambda c: (c.date or fields.Date.today(), c.id), reverse=True
                )[:1]
                case[f"consent_{consent_type}"] = latest.state or False

    def _ctxh_has_consent(self, consent_type):
        """Whether the patient's latest consent of ``consent_type`` (services, sharing,
        fundraising) is given."""
        self.ensure_one()
        return self[f"consent_{consent_type}"] == "given"

    # ------------------------------------------------------------------ CRUD
    @api.constrains("admission_date", "discharge_date")
    def _check_hospital_stay_dates(self):
        for case in self:
            if case.admission_date and case.discharge_date and case.discharge_date < case.admission_date:
                raise ValidationError(
                    _(
                        "Case %(case)s: the discharge date (%(discharge)s) cannot be before the "
                        "admission date (%(admission)s).",
                        case=case.name,
                        discharge=format_date(self.env, case.discharge_date),
                        admission=format_date(self.env, case.admission_date),
                    )
                )

    @api.constrains("monthly_income", "distance_km")
    def _check_amounts(self):
        for case in self:
            if case.monthly_income < 0:
                raise ValidationError(
                    _(
                        "Case %(case)s: the household monthly income cannot be negative (%(amount)s).",
                        case=case.name,
                        amount=formatLang(self.env, case.monthly_income, currency_obj=case.currency_id),
                    )
                )
            if case.distance_km < 0:
                raise ValidationError(
                    _("Case %s: the distance to the hospital cannot be negative.", case.name)
                )

    @api.constrains(
        "violence_screening_date",
        "cp_notification_date",
        "abandonment_date",
        "authorities_notified_date",
        "police_notified_date",
    )
    def _check_special_dates(self):
        today = fields.Date.context_today(self)
        for case in self:
            for fname in (
                "violence_screening_date",
                "cp_notification_date",
                "abandonment_date",
                "authorities_notified_date",
                "police_notified_date",
            ):
                if case[fname] and case[fname] > today:
                    raise ValidationError(
                        _(
                            "Case %(case)s: %(field)s (%(date)s) cannot be in the future.",
                            case=case.name,
                            field=self._fields[fname]._description_string(self.env),
                            date=format_date(self.env, case[fname]),
                        )
                    )
            if (
                case.abandonment_date
                and case.authorities_notified_date
                and case.authorities_notified_date < case.abandonment_date
            ):
                raise ValidationError(
                    _(
                        "Case %s: the authorities cannot have been notified before the child was abandoned.",
                        case.name,
                    )
                )

    def _ctxh_prepare_vals(self, vals):
        if vals.get("insurance_card_number") and isinstance(vals["insurance_card_number"], str):
            vals["insurance_card_number"] = normalize_identifier(vals["insurance_card_number"])
            check_vn_insurance_card(self, vals["insurance_card_number"])

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._ctxh_prepare_vals(vals)
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code("ctxh.case") or "/"
        cases = super().create(vals_list)
        cases._check_stage_gates()
        return cases

    def write(self, vals):
        self._ctxh_prepare_vals(vals)
        if "stage_id" in vals:
            stage = self.env["ctxh.case.stage"].browse(vals["stage_id"])
            if stage.phase in DONE_PHASES:
                vals.setdefault("close_date", fields.Date.context_today(self))
            elif stage:
                vals.setdefault("close_date", False)
        res = super().write(vals)
        if (
            {"vulnerable_group_ids", "case_type_id"} & set(vals)
            and not self.env.su
            and not self.env.user.has_group("ctxh_case.group_ctxh_sensitive")
            and any(self.mapped("is_sensitive"))
        ):
            raise AccessError(
                _("Only members of the Sensitive Cases group can put a case in a sensitive category.")
            )
        if {"stage_id", "closure_reason_id", "closure_outcome", "cancel_reason"} & set(vals):
            self._check_stage_gates()
        if ACCESS_FIELDS & set(vals):
            self._ctxh_drop_case_followers()
        return res

    def _ctxh_drop_case_followers(self):
        """After a reassignment, the followers who can no longer read a case or its records
        stop following them."""
        # sudo: the records of the case are cleaned whatever the rights of the user who
        # reassigns it (they may not read the confidential ones)
        cases = self.sudo()
        cases._ctxh_drop_unauthorised_followers()
        for fname in ("assessment_ids", "plan_ids", "referral_ids", "consent_ids"):
            cases[fname].with_env(self.env)._ctxh_drop_unauthorised_followers()

    # ------------------------------------------------------------ access log
    def _ctxh_log_read(self, fnames):
        """One log entry per form opened (a sensitive one when the case is sensitive or its
        special-category section is read), and one per other read of special-category fields."""
        special_read = bool(fnames & SPECIAL_FIELDS)
        cases = self.sudo()
        if FORM_READ.get() == (self._name, tuple(self.ids)):
            special = cases.is_sensitive or (cases.special_category and special_read)
            details = cases.special_category and dict(
                self._fields["special_category"]._description_selection(self.env)
            ).get(cases.special_category)
            entry = {"access_type": "sensitive" if special else "case", "records": self, "details": details}
        elif special_read:
            special = cases.filtered(lambda c: c.special_category or c.is_sensitive)
            if not special:
                return
            entry = {
                "access_type": "sensitive",
                "records": special,
                "details": ", ".join(sorted(fnames & SPECIAL_FIELDS)),
            }
        else:
            return
        self.env["ctxh.access.log"]._ctxh_log([entry])

    def _check_stage_gates(self):
        """The workflow gates: an assessment before the care plan, a reason before closing."""
        for case in self:
            if case.phase in ASSESSED_PHASES and not case.has_done_assessment:
                raise ValidationError(
                    _(
                        "Case %(case)s cannot move to stage %(stage)s: complete a needs assessment first.",
                        case=case.name,
                        stage=case.stage_id.name,
                    )
                )
            if case.phase == "closed" and not (
                case.closure_reason_id and (case.closure_outcome or "").strip()
            ):
                raise ValidationError(
                    _("Case %s cannot be closed without a closure reason and an outcome.", case.name)
                )
            if case.phase == "cancelled" and not (case.cancel_reason or "").strip():
                raise ValidationError(_("Case %s cannot be cancelled without a reason.", case.name))

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft(self):
        if any(case.phase != "intake" for case in self):
            raise UserError(_("Only cases still at intake can be deleted; cancel or close the others."))

    # --------------------------------------------------------------- actions
    def _open_stage_wizard(self, mode):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": {
                "close": _("Close Case"),
                "cancel": _("Cancel Case"),
                "reopen": _("Reopen Case"),
            }[mode],
            "res_model": "ctxh.case.stage.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_case_id": self.id, "default_mode": mode},
        }

    def action_open_close_wizard(self):
        return self._open_stage_wizard("close")

    def action_open_cancel_wizard(self):
        return self._open_stage_wizard("cancel")

    def action_open_reopen_wizard(self):
        return self._open_stage_wizard("reopen")

    @api.model
    def _stage_for_phase(self, phase):
        stage = self.env["ctxh.case.stage"].search([("phase", "=", phase)], limit=1)
        if not stage:
            raise UserError(_("No stage is configured for this phase; ask a manager to create one."))
        return stage

    def action_close(self, reason, outcome, follow_up_needed=False):
        open_cases = self.filtered("is_open")
        if open_cases != self:
            raise UserError(_("Only open cases can be closed."))
        reason._ctxh_check_valid_on(fields.Date.context_today(self))
        self.write(
            {
                "closure_reason_id": reason.id,
                "closure_outcome": outcome,
                "closure_follow_up_needed": follow_up_needed,
                "stage_id": self._stage_for_phase("closed").id,
            }
        )
        return True

    def action_cancel(self, reason):
        if self.filtered(lambda c: not c.is_open):
            raise UserError(_("Only open cases can be cancelled."))
        self.write({"cancel_reason": reason, "stage_id": self._stage_for_phase("cancelled").id})
        return True

    def action_reopen(self, stage=None, reason=None):
        if self.filtered("is_open"):
            raise UserError(_("Only closed or cancelled cases can be reopened."))
        stage = stage or self._stage_for_phase("assessment")
        if stage.phase in DONE_PHASES:
            raise UserError(_("Choose an open stage to reopen the case in."))
        self.write(
            {
                "stage_id": stage.id,
                "closure_reason_id": False,
                "closure_outcome": False,
                "closure_follow_up_needed": False,
                "cancel_reason": False,
                "last_review_date": fields.Date.context_today(self),
            }
        )
        for case in self:
            # A logged note needs no sender address (message_post refuses users without e-mail).
            case._message_log(body=_("Case reopened: %s", reason or "-"))
        return True

    def action_mark_reviewed(self):
        self.write({"last_review_date": fields.Date.context_today(self)})
        self.activity_feedback(["ctxh_case.mail_activity_type_case_review"])
        return True

    # ------------------------------------------------------------------ cron
    @api.model
    def _cron_create_review_activities(self, batch_size=500):
        """Create one 'Case review' activity per open case whose review is overdue.

        Cases that already have an open review activity are skipped; the work is done in
        batches of ``batch_size`` with one search and one create per batch.
        """
        activity_type = self.env.ref("ctxh_case.mail_activity_type_case_review")
        today = fields.Date.context_today(self)
        Activity = self.env["mail.activity"]
        model_id = self.env["ir.model"]._get_id("ctxh.case")
        created = 0
        last_id = 0
        while True:
            cases = self.search(
                [("is_open", "=", True), ("next_review_date", "<", today), ("id", ">", last_id)],
                order="id",
                limit=batch_size,
            )
            if not cases:
                break
            last_id = cases[-1].id
            existing = Activity.search(
                [
                    ("res_model", "=", "ctxh.case"),
                    ("res_id", "in", cases.ids),
                    ("activity_type_id", "=", activity_type.id),
                ]
            )
            already = set(existing.mapped("res_id"))
            vals_list = [
                {
                    "res_model_id": model_id,
                    "res_id": case.id,
                    "activity_type_id": activity_type.id,
                    "automated": True,
                    "summary": _(
                        "Case review overdue since %s", format_date(self.env, case.next_review_date)
                    ),
                    "date_deadline": case.next_review_date,
                    "user_id": (
                        case.user_id or case.supervisor_id or case.team_id.leader_id or self.env.user
                    ).id,
                }
                for case in cases
                if case.id not in already
            ]
            if vals_list:
                Activity.create(vals_list)
                created += len(vals_list)
            if len(cases) < batch_size:
                break
        return created
