#!/usr/bin/env bash
# Serve Odoo with the ctxh addons on http://127.0.0.1:8069 (login admin / admin).
# Creates .venv and the database ctxh_demo (the four addons with their demo data) when missing.
source "$(dirname "$0")/common.sh"

"$ROOT/scripts/setup.sh"
SRC=$(find_odoo_src)
check_odoo_version
check_postgres
DB=${CTXH_DB:-ctxh_demo}

# What $DB needs: "install" (missing database or addons), "upgrade" (an addon's manifest version
# differs from the installed one) or "ok".
needs=$("$PY" - "$DB_HOST" "$DB_PORT" "$DB" "$CTXH_MODULES" "$ROOT/addons" <<'PYEOF'
import ast, os, sys, psycopg2
host, port, db, mods, addons = sys.argv[1:]
mods = mods.split(",")
conn = psycopg2.connect(host=host, port=port, dbname="postgres")
cur = conn.cursor()
cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", (db,))
if not cur.fetchone():
    print("install"); sys.exit()
conn.close()
conn = psycopg2.connect(host=host, port=port, dbname=db)
cur = conn.cursor()
try:
    cur.execute("SELECT name, latest_version FROM ir_module_module WHERE state = 'installed' AND name = ANY(%s)",
                (mods,))
    installed = dict(cur.fetchall())
except psycopg2.Error:
    installed = {}
if set(installed) != set(mods):
    print("install"); sys.exit()
for mod in mods:
    with open(os.path.join(addons, mod, "__manifest__.py"), encoding="utf-8") as f:
        if ast.literal_eval(f.read())["version"] != installed[mod]:
            print("upgrade"); sys.exit()
print("ok")
PYEOF
)
if [[ $needs == install ]]; then
  echo "ctxh: installing $CTXH_MODULES with demo data into database $DB (a few minutes the first time)"
  odoo_bin "$SRC" -d "$DB" -i "$CTXH_MODULES" --without-demo= --load-language=vi_VN \
    --db-filter="^$DB\$" --stop-after-init --log-level=warn
elif [[ $needs == upgrade ]]; then
  echo "ctxh: upgrading $CTXH_MODULES in database $DB (new addon versions)"
  odoo_bin "$SRC" -d "$DB" -u "$CTXH_MODULES" --db-filter="^$DB\$" --stop-after-init --log-level=warn
fi
echo "ctxh: serving $DB on http://127.0.0.1:${CTXH_PORT:-8069} (login admin, password admin)"
exec "$PY" "$SRC/odoo-bin" -c "$ROOT/odoo.conf" --addons-path="$(addons_path "$SRC")" \
  --db_host="$DB_HOST" --db_port="$DB_PORT" -d "$DB" --db-filter="^$DB\$" --http-port="${CTXH_PORT:-8069}" "$@"
