from odoo import _, api, fields, models
from odoo.exceptions import AccessError, ValidationError

# Task group (code) each kind of daily work counts in by default (Circular 43/2015, 51/2024:
# reception, guidance, escorting, admission handovers and remote consultations are task group 1).
KIND_TASK_GROUP = {
    "reception": "reception",
    "guidance": "reception",
    "escort": "reception",
    "admission_handover": "reception",
    "consultation": "reception",
}
# Default channel of each kind: remote consultations usually come from the hotline.
KIND_CHANNEL = {"consultation": "hotline"}


class CtxhServiceLog(models.Model):
    """High-volume daily work that is not a case: reception, guidance, escorts, handovers,
    hotline/message/website consultations, counted per entry."""

    _name = "ctxh.service.log"
    _description = "Social Work Service Log"
    _inherit = ["ctxh.input.check"]
    _order = "date desc, id desc"
    _check_company_auto = True

    date = fields.Date(required=True, default=fields.Date.context_today, index=True)
    kind = fields.Selection(
        [
            ("reception", "Reception"),
            ("guidance", "Guidance and information"),
            ("escort", "Escort to clinics and tests"),
            ("admission_handover", "Admission handover"),
            ("consultation", "Remote consultation"),
        ],
        required=True,
        default="reception",
        index=True,
    )
    channel = fields.Selection(
        [
            ("in_person", "In person"),
            ("hotline", "Hotline"),
            ("message", "Message"),
            ("website", "Website"),
        ],
        required=True,
        compute="_compute_channel",
        store=True,
        readonly=False,
        precompute=True,
        index=True,
    )
    count = fields.Integer(required=True, default=1, help="Number of people served in this entry.")
    department_id = fields.Many2one(
        "hr.department", string="Clinical Department", index=True, check_company=True
    )
    user_id = fields.Many2one(
        "res.users",
        string="Staff",
        required=True,
        default=lambda self: self.env.user,
        index=True,
        domain=[("share", "=", False)],
    )
    task_group_id = fields.Many2one(
        "ctxh.task.group",
        string="Task Group",
        compute="_compute_task_group_id",
        store=True,
        readonly=False,
        precompute=True,
        index=True,
        ondelete="restrict",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    note = fields.Char()

    def init(self):
        res = super().init()
        # People served in a period by kind or channel (_get_counts, the statutory reports) read
        # from this index alone, without visiting the table (500,000 entries at provincial scale).
        self.env.cr.execute(
            """
            CREATE INDEX IF NOT EXISTS ctxh_service_log_company_date_counts_index
                ON ctxh_service_log (company_id, date) INCLUDE (kind, channel, count)
            """
        )
        return res

    @api.depends("kind")
    def _compute_channel(self):
        for log in self:
            log.channel = KIND_CHANNEL.get(log.kind, "in_person")

    @api.depends("kind")
    def _compute_task_group_id(self):
        codes = {KIND_TASK_GROUP.get(kind) for kind in self.mapped("kind")}
        groups = self.env["ctxh.task.group"].search([("code", "in", list(codes))])
        by_code = {group.code: group for group in groups}
        for log in self:
            log.task_group_id = by_code.get(KIND_TASK_GROUP.get(log.kind), log.task_group_id)

    @api.constrains("count")
    def _check_count(self):
        for log in self:
            if log.count < 1:
                raise ValidationError(_("The count of a service log entry must be at least 1."))

    @api.constrains("date")
    def _check_date(self):
        today = fields.Date.context_today(self)
        for log in self:
            if log.date > today:
                raise ValidationError(_("A service log entry cannot be dated in the future."))

    def _check_own_entries(self, vals_list):
        """Staff log their own work; only managers record entries for someone else."""
        if self.env.su or self.env.user.has_group("ctxh_case.group_ctxh_manager"):
            return
        for vals in vals_list:
            if vals.get("user_id") and vals["user_id"] != self.env.uid:
                raise AccessError(_("You can only record service log entries of your own work."))

    @api.model_create_multi
    def create(self, vals_list):
        self._check_own_entries(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        self._check_own_entries([vals])
        return super().write(vals)

    @api.model
    def _get_counts(self, date_from, date_to, groupby="kind"):
        """People served between two dates (inclusive), summed in one query:
        ``{value of groupby: count}``; many2one keys are ids."""
        domain = [
            ("date", ">=", date_from),
            ("date", "<=", date_to),
            ("company_id", "in", self.env.companies.ids),
        ]
        result = {}
        for key, total in self._read_group(domain, [groupby], ["count:sum"]):
            result[key.id if isinstance(key, models.BaseModel) else key] = total
        return result

    @api.depends("date", "kind", "count")
    def _compute_display_name(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for log in self:
            log.display_name = f"{kinds.get(log.kind, '')} × {log.count} ({log.date or ''})"
