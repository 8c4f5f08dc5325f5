from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

# The access log must outlive the questions one may ask about an access: at least a year.
MIN_RETENTION_DAYS = 365


class ResCompany(models.Model):
    _inherit = "res.company"

    ctxh_access_log_retention_days = fields.Integer(
        string="Keep the Access Log (days)",
        default=1825,
        help="Entries of the case data access log older than this are purged by a daily job "
        "(at least 365 days).",
    )

    @api.constrains("ctxh_access_log_retention_days")
    def _check_ctxh_access_log_retention_days(self):
        for company in self:
            if company.ctxh_access_log_retention_days < MIN_RETENTION_DAYS:
                raise ValidationError(
                    _(
                        "The access log must be kept at least %(days)s days (%(value)s given).",
                        days=MIN_RETENTION_DAYS,
                        value=company.ctxh_access_log_retention_days,
                    )
                )
