#!/usr/bin/env bash
# Odoo's own tests of other modules, on a fresh database where the ctxh addons are installed:
# proves that ctxh is a good citizen in a hospital's Odoo (no NOT NULL column without a
# database default on other modules' tables, no field readable by users it should not be, ...).
#
#   scripts/test_odoo.sh hr                  # Odoo's hr tests with ctxh installed
#   scripts/test_odoo.sh account             # Odoo's account tests (about 10 minutes)
#   scripts/test_odoo.sh --without-ctxh hr   # the same without ctxh, to compare
#
# Steps: create the database and install $CTXH_MODULES (all four by default) without demo data,
# then update the given modules with Odoo's test runner (--test-tags /<module>): their at_install
# tests run while the registry holds only the modules loaded before ctxh, exactly as when such a
# module is installed or updated in a database that already has ctxh. Prints Odoo's result line
# and exits non-zero on any failure or error. The database is dropped at the end.
# Environment: CTXH_TEST_PORT (HTTP port of the test server, default 8169),
# CTXH_ODOO_TEST_DB (database name, default ctxh_odoo_test_<time>_<pid>).
source "$(dirname "$0")/common.sh"

with_ctxh=1
if [[ ${1:-} == --without-ctxh ]]; then
  with_ctxh=0
  shift
fi
[[ $# -ge 1 && -n $1 ]] || die "usage: scripts/test_odoo.sh [--without-ctxh] MODULE[,MODULE...]"
MODULES=$(IFS=,; echo "$*" | tr -d ' ')

"$ROOT/scripts/setup.sh"
SRC=$(find_odoo_src)
check_odoo_version
check_postgres

LOGDIR=$ROOT/.test-logs
mkdir -p "$LOGDIR"
DB=${CTXH_ODOO_TEST_DB:-ctxh_odoo_test_$(date +%s)_$$}
variant=$([[ $with_ctxh == 1 ]] && echo "with-ctxh" || echo "without-ctxh")
LOG=$LOGDIR/odoo-${MODULES//,/-}-$variant.log

trap 'drop_db "$DB"' EXIT
drop_db "$DB"

install=$MODULES
[[ $with_ctxh == 1 ]] && install=$CTXH_MODULES,$MODULES
echo "== install $install on $DB without demo data (log: $LOG)"
: >"$LOG"
# Only en_US (the databases of `make run` and `make test` add vi_VN): Odoo's tests assert English messages.
odoo_bin "$SRC" -d "$DB" -i "$install" --without-demo=all --load-language= --stop-after-init \
  --http-port="${CTXH_TEST_PORT:-8169}" --db-filter=".*" --log-level=warn --logfile= >>"$LOG" 2>&1 \
  || { tail -n 40 "$LOG"; die "installing $install failed (see $LOG)"; }

echo "== Odoo's tests of $MODULES ($variant)"
tags=$(echo "$MODULES" | sed -E 's/(^|,)/\1\//g')
set +e
odoo_bin "$SRC" -d "$DB" -u "$MODULES" --test-enable --test-tags "$tags" --stop-after-init \
  --http-port="${CTXH_TEST_PORT:-8169}" --db-filter=".*" --log-level=info --logfile= >>"$LOG" 2>&1
rc=$?
set -e
grep -E ": (FAIL|ERROR): |odoo\.tests\.result: " "$LOG" | cut -c1-300 || true
summary=$(grep -E "odoo\.tests\.result: .* failed, .* error\(s\) of [0-9]+ tests" "$LOG" | tail -n 1 || true)
[[ -n $summary ]] || summary=$(grep -E "odoo\.tests\.result: " "$LOG" | tail -n 1 || true)
n_fail=$(sed -nE 's/.*: ([0-9]+) failed, ([0-9]+) error\(s\) of ([0-9]+) tests.*/\1/p' <<<"$summary")
n_err=$(sed -nE 's/.*: ([0-9]+) failed, ([0-9]+) error\(s\) of ([0-9]+) tests.*/\2/p' <<<"$summary")
n_run=$(sed -nE 's/.*: ([0-9]+) failed, ([0-9]+) error\(s\) of ([0-9]+) tests.*/\3/p' <<<"$summary")
echo "odoo $MODULES ($variant): rc=$rc, ${n_run:-0} tests, ${n_fail:-?} failed, ${n_err:-?} errors"
[[ $rc == 0 && -n $n_run && $n_run != 0 && $n_fail == 0 && $n_err == 0 ]]
