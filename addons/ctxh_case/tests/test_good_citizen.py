"""ctxh in a hospital's Odoo: other modules' tables, fields and messages keep working."""

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged
from odoo.tests.common import TransactionCase
from odoo.tools import SQL

from .common import CtxhCaseCommon


@tagged("post_install", "-at_install")
class TestSharedTables(TransactionCase):
    def test_no_not_null_column_without_default(self):
        """Every column a ctxh addon adds to another module's table (hr_employee, res_company,
        res_partner, res_users, account_*, ...) is nullable or has a database default."""
        self.env.cr.execute(
            """
            SELECT table_name, column_name FROM information_schema.columns
             WHERE table_schema = current_schema() AND column_name LIKE 'ctxh\\_%%'
               AND table_name NOT LIKE 'ctxh\\_%%' AND is_nullable = 'NO' AND column_default IS NULL
            """
        )
        self.assertEqual(self.env.cr.fetchall(), [])
        self.env.cr.execute(
            "SELECT count(*) FROM information_schema.columns WHERE table_schema = current_schema()"
            " AND table_name IN ('hr_employee', 'res_company') AND column_name LIKE 'ctxh\\_%%'"
        )
        self.assertGreater(self.env.cr.fetchone()[0], 5, "the check above looked at ctxh columns")

    def _insert_copy(self, table, row_id, changes):
        """Insert a copy of a row naming only the columns other modules know (no ctxh_* column),
        as a module loaded before ctxh does; return the new row's ctxh columns."""
        self.env.cr.execute(
            SQL(
                "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema()"
                " AND table_name = %s AND column_name != 'id' AND column_name NOT LIKE 'ctxh\\_%%%%'"
                " AND is_generated = 'NEVER'",
                table,
            )
        )
        columns = [name for (name,) in self.env.cr.fetchall()]
        selected = [SQL("%s", changes[name]) if name in changes else SQL.identifier(name) for name in columns]
        self.env.cr.execute(
            SQL(
                "INSERT INTO %s (%s) SELECT %s FROM %s WHERE id = %s RETURNING *",
                SQL.identifier(table),
                SQL(", ").join(SQL.identifier(name) for name in columns),
                SQL(", ").join(selected),
                SQL.identifier(table),
                row_id,
            )
        )
        row = self.env.cr.dictfetchone()
        return {name: value for name, value in row.items() if name.startswith("ctxh_")}

    def test_insert_without_ctxh_columns(self):
        employee = self.env["hr.employee"].create({"name": "Nhân viên Mẫu"})
        employee.flush_recordset()
        values = self._insert_copy("hr_employee", employee.id, {"name": "Nhân viên Chép"})
        self.assertEqual(values["ctxh_role"], "none")
        self.assertEqual(values["ctxh_qualification"], "none")
        company = self.env["res.company"].create({"name": "Công ty Mẫu"})
        company.flush_recordset()
        values = self._insert_copy("res_company", company.id, {"name": "Công ty Chép"})
        if "ctxh_availability_policy" in values:  # ctxh_volunteer installed
            self.assertEqual(values["ctxh_availability_policy"], "block")


@tagged("post_install", "-at_install")
class TestFieldGroups(CtxhCaseCommon):
    def test_ctxh_fields_of_employees_and_partners_have_groups(self):
        for model in ("hr.employee", "res.partner", "res.users"):
            missing = [
                name
                for name, field in self.env[model]._fields.items()
                if name.startswith("ctxh_") and not field.groups and not field.inherited
            ]
            self.assertEqual(missing, [], model)

    def test_internal_user_reads_all_employee_fields(self):
        """As Odoo's TestSelfAccessProfile.test_employee_fields_groups: an internal user reads every
        employee field he may (the public profile); the social work profile is not among them."""
        user = new_test_user(self.env, login="h13_internal", groups="base.group_user", email="i@example.com")
        employee = self.env["hr.employee"].create(
            {"name": "Cán bộ CTXH", "ctxh_role": "full_time", "ctxh_certificate_number": "CC-9"}
        )
        records = self.env["hr.employee"].with_user(user).search([("id", "=", employee.id)])
        values = records.read([])[0]
        self.assertFalse([name for name in values if name.startswith("ctxh_")])
        with self.assertRaises(AccessError):
            records.read(["ctxh_certificate_number"])
        # Social work officers read it.
        self.assertEqual(employee.with_user(self.officer).ctxh_certificate_number, "CC-9")

    def test_patient_identifiers_hidden_from_other_users(self):
        user = new_test_user(self.env, login="h13_contacts", groups="base.group_user", email="c@example.com")
        self.patient.ctxh_national_id = "040123456789"
        with self.assertRaises(AccessError):
            self.patient.with_user(user).read(["ctxh_national_id"])
        self.assertNotIn("ctxh_national_id", self.env["res.partner"].with_user(user).fields_get())
        self.assertEqual(self.patient.with_user(self.officer).ctxh_national_id, "040123456789")

    def test_contact_duplicated_by_other_users(self):
        """Duplicating a contact reads every copied field: other users (here a contact manager, as
        Odoo's account tests do with an accountant) must not hit the social work fields."""
        user = new_test_user(
            self.env, login="h13_contact_manager", groups="base.group_user,base.group_partner_manager"
        )
        agency = self.env["res.partner"].create(
            {"name": "Công an phường", "ctxh_agency_kind_id": self.env.ref("ctxh_case.agency_kind_police").id}
        )
        copy = agency.with_user(user).copy()
        self.assertTrue(copy.name.startswith("Công an phường"))
        self.assertFalse(copy.ctxh_agency_kind_id)
        # a patient's contact is not theirs to read (docs/SECURITY.md), the identifiers of another
        # contact are not copied
        with self.assertRaises(AccessError):
            self.patient.with_user(user).copy()
        donor = self.env["res.partner"].create({"name": "Nhà hảo tâm", "ctxh_national_id": "040123456780"})
        self.assertFalse(donor.with_user(user).copy().ctxh_national_id)
        # Every social work field of a contact or an employee read only by some groups is not copied
        # (an employee is duplicated by HR officers only, who may read the social work profile).
        copied = [
            name
            for name, field in self.env["res.partner"]._fields.items()
            if name.startswith("ctxh_") and field.groups and field.copy
        ]
        self.assertEqual(copied, [])


@tagged("post_install", "-at_install")
class TestMessagesWithoutEmail(CtxhCaseCommon):
    def test_reopen_by_user_without_email(self):
        manager = new_test_user(self.env, login="h13_noemail_manager", groups="ctxh_case.group_ctxh_manager")
        manager.partner_id.email = False
        self.assertFalse(manager.email)
        case = self.case.with_user(manager)
        case.action_close(self.env.ref("ctxh_case.closure_reason_goals_met"), "Xong")
        case.action_reopen(reason="Tái nhập viện")
        message = self.case.message_ids.filtered(lambda m: "Tái nhập viện" in str(m.body))
        self.assertEqual(message.author_id, manager.partner_id)
