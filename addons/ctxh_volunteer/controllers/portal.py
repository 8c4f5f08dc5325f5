from datetime import date, datetime, timedelta

import pytz
import vobject

from odoo import _, fields, http
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import request
from odoo.tools.misc import format_date, formatLang

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager

from ..models.ctxh_shift_assignment import ACTIVE_STATES, BOOKING_STATES

SHIFTS_PER_PAGE = 20
MESSAGE_KEY = "ctxh_volunteer_portal_message"


class VolunteerPortal(CustomerPortal):
    """A volunteer's own pages under /my: everything is read and written as the portal user, so that
    the record rules decide what they see (their own profile and assignments, open shifts)."""

    # Helpers
    def _get_volunteer(self):
        """The volunteer of the logged-in user, or a 404 for users who are not volunteers."""
        volunteer = request.env["ctxh.volunteer"].search([("user_id", "=", request.env.uid)], limit=1)
        if not volunteer:
            raise request.not_found()
        return volunteer

    def _get_own(self, model, record_id):
        """A record the user may read (record rules), else a 404 that says nothing about it."""
        record = request.env[model].browse(record_id)
        try:
            record = record.exists()
            if not record or not record.has_access("read"):
                raise request.not_found()
        except (AccessError, MissingError):
            raise request.not_found() from None
        return record

    def _flash(self, kind, text):
        request.session[MESSAGE_KEY] = {"kind": kind, "text": text}

    def _pop_flash(self):
        return request.session.pop(MESSAGE_KEY, None)

    def _shift_display(self, shift):
        """Local day and hours of a shift, e.g. ("Thứ Ba, 10/03/2026", "07:00 - 11:00")."""
        tz = shift.company_id._ctxh_tz()
        start = pytz.utc.localize(shift.start_datetime).astimezone(tz)
        end = pytz.utc.localize(shift.end_datetime).astimezone(tz)
        day = format_date(request.env, start.date(), date_format="EEEE, dd/MM/yyyy")
        hours = f"{start:%H:%M} - {end:%H:%M}"
        if end.date() != start.date():
            hours = (
                f"{start:%H:%M} - {end:%H:%M} ({format_date(request.env, end.date(), date_format='dd/MM')})"
            )
        return {"day": day[:1].upper() + day[1:], "hours": hours}

    def _hours(self, hours):
        """Hours with one decimal in the user's language (7,5 in Vietnamese)."""
        return formatLang(request.env, hours or 0.0, digits=1)

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        volunteer = request.env["ctxh.volunteer"].search([("user_id", "=", request.env.uid)], limit=1)
        if not counters:  # the home page itself (/my/counters returns only counters to its script)
            values["ctxh_volunteer"] = bool(volunteer)
        if {"ctxh_shift_count", "ctxh_open_shift_count"}.intersection(counters):
            now = fields.Datetime.now()
            if "ctxh_shift_count" in counters:
                values["ctxh_shift_count"] = (
                    request.env["ctxh.shift.assignment"].search_count(
                        [
                            ("volunteer_id", "=", volunteer.id),
                            ("state", "in", BOOKING_STATES),
                            ("end_datetime", ">", now),
                        ]
                    )
                    if volunteer
                    else 0
                )
            if "ctxh_open_shift_count" in counters:
                values["ctxh_open_shift_count"] = (
                    request.env["ctxh.shift"].search_count(self._open_shift_domain(volunteer))
                    if volunteer and volunteer.state == "active"
                    else 0
                )
        return values

    def _open_shift_domain(self, volunteer):
        now = fields.Datetime.now()
        horizon = volunteer.company_id.ctxh_shift_horizon_days or 28
        return [
            ("company_id", "=", volunteer.company_id.id),
            ("start_datetime", ">", now),
            ("start_datetime", "<", now + timedelta(days=horizon)),
            "|",
            ("post_id.self_signup", "=", True),
            ("company_id.ctxh_volunteer_self_signup", "=", True),
        ]

    # Pages
    @http.route(["/my/volunteer/shifts"], type="http", auth="user", website=True)
    def portal_my_volunteer_shifts(self, **kw):
        volunteer = self._get_volunteer()
        Assignment = request.env["ctxh.shift.assignment"]
        now = fields.Datetime.now()
        upcoming = Assignment.search(
            [
                ("volunteer_id", "=", volunteer.id),
                ("state", "in", BOOKING_STATES),
                ("end_datetime", ">", now),
            ],
            order="start_datetime asc",
        )
        past = Assignment.search(
            [("volunteer_id", "=", volunteer.id), ("end_datetime", "<=", now)],
            order="start_datetime desc",
            limit=10,
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "ctxh_volunteer_shifts",
                "volunteer": volunteer,
                "upcoming": upcoming,
                "past": past,
                "now": now,
                "display": self._shift_display,
                "format_hours": self._hours,
                "states": dict(Assignment._fields["state"]._description_selection(request.env)),
                "message": self._pop_flash(),
            }
        )
        return request.render("ctxh_volunteer.portal_my_volunteer_shifts", values)

    @http.route(
        ["/my/volunteer/open-shifts", "/my/volunteer/open-shifts/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_volunteer_open_shifts(self, page=1, **kw):
        volunteer = self._get_volunteer()
        Shift = request.env["ctxh.shift"]
        domain = self._open_shift_domain(volunteer)
        total = Shift.search_count(domain)
        pager = portal_pager(url="/my/volunteer/open-shifts", total=total, page=page, step=SHIFTS_PER_PAGE)
        shifts = Shift.search(domain, limit=SHIFTS_PER_PAGE, offset=pager["offset"])
        refusals = request.env["ctxh.shift.assignment"]._get_refusals(
            [(volunteer, shift, request.env["ctxh.shift.assignment"]) for shift in shifts], self_signup=True
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "ctxh_volunteer_open_shifts",
                "volunteer": volunteer,
                "rows": [
                    {"shift": shift, "reasons": reasons, **self._shift_display(shift)}
                    for shift, reasons in zip(shifts, refusals, strict=True)
                ],
                "pager": pager,
                "message": self._pop_flash(),
            }
        )
        return request.render("ctxh_volunteer.portal_my_volunteer_open_shifts", values)

    @http.route(["/my/volunteer/hours"], type="http", auth="user", website=True)
    def portal_my_volunteer_hours(self, **kw):
        volunteer = self._get_volunteer()
        Assignment = request.env["ctxh.shift.assignment"]
        base = [("volunteer_id", "=", volunteer.id), ("state", "=", "attended")]
        months = Assignment._read_group(
            base + [("hours_approved", "=", True)],
            ["date:month"],
            ["hours:sum", "__count"],
            order="date:month desc",
        )
        pending = Assignment._read_group(base + [("hours_approved", "=", False)], [], ["hours:sum"])[0][0]
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "ctxh_volunteer_hours",
                "volunteer": volunteer,
                "months": [
                    {"label": f"{month:%m/%Y}", "hours": self._hours(hours), "count": count}
                    for month, hours, count in months
                ],
                "total": self._hours(sum(hours for _month, hours, _count in months)),
                "pending": pending and self._hours(pending),
                "years": sorted({month.year for month, _hours, _count in months}, reverse=True),
            }
        )
        return request.render("ctxh_volunteer.portal_my_volunteer_hours", values)

    # Actions (POST, CSRF-protected)
    @http.route(["/my/volunteer/shifts/<int:shift_id>/signup"], type="http", auth="user", methods=["POST"])
    def portal_volunteer_signup(self, shift_id, **kw):
        volunteer = self._get_volunteer()
        shift = self._get_own("ctxh.shift", shift_id)
        try:
            assignment = request.env["ctxh.shift.assignment"].create(
                {"shift_id": shift.id, "volunteer_id": volunteer.id}
            )
        except (UserError, ValidationError, AccessError) as exc:
            self._flash("danger", str(exc))
            return request.redirect("/my/volunteer/open-shifts")
        if assignment.state == "requested":
            self._flash("info", _("Thank you! The coordinator will confirm your sign-up for %s.", shift.name))
        else:
            self._flash("success", _("Thank you! You are signed up for %s.", shift.name))
        return request.redirect("/my/volunteer/shifts")

    @http.route(
        ["/my/volunteer/assignments/<int:assignment_id>/cancel"], type="http", auth="user", methods=["POST"]
    )
    def portal_volunteer_cancel(self, assignment_id, **kw):
        self._get_volunteer()
        assignment = self._get_own("ctxh.shift.assignment", assignment_id)
        try:
            assignment.action_cancel()
        except (UserError, ValidationError, AccessError) as exc:
            self._flash("danger", str(exc))
        else:
            self._flash("success", _("Your place on %s is cancelled.", assignment.shift_id.name))
        return request.redirect("/my/volunteer/shifts")

    @http.route(
        ["/my/volunteer/assignments/<int:assignment_id>/swap"], type="http", auth="user", methods=["POST"]
    )
    def portal_volunteer_swap(self, assignment_id, reason=None, **kw):
        self._get_volunteer()
        assignment = self._get_own("ctxh.shift.assignment", assignment_id)
        try:
            assignment.action_request_swap(reason)
        except (UserError, ValidationError, AccessError) as exc:
            self._flash("danger", str(exc))
        else:
            self._flash("success", _("The coordinator got your request and will look for a replacement."))
        return request.redirect("/my/volunteer/shifts")

    # Files
    @http.route(["/my/volunteer/calendar.ics"], type="http", auth="user")
    def portal_volunteer_calendar(self, **kw):
        """The volunteer's shifts (from 30 days ago on) as an iCalendar file, times in UTC."""
        volunteer = self._get_volunteer()
        since = fields.Datetime.now() - timedelta(days=30)
        assignments = request.env["ctxh.shift.assignment"].search(
            [
                ("volunteer_id", "=", volunteer.id),
                ("state", "in", ACTIVE_STATES),
                ("end_datetime", ">", since),
            ],
            order="start_datetime asc",
        )
        body = self._ical(assignments)
        return request.make_response(
            body,
            headers=[
                ("Content-Type", "text/calendar; charset=utf-8"),
                ("Content-Disposition", http.content_disposition("ca-truc-tinh-nguyen.ics")),
            ],
        )

    def _ical(self, assignments):
        calendar = vobject.iCalendar()
        calendar.add("prodid").value = "-//ctxh//Volunteer shifts//VI"
        calendar.add("x-wr-calname").value = _("Volunteer shifts")
        # sudo: the database's uuid only makes the events' UIDs unique worldwide; it is no secret of
        # anyone (portal users cannot read system parameters)
        uuid = request.env["ir.config_parameter"].sudo().get_param("database.uuid", "ctxh")
        stamp = datetime.now(pytz.utc).replace(microsecond=0)
        confirmed = {"confirmed", "attended"}
        for assignment in assignments:
            shift = assignment.shift_id
            event = calendar.add("vevent")
            event.add("uid").value = f"ctxh-shift-assignment-{assignment.id}@{uuid}"
            event.add("dtstamp").value = stamp
            event.add("dtstart").value = pytz.utc.localize(shift.start_datetime)
            event.add("dtend").value = pytz.utc.localize(shift.end_datetime)
            event.add("summary").value = shift.post_id.name
            if shift.post_id.location:
                event.add("location").value = shift.post_id.location
            if shift.note:
                event.add("description").value = shift.note
            event.add("status").value = "CONFIRMED" if assignment.state in confirmed else "TENTATIVE"
        return calendar.serialize()

    @http.route(["/my/volunteer/certificate.pdf"], type="http", auth="user")
    def portal_volunteer_certificate(self, year=None, **kw):
        """The certificate of service for a year (or the whole service), rendered as the volunteer:
        the report reads only what their record rules let them read."""
        volunteer = self._get_volunteer()
        data = {"volunteer_ids": volunteer.ids}
        if year:
            try:
                year = int(year)
                data.update(date_from=str(date(year, 1, 1)), date_to=str(date(year, 12, 31)))
            except ValueError:
                raise request.not_found() from None
        pdf, _fmt = request.env["ir.actions.report"]._render_qweb_pdf(
            "ctxh_volunteer.report_volunteer_certificate", volunteer.ids, data=data
        )
        filename = f"giay-chung-nhan-tinh-nguyen{'-%s' % year if year else ''}.pdf"
        return request.make_response(
            pdf,
            headers=[
                ("Content-Type", "application/pdf"),
                ("Content-Length", len(pdf)),
                ("Content-Disposition", http.content_disposition(filename)),
            ],
        )
