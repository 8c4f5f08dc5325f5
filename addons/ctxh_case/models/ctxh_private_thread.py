from odoo import api, models


class CtxhPrivateThread(models.AbstractModel):
    """Chatter of confidential case data: a message reaches only the partners whose user can
    read the record.

    - followers and direct recipients who cannot read the record are dropped from every
      notification (``_notify_get_recipients``), from the recipients of a posted message
      (``message_post``) and from the suggested recipients;
    - partners who cannot read the record are not added as followers (``_message_subscribe``),
      and ``_ctxh_drop_unauthorised_followers`` removes those who lost access (reassignment).
    """

    _name = "ctxh.private.thread"
    _inherit = ["mail.thread"]
    _description = "Confidential Chatter"

    def _ctxh_partner_readers(self, partner_ids):
        """``{record id: set of the partner ids (among partner_ids) that can read it}``: a
        partner reads a record when one of its active internal users does. One access check
        per user, whatever the number of records."""
        readers = {record_id: set() for record_id in self.ids}
        if not partner_ids or not self.ids:
            return readers
        # sudo: the users behind the partners are read to check their access, nothing is shown
        users = self.env["res.partner"].sudo().browse(partner_ids).user_ids.filtered(lambda u: not u.share)
        for user in users:
            for record in self.with_user(user)._filtered_access("read"):
                readers[record.id].add(user.partner_id.id)
        return readers

    def _ctxh_partners_reading_all(self, partner_ids):
        readers = self._ctxh_partner_readers(partner_ids)
        allowed = set(partner_ids)
        for record_readers in readers.values():
            allowed &= record_readers
        return allowed

    def _notify_get_recipients(self, message, msg_vals, **kwargs):
        recipients = super()._notify_get_recipients(message, msg_vals, **kwargs)
        if not self or not recipients:
            return recipients
        allowed = self._ctxh_partners_reading_all([r["id"] for r in recipients if r.get("id")])
        return [r for r in recipients if r.get("id") in allowed]

    def message_post(self, **kwargs):
        if self and kwargs.get("partner_ids"):
            partner_ids = list(kwargs["partner_ids"])
            allowed = self._ctxh_partners_reading_all(partner_ids)
            kwargs["partner_ids"] = [pid for pid in partner_ids if pid in allowed]
        return super().message_post(**kwargs)

    def _message_get_suggested_recipients(self):
        suggestions = super()._message_get_suggested_recipients()
        allowed = self._ctxh_partners_reading_all(
            [s["partner_id"] for s in suggestions if s.get("partner_id")]
        )
        return [s for s in suggestions if s.get("partner_id") in allowed]

    def _message_subscribe(self, partner_ids=None, subtype_ids=None, customer_ids=None):
        if partner_ids and self:
            allowed = self._ctxh_partners_reading_all(partner_ids)
            partner_ids = [pid for pid in partner_ids if pid in allowed]
            if not partner_ids:
                return True
        return super()._message_subscribe(partner_ids, subtype_ids, customer_ids=customer_ids)

    def _ctxh_drop_unauthorised_followers(self):
        """Remove the followers who can no longer read the record (after a reassignment)."""
        if not self:
            return
        # sudo: the user who reassigns a case may not manage the followers of others; only the
        # followers that lost their access are removed.
        followers = (
            self.env["mail.followers"]
            .sudo()
            .search([("res_model", "=", self._name), ("res_id", "in", self.ids)])
        )
        readers = self._ctxh_partner_readers(followers.partner_id.ids)
        followers.filtered(lambda f: f.partner_id.id not in readers.get(f.res_id, ())).unlink()

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        # the social worker set on a record is subscribed automatically, even when a sensitive
        # case is assigned to someone outside the Sensitive Cases group
        records._ctxh_drop_unauthorised_followers()
        return records
