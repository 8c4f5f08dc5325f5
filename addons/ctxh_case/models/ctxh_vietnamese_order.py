from odoo import api, models, tools
from odoo.tools import SQL

# PostgreSQL's ICU collations for Vietnamese, the first one the server has is used (Debian's and
# the official PostgreSQL packages are built with ICU).
COLLATIONS = ("vi-VN-x-icu", "vi-x-icu")


class CtxhVietnameseOrder(models.AbstractModel):
    """Lists sorted by name in Vietnamese alphabetical order.

    Odoo creates its databases with the "C" collation: ORDER BY name then compares code points
    and lists "Đặng" after "Vũ". A model that inherits this mixin sorts the fields named in
    ``_ctxh_vietnamese_order`` with PostgreSQL's Vietnamese ICU collation (a ă â b c d đ e ê …),
    in its lists and in the groups of its many2one fields elsewhere (read_group orders a
    many2one by its model's order). Without an ICU collation on the server, Odoo's order.
    Python lists use ``odoo.addons.ctxh_case.tools.vietnamese.sort_key``.
    """

    _name = "ctxh.vietnamese.order"
    _description = "Vietnamese Alphabetical Order"
    _ctxh_vietnamese_order = ("name",)

    @api.model
    @tools.ormcache()
    def _ctxh_collation(self):
        """The name of the server's Vietnamese collation, or None."""
        self.env.cr.execute("SELECT collname FROM pg_collation WHERE collname IN %s", [COLLATIONS])
        found = {name for (name,) in self.env.cr.fetchall()}
        return next((name for name in COLLATIONS if name in found), None)

    def _order_field_to_sql(self, alias, field_name, direction, nulls, query):
        field = self._fields.get(field_name)
        collation = field_name in self._ctxh_vietnamese_order and self._ctxh_collation()
        if not collation or field is None or field.type not in ("char", "text"):
            return super()._order_field_to_sql(alias, field_name, direction, nulls, query)
        sql_field = self._field_to_sql(alias, field_name, query)
        if query.groupby:
            query.groupby = SQL("%s, %s", query.groupby, sql_field)
        return SQL("%s COLLATE %s %s %s", sql_field, SQL.identifier(collation), direction, nulls)
