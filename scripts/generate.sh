#!/usr/bin/env bash
# Fill the benchmark database $CTXH_BENCH_DB (default ctxh_bench) with a seeded, realistic
# Vietnamese hospital (scripts/generate.py). The database is created when missing the way
# `make run` creates one (Vietnamese company, l10n_vn, VND, offline), with the four addons
# installed WITHOUT demo data. A database that already holds generated data is refused.
#   SCALE=demo|hospital|province (default hospital); other options go to generate.py:
#   scripts/generate.sh --seed 7 --batch 2000
source "$(dirname "$0")/common.sh"

SRC=$(find_odoo_src)
"$ROOT/scripts/setup.sh"   # also checks that the venv imports Odoo 18.0
check_postgres
DB=${CTXH_BENCH_DB:-ctxh_bench}
SCALE=${SCALE:-hospital}

needs=$(ctxh_db "$SRC" state "$DB" "$CTXH_MODULES" "$ROOT/addons" --log-level=warn)
case $needs in
  create | install)
    start=$SECONDS
    echo "ctxh: preparing database $DB without demo data (a few minutes)"
    ctxh_db "$SRC" prepare "$DB" --offline --log-level=warn
    echo "ctxh: installing $CTXH_MODULES into $DB (no demo data)"
    odoo_bin "$SRC" -d "$DB" -i "$CTXH_MODULES" --without-demo=all --db-filter="^$DB\$" \
      --stop-after-init --log-level=warn --max-cron-threads=0 --http-port="${CTXH_BENCH_PORT:-8269}"
    echo "ctxh: database $DB ready in $((SECONDS - start)) s"
    ;;
  upgrade)
    echo "ctxh: upgrading $CTXH_MODULES in database $DB (new addon versions)"
    odoo_bin "$SRC" -d "$DB" -u "$CTXH_MODULES" --db-filter="^$DB\$" --stop-after-init --log-level=warn \
      --max-cron-threads=0 --http-port="${CTXH_BENCH_PORT:-8269}"
    ;;
  ok) ;;
  *) die "cannot tell the state of database $DB" ;;
esac

"$PY" "$ROOT/scripts/generate.py" --scale "$SCALE" "$@" -c "$ROOT/odoo.conf" \
  --addons-path="$(addons_path "$SRC")" --db_host="$DB_HOST" --db_port="$DB_PORT" -d "$DB" \
  --log-level=warn --max-cron-threads=0
