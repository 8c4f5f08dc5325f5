"""Numbers as a Vietnamese reader writes them: a year is 2026, never "2.026".

Odoo groups the digits of every integer field (vi_VN: "." as thousands separator) unless the
view says ``options="{'enable_formatting': false}"`` (Odoo 18's option of the integer widget).
This checks every form, list and kanban view of the ctxh addons, their one2many lists included.
"""

from lxml import etree

from odoo.tests.common import TransactionCase
from odoo.tools.safe_eval import safe_eval

MODULES = ("ctxh_case", "ctxh_volunteer", "ctxh_donation", "ctxh_reporting")


def _year_fields_formatted(env, model, node, path, found):
    """Collect the integer fields named like a year shown with digit grouping under ``node``."""
    for child in node:
        if not isinstance(child.tag, str):
            continue
        if child.tag == "field":
            field = env[model]._fields.get(child.get("name"))
            if field is None:
                continue
            if (
                field.type == "integer"
                and "year" in field.name
                and child.get("invisible") not in ("1", "True")
            ):
                options = safe_eval(child.get("options") or "{}", {"false": False, "true": True})
                if options.get("enable_formatting", True):
                    found.append(f"{path}: {model}.{field.name}")
            if field.relational and len(child):
                _year_fields_formatted(env, field.comodel_name, child, f"{path} > {field.name}", found)
            continue
        _year_fields_formatted(env, model, child, path, found)


class TestFormats(TransactionCase):
    # Outside odoo.addons the test metaclass assigns no tags: give them here.
    test_tags = {"standard", "at_install"}
    test_module = "ctxh_tests"

    def test_years_are_not_grouped(self):
        views = self.env["ir.ui.view"].search(
            [("type", "in", ("form", "list", "kanban")), ("model", "!=", False)]
        )
        xmlids = views._get_external_ids()
        ours = views.filtered(lambda v: any(x.split(".")[0] in MODULES for x in xmlids.get(v.id, [])))
        self.assertTrue(ours)
        checked, found = set(), []
        for view in ours:
            root = view
            while root.inherit_id and root.mode != "primary":
                root = root.inherit_id
            if (root.model, root.id) in checked or root.model not in self.env:
                continue
            checked.add((root.model, root.id))
            arch = self.env[root.model].get_view(root.id, root.type)["arch"]
            _year_fields_formatted(
                self.env, root.model, etree.fromstring(arch), root.xml_id or root.name, found
            )
        self.assertFalse(
            found, "years shown as 2.026: add options=\"{'enable_formatting': false}\"\n" + "\n".join(found)
        )
        # the check sees the year fields it is about
        names = {view.model for view in ours}
        self.assertTrue({"ctxh.case", "hr.employee", "ctxh.report.wizard"} <= names)
