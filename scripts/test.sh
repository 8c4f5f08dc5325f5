#!/usr/bin/env bash
# The whole ctxh test suite on a fresh throwaway database:
#   system packages (installed when missing and allowed) -> lint (ruff, pylint-odoo mandatory
#   checks) -> a database as a Vietnamese hospital has it (l10n_vn, VND, Vietnamese) ->
#   install the addons with Odoo's test runner (at_install + post_install tests, browser tours
#   in headless Chromium) -> the money tests (ctxh_donation) once more on a second database
#   whose company has no country (Odoo's generic chart, USD) -> tests/ with pytest-odoo
#   (cross-addon tests, translation check, script tests) -> Odoo's own hr tests on a database
#   where ctxh is installed (ctxh must not break other modules) -> drop the databases (also on
#   failure).
# Prints a closing line "ctxh: N passed, N failed" and exits non-zero on any failure or error.
source "$(dirname "$0")/common.sh"

SRC=$(find_odoo_src)
if venv_ready "$SRC"; then ensure_system_packages test; else ensure_system_packages build test; fi
export CTXH_SYSTEM_PACKAGES_CHECKED=1
"$ROOT/scripts/setup.sh"   # also checks that the venv imports Odoo 18.0
check_postgres

# Browser tours are skipped by Odoo, with a mere warning, when Chromium or websocket-client
# is missing: refuse to run rather than report a pass that did not test the UI.
chrome=""
for c in google-chrome chromium chromium-browser google-chrome-stable; do
  command -v "$c" >/dev/null 2>&1 && { chrome=$c; break; }
done
[[ -n $chrome ]] || die "no Chromium found: browser tests would be skipped. Install it (Debian: apt-get install chromium) and run again."
"$PY" -c 'import websocket' 2>/dev/null || die "websocket-client is not installed in $VENV: browser tests would be skipped (pip install websocket-client)."
command -v wkhtmltopdf >/dev/null 2>&1 || die "wkhtmltopdf not found: PDF reports cannot be tested (Debian: apt-get install wkhtmltopdf)."
command -v soffice >/dev/null 2>&1 || die "LibreOffice (soffice) not found: the generated workbooks cannot be checked (Debian: apt-get install libreoffice-calc-nogui)."
command -v pdftotext >/dev/null 2>&1 || die "pdftotext not found: the PDF reports cannot be read back (Debian: apt-get install poppler-utils)."
command -v zbarimg >/dev/null 2>&1 || die "zbarimg not found: the VietQR codes cannot be read back (Debian: apt-get install zbar-tools)."

LOGDIR=$ROOT/.test-logs
mkdir -p "$LOGDIR"
failed=0
passed=0

echo "== lint"
if [[ ${CTXH_SKIP_LINT:-0} != 1 ]]; then
  "$ROOT/scripts/lint.sh" || { echo "ctxh: lint failed"; failed=$((failed + 1)); }
  [[ $failed == 0 ]] && passed=$((passed + 1))
fi

DB=${CTXH_TEST_DB:-ctxh_test_$(date +%s)_$$}
# The money tests run a second time on a company with Odoo's generic chart (no country, USD),
# so that hospitals elsewhere keep working.
GENERIC_DB=${DB}_generic
GENERIC_MODULES=""
[[ ,$CTXH_MODULES, == *,ctxh_donation,* ]] && GENERIC_MODULES=ctxh_donation
trap 'drop_db "$DB"; drop_db "$GENERIC_DB"' EXIT
drop_db "$DB"
drop_db "$GENERIC_DB"

# odoo_tests LABEL DB MODULES LOG [ctxh_db.py prepare flags]: create DB, install MODULES with
# Odoo's test runner (their at_install and post_install tests), add the results to passed/failed.
odoo_tests() {
  local label=$1 db=$2 mods=$3 log=$4 rc tags summary n_fail n_err n_run n_skip n_errlog n_demo
  shift 4
  echo "== $label: create $db (log: $log)"
  set +e
  ctxh_db "$SRC" prepare "$db" "$@" --log-level=warn --logfile= >"$log" 2>&1
  rc=$?
  set -e
  grep -E "^ctxh: " "$log" || true
  if [[ $rc != 0 ]]; then
    tail -n 30 "$log"
    echo "ctxh: creating the test database $db failed"
    failed=$((failed + 1))
    return
  fi
  echo "== $label: install $mods on $db and run their tests"
  tags=$(echo "$mods" | sed -E 's/(^|,)/\1\//g')
  set +e
  odoo_bin "$SRC" -d "$db" -i "$mods" --test-enable --test-tags "$tags" \
    --stop-after-init --http-port="${CTXH_TEST_PORT:-8169}" --db-filter=".*" --log-level=info \
    --logfile= >>"$log" 2>&1
  rc=$?
  set -e
  # Show what matters: test results, failures, errors and warnings from our modules.
  grep -E "(ERROR|CRITICAL|FAIL|odoo\.tests\.result|post-tests in|tests in [0-9.]+s|skipped|demo data failed|WARNING .*odoo\.addons\.ctxh)" "$log" \
    | grep -v "^\s*$" | cut -c1-400 | tail -n 200 || true
  summary=$(grep -E "odoo\.tests\.result: .* failed, .* error\(s\) of [0-9]+ tests" "$log" | tail -n 1 || true)
  n_fail=$(sed -nE 's/.*: ([0-9]+) failed, ([0-9]+) error\(s\) of ([0-9]+) tests.*/\1/p' <<<"$summary")
  n_err=$(sed -nE 's/.*: ([0-9]+) failed, ([0-9]+) error\(s\) of ([0-9]+) tests.*/\2/p' <<<"$summary")
  n_run=$(sed -nE 's/.*: ([0-9]+) failed, ([0-9]+) error\(s\) of ([0-9]+) tests.*/\3/p' <<<"$summary")
  if [[ -z $summary ]]; then
    n_run=$(grep -cE "odoo\.addons\.ctxh_[a-z_]+\.tests\..*: Starting " "$log" || true)
    n_fail=0; n_err=0
  fi
  n_skip=$(grep -cE "odoo\.addons\.ctxh.*skipped " "$log" || true)
  n_errlog=$(grep -cE " (ERROR|CRITICAL) " "$log" || true)
  # Odoo only warns when a module's demo data fails and installs it without: a failure here.
  n_demo=$(grep -cE "demo data failed to install" "$log" || true)
  n_errlog=$((n_errlog + n_demo))
  echo "odoo runner: rc=$rc, ${n_run:-0} tests, ${n_fail:-0} failed, ${n_err:-0} errors, ${n_skip} skipped, ${n_errlog} error log lines"
  if [[ $rc != 0 || ${n_fail:-0} != 0 || ${n_err:-0} != 0 || $n_skip != 0 || $n_errlog != 0 || ${n_run:-0} == 0 ]]; then
    failed=$((failed + ${n_fail:-0} + ${n_err:-0} + n_skip))
    [[ $failed == 0 ]] && failed=1
    echo "ctxh: the Odoo test run failed (see $log)"
  fi
  passed=$((passed + ${n_run:-0} - ${n_fail:-0} - ${n_err:-0}))
}

odoo_tests "Vietnamese hospital (l10n_vn, VND)" "$DB" "$CTXH_MODULES" "$LOGDIR/odoo.log" --demo
if [[ -n $GENERIC_MODULES ]]; then
  odoo_tests "money tests on Odoo's generic chart (no country, USD)" "$GENERIC_DB" "$GENERIC_MODULES" \
    "$LOGDIR/odoo-generic.log" --generic
fi

echo "== tests/ (pytest-odoo on $DB)"
set +e
cd "$ROOT"
"$PY" -m pytest --odoo-database="$DB" --odoo-config="$ROOT/odoo.conf" \
  --odoo-addons-path="$(addons_path "$SRC")" --odoo-log-level=critical -q -rs "$ROOT/tests" \
  2>&1 | tee "$LOGDIR/pytest.log"
prc=${PIPESTATUS[0]}
set -e
last=$(grep -E "^=*\s*[0-9]+ (passed|failed|error|errors|skipped)" "$LOGDIR/pytest.log" | tail -n 1 || true)
p_pass=$(grep -oE "[0-9]+ passed" <<<"$last" | cut -d' ' -f1 || true)
p_fail=$(grep -oE "[0-9]+ (failed|error|errors)" <<<"$last" | awk '{s+=$1} END {print s+0}' || true)
p_skip=$(grep -oE "[0-9]+ skipped" <<<"$last" | cut -d' ' -f1 || true)
passed=$((passed + ${p_pass:-0}))
if [[ $prc != 0 || ${p_skip:-0} != 0 ]]; then
  failed=$((failed + ${p_fail:-0} + ${p_skip:-0}))
  [[ $failed == 0 ]] && failed=1
fi

# Odoo's own hr tests with ctxh installed (scripts/test_odoo.sh: fresh database, the ctxh addons
# without demo data, then `-u hr` with hr's tests): ctxh must not break the modules it extends.
if [[ ${CTXH_ODOO_HR_TESTS:-1} == 1 && ,$CTXH_MODULES, == *,ctxh_case,* ]]; then
  echo "== Odoo's own hr tests with ctxh installed (log: $LOGDIR/odoo-hr-with-ctxh.log)"
  set +e
  hr_out=$(CTXH_ODOO_TEST_DB=${DB}_hr CTXH_SYSTEM_PACKAGES_CHECKED=1 "$ROOT/scripts/test_odoo.sh" hr 2>&1)
  hrc=$?
  set -e
  tail -n 15 <<<"$hr_out"
  hr_line=$(grep -E "^odoo hr \(with-ctxh\): " <<<"$hr_out" | tail -n 1 || true)
  h_run=$(sed -nE 's/.*, ([0-9]+) tests, ([0-9?]+) failed, ([0-9?]+) errors.*/\1/p' <<<"$hr_line")
  h_bad=$(sed -nE 's/.*, ([0-9]+) tests, ([0-9?]+) failed, ([0-9?]+) errors.*/\2 \3/p' <<<"$hr_line" \
    | awk '{print ($1 ~ /^[0-9]+$/ ? $1 : 1) + ($2 ~ /^[0-9]+$/ ? $2 : 1)}')
  passed=$((passed + ${h_run:-0} - ${h_bad:-0}))
  if [[ $hrc != 0 || -z $h_run ]]; then
    failed=$((failed + ${h_bad:-1}))
    [[ $failed == 0 ]] && failed=1
    echo "ctxh: Odoo's hr tests failed with ctxh installed"
  fi
fi

echo "ctxh: $passed passed, $failed failed"
[[ $failed == 0 ]]
