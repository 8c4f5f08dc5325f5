from odoo import api, models

from .ctxh_validation import check_text_sizes


class CtxhInputCheck(models.AbstractModel):
    """Refuses texts longer than their limit before anything is written: char fields hold at
    most 256 characters and long texts 100,000 unless ``_ctxh_text_limits`` says otherwise."""

    _name = "ctxh.input.check"
    _description = "Social Work Input Checks"

    _ctxh_text_limits = {}

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            check_text_sizes(self, vals, self._ctxh_text_limits)
        return super().create(vals_list)

    def write(self, vals):
        check_text_sizes(self, vals, self._ctxh_text_limits)
        return super().write(vals)
