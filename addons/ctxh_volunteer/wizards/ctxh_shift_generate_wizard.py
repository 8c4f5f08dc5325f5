from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError


class CtxhShiftGenerateWizard(models.TransientModel):
    _name = "ctxh.shift.generate.wizard"
    _description = "Generate Shifts from Templates"

    date_from = fields.Date(required=True, default=fields.Date.context_today)
    date_to = fields.Date(
        required=True, default=lambda self: fields.Date.context_today(self) + relativedelta(months=1)
    )
    template_ids = fields.Many2many(
        "ctxh.shift.template",
        string="Templates",
        help="Leave empty to generate the shifts of every active template.",
    )

    @api.model
    def default_get(self, fields_list):
        res = super().default_get(fields_list)
        if self.env.context.get("active_model") == "ctxh.shift.template" and self.env.context.get(
            "active_ids"
        ):
            res["template_ids"] = [fields.Command.set(self.env.context["active_ids"])]
        return res

    def action_generate(self):
        self.ensure_one()
        if self.date_to < self.date_from:
            raise UserError(_("The end date must not be before the start date."))
        if (self.date_to - self.date_from).days > 400:
            raise UserError(_("Generate at most about a year of shifts at once."))
        templates = self.template_ids or self.env["ctxh.shift.template"].search([])
        shifts = templates._generate_shifts(self.date_from, self.date_to)
        action = self.env["ir.actions.act_window"]._for_xml_id("ctxh_volunteer.ctxh_shift_action")
        action["domain"] = [("id", "in", shifts.ids)]
        action["name"] = _("%s new shift(s)", len(shifts))
        # the new shifts as a list, all of them (also those of today that already ended)
        action["views"] = [(False, "list"), (False, "calendar"), (False, "form")]
        action["context"] = {}
        return action
