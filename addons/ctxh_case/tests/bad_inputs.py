"""Table-driven checks of bad inputs, shared by the ctxh addons.

A row is a ``BadInput``: what to try (create, batch create, write, a wizard button, an import
through base_import) with which values, and a fragment of the Vietnamese message the user must
get. ``BadInputMixin.assertBadInputsRefused(rows)`` runs each row in Vietnamese and checks that
it is refused with that message and that nothing was written: no new row of the model, the
written record unchanged.

Another addon adds its own rows and runs them with the same mixin::

    from odoo.addons.ctxh_case.tests.bad_inputs import BadInput, BadInputMixin

    class TestDonationBadInputs(BadInputMixin, MyCommon):
        def test_bad_inputs(self):
            self.assertBadInputsRefused([
                BadInput("negative amount", "ctxh.donation", "create",
                         lambda t: {"amount": -1, ...}, "phải dương"),
            ])

Values are callables of the test (``lambda t: ...``) so that rows can use the test's records.
"""

import csv
import io
from collections.abc import Callable
from typing import NamedTuple

from odoo.exceptions import UserError, ValidationError

LANG = "vi_VN"


class BadInput(NamedTuple):
    label: str
    model: str
    # create: values is a dict; batch: a list of dicts (one bad among good ones);
    # write: (record, vals); wizard: (wizard vals, method name); import: (fields, rows)
    operation: str
    values: Callable
    fragment: str
    # run as this user (a callable of the test); default: the test's ``bad_input_user``
    user: Callable = None


class BadInputMixin:
    """Runs ``BadInput`` rows. The test class provides ``bad_input_user`` (a user with the
    rights to do the operation, so that the refusal comes from validation, not access)."""

    def assertBadInputsRefused(self, rows):
        for row in rows:
            with self.subTest(row.label):
                self._assert_bad_input_refused(row)

    def _bad_input_env(self, row):
        user = row.user(self) if row.user else self.bad_input_user
        return self.env(user=user, context=dict(self.env.context, lang=LANG))

    def _bad_input_count(self, model):
        return self.env[model].sudo().with_context(active_test=False).search_count([])

    def _assert_bad_input_refused(self, row):
        env = self._bad_input_env(row)
        Model = env[row.model]
        count = self._bad_input_count(row.model)
        if row.operation == "import":
            fields, data = row.values(self)
            messages = _import(env, row.model, fields, data)
            errors = " | ".join(m["message"] for m in messages if m.get("type") == "error")
            self.assertIn(row.fragment, errors, f"{row.label}: {messages}")
        elif row.operation == "write":
            record, vals = row.values(self)
            record = record.with_env(env)
            before = record.sudo().read(list(vals))
            with self.assertRaises(UserError) as caught:
                record.write(vals)
            self.assertIn(row.fragment, _message(caught.exception), row.label)
            record.invalidate_recordset()
            self.assertEqual(record.sudo().read(list(vals)), before, f"{row.label}: record changed")
        else:
            with self.assertRaises(UserError) as caught:
                if row.operation == "create":
                    Model.create(row.values(self))
                elif row.operation == "batch":
                    Model.create(row.values(self))
                elif row.operation == "wizard":
                    vals, method = row.values(self)
                    getattr(Model.create(vals), method)()
                else:
                    raise AssertionError(f"unknown operation {row.operation}")
            self.assertIn(row.fragment, _message(caught.exception), row.label)
        if row.model != "ctxh.case.stage.wizard":
            self.assertEqual(self._bad_input_count(row.model), count, f"{row.label}: a row was written")


def _message(exception):
    return exception.args[0] if exception.args else str(exception)


def _import(env, model, fields, rows):
    """Import ``rows`` (lists of strings) into ``model`` through base_import, as a user does."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(fields)
    writer.writerows(rows)
    wizard = env["base_import.import"].create(
        {
            "res_model": model,
            "file": buffer.getvalue().encode(),
            "file_type": "text/csv",
            "file_name": "import.csv",
        }
    )
    result = wizard.execute_import(fields, fields, {"quoting": '"', "separator": ",", "has_headers": True})
    return result["messages"]


def long_text(size):
    return "x" * size


__all__ = ["BadInput", "BadInputMixin", "ValidationError", "long_text"]
