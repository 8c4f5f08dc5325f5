from odoo import api, fields, models


class CtxhShiftPost(models.Model):
    _name = "ctxh.shift.post"
    _description = "Volunteer Post"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company)
    location = fields.Char(help="Where the volunteers meet, e.g. the outpatient hall, ground floor.")
    description = fields.Text(translate=True)
    required_skill_ids = fields.Many2many(
        "ctxh.volunteer.skill",
        string="Required Skills",
        help="A volunteer needs all of these skills or languages to be assigned to a shift of this post.",
    )
    self_signup = fields.Boolean(
        string="Self Sign-up", help="Volunteers may sign themselves up for the shifts of this post."
    )
    signup_approval = fields.Boolean(
        string="Sign-ups Need Approval",
        help="A volunteer's own sign-up holds the place but waits for the coordinator's approval.",
    )
    coordinator_id = fields.Many2one(
        "res.users",
        string="Coordinator",
        default=lambda self: self.env.user,
        domain=[("share", "=", False)],
        help="Receives the sign-ups to approve, the swap requests and the understaffed shift alerts "
        "of this post.",
    )
    color = fields.Integer()

    def _get_coordinator(self):
        """The user who handles this post's requests: its coordinator, else a coordinator of its company."""
        self.ensure_one()
        if self.coordinator_id.active and not self.coordinator_id.share:
            return self.coordinator_id
        return self._default_coordinator(self.company_id)

    @api.model
    def _default_coordinator(self, company):
        """The first volunteer coordinator of ``company`` (the administrator when there is none)."""
        group = self.env.ref("ctxh_volunteer.group_ctxh_volunteer_coordinator")
        # sudo: also called for a portal volunteer's sign-up or a public application, who cannot
        # read groups; only a user record is returned, to be given an activity
        users = group.sudo().users.filtered(
            lambda user: user.active and not user._is_superuser() and company in user.company_ids
        )
        return users.sorted("id")[:1] or self.env.ref("base.user_admin")
