from odoo import _, api, fields, models
from odoo.exceptions import UserError


class CtxhCaseNote(models.Model):
    """A typed case note. A confidential note is readable only by its author, the case's
    supervisor and managers (record rules in security/ctxh_case_security.xml)."""

    _name = "ctxh.case.note"
    _description = "Case Note"
    _order = "date desc, id desc"
    _rec_name = "subject"
    _check_company_auto = True

    case_id = fields.Many2one("ctxh.case", required=True, ondelete="cascade", index=True, check_company=True)
    company_id = fields.Many2one(related="case_id.company_id", store=True, index=True)
    note_type = fields.Selection(
        [
            ("contact", "Contact"),
            ("home_visit", "Home visit"),
            ("phone", "Phone call"),
            ("counselling", "Counselling session"),
            ("supervision", "Supervision"),
            ("case_conference", "Case conference"),
            ("other", "Other"),
        ],
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

    @api.depends("subject", "date")
    def _compute_display_name(self):
        for note in self:
            note.display_name = note.subject or ""

    def write(self, vals):
        if not self.env.user.has_group("ctxh_case.group_ctxh_manager") and self.filtered(
            lambda n: n.author_id != self.env.user
        ):
            raise UserError(_("Only the author of a case note can change it."))
        return super().write(vals)
