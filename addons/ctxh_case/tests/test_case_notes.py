from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import CtxhPrivacyCommon


@tagged("post_install", "-at_install")
class TestCaseNotes(CtxhPrivacyCommon):
    """Case notes are append-only (issue #10, 'Notes can be rewritten')."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Note = cls.env["ctxh.case.note"]
        cls.note = cls.Note.with_user(cls.officer_mate).create(
            {"case_id": cls.case.id, "subject": "Gặp mẹ bệnh nhân", "body": "Mẹ đồng ý ở lại chăm sóc."}
        )

    def test_author_is_the_writer(self):
        self.assertEqual(self.note.author_id, self.officer_mate)
        with self.assertRaises(AccessError):
            self.Note.with_user(self.officer).create(
                {"case_id": self.case.id, "subject": "Giả mạo", "author_id": self.officer_mate.id}
            )
        note = self.Note.with_user(self.officer).create(
            {"case_id": self.case.id, "subject": "Của tôi", "author_id": self.officer.id}
        )
        self.assertEqual(note.author_id, self.officer)
        with self.assertRaises(AccessError):
            note.with_user(self.officer).write({"author_id": self.officer_mate.id})
        self.assertEqual(note.author_id, self.officer)
        # the create_uid is the writer too
        self.assertEqual(note.create_uid, self.officer)

    def test_edits_keep_the_earlier_text(self):
        note = self.note.with_user(self.officer_mate)
        note.write({"body": "Mẹ đồng ý ở lại chăm sóc đến khi ra viện."})
        note.write({"subject": "Gặp mẹ (đã sửa)", "is_confidential": True})
        revisions = note.revision_ids.sorted("id")
        self.assertEqual(len(revisions), 2)
        self.assertEqual(revisions[0].body, "Mẹ đồng ý ở lại chăm sóc.")
        self.assertEqual(revisions[0].user_id, self.officer_mate)
        self.assertEqual(revisions[1].subject, "Gặp mẹ bệnh nhân")
        self.assertFalse(revisions[1].is_confidential)
        # even when the caller asks Odoo to skip tracking
        note.with_context(tracking_disable=True, mail_notrack=True).write({"body": "Lần 3"})
        self.assertEqual(len(note.revision_ids), 3)
        # nobody rewrites or deletes history
        Revision = self.env["ctxh.case.note.revision"]
        with self.assertRaises(AccessError):
            Revision.with_user(self.officer_mate).create(
                {"note_id": note.id, "user_id": self.officer_mate.id}
            )
        with self.assertRaises(UserError):
            revisions[0].with_user(self.officer_mate).write({"body": "Sửa lịch sử"})
        with self.assertRaises(UserError):
            revisions[0].with_user(self.manager).unlink()
        with self.assertRaises(UserError):
            revisions[0].sudo().write({"body": "Sửa lịch sử"})
        self.assertEqual(revisions[0].body, "Mẹ đồng ý ở lại chăm sóc.")

    def test_revisions_of_a_confidential_note_stay_confidential(self):
        secret = self.Note.with_user(self.officer_mate).create(
            {"case_id": self.case.id, "subject": "Bí mật", "body": "v1", "is_confidential": True}
        )
        secret.with_user(self.officer_mate).write({"body": "v2"})
        Revision = self.env["ctxh.case.note.revision"]
        self.assertTrue(Revision.with_user(self.officer_mate).search([("note_id", "=", secret.id)]))
        self.assertFalse(Revision.with_user(self.officer).search([("note_id", "=", secret.id)]))
        self.assertFalse(Revision.with_user(self.officer_other).search([("note_id", "=", self.note.id)]))

    def test_only_managers_delete_and_the_deletion_is_logged(self):
        with self.assertRaises(AccessError):
            self.note.with_user(self.officer_mate).unlink()
        with self.assertRaises(AccessError):
            self.note.with_user(self.supervisor).unlink()
        note_id = self.note.id
        self.note.with_user(self.manager).unlink()
        self.assertFalse(self.Note.browse(note_id).exists())
        log = self.env["ctxh.access.log"].search(
            [("res_model", "=", "ctxh.case.note"), ("res_id", "=", note_id), ("access_type", "=", "deletion")]
        )
        self.assertEqual(log.user_id, self.manager)
        self.assertEqual(log.details, self.case.name)
        chatter = self.case.message_ids.filtered(
            lambda m: "deleted" in (m.body or "") or "xóa" in (m.body or "")
        )
        self.assertTrue(chatter)
        self.assertNotIn("Gặp mẹ", chatter[0].body)
