"""Databases of the ctxh scripts, created the way a Vietnamese hospital has them.

    python scripts/ctxh_db.py state DB MODULES ADDONS_DIR [odoo options]
        print what DB needs: "create" (no database), "install" (some of MODULES missing),
        "upgrade" (an addon's manifest version differs from the installed one) or "ok".
    python scripts/ctxh_db.py prepare DB [--demo] [--offline] [--generic] [odoo options]
        create DB when it does not exist, as Odoo's database manager does for a hospital in
        Vietnam: company in Vietnam, Vietnamese loaded, the administrator admin/admin speaking
        it in Asia/Ho_Chi_Minh; then install `account` (which loads the l10n_vn chart of
        accounts and VND) in a step of its own when it is not installed: the chart must exist
        before any addon's demo data posts entries (Odoo loads a country's chart at the end of
        the run that installs `account`, and in demo mode that deletes the entries made before
        it). --offline: then as `offline`. --generic: a company without a country instead
        (Odoo's generic chart of accounts, USD), as a hospital elsewhere has it.
    python scripts/ctxh_db.py offline DB [odoo options]
        turn off what calls the internet in a demo database (see OFFLINE below).

[odoo options] are the usual odoo-bin options (-c odoo.conf, --addons-path, --db_host, ...).
"""

import argparse
import ast
import os
import sys

LANG = "vi_VN"
COUNTRY = "VN"
ADMIN_LOGIN = ADMIN_PASSWORD = "admin"

# What Odoo 18 Community, with the addons ctxh installs, calls on the internet by itself, and how
# a demo database turns it off (`offline`):
#  - the weekly publisher warranty "ping" to services.odoo.com (mail's cron
#    `ir_cron_module_update_notification`): cron deactivated;
#  - partner_autocomplete (IAP, partner-autocomplete.odoo.com), auto-installed with mail: the
#    company enrichment on the administrator's first login, the type-ahead on company names and
#    its hourly sync cron. Settings > Integrations > "Partner Autocomplete" turns it off by
#    uninstalling the module: done the same way;
#  - web push notifications (mail's cron `ir_cron_web_push_notification`), sent to the push
#    services of the browsers that subscribed: cron deactivated (the web client still shows
#    notifications in the open tab);
#  - link previews: the server fetches every URL posted in the chatter or Discuss;
#    `mail.link_preview_throttle` = 0 is mail's switch that turns them off.
# Left as they are, because they only act on a user's explicit request and fail quietly
# offline: SMS and post (IAP credits), Unsplash/media library images, the gravatar looked up
# when one types a contact's e-mail. Outgoing e-mail goes to the SMTP server of odoo.conf
# (localhost by default), not to the internet.
OFFLINE_CRONS = ["mail.ir_cron_module_update_notification", "mail.ir_cron_web_push_notification"]
OFFLINE_PARAMS = {"mail.link_preview_throttle": "0"}
OFFLINE_MODULES = ["partner_autocomplete"]


# PostgreSQL connection of `state`, which answers without importing Odoo (a second `make run`
# should start at once): --db_host/--db_port/--db_user/--db_password of the odoo options, else
# libpq's defaults (PGHOST, PGPORT, PGUSER, ...)
DB_PARAMS = {}


def _db_params(args):
    parser = argparse.ArgumentParser(add_help=False)
    for name in ("host", "port", "user", "password"):
        parser.add_argument(f"--db_{name}", dest=name)
    known, _rest = parser.parse_known_args(args)
    return {name: value for name, value in vars(known).items() if value and value != "False"}


def _connect(dbname):
    import psycopg2  # noqa: PLC0415 - only after the venv is known to have it

    return psycopg2.connect(dbname=dbname, **DB_PARAMS)


def _exists(db):
    conn = _connect("postgres")
    try:
        with conn.cursor() as cr:
            cr.execute("SELECT 1 FROM pg_database WHERE datname = %s", (db,))
            return bool(cr.fetchone())
    finally:
        conn.close()


def state(db, modules, addons_dir):
    """What `db` needs before it serves `modules` (see the module docstring)."""
    import psycopg2  # noqa: PLC0415

    modules = modules.split(",")
    if not _exists(db):
        return "create"
    conn = _connect(db)
    try:
        with conn.cursor() as cr:
            cr.execute(
                "SELECT name, latest_version FROM ir_module_module"
                " WHERE state = 'installed' AND name = ANY(%s)",
                (modules,),
            )
            installed = dict(cr.fetchall())
            cr.execute(
                "SELECT cur.name FROM res_company c JOIN res_currency cur ON cur.id = c.currency_id"
                " WHERE c.id = 1"
            )
            currency = cr.fetchone()[0]
    except psycopg2.Error:
        installed, currency = {}, None
    finally:
        conn.close()
    if currency and currency != "VND":
        print(
            f"ctxh: note: database {db} is not the Vietnamese demo hospital (its currency is {currency});"
            f" drop it (dropdb {db}) to have it created again.",
            file=sys.stderr,
        )
    if set(installed) != set(modules):
        return "install"
    for module in modules:
        with open(os.path.join(addons_dir, module, "__manifest__.py"), encoding="utf-8") as manifest:
            version = ast.literal_eval(manifest.read())["version"]
        # Odoo stores "18.0.x.y.z" for a manifest version "18.0.x.y.z" or "x.y.z"
        if installed[module] not in (version, f"18.0.{version}"):
            return "upgrade"
    return "ok"


def _env(cr):
    import odoo  # noqa: PLC0415

    return odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})


def prepare(db, demo, offline_too, generic=False):
    """Create `db` when missing, install `account` (and so the chart) when missing."""
    import odoo  # noqa: PLC0415
    from odoo.service import db as db_service  # noqa: PLC0415
    from odoo.tools import config  # noqa: PLC0415

    # a Vietnamese hospital, or (generic) a company without a country: Odoo's generic chart
    # and USD (Vietnamese still loaded: the addons' pages and letters are Vietnamese)
    country, lang = (None, LANG) if generic else (COUNTRY, LANG)
    if not _exists(db):
        # exp_create_database is the database manager's call: it refuses to run unless
        # database listing is enabled (odoo.conf disables it for the server, not for this)
        config["list_db"] = True
        db_service.exp_create_database(
            db, demo, lang, user_password=ADMIN_PASSWORD, login=ADMIN_LOGIN, country_code=country
        )
        # _initialize_db only logs its errors: check what it should have done
        with odoo.modules.registry.Registry(db).cursor() as cr:
            env = _env(cr)
            admin = env.ref("base.user_admin")
            if (env["res.company"].browse(1).country_id.code or None) != country or admin.lang != lang:
                sys.exit(f"ctxh: creating database {db} failed (see the log above)")
            if country:
                # Odoo gives the country's timezone to the active users only; the superuser,
                # who installs everything (every new employee, calendar and resource takes its
                # timezone by default), would keep Europe/Brussels
                env.ref("base.user_root").tz = admin.tz
            where = f"in {env['res.company'].browse(1).country_id.name or 'no country'}"
            print(f"ctxh: database {db} created: company {where}, {lang}, admin/admin in {admin.tz or 'UTC'}")
    registry = odoo.modules.registry.Registry(db)
    with registry.cursor() as cr:
        account = _env(cr)["ir.module.module"].search([("name", "=", "account")])
        if account.state != "installed":
            account.button_install()
            cr.commit()
            install = True
        else:
            install = False
    if install:
        # `account` in a step of its own (see the module docstring)
        registry = odoo.modules.registry.Registry.new(db, update_module=True)
        with registry.cursor() as cr:
            _after_account(_env(cr), db, generic)
    if offline_too:
        offline(db)


def _after_account(env, db, generic):
    from odoo import Command  # noqa: PLC0415

    company = env["res.company"].browse(1)
    chart, currency = ("generic_coa", "USD") if generic else ("vn", "VND")
    if company.chart_template != chart or company.currency_id.name != currency:
        sys.exit(
            f"ctxh: database {db}: the chart of accounts {chart} did not load "
            f"(chart {company.chart_template!r}, currency {company.currency_id.name})"
        )
    # With demo data, l10n_vn adds a sample second company "VN Company" (with its own demo
    # invoices) and gives it to the administrator: the demo hospital is the only company.
    others = env.ref("base.demo_company_vn", raise_if_not_found=False)
    if others:
        users = env["res.users"].with_context(active_test=False).search([("company_ids", "in", others.ids)])
        users.write({"company_ids": [Command.unlink(others.id)]})
        others.active = False
    print(
        f"ctxh: database {db}: account installed, chart {company.chart_template}, {company.currency_id.name}"
    )


def offline(db):
    import odoo  # noqa: PLC0415

    with odoo.modules.registry.Registry(db).cursor() as cr:
        env = _env(cr)
        for xmlid in OFFLINE_CRONS:
            cron = env.ref(xmlid, raise_if_not_found=False)
            if cron:
                cron.active = False
        for key, value in OFFLINE_PARAMS.items():
            env["ir.config_parameter"].set_param(key, value)
        modules = env["ir.module.module"].search(
            [("name", "in", OFFLINE_MODULES), ("state", "=", "installed")]
        )
        if modules:
            modules.button_immediate_uninstall()
    turned_off = ", ".join(OFFLINE_CRONS + list(OFFLINE_PARAMS) + OFFLINE_MODULES)
    print(f"ctxh: database {db} works offline: {turned_off} turned off")


def main(argv):
    if len(argv) < 2 or argv[0] not in ("state", "prepare", "offline"):
        sys.exit(__doc__)
    command, db, rest = argv[0], argv[1], argv[2:]
    positional = []
    if command == "state":
        positional, rest = rest[:2], rest[2:]
    flags = {arg for arg in rest if arg in ("--demo", "--offline", "--generic")}
    rest = [arg for arg in rest if arg not in flags]
    DB_PARAMS.update(_db_params(rest))
    if command == "state":
        print(state(db, *positional))
        return
    import odoo  # noqa: PLC0415

    odoo.tools.config.parse_config(rest, setup_logging=True)
    if command == "prepare":
        prepare(db, "--demo" in flags, "--offline" in flags, "--generic" in flags)
    else:
        offline(db)


if __name__ == "__main__":
    main(sys.argv[1:])
