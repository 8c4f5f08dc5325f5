import base64
import io
import json
from datetime import date, datetime

import openpyxl

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import new_test_user, tagged

from ..builders import build_figures
from ..builders import dataset as ds
from .common import Q1, CtxhReportingCommon
from .test_xlsx import render_xlsx, to_pdf


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
        self.assertEqual(data["schema_version"], 2)
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

        # The consolidated workbook, read back cell by cell.
        content = render_xlsx(self.env, "ctxh_reporting.ctxh_consolidation_xlsx", self.province.ids)
        sheet = openpyxl.load_workbook(io.BytesIO(content)).active
        self.check_consolidated_sheet(sheet, datasets)
        self.assertEqual(int(sheet.page_setup.paperSize), 9)
        self.assertTrue(sheet.sheet_properties.pageSetUpPr.fitToPage)
        self.assertEqual(sheet.print_title_rows, "$5:$6")
        self.assertTrue(to_pdf(content).startswith(b"%PDF"))

    def check_consolidated_sheet(self, sheet, datasets):
        """The template's sections, headings and numbering as rows, the total and one column per
        unit; a figure a unit's dataset does not have is a blank cell."""
        self.assertEqual(sheet.cell(1, 1).value, self.template.title)
        self.assertIn("01/01/2026", sheet.cell(2, 1).value)
        self.assertIn(str(len(datasets)), sheet.cell(3, 1).value)
        self.assertIn(sheet.cell(5, 4).value, ("Total", "Tổng cộng"))
        columns = {sheet.cell(6, col).value: col for col in range(5, 5 + len(datasets))}
        self.assertEqual(set(columns), {d["hospital"]["code"] for d in datasets})
        for dataset in datasets:
            self.assertEqual(
                sheet.cell(5, columns[dataset["hospital"]["code"]]).value, dataset["hospital"]["name"]
            )
        lines = self.template.line_ids.sorted(lambda line: (line.sequence, line.id))
        sections = 0
        for row, line in enumerate(lines, start=7):
            self.assertEqual(sheet.cell(row, 1).value or False, line.number or False, line.label)
            self.assertEqual(sheet.cell(row, 2).value, line.label)
            if line.display_type == "section":
                sections += 1
                self.assertIsNone(sheet.cell(row, 4).value, line.label)
                continue
            self.assertEqual(sheet.cell(row, 3).value or False, line.unit or False)
            reported = [d["figures"][line.figure_code] for d in datasets if line.figure_code in d["figures"]]
            self.assertEqual(sheet.cell(row, 4).value, sum(reported) if reported else None, line.figure_code)
            for dataset in datasets:
                cell = sheet.cell(row, columns[dataset["hospital"]["code"]]).value
                self.assertEqual(cell, dataset["figures"].get(line.figure_code), line.figure_code)
        self.assertGreaterEqual(sections, 8)
        # Numbers repeat from one section to the next: the headings between them tell them apart.
        numbers = [sheet.cell(row, 1).value for row in range(7, 7 + len(lines))]
        self.assertGreater(numbers.count("1"), 1)
        self.assertEqual(numbers[0], "I")

    def test_import_previous_schema_version(self):
        """A dataset of schema version 1 (before awards, movements and collaborators' trainings)
        still imports; the figures it does not have are blank, not zero."""
        v1_codes = {
            code
            for code in self.own_dataset["figures"]
            if not code.startswith(
                ("awards", "staff_joined", "staff_left", "volunteers_joined", "volunteers_left")
            )
            and code
            not in (
                "training_attendances_collaborators",
                "training_hours_collaborators",
                "training_collaborators",
                "training_attendances_total",
                "training_hours_total",
                "training_sessions_total",
            )
        }
        v1 = dict(
            self.others[0],
            schema_version=1,
            figures={code: value for code, value in self.others[0]["figures"].items() if code in v1_codes},
        )
        lines = self.province.import_datasets(self.files(self.own_dataset, v1))
        self.assertEqual(sorted(lines.mapped("schema_version")), [1, 2])
        totals = self.province._get_totals()
        self.assertEqual(totals["awards_individuals"], self.own_dataset["figures"]["awards_individuals"])
        self.assertEqual(
            totals["cases_opened"],
            self.own_dataset["figures"]["cases_opened"] + v1["figures"]["cases_opened"],
        )
        content = render_xlsx(self.env, "ctxh_reporting.ctxh_consolidation_xlsx", self.province.ids)
        sheet = openpyxl.load_workbook(io.BytesIO(content)).active
        self.check_consolidated_sheet(sheet, [self.own_dataset, v1])

    def test_import_by_manager_without_email(self):
        manager = new_test_user(
            self.env,
            login="h13_cons_noemail",
            groups="ctxh_case.group_ctxh_manager",
            company_id=self.hospital.id,
            company_ids=[Command.set((self.hospital | self.env.company).ids)],
        )
        manager.partner_id.email = False
        self.assertFalse(manager.email)
        province = self.province.with_user(manager)
        lines = province.import_datasets(self.files(*self.others))
        self.assertEqual(len(lines), 2)
        note = self.province.message_ids.filtered(lambda m: "BV-NB-02" in str(m.body))
        self.assertEqual(note.author_id, manager.partner_id)

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
        wrong_version = dict(self.others[1], schema_version=3)
        with self.assertRaisesRegex(UserError, "BV-TB-03.json.* 3"):
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
