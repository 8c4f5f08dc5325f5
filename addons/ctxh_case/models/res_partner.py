from odoo import _, api, fields, models

# Patients' identifiers and the agency kind are social work data: not read by other users of the
# contacts (the fields are hidden from them in every view and refused to them through RPC). None is
# copied with the contact: duplicating a contact reads every copied field, and other users (an
# accountant, a sales user) must still be able to duplicate contacts.
PARTNER_GROUPS = "ctxh_case.group_ctxh_officer"


class ResPartner(models.Model):
    _inherit = "res.partner"

    ctxh_agency_kind_id = fields.Many2one(
        "ctxh.agency.kind",
        string="Agency Kind",
        help="Set on outside agencies (police, commune, social protection centre, ...) "
        "that cases are referred to.",
        copy=False,
        groups=PARTNER_GROUPS,
    )
    ctxh_hospital_patient_id = fields.Char(
        string="Hospital Patient ID", index=True, copy=False, groups=PARTNER_GROUPS
    )
    ctxh_national_id = fields.Char(string="National ID (CCCD)", index=True, copy=False, groups=PARTNER_GROUPS)
    ctxh_duplicate_warning = fields.Char(
        string="Possible Duplicate", compute="_compute_ctxh_duplicate_warning", groups=PARTNER_GROUPS
    )

    @api.depends("ctxh_hospital_patient_id", "ctxh_national_id")
    def _compute_ctxh_duplicate_warning(self):
        patient_ids = [p for p in self.mapped("ctxh_hospital_patient_id") if p]
        national_ids = [n for n in self.mapped("ctxh_national_id") if n]
        others = self.browse()
        if patient_ids or national_ids:
            domain = []
            if patient_ids:
                domain = [("ctxh_hospital_patient_id", "in", patient_ids)]
            if national_ids:
                national = [("ctxh_national_id", "in", national_ids)]
                domain = ["|", *domain, *national] if domain else national
            others = self.with_context(active_test=False).search(domain)
        for partner in self:
            dups = others.filtered(
                lambda o, p=partner: (
                    o.id != p._origin.id
                    and (
                        (
                            p.ctxh_hospital_patient_id
                            and o.ctxh_hospital_patient_id == p.ctxh_hospital_patient_id
                        )
                        or (p.ctxh_national_id and o.ctxh_national_id == p.ctxh_national_id)
                    )
                )
            )
            partner.ctxh_duplicate_warning = (
                _("Same hospital patient ID or national ID as: %s", ", ".join(dups.mapped("display_name")))
                if dups
                else False
            )
