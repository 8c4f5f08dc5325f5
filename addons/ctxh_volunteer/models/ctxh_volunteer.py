from collections import defaultdict
from datetime import datetime, time, timedelta

import pytz

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import email_normalize

from odoo.addons.ctxh_case.models.ctxh_validation import (
    check_vn_national_id,
    check_vn_phone,
    normalize_identifier,
)


class CtxhVolunteer(models.Model):
    _name = "ctxh.volunteer"
    _description = "Volunteer or Collaborator"
    _inherits = {"res.partner": "partner_id"}
    _inherit = ["mail.thread", "mail.activity.mixin", "ctxh.vietnamese.order", "ctxh.input.check"]
    _order = "name"

    partner_id = fields.Many2one("res.partner", required=True, ondelete="restrict", index=True)
    employee_id = fields.Many2one(
        "hr.employee",
        string="Staff Record",
        tracking=True,
        help="For staff collaborators from a clinical department.",
    )
    user_id = fields.Many2one(
        "res.users",
        string="User",
        tracking=True,
        index=True,
        help="The user (internal collaborator or portal) with which the volunteer sees their own shifts.",
    )
    kind = fields.Selection(
        [
            ("staff", "Staff Collaborator"),
            ("external", "External Volunteer"),
            ("partner_org", "Member of a Partner Organisation"),
        ],
        required=True,
        default="external",
        tracking=True,
    )
    state = fields.Selection(
        string="Status",
        selection=[
            ("applicant", "Applicant"),
            ("active", "Active"),
            ("inactive", "Inactive"),
            ("archived", "Archived"),
        ],
        required=True,
        default="applicant",
        tracking=True,
        copy=False,
    )
    # Dated by the status changes (write), so that reports count the volunteers of a past date.
    date_activated = fields.Date(
        string="Active Since",
        tracking=True,
        copy=False,
        help="Day the volunteer last became active; set when the status becomes Active.",
    )
    date_left = fields.Date(
        string="Left On",
        tracking=True,
        copy=False,
        help="Day the volunteer stopped serving; set when an active volunteer becomes inactive or archived.",
    )
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    organisation_id = fields.Many2one(
        "res.partner",
        string="Organisation",
        domain=[("is_company", "=", True)],
        help="University, youth union, religious group or company the volunteer comes from.",
    )
    national_id = fields.Char(string="National ID", groups="ctxh_volunteer.group_ctxh_volunteer_coordinator")
    birthdate = fields.Date(string="Date of Birth")
    emergency_contact = fields.Char()
    emergency_phone = fields.Char()
    skill_ids = fields.Many2many(
        "ctxh.volunteer.skill",
        "ctxh_volunteer_skill_rel",
        "volunteer_id",
        "skill_id",
        string="Skills",
        domain=[("kind", "=", "skill")],
    )
    language_ids = fields.Many2many(
        "ctxh.volunteer.skill",
        "ctxh_volunteer_language_rel",
        "volunteer_id",
        "skill_id",
        string="Languages",
        domain=[("kind", "=", "language")],
    )
    availability_ids = fields.One2many(
        "ctxh.volunteer.availability", "volunteer_id", string="Weekly Availability"
    )
    training_ids = fields.One2many("ctxh.volunteer.training", "volunteer_id", string="Trainings")
    pledge_date = fields.Date(
        string="Confidentiality Pledge Signed On",
        tracking=True,
        help="Required before the first shift.",
    )
    assignment_ids = fields.One2many("ctxh.shift.assignment", "volunteer_id", string="Assignments")
    assignment_count = fields.Integer(compute="_compute_assignment_count")
    approved_hours_total = fields.Float(
        string="Approved Hours",
        compute="_compute_approved_hours_total",
        store=True,
        help="Hours of attended shifts approved by the coordinator.",
    )
    training_hours = fields.Float(compute="_compute_training_hours")

    _sql_constraints = [
        ("user_uniq", "unique(user_id)", "A user can be linked to one volunteer only."),
    ]

    def _auto_init(self):
        res = super()._auto_init()
        # Volunteers active before the dates existed: active since their record was created.
        self.env.cr.execute(
            "UPDATE ctxh_volunteer SET date_activated = create_date::date"
            " WHERE state = 'active' AND date_activated IS NULL"
        )
        return res

    def _ctxh_check_contact_vals(self, vals):
        """Before writing: the national ID (CCCD, spaces and dots removed), the phone numbers
        (Vietnamese formats) and the e-mail address a coordinator types."""
        if vals.get("national_id") and isinstance(vals["national_id"], str):
            vals["national_id"] = normalize_identifier(vals["national_id"])
            check_vn_national_id(self, vals["national_id"])
        for fname in ("phone", "mobile", "emergency_phone"):
            if vals.get(fname):
                check_vn_phone(self, fname, vals[fname])
        # one plain address (the portal login and the invitations use it): Odoo's normalization
        # would keep "khoa@example.vn" of "le minh khoa@example.vn"
        email = vals.get("email") and vals["email"].strip()
        if email and (email_normalize(email) or "").lower() != email.lower():
            raise ValidationError(
                _("The e-mail address %s is not valid: write it as name@example.com.", vals["email"][:60])
            )

    @api.model_create_multi
    def create(self, vals_list):
        today = fields.Date.context_today(self)
        for vals in vals_list:
            self._ctxh_check_contact_vals(vals)
            if vals.get("state") == "active":
                vals.setdefault("date_activated", today)
        return super().create(vals_list)

    def write(self, vals):
        self._ctxh_check_contact_vals(vals)
        if "state" not in vals:
            return super().write(vals)
        today = fields.Date.context_today(self)
        joining = vals["state"] == "active"
        moving = self.filtered(lambda v: (v.state != "active") if joining else (v.state == "active"))
        res = super(CtxhVolunteer, self - moving).write(vals)
        by_date = defaultdict(self.browse)
        for volunteer in moving:
            # Never before the day they became active (whatever the clock of a test says).
            by_date[today if joining else max(today, volunteer.date_activated or today)] |= volunteer
        for day, volunteers in by_date.items():
            dates = {"date_activated": day, "date_left": False} if joining else {"date_left": day}
            super(CtxhVolunteer, volunteers).write({**dates, **vals})
        return res

    @api.depends("assignment_ids")
    def _compute_assignment_count(self):
        counts = dict(
            self.env["ctxh.shift.assignment"]._read_group(
                [("volunteer_id", "in", self.ids)], ["volunteer_id"], ["__count"]
            )
        )
        for volunteer in self:
            volunteer.assignment_count = counts.get(volunteer, 0)

    @api.depends("assignment_ids.hours", "assignment_ids.hours_approved", "assignment_ids.state")
    def _compute_approved_hours_total(self):
        hours = self._get_approved_hours() if self.ids else {}
        for volunteer in self:
            volunteer.approved_hours_total = hours.get(volunteer.id, 0.0)

    @api.depends("training_ids.hours")
    def _compute_training_hours(self):
        for volunteer in self:
            volunteer.training_hours = sum(volunteer.training_ids.mapped("hours"))

    @api.constrains("birthdate", "pledge_date", "date_activated", "date_left")
    def _check_dates(self):
        today = fields.Date.context_today(self)
        for volunteer in self:
            if (
                volunteer.date_left
                and volunteer.date_activated
                and volunteer.date_left < volunteer.date_activated
            ):
                raise ValidationError(_("%s cannot leave before becoming active.", volunteer.name))
            if volunteer.birthdate and volunteer.birthdate > today:
                raise ValidationError(_("The date of birth of %s is in the future.", volunteer.name))
            if volunteer.pledge_date and volunteer.pledge_date > today:
                raise ValidationError(
                    _("The confidentiality pledge of %s cannot be signed in the future.", volunteer.name)
                )

    def _is_available_for(self, shift):
        """True when no availability is declared or when the declared slots cover the whole shift,
        day by day: a night shift needs the evening of one day and the early hours of the next."""
        self.ensure_one()
        lines = self.availability_ids
        if not lines or not shift.start_datetime or not shift.end_datetime:
            return True
        slots = {}
        for line in lines.sorted(lambda line: (line.dayofweek, line.hour_from)):
            day_slots = slots.setdefault(int(line.dayofweek), [])
            if day_slots and line.hour_from <= day_slots[-1][1]:
                day_slots[-1][1] = max(day_slots[-1][1], line.hour_to)  # adjacent slots join
            else:
                day_slots.append([line.hour_from, line.hour_to])
        tz = shift.company_id._ctxh_tz()
        start = pytz.utc.localize(shift.start_datetime).astimezone(tz).replace(tzinfo=None)
        end = pytz.utc.localize(shift.end_datetime).astimezone(tz).replace(tzinfo=None)
        day = start.date()
        while datetime.combine(day, time.min) < end:
            midnight = datetime.combine(day, time.min)
            hour_from = (max(start, midnight) - midnight).total_seconds() / 3600
            hour_to = (min(end, midnight + timedelta(days=1)) - midnight).total_seconds() / 3600
            if not any(
                slot_from <= hour_from and slot_to >= hour_to
                for slot_from, slot_to in slots.get(day.weekday(), [])
            ):
                return False
            day += timedelta(days=1)
        return True

    def _get_approved_hours(self, date_from=None, date_to=None):
        """Approved hours of attended shifts per volunteer, in one query.

        :param date_from: first local date of the period (included), or None
        :param date_to: last local date of the period (included), or None
        :return: {volunteer_id: hours}; limited to ``self`` when it is not empty
        """
        domain = [("state", "=", "attended"), ("hours_approved", "=", True)]
        if self:
            domain.append(("volunteer_id", "in", self.ids))
        if date_from:
            domain.append(("date", ">=", date_from))
        if date_to:
            domain.append(("date", "<=", date_to))
        groups = self.env["ctxh.shift.assignment"].sudo()._read_group(domain, ["volunteer_id"], ["hours:sum"])
        return {volunteer.id: hours for volunteer, hours in groups}

    # Workflow
    def action_activate(self):
        if any(volunteer.state not in ("applicant", "inactive") for volunteer in self):
            raise UserError(_("Only applicants and inactive volunteers can be activated."))
        self.write({"state": "active", "active": True})

    def action_deactivate(self):
        if any(volunteer.state != "active" for volunteer in self):
            raise UserError(_("Only active volunteers can be set inactive."))
        self.write({"state": "inactive"})
        self._cancel_future_assignments()

    def action_set_archived(self):
        if any(volunteer.state == "archived" for volunteer in self):
            raise UserError(_("This volunteer is already archived."))
        self.write({"state": "archived", "active": False})
        self._cancel_future_assignments()

    def action_reset_applicant(self):
        if any(volunteer.state != "archived" for volunteer in self):
            raise UserError(_("Only archived volunteers can apply again."))
        self.write({"state": "applicant", "active": True})

    def _cancel_future_assignments(self):
        future = self.env["ctxh.shift.assignment"].search(
            [
                ("volunteer_id", "in", self.ids),
                ("state", "in", ["requested", "planned", "confirmed"]),
                ("start_datetime", ">", fields.Datetime.now()),
            ]
        )
        future.write({"state": "cancelled"})

    def action_view_assignments(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("ctxh_volunteer.ctxh_shift_assignment_action")
        action["domain"] = [("volunteer_id", "=", self.id)]
        action["context"] = {"default_volunteer_id": self.id}
        return action
