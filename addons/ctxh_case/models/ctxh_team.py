from odoo import api, fields, models


class CtxhTeam(models.Model):
    """A social work department or team (Phòng / Tổ CTXH).

    Officers see the cases of the teams they belong to; the leader supervises them.
    """

    _name = "ctxh.team"
    _description = "Social Work Team"
    _inherit = ["mail.thread", "ctxh.input.check"]
    _order = "sequence, name"

    name = fields.Char(required=True, tracking=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    kind = fields.Selection(
        [("department", "Department"), ("team", "Team")],
        default="team",
        required=True,
        help="A social work department (Phòng CTXH) or a team (Tổ CTXH).",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    department_id = fields.Many2one("hr.department", string="Hospital Department", check_company=True)
    leader_id = fields.Many2one("res.users", string="Leader", tracking=True, domain=[("share", "=", False)])
    member_ids = fields.Many2many(
        "res.users",
        "ctxh_team_res_users_rel",
        "team_id",
        "user_id",
        string="Members",
        domain=[("share", "=", False)],
    )
    case_count = fields.Integer(compute="_compute_case_count")

    _sql_constraints = [
        ("name_company_uniq", "unique(name, company_id)", "A team name must be unique per company."),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        teams = super().create(vals_list)
        teams._add_leader_to_members()
        return teams

    def write(self, vals):
        res = super().write(vals)
        if "leader_id" in vals or "member_ids" in vals:
            self._add_leader_to_members()
        if "member_ids" in vals:
            # members who left the team stop following its cases they can no longer read
            # sudo: the cases of a team are cleaned whatever the rights of who edits the team
            cases = (
                self.env["ctxh.case"]
                .sudo()
                .with_context(active_test=False)
                .search([("team_id", "in", self.ids)])
            )
            cases._ctxh_drop_case_followers()
        return res

    def _add_leader_to_members(self):
        for team in self.filtered(lambda t: t.leader_id and t.leader_id not in t.member_ids):
            team.member_ids = [fields.Command.link(team.leader_id.id)]

    def _compute_case_count(self):
        groups = self.env["ctxh.case"]._read_group([("team_id", "in", self.ids)], ["team_id"], ["__count"])
        counts = {team.id: count for team, count in groups}
        for team in self:
            team.case_count = counts.get(team.id, 0)
