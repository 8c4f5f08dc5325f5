"""Every translatable term of every ctxh addon has a Vietnamese translation in its i18n/vi.po.

The terms come from Odoo's own exporter (the one behind "Export Translation"), so this checks
exactly what a Vietnamese user would see untranslated.
"""

import os
from pathlib import Path

import polib

from odoo.tests.common import TransactionCase
from odoo.tools.translate import TranslationModuleReader

ADDONS = Path(__file__).resolve().parent.parent / "addons"
ALL_MODULES = sorted(p.parent.name for p in ADDONS.glob("ctxh_*/__manifest__.py"))
# `make test` installs CTXH_MODULES (all four unless a developer narrows it down).
MODULES = sorted(os.environ.get("CTXH_MODULES", ",".join(ALL_MODULES)).split(","))


def missing_translations(cr, module):
    """Return the exported terms of ``module`` that ``i18n/vi.po`` does not translate."""
    po_path = ADDONS / module / "i18n" / "vi.po"
    if not po_path.exists():
        return [f"<no file {po_path.relative_to(ADDONS.parent)}>"]
    translated = {
        (entry.msgctxt, entry.msgid)
        for entry in polib.pofile(str(po_path))
        if entry.msgstr.strip() and not entry.obsolete and "fuzzy" not in entry.flags
    }
    plain = {msgid for _ctx, msgid in translated}
    missing = set()
    for term_module, _type, _name, _res_id, source, _value, _comments in TranslationModuleReader(
        cr, modules=[module]
    ):
        if term_module == module and source not in plain:
            missing.add(source)
    return sorted(missing)


class TestTranslations(TransactionCase):
    # Outside odoo.addons the test metaclass assigns no tags: give them here.
    test_tags = {"standard", "at_install"}
    test_module = "ctxh_tests"

    def test_modules_found(self):
        self.assertEqual(ALL_MODULES, ["ctxh_case", "ctxh_donation", "ctxh_reporting", "ctxh_volunteer"])
        installed = self.env["ir.module.module"].search(
            [("name", "in", MODULES), ("state", "=", "installed")]
        )
        self.assertEqual(sorted(installed.mapped("name")), MODULES)

    def test_every_term_has_a_vietnamese_translation(self):
        report = []
        for module in MODULES:
            missing = missing_translations(self.env.cr, module)
            if missing:
                report.append(
                    f"{module}: {len(missing)} term(s) without Vietnamese translation in i18n/vi.po:\n"
                    + "\n".join(f"    {term!r}" for term in missing)
                )
        self.assertFalse(report, "\n" + "\n".join(report))

    def test_pot_templates_exist(self):
        for module in MODULES:
            self.assertTrue((ADDONS / module / "i18n" / f"{module}.pot").exists(), module)
