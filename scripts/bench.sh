#!/usr/bin/env bash
# Run the benchmarks in benchmarks/ against the demo database (make run creates it); they roll
# back everything they create and print figures.
source "$(dirname "$0")/common.sh"
"$ROOT/scripts/setup.sh"
SRC=$(find_odoo_src)
DB=${CTXH_DB:-ctxh_demo}
for bench in "$ROOT"/benchmarks/bench_*.py; do
  "$PY" "$bench" "$@" -c "$ROOT/odoo.conf" --addons-path="$(addons_path "$SRC")" \
    --db_host="$DB_HOST" --db_port="$DB_PORT" -d "$DB" --log-level=warn
done
