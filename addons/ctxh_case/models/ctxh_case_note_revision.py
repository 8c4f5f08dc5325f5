from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .ctxh_case_note import NOTE_TYPES


class CtxhCaseNoteRevision(models.Model):
    """An earlier version of a case note, kept when the note is changed. Written by the system
    only; nobody changes or deletes a revision (it goes with its note when a manager deletes
    the note)."""

    _name = "ctxh.case.note.revision"
    _description = "Earlier Version of a Case Note"
    _order = "note_id, id desc"

    note_id = fields.Many2one(
        "ctxh.case.note", string="Case Note", required=True, ondelete="cascade", index=True, readonly=True
    )
    company_id = fields.Many2one(related="note_id.company_id", store=True, index=True)
    user_id = fields.Many2one("res.users", string="Changed By", required=True, readonly=True)
    create_date = fields.Datetime(string="Changed On", readonly=True)
    subject = fields.Char(readonly=True)
    body = fields.Text(string="Note", readonly=True)
    note_type = fields.Selection(NOTE_TYPES, string="Type", readonly=True)
    date = fields.Date(readonly=True)
    is_confidential = fields.Boolean(string="Confidential", readonly=True)

    def write(self, vals):
        if vals:
            raise UserError(_("An earlier version of a case note cannot be changed."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(_("An earlier version of a case note cannot be deleted; a manager deletes the note."))
