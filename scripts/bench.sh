#!/usr/bin/env bash
# Run the benchmarks in benchmarks/ against the benchmark database $CTXH_BENCH_DB (ctxh_bench),
# which `make generate` fills (SCALE=province for the figures of docs/PERFORMANCE.md). Every
# benchmark works in a transaction that is rolled back and prints a Markdown table of figures;
# nothing is asserted on time.
source "$(dirname "$0")/common.sh"
"$ROOT/scripts/setup.sh"
SRC=$(find_odoo_src)
check_postgres
DB=${CTXH_BENCH_DB:-ctxh_bench}
needs=$(ctxh_db "$SRC" state "$DB" "$CTXH_MODULES" "$ROOT/addons" --log-level=warn)
case $needs in
  create | install) die "no benchmark database $DB: run \`make generate SCALE=province\` (or SCALE=hospital) first." ;;
  upgrade)
    echo "ctxh: upgrading $CTXH_MODULES in database $DB (new addon versions)"
    odoo_bin "$SRC" -d "$DB" -u "$CTXH_MODULES" --db-filter="^$DB\$" --stop-after-init --log-level=warn \
      --max-cron-threads=0 --http-port="${CTXH_BENCH_PORT:-8269}"
    ;;
esac
for bench in "$ROOT"/benchmarks/bench_*.py; do
  "$PY" "$bench" "$@" -c "$ROOT/odoo.conf" --addons-path="$(addons_path "$SRC")" \
    --db_host="$DB_HOST" --db_port="$DB_PORT" -d "$DB" --log-level=warn
done
