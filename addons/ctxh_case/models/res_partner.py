from odoo import _, api, fields, models

from .ctxh_validation import (
    check_text_sizes,
    check_vn_national_id,
    check_vn_phone,
    is_legacy_national_id,
    normalize_identifier,
)

# Patients' identifiers and the agency kind are social work data: not read by other users of the
# contacts (the fields are hidden from them in every view and refused to them through RPC). None is
# copied with the contact: duplicating a contact reads every copied field, and other users (an
# accountant, a sales user) must still be able to duplicate contacts.
OFFICER = "ctxh_case.group_ctxh_officer"


class ResPartner(models.Model):
    """Patients and their relatives are contacts like any other, but only the social workers who
    can read one of their cases see them (record rules in security/ctxh_case_security.xml,
    driven by the stored flag ``ctxh_is_patient``)."""

    _inherit = ["res.partner", "ctxh.access.logged"]
    _name = "res.partner"

    ctxh_agency_kind_id = fields.Many2one(
        "ctxh.agency.kind",
        string="Agency Kind",
        help="Set on outside agencies (police, commune, social protection centre, ...) "
        "that cases are referred to.",
        copy=False,
        groups=OFFICER,
    )
    ctxh_hospital_patient_id = fields.Char(
        string="Hospital Patient ID", index=True, copy=False, groups=OFFICER
    )
    ctxh_national_id = fields.Char(
        string="National ID (CCCD)",
        index=True,
        copy=False,
        groups=OFFICER,
        help="Citizen identity card (CCCD): 12 digits. An old 9-digit identity card (CMND) is "
        "accepted and flagged.",
    )
    ctxh_national_id_legacy = fields.Boolean(
        string="Old Identity Card (CMND)",
        compute="_compute_ctxh_national_id_legacy",
        groups=OFFICER,
    )
    ctxh_duplicate_warning = fields.Char(
        string="Possible Duplicate", compute="_compute_ctxh_duplicate_warning", groups=OFFICER
    )
    # Links that make a contact a protected patient. Archived cases count too.
    ctxh_case_ids = fields.One2many(
        "ctxh.case",
        "partner_id",
        string="Cases as Patient",
        context={"active_test": False},
        groups=OFFICER,
    )
    ctxh_member_ids = fields.One2many(
        "ctxh.case.member",
        "partner_id",
        string="Cases as Relative",
        context={"active_test": False},
        groups=OFFICER,
    )
    ctxh_is_patient = fields.Boolean(
        string="Patient or Relative of a Case",
        compute="_compute_ctxh_is_patient",
        store=True,
        index=True,
        help="Patients and household members of a case: only the social workers who can read "
        "one of their cases see this contact.",
        # not for portal and public users; the record rules read it as the superuser
        groups="base.group_user",
    )

    @api.depends("ctxh_case_ids", "ctxh_member_ids")
    def _compute_ctxh_is_patient(self):
        # stored compute: runs as superuser, over archived cases too (field context)
        for partner in self:
            partner.ctxh_is_patient = bool(partner.ctxh_case_ids or partner.ctxh_member_ids)

    @api.depends("ctxh_national_id")
    def _compute_ctxh_national_id_legacy(self):
        for partner in self:
            partner.ctxh_national_id_legacy = is_legacy_national_id(partner.ctxh_national_id)

    @api.depends("ctxh_hospital_patient_id", "ctxh_national_id")
    def _compute_ctxh_duplicate_warning(self):
        patient_ids = [p for p in self.mapped("ctxh_hospital_patient_id") if p]
        national_ids = [n for n in self.mapped("ctxh_national_id") if n]
        others = self.browse()
        hidden = self.browse()
        if patient_ids or national_ids:
            domain = []
            if patient_ids:
                domain = [("ctxh_hospital_patient_id", "in", patient_ids)]
            if national_ids:
                national = [("ctxh_national_id", "in", national_ids)]
                domain = ["|", *domain, *national] if domain else national
            others = self.with_context(active_test=False).search(domain)
            # sudo: a duplicate registered by another team must be flagged too, but it is only
            # counted, never named, so the officer learns nothing about that patient.
            hidden = self.sudo().with_context(active_test=False).search(domain) - others.sudo()
        for partner in self:

            def same(o, p=partner):
                return o.id != p._origin.id and (
                    (p.ctxh_hospital_patient_id and o.ctxh_hospital_patient_id == p.ctxh_hospital_patient_id)
                    or (p.ctxh_national_id and o.ctxh_national_id == p.ctxh_national_id)
                )

            dups = others.filtered(same)
            hidden_count = len(hidden.filtered(same))
            messages = []
            if dups:
                messages.append(
                    _(
                        "Same hospital patient ID or national ID as: %s",
                        ", ".join(dups.mapped("display_name")),
                    )
                )
            if hidden_count:
                messages.append(
                    _(
                        "%s contact(s) that you cannot see have the same hospital patient ID or "
                        "national ID: ask a manager of social work.",
                        hidden_count,
                    )
                )
            partner.ctxh_duplicate_warning = " ".join(messages) or False

    # ------------------------------------------------------------ validation
    def _ctxh_prepare_vals(self, vals):
        for fname in ("ctxh_national_id", "ctxh_hospital_patient_id"):
            if vals.get(fname) and isinstance(vals[fname], str):
                vals[fname] = normalize_identifier(vals[fname])
        # other contacts' fields keep Odoo's limits (none): only names and identifiers are bounded
        check_text_sizes(
            self, vals, {"name": 256, "ctxh_hospital_patient_id": 64, "ctxh_national_id": 32}, only=True
        )
        if vals.get("ctxh_national_id"):
            check_vn_national_id(self, vals["ctxh_national_id"])

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._ctxh_prepare_vals(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._ctxh_prepare_vals(vals)
        return super().write(vals)

    @api.constrains("phone", "mobile", "ctxh_is_patient")
    def _check_ctxh_patient_phone(self):
        """The phone numbers of patients and relatives follow the Vietnamese formats (other
        contacts keep Odoo's free format)."""
        for partner in self.filtered("ctxh_is_patient"):
            for fname in ("phone", "mobile"):
                if fname in partner._fields and partner[fname]:
                    check_vn_phone(partner, fname, partner[fname])

    # ------------------------------------------------------------ access log
    def _ctxh_access_logged_records(self):
        return self.sudo().filtered("ctxh_is_patient")
