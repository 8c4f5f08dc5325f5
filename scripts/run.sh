#!/usr/bin/env bash
# Serve Odoo with the ctxh addons on http://127.0.0.1:$CTXH_PORT (default 8069; admin / admin).
# The first time: system packages (wkhtmltopdf; what psycopg2 needs to build), .venv, and the
# database $CTXH_DB (default ctxh_demo): a Vietnamese hospital (l10n_vn, VND, Vietnamese) with
# the addons and their demo data, offline. Later runs only start the server (an upgrade first
# when an addon's version changed).
source "$(dirname "$0")/common.sh"

SRC=$(find_odoo_src)
# Without wkhtmltopdf the demo runs but prints no PDF: where it cannot be installed, say so and go on.
if venv_ready "$SRC"; then ensure_system_packages --or-warn run; else ensure_system_packages --or-warn build run; fi
export CTXH_SYSTEM_PACKAGES_CHECKED=1
"$ROOT/scripts/setup.sh"   # also checks that the venv imports Odoo 18.0
check_postgres
DB=${CTXH_DB:-ctxh_demo}
PORT=${CTXH_PORT:-8069}

needs=$(ctxh_db "$SRC" state "$DB" "$CTXH_MODULES" "$ROOT/addons" --log-level=warn)
case $needs in
  create | install)
    start=$SECONDS
    echo "ctxh: preparing database $DB (a few minutes the first time)"
    ctxh_db "$SRC" prepare "$DB" --demo --offline --log-level=warn
    echo "ctxh: installing $CTXH_MODULES with their demo data into $DB"
    odoo_bin "$SRC" -d "$DB" -i "$CTXH_MODULES" --db-filter="^$DB\$" --stop-after-init --log-level=warn \
      --http-port="$PORT"
    echo "ctxh: database $DB ready in $((SECONDS - start)) s"
    ;;
  upgrade)
    echo "ctxh: upgrading $CTXH_MODULES in database $DB (new addon versions)"
    odoo_bin "$SRC" -d "$DB" -u "$CTXH_MODULES" --db-filter="^$DB\$" --stop-after-init --log-level=warn \
      --http-port="$PORT"
    ;;
  ok) ;;
  *) die "cannot tell the state of database $DB" ;;
esac
# CTXH_WORKERS=N serves with Odoo's multi-process server (N HTTP workers and a separate cron
# worker, docs/PERFORMANCE.md); 0 (the default) with the threaded server.
WORKERS=${CTXH_WORKERS:-0}
server_options=(--workers="$WORKERS")
[[ $WORKERS -gt 0 ]] && server_options+=(--max-cron-threads=1 --gevent-port="${CTXH_GEVENT_PORT:-$((PORT + 3))}")
echo "ctxh: serving $DB on http://127.0.0.1:$PORT with $WORKERS workers (login admin, password admin; Ctrl-C stops)"
exec "$PY" "$SRC/odoo-bin" -c "$ROOT/odoo.conf" --addons-path="$(addons_path "$SRC")" \
  --db_host="$DB_HOST" --db_port="$DB_PORT" -d "$DB" --db-filter="^$DB\$" --http-port="$PORT" \
  "${server_options[@]}" "$@"
