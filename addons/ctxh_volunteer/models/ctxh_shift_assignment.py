from datetime import timedelta

import pytz

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

# Assignments that hold a place on the shift and in the volunteer's diary.
ACTIVE_STATES = ("planned", "confirmed", "attended")
FINAL_STATES = ("attended", "absent", "excused")
HOURS_FIELDS = {"check_in", "check_out", "hours"}


class CtxhShiftAssignment(models.Model):
    _name = "ctxh.shift.assignment"
    _description = "Shift Assignment"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "start_datetime desc, id desc"
    _rec_name = "volunteer_id"

    volunteer_id = fields.Many2one(
        "ctxh.volunteer", required=True, index=True, ondelete="restrict", tracking=True
    )
    shift_id = fields.Many2one("ctxh.shift", required=True, index=True, ondelete="cascade", tracking=True)
    post_id = fields.Many2one(related="shift_id.post_id", store=True)
    start_datetime = fields.Datetime(related="shift_id.start_datetime", store=True)
    end_datetime = fields.Datetime(related="shift_id.end_datetime", store=True)
    date = fields.Date(related="shift_id.date", store=True, index=True, string="Date")
    company_id = fields.Many2one(related="shift_id.company_id", store=True, index=True)
    user_id = fields.Many2one(related="volunteer_id.user_id", store=True, index=True, string="Volunteer User")
    state = fields.Selection(
        [
            ("planned", "Planned"),
            ("confirmed", "Confirmed"),
            ("attended", "Attended"),
            ("absent", "Absent"),
            ("excused", "Excused"),
            ("cancelled", "Cancelled"),
        ],
        required=True,
        default="planned",
        tracking=True,
        copy=False,
        index=True,
    )
    check_in = fields.Datetime(tracking=True)
    check_out = fields.Datetime(tracking=True)
    hours = fields.Float(
        compute="_compute_hours",
        store=True,
        readonly=False,
        tracking=True,
        help="Actual hours: from check-in to check-out, or the length of the shift when attended "
        "without check-in times.",
    )
    hours_approved = fields.Boolean(tracking=True, copy=False, help="Only approved hours count.")
    approved_by_id = fields.Many2one("res.users", string="Approved By", readonly=True, copy=False)
    outside_availability = fields.Boolean(
        compute="_compute_outside_availability",
        store=True,
        help="The shift is outside the weekly availability declared by the volunteer.",
    )
    replaced_by_id = fields.Many2one(
        "ctxh.shift.assignment", string="Replaced By", readonly=True, copy=False, index="btree_not_null"
    )
    replacement_of_id = fields.Many2one(
        "ctxh.shift.assignment", string="Replacement Of", readonly=True, copy=False
    )
    reminder_sent = fields.Boolean(readonly=True, copy=False)
    note = fields.Text()

    @api.depends("check_in", "check_out", "state", "shift_id.duration")
    def _compute_hours(self):
        for assignment in self:
            if assignment.check_in and assignment.check_out:
                assignment.hours = max(
                    (assignment.check_out - assignment.check_in).total_seconds() / 3600, 0.0
                )
            elif assignment.state == "attended":
                assignment.hours = assignment.shift_id.duration
            else:
                assignment.hours = 0.0

    @api.depends(
        "volunteer_id.availability_ids.dayofweek",
        "volunteer_id.availability_ids.hour_from",
        "volunteer_id.availability_ids.hour_to",
        "shift_id.start_datetime",
        "shift_id.end_datetime",
    )
    def _compute_outside_availability(self):
        for assignment in self:
            assignment.outside_availability = not assignment._is_within_availability()

    def _is_within_availability(self):
        self.ensure_one()
        return self.volunteer_id._is_available_for(self.shift_id)

    # Constraints
    @api.constrains("volunteer_id", "shift_id")
    def _check_volunteer_can_serve(self):
        """Volunteer status, pledge, skills, availability and the shift's capacity."""
        for assignment in self.sudo():
            if assignment.state not in ("planned", "confirmed"):
                continue
            volunteer, shift = assignment.volunteer_id, assignment.shift_id
            if volunteer.state != "active":
                raise ValidationError(
                    _(
                        "%(volunteer)s is not an active volunteer and cannot be assigned to a shift.",
                        volunteer=volunteer.name,
                    )
                )
            if not volunteer.pledge_date or volunteer.pledge_date > shift.date:
                raise ValidationError(
                    _(
                        "%(volunteer)s has not signed the confidentiality pledge before %(shift)s.",
                        volunteer=volunteer.name,
                        shift=shift.name,
                    )
                )
            missing = shift.post_id.required_skill_ids - volunteer.skill_ids - volunteer.language_ids
            if missing:
                raise ValidationError(
                    _(
                        "%(volunteer)s lacks the skills required by %(post)s: %(skills)s.",
                        volunteer=volunteer.name,
                        post=shift.post_id.name,
                        skills=", ".join(missing.mapped("name")),
                    )
                )
            if assignment.outside_availability and shift.company_id.ctxh_availability_policy == "block":
                raise ValidationError(
                    _(
                        "%(shift)s is outside the weekly availability declared by %(volunteer)s.",
                        volunteer=volunteer.name,
                        shift=shift.name,
                    )
                )
        shifts = self.sudo().shift_id
        counts = dict(
            self.env["ctxh.shift.assignment"]
            .sudo()
            ._read_group(
                [("shift_id", "in", shifts.ids), ("state", "in", ACTIVE_STATES)], ["shift_id"], ["__count"]
            )
        )
        for shift in shifts:
            if counts.get(shift, 0) > shift.max_volunteers:
                raise ValidationError(
                    _(
                        "%(shift)s is full: it takes at most %(max)s volunteers.",
                        shift=shift.name,
                        max=shift.max_volunteers,
                    )
                )

    @api.constrains("volunteer_id", "shift_id", "state")
    def _check_overlap(self):
        assignments = self.sudo().filtered(lambda a: a.state in ACTIVE_STATES)
        if not assignments:
            return
        others = self.sudo().search(
            [
                ("volunteer_id", "in", assignments.volunteer_id.ids),
                ("state", "in", ACTIVE_STATES),
                ("start_datetime", "<", max(assignments.mapped("end_datetime"))),
                ("end_datetime", ">", min(assignments.mapped("start_datetime"))),
            ]
        )
        for assignment in assignments:
            for other in others:
                if (
                    other != assignment
                    and other.volunteer_id == assignment.volunteer_id
                    and other.start_datetime < assignment.end_datetime
                    and other.end_datetime > assignment.start_datetime
                ):
                    raise ValidationError(
                        _(
                            "%(volunteer)s is already assigned to %(other)s, which overlaps %(shift)s.",
                            volunteer=assignment.volunteer_id.name,
                            other=other.shift_id.name,
                            shift=assignment.shift_id.name,
                        )
                    )

    @api.constrains("state", "check_in", "check_out")
    def _check_state_dates(self):
        now = fields.Datetime.now()
        for assignment in self:
            if assignment.state in FINAL_STATES and assignment.start_datetime > now:
                raise ValidationError(
                    _(
                        "%(shift)s has not started yet: attendance cannot be recorded in advance.",
                        shift=assignment.shift_id.name,
                    )
                )
            if assignment.check_in and assignment.check_out and assignment.check_out <= assignment.check_in:
                raise ValidationError(_("The check-out must be after the check-in."))
            if (assignment.check_in and assignment.check_in > now) or (
                assignment.check_out and assignment.check_out > now
            ):
                raise ValidationError(_("Check-in and check-out cannot be in the future."))

    # CRUD
    def _is_coordinator(self):
        return self.env.su or self.env.user.has_group("ctxh_volunteer.group_ctxh_volunteer_coordinator")

    @api.model_create_multi
    def create(self, vals_list):
        if not self._is_coordinator():
            own = self.env["ctxh.volunteer"].search([("user_id", "=", self.env.uid)], limit=1)
            shifts = self.env["ctxh.shift"].browse([vals.get("shift_id") for vals in vals_list])
            for vals, shift in zip(vals_list, shifts, strict=True):
                if not own or vals.get("volunteer_id") != own.id:
                    raise AccessError(_("You can only sign yourself up for a shift."))
                if vals.get("state", "planned") != "planned" or not shift.self_signup:
                    raise AccessError(
                        _(
                            "Self sign-up is not open for %(shift)s; ask the volunteer coordinator.",
                            shift=shift.name,
                        )
                    )
        return super().create(vals_list)

    def write(self, vals):
        if HOURS_FIELDS.intersection(vals) and vals.get("hours_approved") is not False:
            if any(assignment.hours_approved for assignment in self):
                raise UserError(_("Approved hours cannot be changed: reset the approval first."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_attendance(self):
        if any(assignment.state in FINAL_STATES or assignment.hours_approved for assignment in self):
            raise UserError(
                _("An assignment with recorded attendance cannot be deleted; keep it for the history.")
            )

    # Workflow
    def _check_state(self, allowed, action):
        for assignment in self:
            if assignment.state not in allowed:
                raise UserError(
                    _(
                        "%(action)s is not possible for the assignment of %(volunteer)s in state %(state)s.",
                        action=action,
                        volunteer=assignment.volunteer_id.name,
                        state=dict(self._fields["state"]._description_selection(self.env))[assignment.state],
                    )
                )

    def action_confirm(self):
        self._check_state(("planned",), _("Confirming"))
        self.write({"state": "confirmed"})

    def action_attend(self):
        self._check_state(("planned", "confirmed"), _("Recording attendance"))
        self.write({"state": "attended"})

    def action_absent(self):
        self._check_state(("planned", "confirmed"), _("Recording an absence"))
        self.write({"state": "absent"})

    def action_excuse(self):
        self._check_state(("planned", "confirmed"), _("Excusing"))
        self.write({"state": "excused"})

    def action_cancel(self):
        self._check_state(("planned", "confirmed"), _("Cancelling"))
        if not self._is_coordinator():
            # A volunteer may withdraw from their own future shift.
            now = fields.Datetime.now()
            if any(a.user_id != self.env.user or a.start_datetime <= now for a in self):
                raise AccessError(_("You can only withdraw from your own future shifts."))
            self.sudo().write({"state": "cancelled"})
            return
        self.write({"state": "cancelled"})

    def action_approve_hours(self):
        if not self._is_coordinator():
            raise AccessError(_("Only the volunteer coordinator approves hours."))
        self._check_state(("attended",), _("Approving hours"))
        self.write({"hours_approved": True, "approved_by_id": self.env.uid})

    def action_reset_approval(self):
        if not self._is_coordinator():
            raise AccessError(_("Only the volunteer coordinator approves hours."))
        self.write({"hours_approved": False, "approved_by_id": False})

    def action_open_swap_wizard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Replace Volunteer"),
            "res_model": "ctxh.shift.swap.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_assignment_id": self.id},
        }

    @api.onchange("volunteer_id", "shift_id")
    def _onchange_availability_warning(self):
        if self.volunteer_id and self.shift_id and not self._is_within_availability():
            return {
                "warning": {
                    "title": _("Outside availability"),
                    "message": _("This shift is outside the weekly availability declared by the volunteer."),
                }
            }

    @api.model
    def _cron_send_reminders(self):
        """Mail volunteers the day before their shift: one batch per run, each assignment once."""
        now = pytz.utc.localize(fields.Datetime.now()).astimezone(self.env.company._ctxh_tz())
        tomorrow = now.date() + timedelta(days=1)
        assignments = self.search(
            [
                ("state", "in", ("planned", "confirmed")),
                ("date", "=", tomorrow),
                ("reminder_sent", "=", False),
                ("volunteer_id.email", "!=", False),
            ]
        )
        if not assignments:
            return
        template = self.env.ref("ctxh_volunteer.mail_template_shift_reminder")
        template.send_mail_batch(assignments.ids)
        assignments.write({"reminder_sent": True})
