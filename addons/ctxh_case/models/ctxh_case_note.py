from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools.misc import format_date

from .ctxh_access_log import FORM_READ

NOTE_TYPES = [
    ("contact", "Contact"),
    ("home_visit", "Home visit"),
    ("phone", "Phone call"),
    ("counselling", "Counselling session"),
    ("supervision", "Supervision"),
    ("case_conference", "Case conference"),
    ("other", "Other"),
]
# What a revision keeps of the note before each change.
REVISED_FIELDS = ("subject", "body", "note_type", "date", "is_confidential")


class CtxhCaseNote(models.Model):
    """A typed case note. A confidential note is readable only by its author, the case's
    supervisor and managers (record rules in security/ctxh_case_security.xml).

    Notes are append-only: the author is always the user who writes the note, every change
    keeps the earlier text in a revision, only managers delete, and each deletion is written
    in the access log and the case's chatter."""

    _name = "ctxh.case.note"
    _inherit = ["ctxh.access.logged.form", "ctxh.input.check"]
    _description = "Case Note"
    _order = "date desc, id desc"
    _rec_name = "subject"
    _check_company_auto = True

    # the company is the case's: no check_company on case_id, whose domain would then look for
    # cases without a company until a case is chosen (the form opened from the menu found none)
    case_id = fields.Many2one("ctxh.case", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="case_id.company_id", store=True, index=True)
    note_type = fields.Selection(
        NOTE_TYPES,
        string="Type",
        default="contact",
        required=True,
    )
    date = fields.Date(required=True, default=fields.Date.context_today)
    author_id = fields.Many2one(
        "res.users", required=True, default=lambda self: self.env.user, readonly=True, index=True
    )
    subject = fields.Char(required=True)
    body = fields.Text(string="Note")
    is_confidential = fields.Boolean(string="Confidential", index=True)
    revision_ids = fields.One2many("ctxh.case.note.revision", "note_id", string="Earlier Versions")
    revision_count = fields.Integer(compute="_compute_revision_count")

    @api.depends("subject", "date")
    def _compute_display_name(self):
        for note in self:
            note.display_name = note.subject or ""

    @api.depends("revision_ids")
    def _compute_revision_count(self):
        for note in self:
            note.revision_count = len(note.revision_ids)

    @api.constrains("date")
    def _check_date(self):
        today = fields.Date.context_today(self)
        for note in self:
            if note.date > today:
                raise ValidationError(
                    _("A case note cannot be dated in the future (%s).", format_date(self.env, note.date))
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            # The author is the user who writes the note. Only data loaded by the superuser
            # (demo data, imports by the system) may name another author.
            if not self.env.su:
                if vals.get("author_id") and vals["author_id"] != self.env.uid:
                    raise AccessError(_("A case note is always written in your own name."))
                vals["author_id"] = self.env.uid
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            if "author_id" in vals and any(note.author_id.id != vals["author_id"] for note in self):
                raise AccessError(_("The author of a case note cannot be changed."))
            if not self.env.user.has_group("ctxh_case.group_ctxh_manager") and self.filtered(
                lambda n: n.author_id != self.env.user
            ):
                raise UserError(_("Only the author of a case note can change it."))
        if set(vals) & set(REVISED_FIELDS):
            self._ctxh_keep_revision()
        return super().write(vals)

    def _ctxh_keep_revision(self):
        # sudo: revisions are created by the system only (users have no right to create or
        # change them), so the history of a note cannot be forged
        self.env["ctxh.case.note.revision"].sudo().create(
            [
                {
                    "note_id": note.id,
                    "user_id": self.env.uid,
                    **{fname: note[fname] for fname in REVISED_FIELDS},
                }
                for note in self
            ]
        )

    @api.ondelete(at_uninstall=False)
    def _unlink_log_deletion(self):
        if not self.env.su and not self.env.user.has_group("ctxh_case.group_ctxh_manager"):
            raise AccessError(_("Only a manager of social work can delete a case note."))
        self.env["ctxh.access.log"]._ctxh_log(
            [{"access_type": "deletion", "records": note, "details": note.case_id.name} for note in self]
        )
        for note in self.sudo():
            # the chatter says that a note was deleted, never what it said
            note.case_id.message_post(
                body=_(
                    "A case note of %(date)s by %(author)s was deleted by %(user)s.",
                    date=format_date(self.env, note.date),
                    author=note.author_id.name,
                    user=self.env.user.name,
                ),
                subtype_xmlid="mail.mt_note",
            )

    # ------------------------------------------------------------ access log
    def _ctxh_log_read(self, fnames):
        """A confidential note opened in its form, or its text read in any other way."""
        if FORM_READ.get() != (self._name, tuple(self.ids)) and "body" not in fnames:
            return
        confidential = self.sudo().filtered("is_confidential")
        if confidential:
            self.env["ctxh.access.log"]._ctxh_log(
                [{"access_type": "note", "records": confidential.with_env(self.env)}]
            )
