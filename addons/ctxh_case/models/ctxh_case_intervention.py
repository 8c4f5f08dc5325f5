from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class CtxhCaseIntervention(models.Model):
    """A social work intervention delivered for a case; feeds the statutory counts."""

    _name = "ctxh.case.intervention"
    _description = "Case Intervention"
    _inherit = ["ctxh.access.logged", "ctxh.input.check"]
    _order = "date desc, id desc"
    _check_company_auto = True

    # the company is the case's: no check_company on case_id, whose domain would then look for
    # cases without a company until a case is chosen (the form opened from the menu found none)
    case_id = fields.Many2one("ctxh.case", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="case_id.company_id", store=True, index=True)
    partner_id = fields.Many2one(related="case_id.partner_id", string="Patient")
    date = fields.Date(required=True, default=fields.Date.context_today, index=True)
    intervention_type_id = fields.Many2one("ctxh.intervention.type", required=True, index=True)
    task_group_id = fields.Many2one(related="intervention_type_id.task_group_id", store=True)
    duration = fields.Float(string="Duration (hours)")
    user_id = fields.Many2one("res.users", string="Staff", required=True, default=lambda self: self.env.user)
    outcome = fields.Text()

    @api.constrains("duration")
    def _check_duration(self):
        if any(i.duration < 0 for i in self):
            raise ValidationError(_("The duration of an intervention cannot be negative."))

    @api.constrains("intervention_type_id", "date")
    def _check_type_valid(self):
        for intervention in self:
            intervention.intervention_type_id._ctxh_check_valid_on(intervention.date)
