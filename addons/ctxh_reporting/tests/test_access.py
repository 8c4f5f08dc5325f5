from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import Q1, CtxhReportingCommon


@tagged("post_install", "-at_install")
class TestAccess(CtxhReportingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.province = cls.env["ctxh.consolidation"].create(
            {"name": "Tổng hợp", "company_id": cls.hospital.id, "date_from": Q1[0], "date_to": Q1[1]}
        )

    def test_officer_sees_no_report_models(self):
        for model in ("ctxh.report.template", "ctxh.consolidation", "ctxh.consolidation.value"):
            Model = self.env[model].with_user(self.officer)
            with self.assertRaises(AccessError):
                Model.search([])
            with self.assertRaises(AccessError):
                Model.read_group([], ["id:count"], [])
            with self.assertRaises(AccessError):
                Model.name_search("a")
        with self.assertRaises(AccessError):
            self.template.with_user(self.officer).read(["name"])
        with self.assertRaises(AccessError):
            self.env["ctxh.report.wizard"].with_user(self.officer).create({"period_kind": "year"})

    def test_supervisor_reads_but_does_not_change(self):
        template = self.template.with_user(self.supervisor)
        self.assertTrue(template.read(["name"]))
        with self.assertRaises(AccessError):
            template.write({"name": "Đổi"})
        with self.assertRaises(AccessError):
            template.unlink()
        province = self.province.with_user(self.supervisor)
        self.assertTrue(province.read(["name"]))
        with self.assertRaises(AccessError):
            province.write({"name": "Đổi"})
        with self.assertRaises(AccessError):
            province.unlink()
        with self.assertRaises(AccessError):
            self.env["ctxh.consolidation.import"].with_user(self.supervisor).create(
                {"consolidation_id": self.province.id}
            )

    def test_manager_manages(self):
        template = self.template.with_user(self.manager)
        template.write({"authority": "Kính gửi: Sở Y tế tỉnh Thử"})
        province = self.province.with_user(self.manager)
        province.write({"name": "Tổng hợp quý I"})
        province.unlink()

    def test_other_company_consolidation_hidden(self):
        other = self.env["ctxh.consolidation"].create(
            {"name": "Khác", "company_id": self.other_hospital.id, "date_from": Q1[0], "date_to": Q1[1]}
        )
        found = (
            self.env["ctxh.consolidation"]
            .with_user(self.manager)
            .search([("id", "in", (other | self.province).ids)])
        )
        self.assertEqual(found, self.province)
