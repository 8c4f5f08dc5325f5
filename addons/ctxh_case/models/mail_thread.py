from odoo import models


class MailThread(models.AbstractModel):
    _inherit = "mail.thread"

    def _creation_message(self):
        """Odoo's "<document> created" in one language.

        Without a language in the context (data files, scheduled actions), Odoo's ``_()`` falls
        back on the user's language while the document's name (the translated name of its
        ir.model) is read in English: the chatter then said "Social Work Case được tạo". Both
        come in the user's language ("Hồ sơ công tác xã hội được tạo").
        """
        if not self.env.lang and self.env.user.lang:
            return super(MailThread, self.with_context(lang=self.env.user.lang))._creation_message()
        return super()._creation_message()
