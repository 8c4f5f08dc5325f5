"""Every translatable term of every ctxh addon has a Vietnamese translation in its i18n/vi.po,
and the translations follow the glossary (docs/GLOSSARY.md): one Vietnamese term per concept,
no known wrong rendering.

The terms come from Odoo's own exporter (the one behind "Export Translation"), so this checks
exactly what a Vietnamese user would see untranslated.
"""

import os
import re
import unicodedata
from pathlib import Path

import polib

from odoo.tests.common import TransactionCase
from odoo.tools.translate import TranslationModuleReader

ADDONS = Path(__file__).resolve().parent.parent / "addons"
GLOSSARY = ADDONS.parent / "docs" / "GLOSSARY.md"
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


def _glossary_tables(path=GLOSSARY):
    """The tables of the glossary: {section title: [row dict by column header]}."""
    tables, section, header = {}, None, None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            section, header = line[3:].strip(), None
            continue
        if not line.startswith("|") or section is None:
            continue
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if header is None:
            header = cells
        elif not all(set(cell) <= {"-", " ", ":"} for cell in cells):
            tables.setdefault(section, []).append(dict(zip(header, cells, strict=True)))
    return tables


def _english(term):
    """A regular expression matching ``term`` as a word of a msgid, plural included."""
    if term.startswith("="):
        return re.compile(rf"^{re.escape(term[1:])}$", re.IGNORECASE)
    words = r"[\s-]+".join(re.escape(word) for word in re.split(r"[\s-]+", term))
    return re.compile(rf"(?<![\w-]){words}(?:s|es)?(?![\w-])", re.IGNORECASE)


def _vietnamese(forms):
    """A regular expression matching one of the ``/``-separated words in a msgstr."""
    if forms.startswith("="):
        return re.compile(rf"^{re.escape(forms[1:])}$", re.IGNORECASE)
    alternatives = "|".join(re.escape(form.strip()) for form in forms.split(" / "))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


# What a msgid holds that is no English word: placeholders, QWeb/Jinja expressions, tags. A fund
# named in a message ("fund %s") is its name, which already begins with "Quỹ": its translation
# names it without the word (glossary, "fund").
_NOT_WORDS = re.compile(
    r"(?i:\bfunds?\s+)?(?:%\(\w+\)[sdf]|%[sdf])|\{\{.*?\}\}|t-[\w-]+=\"[^\"]*\"|<[^>]*>", re.DOTALL
)


def glossary_violations(modules, entries_of=None, tables=None):
    """Translations of ``modules`` that break the glossary, one line each.

    ``entries_of(module)`` returns the translated (msgid, msgstr) pairs of a module (by default
    its i18n/vi.po); ``tables`` the glossary's tables (by default docs/GLOSSARY.md).
    """
    tables = tables or _glossary_tables()
    if entries_of is None:

        def entries_of(module):
            return [
                (entry.msgid, entry.msgstr)
                for entry in polib.pofile(str(ADDONS / module / "i18n" / "vi.po"))
                if entry.msgstr and not entry.obsolete
            ]

    exceptions = {(row["Term"], row["msgid"]) for row in tables.get("Exceptions", [])}
    terms = [
        (
            row["English"],
            _english(row["English"]),
            _vietnamese(row["msgstr contains"]),
            {name.strip() for name in row["Modules"].split(",") if name.strip()},
            row["Vietnamese"],
        )
        for row in tables["Terms"]
    ]
    forbidden = [
        (
            row["English context"],
            None if row["English context"] == "*" else _english(row["English context"]),
            _vietnamese(row["Forbidden in msgstr"]),
            row["Use instead"],
        )
        for row in tables["Forbidden renderings"]
    ]
    report = []
    for module in modules:
        for msgid, msgstr in entries_of(module):
            words = _NOT_WORDS.sub(" ", msgid)
            for english, pattern, wanted, scope, vietnamese in terms:
                if (scope and module not in scope) or (english, msgid) in exceptions:
                    continue
                if pattern.search(words) and not wanted.search(msgstr):
                    report.append(f"{module}: {msgid!r} -> {msgstr!r}: '{english}' is '{vietnamese}'")
            for english, pattern, wrong, instead in forbidden:
                if (english, msgid) in exceptions or (pattern and not pattern.search(msgid.strip())):
                    continue
                if wrong.search(msgstr.strip()):
                    report.append(f"{module}: {msgid!r} -> {msgstr!r}: not '{wrong.pattern}', use {instead}")
    return report


def terms_odoo_drops(env, module):
    """The translations of ``module`` Odoo would not load: Odoo reads i18n/vi.po merged with the
    module's .pot (odoo.tools.translate.PoFileReader), so a term the .pot lacks is dropped, and a
    term takes the occurrences (records, views) the .pot lists. Every term the exporter finds
    must be in the .pot with each of its records; `make i18n` regenerates the .pot."""
    pot = polib.pofile(str(ADDONS / module / "i18n" / f"{module}.pot"))
    listed = {entry.msgid: {occurrence for occurrence, _line in entry.occurrences} for entry in pot}
    dropped = set()
    rows = list(TranslationModuleReader(env.cr, modules=[module]))
    inherited = _inherited_field_terms(env, module, rows)
    for term_module, kind, name, res_id, source, _value, _comments in rows:
        if term_module != module or res_id in inherited:
            continue
        if source not in listed:
            dropped.add(f"{source!r} (not in {module}.pot)")
        elif kind in ("model", "model_terms") and f"{kind}:{name}:{res_id}" not in listed[source]:
            dropped.add(f"{source!r} of {res_id} (an occurrence {module}.pot does not list)")
    po = polib.pofile(str(ADDONS / module / "i18n" / "vi.po"))
    dropped |= {
        f"{entry.msgid!r} (in vi.po, not in {module}.pot)" for entry in po if entry.msgid not in listed
    }
    return sorted(dropped)


# Where the words of the screens and documents are written: views and reports (QWeb), field
# labels and helps, selections, menus, actions, groups, and messages in Python. Records of data
# files (a demo hospital's departments, accounts, products) are the hospital's own words.
_UI_TERMS = re.compile(
    r"^(ir\.ui\.view|ir\.model\.fields|ir\.model\.fields\.selection|ir\.ui\.menu|ir\.actions\.[\w.]+|res\.groups),"
)
# Vietnamese that an English source may hold: an example ("e.g. Nguyễn Thị Lan"), a gloss in
# parentheses ("Full-time (chuyên trách)"), a quotation, a currency or typographic sign.
_QUOTED = re.compile(r"\([^()]*\)|e\.g\.[^\n]*|“[^”]*”|\"[^\"]*\"|«[^»]*»|'[^']*'")


def vietnamese_sources(env, module):
    """Terms of ``module`` whose source (the text translators start from) is written in
    Vietnamese rather than English: a reader of another language would see them untranslated,
    and the translation check could not hold them to the glossary."""
    found = set()
    for term_module, kind, name, _res_id, source, _value, _comments in TranslationModuleReader(
        env.cr, modules=[module]
    ):
        if term_module != module or not (kind == "code" or _UI_TERMS.match(name)):
            continue
        rest = _QUOTED.sub(" ", source)
        if any(ord(char) > 127 and unicodedata.category(char).startswith("L") for char in rest):
            found.add(f"{name}: {source[:80]!r}")
    return sorted(found)


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

    def assertNoTermPerModule(self, terms_of, what):
        """Fail listing, per module, the terms ``terms_of(env, module)`` returns."""
        report = []
        for module in MODULES:
            terms = terms_of(self.env, module)
            if terms:
                report.append(
                    f"{module}: {len(terms)} {what}:\n" + "\n".join(f"    {term}" for term in terms)
                )
        self.assertFalse(report, "\n" + "\n".join(report))

    def test_every_term_has_a_vietnamese_translation(self):
        self.assertNoTermPerModule(
            lambda env, module: [repr(term) for term in missing_translations(env, module)],
            "term(s) without Vietnamese translation in i18n/vi.po",
        )

    def test_sources_are_english(self):
        """Screens and documents are written in English and translated (the receipt, the
        disclosure and the certificate were written in Vietnamese: a hospital working in English
        printed them in Vietnamese, and their words escaped the glossary)."""
        self.assertNoTermPerModule(vietnamese_sources, "term(s) written in Vietnamese in the source")

    def test_translations_reach_odoo(self):
        self.assertNoTermPerModule(terms_odoo_drops, "translation(s) Odoo would not load (run make i18n)")

    def test_translations_follow_the_glossary(self):
        report = glossary_violations(MODULES)
        self.assertFalse(report, "\n" + "\n".join(report))

    def test_glossary_check_catches_wrong_words(self):
        """The check itself: the wrong words of issue #12 are refused, the right ones pass."""
        wrong = {
            "ctxh_donation": [
                ("Available", "Có hàng"),
                ("Channel", "Nhóm trao đổi"),
                ("Press", "Nhấn"),
                ("Anonymous donor", "Nhà hảo tâm"),
                ("Distribution", "Phân bổ"),
                ("Campaigns", "Chương trình vận động"),
            ],
            "ctxh_case": [
                ("Parent", "Chính"),
                ("Medium", "Phương tiện"),
                ("Closed", "Đã chốt"),
                ("My Team", "Đội của tôi"),
                ("Cases", "Hồ sơ ca"),
                ("Care Plans", "Kế hoạch hỗ trợ"),
                ("Caregiving", "Người chăm sóc"),
                ("Poverty Status", "Diện chính sách"),
                ("Case conference", "Họp hội đồng ca"),
            ],
            "ctxh_volunteer": [("Post", "Vào sổ")],
        }
        right = {
            "ctxh_donation": [
                ("Available", "Khả dụng"),
                ("Anonymous donor", "Nhà hảo tâm ẩn danh"),
                ("Campaigns", "Đợt vận động"),
            ],
            "ctxh_case": [("Parent", "Cha/mẹ"), ("Medium", "Trung bình"), ("My Team", "Tổ của tôi")],
            "ctxh_volunteer": [("Post", "Vị trí trực")],
        }
        report = glossary_violations(wrong, entries_of=wrong.get)
        for module, entries in wrong.items():
            for msgid, msgstr in entries:
                self.assertTrue(
                    any(line.startswith(f"{module}: {msgid!r} -> {msgstr!r}") for line in report),
                    f"{msgid} -> {msgstr} not caught",
                )
        self.assertEqual(glossary_violations(right, entries_of=right.get), [])

    def test_pot_templates_exist(self):
        for module in MODULES:
            self.assertTrue((ADDONS / module / "i18n" / f"{module}.pot").exists(), module)
