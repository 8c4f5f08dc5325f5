import base64

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..builders import build_figures
from ..builders import dataset as ds
from ..builders.period import PERIOD_KINDS, PERIODS_PER_YEAR, last_complete_period, period_bounds


class CtxhReportWizard(models.TransientModel):
    """Choose a period and a company, then print the periodic report or export its dataset."""

    _name = "ctxh.report.wizard"
    _description = "Social Work Periodic Report"

    company_id = fields.Many2one(
        "res.company",
        required=True,
        default=lambda self: self.env.company,
        domain=lambda self: [("id", "in", self.env.companies.ids)],
    )
    period_kind = fields.Selection(PERIOD_KINDS, string="Period", required=True, default="quarter")
    # The last complete period of the chosen kind: reports are made once their period is over.
    # One compute each, so that a value given for one (a year alone, for a yearly report) is not
    # replaced while the other is computed.
    year = fields.Integer(required=True, compute="_compute_year", store=True, readonly=False, precompute=True)
    period_number = fields.Integer(
        string="Number",
        compute="_compute_period_number",
        store=True,
        readonly=False,
        precompute=True,
        help="Month (1-12), quarter (1-4) or half-year (1-2) of the year.",
    )
    date_from = fields.Date(compute="_compute_dates", store=True, readonly=False, precompute=True)
    date_to = fields.Date(compute="_compute_dates", store=True, readonly=False, precompute=True)
    template_id = fields.Many2one(
        "ctxh.report.template",
        compute="_compute_template_id",
        store=True,
        readonly=False,
        precompute=True,
        help="Layout of the workbook; by default the template in force at the end of the period.",
    )

    fund_ids = fields.Many2many(
        "ctxh.fund",
        string="Funds",
        domain="[('company_id', '=', company_id)]",
        help="Funds of the disclosure report; empty for every fund of the company.",
    )

    @api.depends("period_kind")
    def _compute_year(self):
        today = fields.Date.context_today(self)
        for wizard in self:
            if wizard.period_kind in PERIODS_PER_YEAR:
                wizard.year = last_complete_period(wizard.period_kind, today)[0]
            else:
                wizard.year = wizard.year or today.year

    @api.depends("period_kind")
    def _compute_period_number(self):
        today = fields.Date.context_today(self)
        for wizard in self:
            if wizard.period_kind in PERIODS_PER_YEAR:
                wizard.period_number = last_complete_period(wizard.period_kind, today)[1]
            else:
                wizard.period_number = wizard.period_number or 1

    @api.depends("period_kind", "year", "period_number")
    def _compute_dates(self):
        for wizard in self:
            if wizard.period_kind == "custom":
                if not wizard.date_from or not wizard.date_to:
                    today = fields.Date.context_today(wizard)
                    wizard.date_from = wizard.date_from or today.replace(day=1)
                    wizard.date_to = wizard.date_to or today
                continue
            number = 1 if wizard.period_kind == "year" else wizard.period_number
            if wizard.year < 1900 or not 1 <= number <= PERIODS_PER_YEAR[wizard.period_kind]:
                # Refused with a clear message when the report is asked for (_check_period).
                wizard.date_from = wizard.date_to = False
                continue
            wizard.date_from, wizard.date_to = period_bounds(wizard.period_kind, wizard.year, number)

    @api.depends("company_id", "date_to")
    def _compute_template_id(self):
        Template = self.env["ctxh.report.template"]
        for wizard in self:
            if wizard.company_id and wizard.date_to:
                wizard.template_id = Template._find_for(
                    wizard.company_id, wizard.date_to, raise_if_not_found=False
                )
            else:
                wizard.template_id = False

    def _check_period(self):
        self.ensure_one()
        if self.period_kind not in ("custom", "year") and not (
            1 <= self.period_number <= PERIODS_PER_YEAR[self.period_kind]
        ):
            raise UserError(
                _(
                    "The number of the period must be between 1 and %(max)s.",
                    max=PERIODS_PER_YEAR[self.period_kind],
                )
            )
        if self.period_kind != "custom" and self.year < 1900:
            raise UserError(_("Enter the year of the period."))
        if not self.date_from or not self.date_to or self.date_from > self.date_to:
            raise UserError(_("The period must start before it ends."))

    def _get_template(self):
        self.ensure_one()
        return self.template_id or self.env["ctxh.report.template"]._find_for(self.company_id, self.date_to)

    def _get_figures(self):
        self.ensure_one()
        self._check_period()
        return build_figures(self.env, self.company_id, self.date_from, self.date_to)

    def action_print_xlsx(self):
        self.ensure_one()
        self._check_period()
        self._get_template()
        return self.env.ref("ctxh_reporting.ctxh_period_report_xlsx").report_action(self)

    def action_print_volunteer_hours(self):
        self.ensure_one()
        self._check_period()
        return self.env.ref("ctxh_reporting.ctxh_volunteer_hours_xlsx").report_action(self)

    def _get_funds(self):
        self.ensure_one()
        funds = self.fund_ids or self.env["ctxh.fund"].search([("company_id", "=", self.company_id.id)])
        if not funds:
            raise UserError(_("%(company)s has no fund to disclose.", company=self.company_id.name))
        return funds

    def action_print_fund_disclosure(self):
        self.ensure_one()
        self._check_period()
        self._get_funds()
        return self.env.ref("ctxh_reporting.ctxh_fund_disclosure_xlsx").report_action(self)

    def _get_dataset(self):
        self.ensure_one()
        self._check_period()
        return self.env["ctxh.report.dataset"]._make_dataset(
            self.company_id, self.period_kind, self.date_from, self.date_to, self.template_id
        )

    def action_export_dataset(self):
        """Export the period dataset (JSON) for the provincial consolidation."""
        self.ensure_one()
        dataset = self._get_dataset()
        filename = f"ctxh_{self.company_id.ctxh_hospital_code}_{self.date_from}_{self.date_to}.json"
        attachment = self.env["ir.attachment"].create(
            {
                "name": filename,
                "datas": base64.b64encode(ds.dump_dataset(dataset)),
                "mimetype": "application/json",
                "res_model": self._name,
                "res_id": self.id,
            }
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{attachment.id}?download=true",
            "target": "self",
        }
