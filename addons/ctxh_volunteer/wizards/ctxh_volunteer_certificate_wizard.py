from odoo import _, api, fields, models
from odoo.exceptions import UserError


class CtxhVolunteerCertificateWizard(models.TransientModel):
    _name = "ctxh.volunteer.certificate.wizard"
    _description = "Certificate of Volunteer Service"

    volunteer_ids = fields.Many2many("ctxh.volunteer", string="Volunteers", required=True)
    date_from = fields.Date(required=True)
    date_to = fields.Date(required=True, default=fields.Date.context_today)

    @api.model
    def default_get(self, fields_list):
        res = super().default_get(fields_list)
        if self.env.context.get("active_model") == "ctxh.volunteer" and self.env.context.get("active_ids"):
            res["volunteer_ids"] = [fields.Command.set(self.env.context["active_ids"])]
        if "date_from" in fields_list and not res.get("date_from"):
            res["date_from"] = fields.Date.context_today(self).replace(month=1, day=1)
        return res

    def _report_data(self):
        return {
            "volunteer_ids": self.volunteer_ids.ids,
            "date_from": fields.Date.to_string(self.date_from),
            "date_to": fields.Date.to_string(self.date_to),
        }

    def action_print(self):
        self.ensure_one()
        if self.date_to < self.date_from:
            raise UserError(_("The end date must not be before the start date."))
        # config=False: the certificate has its own layout, no company document layout to configure
        return self.env.ref("ctxh_volunteer.action_report_volunteer_certificate").report_action(
            self.volunteer_ids, data=self._report_data(), config=False
        )
