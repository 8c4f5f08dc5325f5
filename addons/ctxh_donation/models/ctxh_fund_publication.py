from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools.misc import format_date


class CtxhFundPublication(models.Model):
    """A public disclosure of a fund (Decree 93/2021/NĐ-CP), logged with its period and channel."""

    _name = "ctxh.fund.publication"
    _description = "Fund Disclosure"
    _inherit = ["mail.thread"]
    _order = "date desc, id desc"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    fund_id = fields.Many2one("ctxh.fund", string="Fund", required=True, check_company=True)
    campaign_id = fields.Many2one(
        "ctxh.campaign", string="Campaign", check_company=True, domain="[('fund_id', '=', fund_id)]"
    )
    date = fields.Date(string="Published On", required=True, default=fields.Date.context_today)
    channel = fields.Selection(
        [
            ("notice_board", "Notice Board"),
            ("website", "Public Web Page"),
            ("press", "Press"),
            ("meeting", "Meeting"),
            ("other", "Other"),
        ],
        required=True,
        default="notice_board",
    )
    date_from = fields.Date(string="Period From", required=True)
    date_to = fields.Date(string="Period To", required=True)
    user_id = fields.Many2one(
        "res.users", string="Published By", default=lambda self: self.env.user, readonly=True
    )
    note = fields.Text()

    @api.depends("fund_id", "date_from", "date_to")
    def _compute_name(self):
        for publication in self:
            publication.name = _(
                "%(fund)s: %(start)s - %(end)s",
                fund=publication.fund_id.name or "",
                start=format_date(self.env, publication.date_from),
                end=format_date(self.env, publication.date_to),
            )

    @api.constrains("date_from", "date_to")
    def _check_period(self):
        for publication in self:
            if publication.date_to < publication.date_from:
                raise ValidationError(_("The period of a disclosure ends before it starts."))

    def _get_report_data(self):
        self.ensure_one()
        return self.fund_id._get_public_report(self.date_from, self.date_to, campaign=self.campaign_id)

    def action_print(self):
        return self.env.ref("ctxh_donation.action_report_ctxh_fund_disclosure").report_action(self)
