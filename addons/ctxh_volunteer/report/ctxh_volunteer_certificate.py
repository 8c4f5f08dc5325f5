from odoo import _, api, fields, models
from odoo.tools.misc import formatLang


class ReportVolunteerCertificate(models.AbstractModel):
    _name = "report.ctxh_volunteer.report_volunteer_certificate"
    _description = "Certificate of Volunteer Service"

    @api.model
    def _get_report_values(self, docids, data=None):
        data = data or {}
        # the wizard passes its volunteers in the data: the web client then calls the report without ids
        volunteers = self.env["ctxh.volunteer"].browse(docids or data.get("volunteer_ids") or [])
        volunteers.check_access("read")  # the volunteers printed are those the user may read
        date_from = fields.Date.to_date(data.get("date_from")) if data.get("date_from") else None
        date_to = fields.Date.to_date(data.get("date_to")) if data.get("date_to") else None
        hours = volunteers._get_approved_hours(date_from, date_to)
        today = fields.Date.context_today(self)
        domain = [
            ("volunteer_id", "in", volunteers.ids),
            ("state", "=", "attended"),
            ("hours_approved", "=", True),
        ]
        if date_from:
            domain.append(("date", ">=", date_from))
        if date_to:
            domain.append(("date", "<=", date_to))
        shifts = dict(
            self.env["ctxh.shift.assignment"].sudo()._read_group(domain, ["volunteer_id"], ["__count"])
        )
        return {
            "doc_ids": volunteers.ids,
            "doc_model": "ctxh.volunteer",
            "docs": volunteers,
            "date_from": date_from,
            "date_to": date_to,
            "hours": hours,
            "shift_counts": {volunteer.id: count for volunteer, count in shifts.items()},
            "company": self.env.company,
            # sudo: the name of the volunteer's organisation (a university, a union...), which a
            # volunteer printing their own certificate may not read as a contact
            "organisations": {v.id: v.sudo().organisation_id.name for v in volunteers},
            # the place of signature's date: "Ngày 07 tháng 12 năm 2026" in Vietnamese
            "date_line": _(
                "Date: %(date)s",
                date=today.strftime("%d/%m/%Y"),
                day=today.strftime("%d"),
                month=today.strftime("%m"),
                year=today.strftime("%Y"),
            ),
            # hours with the decimal separator of the certificate's language (7,5 in Vietnamese)
            "format_hours": lambda value: formatLang(self.env, value or 0.0, digits=1),
        }
