from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

# The awarding authorities of the Law on Emulation and Commendation (Luật Thi đua, khen thưởng
# 2022), from the hospital director up to the State. A selection rather than master data: the
# report figures are named after these levels (awards_individuals.ministry, ...) and the
# Department of Health adds up the same codes from every hospital, so they must not differ from
# one database to the next; "other" takes the rest (unions, associations, ...).
AWARD_LEVELS = [
    ("hospital", "Hospital (director)"),
    ("department_of_health", "Department of Health"),
    ("province", "Provincial People's Committee"),
    ("ministry", "Ministry of Health"),
    ("prime_minister", "Prime Minister"),
    ("state", "State (President)"),
    ("other", "Other"),
]
RECIPIENT_KINDS = [
    ("employee", "Employee"),
    ("collaborator", "Collaborator"),
    ("team", "Social Work Team"),
]
# Individuals and collectives, as the annual reports count them.
INDIVIDUAL_KINDS = ("employee", "collaborator")


class CtxhAward(models.Model):
    """A commendation (khen thưởng) of social work: a certificate of merit (giấy khen, bằng khen)
    or a title given by an authority's decision to an employee, a collaborator or a team."""

    _name = "ctxh.award"
    _description = "Social Work Award"
    _inherit = ["mail.thread"]
    _order = "decision_date desc, id desc"
    _check_company_auto = True

    name = fields.Char(
        string="Award",
        required=True,
        tracking=True,
        help="Form of the commendation, e.g. Giấy khen, Bằng khen, Chiến sĩ thi đua cơ sở.",
    )
    level = fields.Selection(
        AWARD_LEVELS,
        required=True,
        default="hospital",
        tracking=True,
        help="Authority that signed the decision.",
    )
    decision_number = fields.Char(required=True, tracking=True)
    decision_date = fields.Date(required=True, index=True, tracking=True)
    reason = fields.Text(help="Achievements for which the commendation was given.")
    recipient_kind = fields.Selection(
        RECIPIENT_KINDS, string="Awarded To", required=True, default="employee", tracking=True
    )
    is_collective = fields.Boolean(
        string="Collective", compute="_compute_is_collective", store=True, help="Awarded to a team."
    )
    employee_id = fields.Many2one(
        "hr.employee", string="Employee", index=True, check_company=True, tracking=True
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Collaborator",
        index=True,
        tracking=True,
        help="Contact of the collaborator or volunteer who was commended.",
    )
    team_id = fields.Many2one("ctxh.team", string="Team", index=True, check_company=True, tracking=True)
    recipient_name = fields.Char(string="Recipient", compute="_compute_recipient_name", store=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    attachment = fields.Binary(string="Decision (scan)", attachment=True)
    attachment_filename = fields.Char()

    @api.depends("recipient_kind")
    def _compute_is_collective(self):
        for award in self:
            award.is_collective = award.recipient_kind not in INDIVIDUAL_KINDS

    @api.depends("recipient_kind", "employee_id.name", "partner_id.name", "team_id.name")
    def _compute_recipient_name(self):
        for award in self:
            award.recipient_name = award._get_recipient().display_name or False

    def _get_recipient(self):
        self.ensure_one()
        return {"employee": self.employee_id, "collaborator": self.partner_id, "team": self.team_id}.get(
            self.recipient_kind, self.env["res.partner"]
        )

    @api.depends("name", "recipient_name", "decision_number")
    def _compute_display_name(self):
        for award in self:
            award.display_name = " – ".join(
                part for part in (award.name, award.recipient_name, award.decision_number) if part
            )

    @api.onchange("recipient_kind")
    def _onchange_recipient_kind(self):
        fields_by_kind = {"employee": "employee_id", "collaborator": "partner_id", "team": "team_id"}
        for kind, fname in fields_by_kind.items():
            if kind != self.recipient_kind:
                self[fname] = False

    @api.constrains("recipient_kind", "employee_id", "partner_id", "team_id")
    def _check_recipient(self):
        labels = dict(self._fields["recipient_kind"]._description_selection(self.env))
        for award in self:
            recipients = {
                "employee": award.employee_id,
                "collaborator": award.partner_id,
                "team": award.team_id,
            }
            if not recipients[award.recipient_kind]:
                raise ValidationError(
                    _(
                        "Choose the %(kind)s who received the award %(decision)s.",
                        kind=labels[award.recipient_kind].lower(),
                        decision=award.decision_number,
                    )
                )
            if any(record for kind, record in recipients.items() if kind != award.recipient_kind):
                raise ValidationError(
                    _(
                        "The award %(decision)s goes to one recipient: keep only the %(kind)s.",
                        decision=award.decision_number,
                        kind=labels[award.recipient_kind].lower(),
                    )
                )

    @api.constrains("decision_date")
    def _check_decision_date(self):
        today = fields.Date.context_today(self)
        if any(award.decision_date > today for award in self):
            raise ValidationError(_("The decision of an award cannot be dated in the future."))

    @api.constrains("decision_number", "decision_date", "level", "employee_id", "partner_id", "team_id")
    def _check_duplicate(self):
        groups = self._read_group(
            [("decision_number", "in", self.mapped("decision_number"))],
            ["decision_number", "decision_date:day", "level", "employee_id", "partner_id", "team_id"],
            ["__count"],
            having=[("__count", ">", 1)],
        )
        if groups:
            raise ValidationError(
                _(
                    "%(recipient)s is already recorded for the decision %(decision)s.",
                    recipient=(groups[0][3] or groups[0][4] or groups[0][5]).display_name,
                    decision=groups[0][0],
                )
            )

    @api.model
    def _get_figures(self, date_from, date_to):
        """Commendations decided between two dates (inclusive) in the current companies, in two
        queries: ``{"awards": n, "individuals": {level: n}, "collectives": {level: n},
        "individuals_total": n, "collectives_total": n}``. Individuals and collectives are
        distinct recipients: a person commended twice counts once in a level and in the total."""
        domain = [
            ("company_id", "in", self.env.companies.ids),
            ("decision_date", ">=", date_from),
            ("decision_date", "<=", date_to),
        ]
        aggregates = [
            "__count",
            "employee_id:count_distinct",
            "partner_id:count_distinct",
            "team_id:count_distinct",
        ]
        result = {"awards": 0, "individuals": {}, "collectives": {}}
        for level, collective, _count, employees, partners, teams in self._read_group(
            domain, ["level", "is_collective"], aggregates
        ):
            key = "collectives" if collective else "individuals"
            result[key][level] = employees + partners + teams
        for collective, count, employees, partners, teams in self._read_group(
            domain, ["is_collective"], aggregates
        ):
            key = "collectives" if collective else "individuals"
            result[f"{key}_total"] = employees + partners + teams
            result["awards"] += count
        result.setdefault("individuals_total", 0)
        result.setdefault("collectives_total", 0)
        return result
