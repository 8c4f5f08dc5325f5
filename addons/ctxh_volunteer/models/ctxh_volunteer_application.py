import re
from datetime import date, timedelta

from odoo import Command, _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL, email_normalize

from odoo.addons.ctxh_case.models.ctxh_validation import is_vn_phone

# Limits of the public application form (per field, and applications per address per hour).
APPLICATION_LIMITS = {
    "name": 100,
    "email": 120,
    "phone": 20,
    "organisation": 150,
    "note": 1000,
    "emergency_contact": 100,
    "skills": 20,
    "per_ip_per_hour": 5,
}
# The parts of a day an applicant ticks on the form, as local hours (adjacent parts join, so that
# "evening" of one day and "night" of the next make a night shift).
DAY_PARTS = {"night": (0.0, 6.0), "morning": (6.0, 12.0), "afternoon": (12.0, 18.0), "evening": (18.0, 24.0)}


def phone_key(phone):
    """The digits that identify a Vietnamese phone number (the last nine: 0912… and +84 912… are the
    same number), or an empty string."""
    digits = re.sub(r"\D", "", phone or "")
    return digits[-9:] if len(digits) >= 9 else ""


class CtxhVolunteer(models.Model):
    """Online applications and the volunteers' portal access."""

    _inherit = "ctxh.volunteer"

    organisation_name = fields.Char(
        string="Organisation (as Given)",
        help="The organisation the applicant wrote on the online form; it becomes the Organisation "
        "when the application is accepted.",
    )
    application_note = fields.Text(string="Motivation", help="What the applicant wrote on the online form.")
    applied_online = fields.Boolean(readonly=True, copy=False)
    application_ip = fields.Char(
        string="Applied From (IP Address)",
        readonly=True,
        copy=False,
        groups="ctxh_volunteer.group_ctxh_volunteer_coordinator",
    )
    pledge_signed_at = fields.Datetime(string="Pledge Signed At", readonly=True, copy=False)
    pledge_ip = fields.Char(
        string="Pledge Signed From (IP Address)",
        readonly=True,
        copy=False,
        groups="ctxh_volunteer.group_ctxh_volunteer_coordinator",
    )
    pledge_text = fields.Text(
        string="Pledge as Signed", readonly=True, copy=False, help="The text the volunteer accepted online."
    )

    @api.model_create_multi
    def create(self, vals_list):
        volunteers = super().create(vals_list)
        volunteers._set_user_home_action()
        return volunteers

    def write(self, vals):
        res = super().write(vals)
        if vals.get("user_id"):
            self._set_user_home_action()
        return res

    def _set_user_home_action(self):
        """Internal users who only volunteer (no case work) land on their own shifts."""
        officer = self.env.ref("ctxh_case.group_ctxh_officer")
        users = self.user_id.filtered(
            lambda u: not u.share and not u.action_id and officer not in u.groups_id
        )
        if users:
            # sudo: a coordinator may not write users; only the home action of the volunteers' own
            # users is set, to the list of their own shifts
            action = self.env.ref("ctxh_volunteer.ctxh_shift_assignment_action_my")
            users.sudo().write({"action_id": action.id})

    # Online application
    @api.model
    def _get_pledge_text(self):
        """The confidentiality pledge an applicant accepts online (in the language of the request)."""
        return _(
            "I commit to keep confidential everything I learn about patients, their families and their "
            "care while volunteering at the hospital; not to take photos of patients nor to share on "
            "social networks anything that could identify them; to respect their dignity and privacy; "
            "and to follow the hospital's rules and the instructions of the social work department. "
            "This commitment continues after my volunteering ends."
        )

    @api.model
    def _find_duplicates(self, email=None, phone=None):
        """Volunteers and applicants (archived ones too) with the same e-mail or phone number."""
        email = email_normalize(email or "")
        key = phone_key(phone)
        if not (email or key):
            return self.browse()
        conditions = []
        if email:
            conditions.append(SQL("lower(p.email) = %s", email))
        if key:
            for column in ("phone", "mobile"):
                conditions.append(
                    SQL(
                        "right(regexp_replace(coalesce(p.%s, ''), '[^0-9]', '', 'g'), 9) = %s",
                        SQL.identifier(column),
                        key,
                    )
                )
        self.env["res.partner"].flush_model(["email", "phone", "mobile"])
        self.flush_model(["partner_id"])
        self.env.cr.execute(
            SQL(
                "SELECT v.id FROM ctxh_volunteer v JOIN res_partner p ON p.id = v.partner_id WHERE %s",
                SQL(" OR ").join(conditions),
            )
        )
        return self.browse([row[0] for row in self.env.cr.fetchall()])

    @api.model
    def _create_application(self, values, ip_address):
        """An applicant from the public form, with a clear ``UserError`` for every bad input.

        :param values: the form, as strings and lists of strings: ``name``, ``email``, ``phone``,
            ``birthdate`` (YYYY-MM-DD), ``organisation``, ``note``, ``emergency_contact``,
            ``emergency_phone``, ``skill_ids`` and ``language_ids`` (ids), ``availability``
            (``"<day of week>-<part of day>"``, e.g. ``"0-morning"``) and ``pledge`` (accepted)
        :param ip_address: the address the form came from, kept with the signed pledge
        :return: the applicant
        """
        text = {
            key: (values.get(key) or "").strip()
            for key in (
                "name",
                "email",
                "phone",
                "organisation",
                "note",
                "emergency_contact",
                "emergency_phone",
            )
        }
        limits = {"emergency_phone": APPLICATION_LIMITS["phone"]}
        for key, value in text.items():
            if len(value) > limits.get(key, APPLICATION_LIMITS.get(key, 100)):
                raise UserError(_("The text in one of the fields is too long: please shorten it."))
        if not text["name"]:
            raise UserError(_("Please give your full name."))
        if not (text["email"] or text["phone"]):
            raise UserError(_("Please give an e-mail address or a phone number so that we can reach you."))
        email = email_normalize(text["email"]) if text["email"] else False
        if text["email"] and not email:
            raise UserError(_("The e-mail address is not valid."))
        for phone in (text["phone"], text["emergency_phone"]):
            if phone and (not re.fullmatch(r"[0-9 +().-]+", phone) or not is_vn_phone(phone)):
                raise UserError(_("A phone number is not valid: give 10 digits, e.g. 0912 345 678."))
        birthdate = self._parse_application_birthdate(values.get("birthdate"))
        if not values.get("pledge"):
            raise UserError(_("Please read and accept the confidentiality pledge."))
        skills = self._parse_application_skills(values.get("skill_ids"), "skill")
        languages = self._parse_application_skills(values.get("language_ids"), "language")
        availability = self._parse_application_availability(values.get("availability"))
        since = fields.Datetime.now() - timedelta(hours=1)
        recent = self.with_context(active_test=False).search_count(
            [("application_ip", "=", ip_address), ("pledge_signed_at", ">=", since)]
        )
        if ip_address and recent >= APPLICATION_LIMITS["per_ip_per_hour"]:
            raise UserError(
                _("Too many applications were sent from your connection: please try again later.")
            )
        if self.with_context(active_test=False)._find_duplicates(email, text["phone"]):
            raise UserError(
                _(
                    "An application or a volunteer with this e-mail address or phone number already "
                    "exists. Please contact the volunteer coordinator of the social work department."
                )
            )
        now = fields.Datetime.now()
        volunteer = self.create(
            {
                "name": text["name"],
                "email": email,
                "phone": text["phone"] or False,
                "lang": self.env.lang,
                "birthdate": birthdate,
                "kind": "partner_org" if text["organisation"] else "external",
                "state": "applicant",
                "organisation_name": text["organisation"] or False,
                "application_note": text["note"] or False,
                "emergency_contact": text["emergency_contact"] or False,
                "emergency_phone": text["emergency_phone"] or False,
                "skill_ids": [Command.set(skills.ids)],
                "language_ids": [Command.set(languages.ids)],
                "availability_ids": [
                    Command.create({"dayofweek": day, "hour_from": hour_from, "hour_to": hour_to})
                    for day, hour_from, hour_to in availability
                ],
                "applied_online": True,
                "application_ip": ip_address or False,
                "pledge_date": fields.Date.context_today(self),
                "pledge_signed_at": now,
                "pledge_ip": ip_address or False,
                "pledge_text": self._get_pledge_text(),
            }
        )
        # no e-mail from the public user (who has no address): the coordinator finds the activity
        volunteer.with_context(mail_activity_quick_update=True).activity_schedule(
            "mail.mail_activity_data_todo",
            summary=_("Online application to review"),
            user_id=self.env["ctxh.shift.post"]._default_coordinator(volunteer.company_id).id,
        )
        return volunteer

    @api.model
    def _parse_application_birthdate(self, value):
        if not value:
            return False
        try:
            birthdate = date.fromisoformat(value.strip())
        except ValueError:
            raise UserError(_("The date of birth is not a valid date.")) from None
        today = fields.Date.context_today(self)
        if not (date(1900, 1, 1) < birthdate < today):
            raise UserError(_("The date of birth is not a valid date."))
        return birthdate

    @api.model
    def _parse_application_skills(self, values, kind):
        values = values or []
        if len(values) > APPLICATION_LIMITS["skills"]:
            raise UserError(_("Too many skills or languages were chosen."))
        try:
            ids = {int(value) for value in values}
        except (TypeError, ValueError):
            raise UserError(_("A chosen skill or language is not valid.")) from None
        skills = self.env["ctxh.volunteer.skill"].search([("id", "in", list(ids)), ("kind", "=", kind)])
        if len(skills) != len(ids):
            raise UserError(_("A chosen skill or language is not valid."))
        return skills

    @api.model
    def _parse_application_availability(self, values):
        values = values or []
        if len(values) > 7 * len(DAY_PARTS):
            raise UserError(_("The availability is not valid."))
        slots = set()
        for value in values:
            day, _sep, part = str(value).partition("-")
            if day not in {str(n) for n in range(7)} or part not in DAY_PARTS:
                raise UserError(_("The availability is not valid."))
            slots.add((day, *DAY_PARTS[part]))
        return sorted(slots)

    # Acceptance and portal access
    def action_accept(self):
        """Accept applicants: activate them, link their organisation and give them a portal login
        (an invitation by e-mail when they have an address)."""
        if not self.env.user.has_group("ctxh_volunteer.group_ctxh_volunteer_coordinator"):
            raise AccessError(_("Only the volunteer coordinator accepts applications."))
        if any(volunteer.state != "applicant" for volunteer in self):
            raise UserError(_("Only applicants can be accepted."))
        self._link_organisation()
        self.action_activate()
        self.activity_unlink(["mail.mail_activity_data_todo"])
        return self._grant_portal_access()

    def action_grant_portal_access(self):
        if not self.env.user.has_group("ctxh_volunteer.group_ctxh_volunteer_coordinator"):
            raise AccessError(_("Only the volunteer coordinator gives volunteers a portal login."))
        if any(volunteer.state != "active" for volunteer in self):
            raise UserError(_("Only active volunteers get a portal login."))
        return self._grant_portal_access()

    def _link_organisation(self):
        """The organisation typed on the form becomes a company contact (an existing one of that name
        when there is one)."""
        Partner = self.env["res.partner"]
        for volunteer in self.filtered(lambda v: v.organisation_name and not v.organisation_id):
            organisation = Partner.search(
                [("is_company", "=", True), ("name", "=ilike", volunteer.organisation_name)], limit=1
            ) or Partner.create({"name": volunteer.organisation_name, "is_company": True})
            volunteer.organisation_id = organisation

    def _grant_portal_access(self):
        """Portal users for the volunteers without a user, on their own contact.

        With an e-mail address: Odoo's portal wizard creates the user and sends its invitation
        (queued when no mail server is configured). Without: the login is the phone number and the
        coordinator gets the link where the volunteer chooses a password, to give them by hand.
        """
        to_invite = self.filtered(lambda v: not v.user_id)
        langs = {volunteer: volunteer.lang for volunteer in to_invite}
        with_email = to_invite.filtered(lambda v: email_normalize(v.email or ""))
        if with_email:
            wizard = self.env["portal.wizard"].create(
                {"partner_ids": [Command.set(with_email.partner_id.ids)]}
            )
            for wizard_user in wizard.user_ids:
                wizard_user.action_grant_access()
            for volunteer in with_email:
                volunteer.user_id = volunteer.partner_id.with_context(active_test=False).user_ids[:1]
                volunteer.partner_id.lang = langs[volunteer]
        links = []
        for volunteer in to_invite - with_email:
            login = phone_key(volunteer.phone or volunteer.mobile) and re.sub(
                r"\D", "", volunteer.phone or volunteer.mobile
            )
            if not login:
                raise UserError(
                    _(
                        "%(volunteer)s has neither an e-mail address nor a phone number: add one to "
                        "create their login.",
                        volunteer=volunteer.name,
                    )
                )
            Users = self.env["res.users"].sudo().with_context(active_test=False)
            if Users.search_count([("login", "=", login)], limit=1):
                raise UserError(_("A user with the login %(login)s already exists.", login=login))
            # sudo: a coordinator may not create users; this creates only a portal user (from
            # Odoo's portal template user) on the volunteer's own contact, as the portal wizard does
            user = Users.with_context(no_reset_password=True)._create_user_from_template(
                {
                    "login": login,
                    "partner_id": volunteer.partner_id.id,
                    "company_id": volunteer.company_id.id,
                    "company_ids": [Command.set(volunteer.company_id.ids)],
                }
            )
            user.partner_id.lang = langs[volunteer]
            user.partner_id.signup_prepare()
            volunteer.user_id = user
            links.append((volunteer, login, user.partner_id._get_signup_url()))
            volunteer.message_post(
                body=_("Portal login %(login)s created; the volunteer has no e-mail address.", login=login)
            )
        if not links:
            return True
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": _("Give the volunteers their login"),
                "message": "\n".join(
                    _(
                        "%(volunteer)s: login %(login)s, choose a password at %(url)s",
                        volunteer=volunteer.name,
                        login=login,
                        url=url,
                    )
                    for volunteer, login, url in links
                ),
                "sticky": True,
                "type": "warning",
            },
        }
