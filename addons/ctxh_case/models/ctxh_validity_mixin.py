from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools.misc import format_date


class CtxhValidityMixin(models.AbstractModel):
    """Master data that a regulation governs: a legal basis and validity dates."""

    _name = "ctxh.validity.mixin"
    _description = "Social Work Master Data Validity"

    legal_basis = fields.Char(help="Regulation this record is based on.")
    date_from = fields.Date(string="Valid From")
    date_to = fields.Date(string="Valid To")

    @api.constrains("date_from", "date_to")
    def _check_validity_dates(self):
        for record in self:
            if record.date_from and record.date_to and record.date_to < record.date_from:
                raise ValidationError(
                    _("%s: the end of validity cannot be before its start.", record.display_name)
                )

    def _ctxh_valid_on(self, day):
        """The records of ``self`` valid on ``day`` (a date)."""
        return self.filtered(
            lambda r: (not r.date_from or r.date_from <= day) and (not r.date_to or r.date_to >= day)
        )

    def _ctxh_check_valid_on(self, day):
        invalid = self - self._ctxh_valid_on(day)
        if invalid:
            raise ValidationError(
                _(
                    "%(records)s is not valid on %(date)s (see its validity dates).",
                    records=", ".join(invalid.mapped("display_name")),
                    date=format_date(self.env, day),
                )
            )
