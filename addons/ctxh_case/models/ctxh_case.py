from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .ctxh_case_stage import DONE_PHASES


class CtxhCase(models.Model):
    """A case of a patient (and family) in hardship managed by the social work team."""

    _name = "ctxh.case"
    _description = "Social Work Case"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "priority desc, open_date desc, id desc"
    _check_company_auto = True

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

    _sql_constraints = [
        ("name_company_uniq", "unique(name, company_id)", "The case reference must be unique."),
    ]

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

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code("ctxh.case") or "/"
        return super().create(vals_list)

    def write(self, vals):
        if "stage_id" in vals:
            stage = self.env["ctxh.case.stage"].browse(vals["stage_id"])
            if stage.phase in DONE_PHASES:
                vals.setdefault("close_date", fields.Date.context_today(self))
            elif stage:
                vals.setdefault("close_date", False)
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft(self):
        if any(case.phase != "intake" for case in self):
            raise UserError(_("Only cases still at intake can be deleted; cancel or close the others."))
