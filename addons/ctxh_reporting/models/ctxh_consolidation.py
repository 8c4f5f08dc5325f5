import base64
import binascii
import json
from datetime import date

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools.misc import format_date

from ..builders import dataset as ds
from ..builders.period import PERIOD_KINDS


class CtxhConsolidation(models.Model):
    """Provincial consolidation: the period datasets of N hospitals, one line per unit, plus totals."""

    _name = "ctxh.consolidation"
    _description = "Provincial Social Work Consolidation"
    _inherit = ["mail.thread"]
    _order = "date_from desc, id desc"

    name = fields.Char(required=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    period_kind = fields.Selection(PERIOD_KINDS, required=True, default="quarter", tracking=True)
    date_from = fields.Date(required=True, tracking=True)
    date_to = fields.Date(required=True, tracking=True)
    template_id = fields.Many2one(
        "ctxh.report.template",
        help="Layout whose figures are the columns of the consolidated workbook; "
        "empty uses the template valid at the end of the period.",
    )
    source_ids = fields.Many2many(
        "ctxh.consolidation.source",
        string="Hospitals to Pull",
        domain="[('company_id', '=', company_id)]",
        default=lambda self: self.env["ctxh.consolidation.source"].search(
            [("company_id", "=", self.env.company.id)]
        ),
        help="Hospitals whose Odoo is asked for its dataset by Pull from Hospitals.",
    )
    line_ids = fields.One2many("ctxh.consolidation.line", "consolidation_id", string="Units")
    value_ids = fields.One2many("ctxh.consolidation.value", "consolidation_id", string="Values")
    unit_count = fields.Integer(compute="_compute_unit_count", string="Units Imported")

    _sql_constraints = [
        ("dates_check", "CHECK(date_from <= date_to)", "The period cannot end before it starts."),
    ]

    @api.depends("line_ids")
    def _compute_unit_count(self):
        groups = dict(
            self.env["ctxh.consolidation.line"]._read_group(
                [("consolidation_id", "in", self.ids)], ["consolidation_id"], ["__count"]
            )
        )
        for consolidation in self:
            consolidation.unit_count = groups.get(consolidation, 0)

    def _get_template(self):
        self.ensure_one()
        return self.template_id or self.env["ctxh.report.template"]._find_for(self.company_id, self.date_to)

    def _parse_dataset(self, filename, content):
        """Validate one file against this consolidation; return the dataset dict or raise UserError."""
        self.ensure_one()
        try:
            data = json.loads(content.decode("utf-8") if isinstance(content, bytes) else content)
        except (UnicodeDecodeError, ValueError) as err:
            raise UserError(
                _("%(file)s is not a valid JSON period dataset: %(error)s", file=filename, error=err)
            ) from err
        return self._check_dataset(filename, data)

    def _check_dataset(self, filename, data):
        """Validate a dataset (from a file or pulled from a hospital) against this consolidation."""
        self.ensure_one()
        if not isinstance(data, dict) or data.get("schema") != ds.SCHEMA:
            raise UserError(
                _(
                    "%(file)s is not a social work period dataset (schema %(schema)s expected).",
                    file=filename,
                    schema=ds.SCHEMA,
                )
            )
        if data.get("schema_version") not in ds.READABLE_VERSIONS:
            raise UserError(
                _(
                    "%(file)s uses schema version %(found)s; this database reads versions %(expected)s.",
                    file=filename,
                    found=data.get("schema_version"),
                    expected=", ".join(map(str, ds.READABLE_VERSIONS)),
                )
            )
        hospital = data.get("hospital") or {}
        period = data.get("period") or {}
        figures = data.get("figures")
        if not isinstance(hospital, dict) or not hospital.get("code") or not hospital.get("name"):
            raise UserError(_("%(file)s does not name its hospital (code and name).", file=filename))
        try:
            date_from = date.fromisoformat(period.get("date_from") or "")
            date_to = date.fromisoformat(period.get("date_to") or "")
        except (TypeError, ValueError, AttributeError) as err:
            raise UserError(_("%(file)s has no valid period dates.", file=filename)) from err
        if (date_from, date_to) != (self.date_from, self.date_to):
            raise UserError(
                _(
                    "%(file)s covers %(start)s to %(end)s, not the period of this consolidation "
                    "(%(expected_start)s to %(expected_end)s).",
                    file=filename,
                    start=format_date(self.env, date_from),
                    end=format_date(self.env, date_to),
                    expected_start=format_date(self.env, self.date_from),
                    expected_end=format_date(self.env, self.date_to),
                )
            )
        if not isinstance(figures, dict) or not all(
            isinstance(key, str) and isinstance(value, int | float) and not isinstance(value, bool)
            for key, value in figures.items()
        ):
            raise UserError(_("%(file)s: figures must map codes to numbers.", file=filename))
        return data

    def import_datasets(self, files):
        """Import ``files`` (a list of (filename, bytes)); all or nothing.

        Refuses bad JSON, another schema or an unknown schema version, another period and a unit
        already imported in this consolidation (or twice in the batch).
        """
        self.ensure_one()
        if not files:
            raise UserError(_("Choose at least one dataset file to import."))
        return self._import_datasets(
            [(filename, self._parse_dataset(filename, content), None) for filename, content in files]
        )

    def _import_datasets(self, entries):
        """Create the units of ``entries`` (a list of (label, checked dataset, source or None));
        all or nothing."""
        self.ensure_one()
        here = _("this consolidation")
        seen = dict.fromkeys(self.line_ids.mapped("hospital_code"), here)
        line_vals = []
        for label, data, source in entries:
            code = data["hospital"]["code"]
            if code in seen:
                raise UserError(
                    _(
                        "%(file)s: unit %(code)s is already imported for this period (%(where)s).",
                        file=label,
                        code=code,
                        where=seen[code],
                    )
                )
            seen[code] = label
            line_vals.append(
                {
                    "consolidation_id": self.id,
                    "hospital_code": code,
                    "hospital_name": data["hospital"]["name"],
                    "file_name": label,
                    "source_id": source and source.id,
                    "schema_version": data["schema_version"],
                    "generated_at": (data.get("generated_at") or "").replace("T", " ")[:19] or False,
                    "value_ids": [
                        fields.Command.create(
                            {"consolidation_id": self.id, "figure_code": key, "value": value}
                        )
                        for key, value in data["figures"].items()
                    ],
                }
            )
        lines = self.env["ctxh.consolidation.line"].create(line_vals)
        # A logged note needs no sender address (message_post refuses users without e-mail).
        self._message_log(
            body=_(
                "Imported %(count)s unit(s): %(units)s",
                count=len(lines),
                units=", ".join(lines.mapped("hospital_code")),
            )
        )
        return lines

    def action_pull(self):
        """Ask every hospital's Odoo for its period dataset over the external API, then import
        them all; when one hospital did not give a valid dataset, import none and say why for each."""
        self.ensure_one()
        self.check_access("write")
        sources = self.source_ids
        if not sources:
            raise UserError(_("Choose the hospitals to pull the datasets from."))
        entries, errors = [], []
        for source, dataset, error in sources._pull_datasets(self.period_kind, self.date_from, self.date_to):
            if error is None:
                try:
                    dataset = self._check_dataset(source.name, dataset)
                    if source.hospital_code and dataset["hospital"]["code"] != source.hospital_code:
                        raise UserError(
                            _(
                                "%(file)s answered for the unit %(found)s instead of %(code)s.",
                                file=source.name,
                                found=dataset["hospital"]["code"],
                                code=source.hospital_code,
                            )
                        )
                except UserError as err:
                    errors.append(err.args[0])
                    continue
                entries.append((source.name, dataset, source))
            else:
                errors.append(f"{source.name}: {error}")
        if errors:
            raise UserError(
                _(
                    "Nothing was imported: %(count)s of %(total)s hospital(s) did not give a valid "
                    "dataset.\n%(errors)s",
                    count=len(errors),
                    total=len(sources),
                    errors="\n".join(f"- {error}" for error in errors),
                )
            )
        self._import_datasets(entries)
        return True

    def _get_totals(self):
        """{figure_code: total over the units}."""
        self.ensure_one()
        groups = self.env["ctxh.consolidation.value"]._read_group(
            [("consolidation_id", "=", self.id)], ["figure_code"], ["value:sum"]
        )
        return dict(groups)

    def _get_unit_figures(self):
        """[(line, {figure_code: value})] in the order of the lines."""
        self.ensure_one()
        values = self.env["ctxh.consolidation.value"].search_read(
            [("consolidation_id", "=", self.id)], ["line_id", "figure_code", "value"]
        )
        by_line = {}
        for value in values:
            by_line.setdefault(value["line_id"][0], {})[value["figure_code"]] = value["value"]
        return [(line, by_line.get(line.id, {})) for line in self.line_ids]

    def action_import(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Import Period Datasets"),
            "res_model": "ctxh.consolidation.import",
            "view_mode": "form",
            "target": "new",
            "context": {"default_consolidation_id": self.id},
        }

    def action_view_values(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "ctxh_reporting.ctxh_consolidation_value_action"
        )
        action["domain"] = [("consolidation_id", "=", self.id)]
        action["context"] = {"search_default_groupby_figure": 1}
        return action

    def action_print_xlsx(self):
        self.ensure_one()
        if not self.line_ids:
            raise UserError(_("Import the period datasets of the units first."))
        return self.env.ref("ctxh_reporting.ctxh_consolidation_xlsx").report_action(self)

    @staticmethod
    def _decode_attachment(attachment):
        try:
            return base64.b64decode(attachment.datas or b"")
        except (binascii.Error, ValueError) as err:
            raise UserError(_("%(file)s cannot be read.", file=attachment.name)) from err
