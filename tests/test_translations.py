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


def _inherited_field_terms(env, module, reader_rows):
    """Labels and helps of fields a model of ``module`` takes from another model through
    ``_inherits`` (e.g. every res.partner field of a model built on a partner). Odoo shows those
    with the original field's translation, so they are no terms of this module."""
    xmlids = {
        res_id
        for _m, _type, name, res_id, _src, _val, _com in reader_rows
        if name.startswith("ir.model.fields,") and isinstance(res_id, str)
    }
    inherited = set()
    for xmlid in xmlids:
        field = env.ref(xmlid, raise_if_not_found=False)
        if field and field._name == "ir.model.fields" and field.model in env:
            model_field = env[field.model]._fields.get(field.name)
            if model_field is not None and model_field.inherited:
                inherited.add(xmlid)
    return inherited


def missing_translations(env, module):
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
    rows = list(TranslationModuleReader(env.cr, modules=[module]))
    inherited = _inherited_field_terms(env, module, rows)
    missing = set()
    for term_module, _type, name, res_id, source, _value, _comments in rows:
        if term_module != module or source in plain:
            continue
        if name.startswith("ir.model.fields,") and res_id in inherited:
            continue
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
            missing = missing_translations(self.env, module)
            if missing:
                report.append(
                    f"{module}: {len(missing)} term(s) without Vietnamese translation in i18n/vi.po:\n"
                    + "\n".join(f"    {term!r}" for term in missing)
                )
        self.assertFalse(report, "\n" + "\n".join(report))

    def test_pot_templates_exist(self):
        for module in MODULES:
            self.assertTrue((ADDONS / module / "i18n" / f"{module}.pot").exists(), module)
