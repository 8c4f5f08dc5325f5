"""Database defaults for the columns ctxh adds to other modules' tables.

A required field becomes a NOT NULL column. When ctxh adds one to a shared table (hr_employee,
res_company, ...), a module loaded before ctxh (installed, updated or running its tests) inserts
rows without knowing the column, and PostgreSQL refuses them. Giving the column a database
default equal to the field's default keeps those inserts working.
"""

from odoo.tools import SQL


def set_required_column_defaults(model, prefix="ctxh_"):
    """Give every required stored column of ``model`` whose name starts with ``prefix`` its
    field's default as a database default. Call it from the model's ``_auto_init``.

    :return: the names of the columns that were given a default
    """
    cr = model.env.cr
    done = []
    for name, field in model._fields.items():
        if not (name.startswith(prefix) and field.store and field.column_type and field.required):
            continue
        if field.default is None:
            raise ValueError(f"{model._name}.{name} is required on a shared table but has no default")
        value = field.convert_to_column(field.default(model), model)
        cr.execute(
            SQL(
                "ALTER TABLE %s ALTER COLUMN %s SET DEFAULT %s",
                SQL.identifier(model._table),
                SQL.identifier(name),
                value,
            )
        )
        cr.execute(
            SQL(
                "UPDATE %s SET %s = %s WHERE %s IS NULL",
                SQL.identifier(model._table),
                SQL.identifier(name),
                value,
                SQL.identifier(name),
            )
        )
        done.append(name)
    return done
