from datetime import timedelta

import pytz

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL

# Assignments that hold a place on the shift and in the volunteer's diary.
ACTIVE_STATES = ("requested", "planned", "confirmed", "attended")
# Assignments that staff the shift (a sign-up waiting for approval holds a place but does not staff it).
STAFF_STATES = ("planned", "confirmed", "attended")
# Assignments not served yet: every rule of who may serve applies to them.
BOOKING_STATES = ("requested", "planned", "confirmed")
FINAL_STATES = ("attended", "absent", "excused")
HOURS_FIELDS = {"check_in", "check_out", "hours"}
# The only status changes an assignment accepts, whoever writes (the action methods check who may).
TRANSITIONS = {
    "requested": {"confirmed", "refused", "cancelled"},
    "planned": {"confirmed", "attended", "absent", "excused", "cancelled"},
    "confirmed": {"attended", "absent", "excused", "cancelled"},
}
# How long a booking waits for another transaction booking the same volunteer or shift. Beyond it
# PostgreSQL raises LockNotAvailable, which Odoo retries like a serialization failure.
LOCK_TIMEOUT = "5s"


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
            ("requested", "Sign-up to Approve"),
            ("planned", "Planned"),
            ("confirmed", "Confirmed"),
            ("attended", "Attended"),
            ("absent", "Absent"),
            ("excused", "Excused"),
            ("refused", "Sign-up Refused"),
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
    swap_requested = fields.Boolean(
        readonly=True, copy=False, tracking=True, help="The volunteer asked to be replaced on this shift."
    )
    swap_reason = fields.Char(readonly=True, copy=False)
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

    # Who may serve
    @api.model
    def _get_refusals(self, requests, self_signup=False):
        """Why each volunteer cannot take each shift: the one place where the rules live.

        The constraints call it for the assignments being written, the portal for the shifts it
        lists (to show the reason next to a shift that cannot be taken), and a volunteer's own
        sign-up with ``self_signup``. A handful of queries whatever the number of requests.

        :param requests: list of ``(volunteer, shift, assignment)``; ``assignment`` is the record
            being checked (left out of the volunteer's diary and of the shift's places), or an
            empty recordset for a booking to come
        :param self_signup: also apply the rules of volunteers signing themselves up: the post is
            open to self sign-up, the shift has not started and its sign-up deadline has not passed
        :return: for each request, the list of ``(code, message)`` refusals, most important first
            (empty when the volunteer may take the shift). Codes: ``inactive``, ``started``,
            ``closed``, ``deadline``, ``pledge``, ``skills``, ``availability``, ``already``,
            ``overlap``, ``full``.
        """
        if not requests:
            return []
        # sudo: the places a shift has left and the volunteer's own diary are counted over every
        # assignment, which a volunteer cannot read; only refusal messages leave this method
        Assignment = self.sudo()
        volunteers = self.env["ctxh.volunteer"].sudo().browse({v.id for v, _s, _a in requests})
        shifts = self.env["ctxh.shift"].sudo().browse({s.id for _v, s, _a in requests})
        diary = Assignment.search_fetch(
            [
                ("volunteer_id", "in", volunteers.ids),
                ("state", "in", ACTIVE_STATES),
                ("start_datetime", "<", max(shifts.mapped("end_datetime"))),
                ("end_datetime", ">", min(shifts.mapped("start_datetime"))),
            ],
            ["volunteer_id", "shift_id", "start_datetime", "end_datetime"],
        )
        taken = dict(
            Assignment._read_group(
                [("shift_id", "in", shifts.ids), ("state", "in", ACTIVE_STATES)], ["shift_id"], ["__count"]
            )
        )
        # each request reads its own volunteer's diary only (not every diary of the call)
        diaries = diary.grouped("volunteer_id")
        now = fields.Datetime.now()
        result = []
        for volunteer, shift, assignment in requests:
            volunteer, shift = volunteer.sudo(), shift.sudo()
            reasons = []
            if volunteer.state != "active":
                reasons.append(
                    (
                        "inactive",
                        _(
                            "%(volunteer)s is not an active volunteer and cannot be assigned to a shift.",
                            volunteer=volunteer.name,
                        ),
                    )
                )
            if self_signup:
                reasons += self._self_signup_refusals(shift, now)
            if not volunteer.pledge_date or volunteer.pledge_date > shift.date:
                reasons.append(
                    (
                        "pledge",
                        _(
                            "%(volunteer)s has not signed the confidentiality pledge before %(shift)s.",
                            volunteer=volunteer.name,
                            shift=shift.name,
                        ),
                    )
                )
            missing = shift.post_id.required_skill_ids - volunteer.skill_ids - volunteer.language_ids
            if missing:
                reasons.append(
                    (
                        "skills",
                        _(
                            "%(volunteer)s lacks the skills required by %(post)s: %(skills)s.",
                            volunteer=volunteer.name,
                            post=shift.post_id.name,
                            skills=", ".join(missing.mapped("name")),
                        ),
                    )
                )
            if shift.company_id.ctxh_availability_policy == "block" and not volunteer._is_available_for(
                shift
            ):
                reasons.append(
                    (
                        "availability",
                        _(
                            "%(shift)s is outside the weekly availability declared by %(volunteer)s.",
                            volunteer=volunteer.name,
                            shift=shift.name,
                        ),
                    )
                )
            diary_reasons = self._diary_refusals(
                volunteer, shift, assignment, diaries.get(volunteer, Assignment.browse())
            )
            if diary_reasons and diary_reasons[0][0] == "already":
                reasons.insert(0, diary_reasons[0])  # on the shift already: that says it all
            else:
                reasons += diary_reasons
            others = taken.get(shift, 0)
            if assignment and assignment.shift_id == shift and assignment.state in ACTIVE_STATES:
                others -= 1
            if others >= shift.max_volunteers:
                reasons.append(
                    (
                        "full",
                        _(
                            "%(shift)s is full: it takes at most %(max)s volunteers.",
                            shift=shift.name,
                            max=shift.max_volunteers,
                        ),
                    )
                )
            result.append(reasons)
        return result

    @api.model
    def _self_signup_refusals(self, shift, now):
        reasons = []
        if shift.start_datetime <= now:
            reasons.append(("started", _("%(shift)s has already started.", shift=shift.name)))
        elif shift.signup_deadline <= now:
            reasons.append(
                (
                    "deadline",
                    _(
                        "Sign-ups for %(shift)s closed %(hours)s hours before it starts.",
                        shift=shift.name,
                        hours=shift.company_id.ctxh_volunteer_deadline_hours,
                    ),
                )
            )
        if not shift.self_signup:
            reasons.append(
                (
                    "closed",
                    _(
                        "Self sign-up is not open for %(shift)s; ask the volunteer coordinator.",
                        shift=shift.name,
                    ),
                )
            )
        return reasons

    @api.model
    def _diary_refusals(self, volunteer, shift, assignment, diary):
        for other in diary:
            if (
                other == assignment
                or other.volunteer_id != volunteer
                or other.start_datetime >= shift.end_datetime
                or other.end_datetime <= shift.start_datetime
            ):
                continue
            if other.shift_id == shift:
                return [
                    (
                        "already",
                        _(
                            "%(volunteer)s is already on %(shift)s.",
                            volunteer=volunteer.name,
                            shift=shift.name,
                        ),
                    )
                ]
            return [
                (
                    "overlap",
                    _(
                        "%(volunteer)s is already assigned to %(other)s, which overlaps %(shift)s.",
                        volunteer=volunteer.name,
                        other=other.shift_id.name,
                        shift=shift.name,
                    ),
                )
            ]
        return []

    # Constraints
    @api.constrains("volunteer_id", "shift_id", "state")
    def _check_volunteer_can_serve(self):
        """Status, pledge, skills, availability, overlap and the shift's places for bookings; a
        served assignment (attended) still may not overlap another one."""
        assignments = self.filtered(lambda a: a.state in ACTIVE_STATES)
        refusals = self._get_refusals([(a.volunteer_id, a.shift_id, a) for a in assignments])
        for assignment, reasons in zip(assignments, refusals, strict=True):
            if assignment.state not in BOOKING_STATES:
                reasons = [reason for reason in reasons if reason[0] in ("already", "overlap")]
            if reasons:
                raise ValidationError(reasons[0][1])

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

    # Concurrency
    @api.model
    def _lock_bookings(self, volunteer_ids, shift_ids):
        """Serialise the bookings of the same volunteers and shifts across transactions.

        The rows are touched (an UPDATE that changes nothing takes the row lock and makes a new
        row version): a concurrent booking of the same volunteer or shift waits at most
        ``LOCK_TIMEOUT`` for this transaction; when this one commits first, the other gets a
        serialization failure, which Odoo retries in a new transaction that sees this booking
        (and refuses an overlap or a full shift with the usual message). Neither the wait nor
        the failure writes an error to the log.
        """
        volunteer_ids = sorted({vid for vid in volunteer_ids if vid})
        shift_ids = sorted({sid for sid in shift_ids if sid})
        if not (volunteer_ids or shift_ids):
            return
        cr = self.env.cr
        cr.execute("SHOW lock_timeout")
        previous = cr.fetchone()[0]
        cr.execute(SQL("SET LOCAL lock_timeout = %s", LOCK_TIMEOUT))
        for table, ids in (("ctxh_volunteer", volunteer_ids), ("ctxh_shift", shift_ids)):
            if ids:
                cr.execute(
                    SQL(
                        "UPDATE %s SET write_date = write_date WHERE id IN %s",
                        SQL.identifier(table),
                        tuple(ids),
                    ),
                    log_exceptions=False,
                )
        cr.execute(SQL("SET LOCAL lock_timeout = %s", previous))

    # CRUD
    def _is_coordinator(self):
        return self.env.su or self.env.user.has_group("ctxh_volunteer.group_ctxh_volunteer_coordinator")

    @api.model_create_multi
    def create(self, vals_list):
        if not self._is_coordinator():
            self._prepare_self_signups(vals_list)
        self._lock_bookings(
            [vals.get("volunteer_id") for vals in vals_list], [vals.get("shift_id") for vals in vals_list]
        )
        assignments = super().create(vals_list)
        assignments.filtered(lambda a: a.state == "requested")._schedule_coordinator_activity(
            "ctxh_volunteer.mail_activity_type_signup_approval", _("Sign-up to approve")
        )
        return assignments

    @api.model
    def _prepare_self_signups(self, vals_list):
        """A volunteer signs themselves up: only for themselves, on an open shift before its deadline;
        the sign-up waits for approval where the post asks for it."""
        own = self.env["ctxh.volunteer"].search([("user_id", "=", self.env.uid)], limit=1)
        if any(not own or vals.get("volunteer_id") != own.id for vals in vals_list):
            raise AccessError(_("You can only sign yourself up for a shift."))
        shifts = self.env["ctxh.shift"].browse([vals.get("shift_id") for vals in vals_list])
        refusals = self._get_refusals([(own, shift, self.browse()) for shift in shifts], self_signup=True)
        for vals, shift, reasons in zip(vals_list, shifts, refusals, strict=True):
            state = "requested" if shift.sudo().post_id.signup_approval else "planned"
            codes = [code for code, _message in reasons]
            if "closed" in codes or vals.get("state", state) != state:
                raise AccessError(
                    _(
                        "Self sign-up is not open for %(shift)s; ask the volunteer coordinator.",
                        shift=shift.sudo().name,
                    )
                )
            if reasons:
                raise ValidationError(reasons[0][1])
            vals["state"] = state

    def write(self, vals):
        if HOURS_FIELDS.intersection(vals) and vals.get("hours_approved") is not False:
            if any(assignment.hours_approved for assignment in self):
                raise UserError(_("Approved hours cannot be changed: reset the approval first."))
        if "state" in vals:
            self._check_transition(vals["state"])
        if {"state", "volunteer_id", "shift_id"}.intersection(vals) and vals.get("state", "planned") in (
            ACTIVE_STATES
        ):
            self._lock_bookings(
                self.volunteer_id.ids + [vals.get("volunteer_id")], self.shift_id.ids + [vals.get("shift_id")]
            )
        return super().write(vals)

    def _check_transition(self, new_state):
        labels = dict(self._fields["state"]._description_selection(self.env))
        for assignment in self:
            if assignment.state != new_state and new_state not in TRANSITIONS.get(assignment.state, ()):
                raise UserError(
                    _(
                        "The assignment of %(volunteer)s cannot go from %(old)s to %(new)s.",
                        volunteer=assignment.volunteer_id.name,
                        old=labels[assignment.state],
                        new=labels.get(new_state, new_state),
                    )
                )

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

    def _check_coordinator(self):
        if not self._is_coordinator():
            raise AccessError(_("Only the volunteer coordinator can do this."))

    def _schedule_coordinator_activity(self, activity_xmlid, summary):
        """One activity per assignment for the coordinator of its post."""
        if not self:
            return
        # sudo: a volunteer's own sign-up or swap request creates the coordinator's to-do, which the
        # volunteer may not create (nor read) themselves; its content is fixed here
        assignments = self.sudo()
        coordinators = {post: post._get_coordinator() for post in assignments.post_id}
        activity_type = self.env.ref(activity_xmlid)
        model_id = self.env["ir.model"]._get_id(self._name)
        # no e-mail: the author may be a volunteer without an address; the coordinator finds the
        # activity in their activities
        self.env["mail.activity"].sudo().with_context(mail_activity_quick_update=True).create(
            [
                {
                    "activity_type_id": activity_type.id,
                    "automated": True,
                    "res_model_id": model_id,
                    "res_id": assignment.id,
                    "user_id": coordinators[assignment.post_id].id,
                    "summary": summary,
                    "date_deadline": fields.Date.context_today(self),
                }
                for assignment in assignments
            ]
        )

    def action_confirm(self):
        self._check_state(("planned",), _("Confirming"))
        self.write({"state": "confirmed"})

    def action_approve_signup(self):
        """The coordinator accepts sign-ups waiting for approval (all the rules are checked again)."""
        self._decide_signups("confirmed", _("Approving a sign-up"))

    def action_refuse_signup(self):
        self._decide_signups("refused", _("Refusing a sign-up"))

    def _decide_signups(self, state, action):
        self._check_coordinator()
        self._check_state(("requested",), action)
        self.write({"state": state})
        self.activity_unlink(["ctxh_volunteer.mail_activity_type_signup_approval"])
        for assignment in self:
            shift = assignment.shift_id.name
            if state == "confirmed":
                message = _("Your sign-up for %(shift)s is confirmed.", shift=shift)
            else:
                message = _("Your sign-up for %(shift)s was not accepted this time.", shift=shift)
            assignment.message_post(
                body=message,
                partner_ids=assignment.volunteer_id.partner_id.ids,
                subtype_xmlid="mail.mt_comment",
            )

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
        self._check_state(("requested", "planned", "confirmed"), _("Cancelling"))
        if not self._is_coordinator():
            # A volunteer may withdraw from their own shift until the company's deadline.
            self._check_own_future(_("You can only withdraw from your own future shifts."))
            now = fields.Datetime.now()
            late = self.filtered(lambda a: a.shift_id.signup_deadline <= now)
            if late:
                raise UserError(
                    _(
                        "%(shift)s starts in less than %(hours)s hours: cancelling is closed. Ask for a "
                        "swap or call the volunteer coordinator.",
                        shift=late[0].shift_id.name,
                        hours=late[0].company_id.ctxh_volunteer_deadline_hours,
                    )
                )
            # sudo: volunteers have no write access; the checks above limit this to their own
            # future bookings, and the state change is validated by write
            self.sudo().write({"state": "cancelled"})
            self.sudo()._close_requests()
            return
        self.write({"state": "cancelled"})
        self._close_requests()

    def _close_requests(self):
        self.activity_unlink(
            [
                "ctxh_volunteer.mail_activity_type_signup_approval",
                "ctxh_volunteer.mail_activity_type_swap_request",
            ]
        )

    def _check_own_future(self, message):
        now = fields.Datetime.now()
        if any(a.user_id != self.env.user or a.start_datetime <= now for a in self):
            raise AccessError(message)

    def action_request_swap(self, reason=None):
        """A volunteer asks the coordinator to find someone to replace them on their shift."""
        self._check_state(("planned", "confirmed"), _("Asking for a swap"))
        if not self._is_coordinator():
            self._check_own_future(_("You can only ask for a swap of your own future shifts."))
        reason = (reason or "").strip()[:200]
        pending = self.filtered(lambda a: not a.swap_requested)
        # sudo: a volunteer cannot write assignments; only the request flag and its reason are
        # written on their own future shifts (checked above)
        pending.sudo().write({"swap_requested": True, "swap_reason": reason or False})
        pending._schedule_coordinator_activity(
            "ctxh_volunteer.mail_activity_type_swap_request",
            _("Swap requested: %(reason)s", reason=reason) if reason else _("Swap requested"),
        )
        return True

    def action_approve_hours(self):
        self._check_coordinator()
        self._check_state(("attended",), _("Approving hours"))
        self.write({"hours_approved": True, "approved_by_id": self.env.uid})

    def action_reset_approval(self):
        self._check_coordinator()
        self.write({"hours_approved": False, "approved_by_id": False})

    def action_open_swap_wizard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Replace Volunteer"),
            "res_model": "ctxh.shift.swap.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_assignment_id": self.id, "default_reason": self.swap_reason},
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
