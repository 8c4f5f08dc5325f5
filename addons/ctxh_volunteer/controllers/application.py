from odoo import _, http
from odoo.exceptions import UserError, ValidationError
from odoo.http import request

from ..models.ctxh_volunteer_application import APPLICATION_LIMITS, DAY_PARTS

FORM_FIELDS = (
    "name",
    "email",
    "phone",
    "birthdate",
    "organisation",
    "note",
    "emergency_contact",
    "emergency_phone",
)


class VolunteerApplication(http.Controller):
    """The public application form (no login): anyone may apply to volunteer."""

    def _set_lang(self):
        if "vi_VN" in dict(request.env["res.lang"].get_installed()):
            request.update_context(lang="vi_VN")

    def _form_values(self, form=None, error=None):
        Skill = request.env["ctxh.volunteer.skill"]
        form = form or {}
        return {
            "skills": Skill.search([("kind", "=", "skill")]),
            "languages": Skill.search([("kind", "=", "language")]),
            "days": request.env["ctxh.volunteer.availability"]
            ._fields["dayofweek"]
            ._description_selection(request.env),
            "day_parts": [
                (part, label, f"{int(DAY_PARTS[part][0])}h-{int(DAY_PARTS[part][1])}h")
                for part, label in (
                    ("night", _("Night")),
                    ("morning", _("Morning")),
                    ("afternoon", _("Afternoon")),
                    ("evening", _("Evening")),
                )
            ],
            "limits": APPLICATION_LIMITS,
            "pledge_text": request.env["ctxh.volunteer"]._get_pledge_text(),
            "form": form,
            "error": error,
        }

    @http.route("/volunteer/apply", type="http", auth="public", methods=["GET"], sitemap=False)
    def volunteer_apply_form(self, **kwargs):
        self._set_lang()
        return request.render("ctxh_volunteer.volunteer_apply", self._form_values())

    @http.route("/volunteer/apply", type="http", auth="public", methods=["POST"], sitemap=False)
    def volunteer_apply_submit(self, **post):
        self._set_lang()
        form = request.httprequest.form
        values = {key: post.get(key, "") for key in FORM_FIELDS}
        values.update(
            skill_ids=form.getlist("skill_ids"),
            language_ids=form.getlist("language_ids"),
            availability=form.getlist("availability"),
            pledge=post.get("pledge") == "1",
        )
        try:
            # sudo: the public user may not create volunteers; _create_application checks every
            # input (lengths, formats, known skills, duplicates, applications per address) and
            # creates only an applicant, who serves nowhere until a coordinator accepts them
            request.env["ctxh.volunteer"].sudo()._create_application(values, request.httprequest.remote_addr)
        except (UserError, ValidationError) as exc:
            return request.render("ctxh_volunteer.volunteer_apply", self._form_values(values, str(exc)))
        return request.render("ctxh_volunteer.volunteer_apply_thanks", {"name": values["name"]})
