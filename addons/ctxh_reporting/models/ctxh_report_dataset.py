from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from ..builders import build_figures
from ..builders import dataset as ds
from ..builders.period import PERIOD_KINDS


class CtxhReportDataset(models.AbstractModel):
    """The period dataset of a hospital: what the Department of Health consolidates.

    Exported as a JSON file by the periodic report wizard, and served over Odoo's external API
    (``execute_kw`` on :meth:`get_period_dataset`) to the Department of Health's Odoo, which logs
    in with a read-only user of this hospital and its API key.
    """

    _name = "ctxh.report.dataset"
    _description = "Social Work Period Dataset"

    @api.model
    def get_period_dataset(self, date_from, date_to, period_kind="custom", hospital_code=None):
        """External API: the period dataset (schema ``ctxh.period_dataset``) of one hospital.

        :param date_from: first day of the period, ``YYYY-MM-DD``
        :param date_to: last day of the period, ``YYYY-MM-DD``
        :param period_kind: month, quarter, half_year, year or custom
        :param hospital_code: the hospital code of one of the user's companies; the user's
            current company when empty
        :return: the dataset as a JSON-serialisable dict

        Only for the users of the group *Period Dataset Reader* and the social work supervisors:
        the figures are aggregates of the whole hospital, with no case and no person.
        """
        user = self.env.user
        if not (
            user.has_group("ctxh_reporting.group_ctxh_dataset_reader")
            or user.has_group("ctxh_case.group_ctxh_supervisor")
        ):
            raise AccessError(_("You are not allowed to read the period datasets of this hospital."))
        try:
            start, end = fields.Date.to_date(date_from), fields.Date.to_date(date_to)
        except (TypeError, ValueError) as err:
            raise UserError(_("The period dates must be given as YYYY-MM-DD.")) from err
        if not start or not end or start > end:
            raise UserError(_("The period must start before it ends."))
        if period_kind not in dict(PERIOD_KINDS):
            raise UserError(_("Unknown period kind %(kind)s.", kind=period_kind))
        if hospital_code:
            company = user.company_ids.filtered(lambda c: c.ctxh_hospital_code == hospital_code)[:1]
            if not company:
                raise UserError(
                    _("No company of this user has the hospital code %(code)s.", code=hospital_code)
                )
        else:
            company = self.env.company
        template = self.env["ctxh.report.template"]._find_for(company, end, raise_if_not_found=False)
        return self._make_dataset(company, period_kind, start, end, template)

    @api.model
    def _make_dataset(self, company, period_kind, date_from, date_to, template=None):
        """The dataset dict of ``company`` for the period."""
        if not company.ctxh_hospital_code:
            raise UserError(
                _(
                    "Set the hospital code of %(company)s (Settings > Companies) before exporting.",
                    company=company.name,
                )
            )
        return ds.make_dataset(
            company.ctxh_hospital_code,
            company.name,
            period_kind,
            date_from,
            date_to,
            build_figures(self.env, company, date_from, date_to),
            template=template,
            generated_at=fields.Datetime.now(),
        )
