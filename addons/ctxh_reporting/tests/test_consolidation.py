import base64
import io
import json
from datetime import date, datetime

import openpyxl

from odoo.exceptions import UserError
from odoo.tests import tagged

from ..builders import build_figures
from ..builders import dataset as ds
from .common import Q1, CtxhReportingCommon
from .test_xlsx import assert_prints_on_a4, render_xlsx, to_pdf


@tagged("post_install", "-at_install")
class TestConsolidation(CtxhReportingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.province = cls.env["ctxh.consolidation"].create(
            {"name": "Tổng hợp quý I/2026", "period_kind": "quarter", "date_from": Q1[0], "date_to": Q1[1]}
        )
        # Our hospital exports its dataset through the wizard.
        wizard = cls.env["ctxh.report.wizard"].create(
            {"company_id": cls.hospital.id, "period_kind": "quarter", "year": 2026, "period_number": 1}
        )
        cls.own_dataset = wizard._get_dataset()
        codes = list(cls.own_dataset["figures"])
        cls.others = [
            ds.make_dataset(
                "BV-NB-02",
                "Bệnh viện Sản Nhi Ninh Bình",
                "quarter",
                *Q1,
                {code: (i % 7) + 1 for i, code in enumerate(codes)},
                generated_at=datetime(2026, 4, 3, 9, 0),
            ),
            ds.make_dataset(
                "BV-TB-03", "Bệnh viện Phổi Thái Bình", "quarter", *Q1, {"cases_opened": 9, "org_teams": 2}
            ),
        ]

    def files(self, *datasets):
        return [(f"{d['hospital']['code']}.json", ds.dump_dataset(d)) for d in datasets]

    def test_dataset_format(self):
        data = json.loads(ds.dump_dataset(self.own_dataset))
        self.assertEqual(data["schema"], "ctxh.period_dataset")
        self.assertEqual(data["schema_version"], 1)
        self.assertEqual(data["hospital"], {"code": "BV-THU-01", "name": self.hospital.name})
        self.assertEqual(
            data["period"], {"kind": "quarter", "date_from": "2026-01-01", "date_to": "2026-03-31"}
        )
        self.assertEqual(data["template"], {"code": "SYT-CTXH", "version": 1})
        self.assertEqual(data["figures"], build_figures(self.env, self.hospital, *Q1))

    def test_export_needs_hospital_code(self):
        wizard = self.env["ctxh.report.wizard"].create(
            {"company_id": self.other_hospital.id, "period_kind": "year"}
        )
        with self.assertRaises(UserError):
            wizard.action_export_dataset()

    def test_export_action(self):
        wizard = self.env["ctxh.report.wizard"].create(
            {"company_id": self.hospital.id, "period_kind": "quarter", "year": 2026, "period_number": 1}
        )
        action = wizard.action_export_dataset()
        attachment = self.env["ir.attachment"].browse(int(action["url"].split("/")[3].split("?")[0]))
        self.assertEqual(json.loads(attachment.raw)["hospital"]["code"], "BV-THU-01")

    def test_three_hospitals_totals(self):
        lines = self.province.import_datasets(self.files(self.own_dataset, *self.others))
        self.assertEqual(len(lines), 3)
        self.assertEqual(self.province.unit_count, 3)
        totals = self.province._get_totals()
        datasets = [self.own_dataset, *self.others]
        all_codes = {code for d in datasets for code in d["figures"]}
        for code in all_codes:
            self.assertEqual(totals[code], sum(d["figures"].get(code, 0) for d in datasets), code)
        self.assertEqual(totals["cases_opened"], 5 + self.others[0]["figures"]["cases_opened"] + 9)
        units = dict((line.hospital_code, values) for line, values in self.province._get_unit_figures())
        self.assertEqual(units["BV-TB-03"], {"cases_opened": 9, "org_teams": 2})

        # The consolidated workbook: one row per unit, then totals, read back.
        content = render_xlsx(self.env, "ctxh_reporting.ctxh_consolidation_xlsx", self.province.ids)
        sheet = openpyxl.load_workbook(io.BytesIO(content)).active
        figure_lines = self.template._figure_lines()
        header = [sheet.cell(4, 4 + i).value for i in range(len(figure_lines))]
        self.assertEqual(header[0], f"{figure_lines[0].number} {figure_lines[0].label}")
        rows = {sheet.cell(r, 2).value: r for r in range(5, 8)}
        self.assertEqual(set(rows), {"BV-THU-01", "BV-NB-02", "BV-TB-03"})
        self.assertIn(sheet.cell(8, 3).value, ("Total", "Tổng cộng"))
        for offset, line in enumerate(figure_lines):
            for dataset in datasets:
                row = rows[dataset["hospital"]["code"]]
                self.assertEqual(
                    sheet.cell(row, 4 + offset).value, dataset["figures"].get(line.figure_code, 0)
                )
            self.assertEqual(sheet.cell(8, 4 + offset).value, totals.get(line.figure_code, 0))
        assert_prints_on_a4(self, sheet, 4, landscape=len(figure_lines) > 4)
        self.assertTrue(to_pdf(content).startswith(b"%PDF"))

    def test_duplicate_unit_refused(self):
        self.province.import_datasets(self.files(self.own_dataset))
        with self.assertRaisesRegex(UserError, "BV-THU-01"):
            self.province.import_datasets(self.files(self.others[1], self.own_dataset))
        # All or nothing: the good file of the refused batch was not imported either.
        self.assertEqual(self.province.line_ids.mapped("hospital_code"), ["BV-THU-01"])
        with self.assertRaisesRegex(UserError, "BV-NB-02"):
            self.province.import_datasets(self.files(self.others[0], self.others[0]))
        self.assertEqual(self.province.unit_count, 1)

    def test_bad_files_refused(self):
        cases = {
            "bad.json": b"{not json",
            "latin1.json": '{"a": "\xe9"}'.encode("latin-1"),
            "list.json": b"[1, 2]",
        }
        for name, content in cases.items():
            with self.assertRaisesRegex(UserError, name):
                self.province.import_datasets([(name, content)])
        wrong_version = dict(self.others[1], schema_version=2)
        with self.assertRaisesRegex(UserError, "BV-TB-03.json.* 2"):
            self.province.import_datasets(self.files(wrong_version))
        wrong_period = ds.make_dataset(
            "BV-X", "X", "quarter", date(2026, 4, 1), date(2026, 6, 30), {"cases_opened": 1}
        )
        # the dates as the user reads them (dd/mm/yyyy in Vietnamese), never ISO
        with self.assertRaisesRegex(
            UserError, r"từ 01/04/2026 đến 30/06/2026, không phải kỳ .*\(01/01/2026 đến 31/03/2026\)"
        ):
            self.province.with_context(lang="vi_VN").import_datasets(self.files(wrong_period))
        no_code = ds.make_dataset("", "X", "quarter", *Q1, {"cases_opened": 1})
        with self.assertRaises(UserError):
            self.province.import_datasets(self.files(no_code))
        text_figure = ds.make_dataset("BV-Y", "Y", "quarter", *Q1, {"cases_opened": "mười"})
        with self.assertRaises(UserError):
            self.province.import_datasets(self.files(text_figure))
        with self.assertRaises(UserError):
            self.province.import_datasets([])
        self.assertFalse(self.province.line_ids)

    def test_import_wizard(self):
        attachments = self.env["ir.attachment"].create(
            [{"name": name, "datas": base64.b64encode(content)} for name, content in self.files(*self.others)]
        )
        wizard = self.env["ctxh.consolidation.import"].create(
            {"consolidation_id": self.province.id, "attachment_ids": [(6, 0, attachments.ids)]}
        )
        wizard.action_import()
        self.assertEqual(self.province.unit_count, 2)
        self.assertFalse(attachments.exists())
        action = self.province.action_view_values()
        self.assertEqual(action["res_model"], "ctxh.consolidation.value")
