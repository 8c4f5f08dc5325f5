# Shared settings for the ctxh scripts (sourced, not executed).
# shellcheck shell=bash
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VENV=${VENV:-$ROOT/.venv}
PY=$VENV/bin/python
OCA_DIR=$VENV/oca
export CTXH_MODULES=${CTXH_MODULES:-ctxh_case,ctxh_volunteer,ctxh_donation,ctxh_reporting}
DB_HOST=${PGHOST:-127.0.0.1}
DB_PORT=${PGPORT:-5432}
export TZ=UTC
# shellcheck source=scripts/system_packages.sh
source "$ROOT/scripts/system_packages.sh"

die() { echo "ctxh: $*" >&2; exit 1; }

# Locate the Odoo 18.0 source tree: $ODOO_SRC, or the tree `import odoo` finds in the venv
# (or in the chosen Python when the venv does not exist yet).
find_odoo_src() {
  if [[ -n ${ODOO_SRC:-} ]]; then
    [[ -f $ODOO_SRC/odoo/release.py ]] || die "ODOO_SRC=$ODOO_SRC is not an Odoo source tree (no odoo/release.py)."
    echo "$ODOO_SRC"; return
  fi
  local py src
  for py in "$PY" "${PYTHON:-python3}"; do
    command -v "$py" >/dev/null 2>&1 || [[ -x $py ]] || continue
    src=$("$py" -c 'import os, odoo; print(os.path.dirname(os.path.dirname(os.path.abspath(odoo.__file__))))' 2>/dev/null) || continue
    if [[ -n $src && -f $src/odoo/release.py ]]; then echo "$src"; return; fi
  done
  cat >&2 <<'MSG'
ctxh: no Odoo 18.0 found.
  Set ODOO_SRC to an Odoo 18.0 Community source tree, for example:
    git clone --depth 1 --branch 18.0 https://github.com/odoo/odoo.git ~/src/odoo-18.0
    export ODOO_SRC=~/src/odoo-18.0
  or unpack the official 18.0 nightly source tarball and point ODOO_SRC at it,
  or use a Python in which `import odoo` (18.0) already works.
MSG
  exit 1
}

check_odoo_version() {
  local v
  v=$("$PY" -c 'import odoo.release as r; print(r.serie)' 2>/dev/null) || die "cannot import odoo with $PY"
  [[ $v == 18.0 ]] || die "Odoo $v found; ctxh needs Odoo 18.0."
}

# The venv is ready when its stamp matches Odoo's and ctxh's requirements and setup.sh.
venv_wanted() {
  echo "$(cat "$1/requirements.txt" "$ROOT/requirements.txt" "$ROOT/requirements-dev.txt" \
    "$ROOT/requirements-oca.txt" "$ROOT/scripts/setup.sh" | sha1sum | cut -c1-40)-$1"
}
venv_ready() {
  [[ -x $PY && -f $VENV/.ctxh-setup && $(cat "$VENV/.ctxh-setup") == "$(venv_wanted "$1")" ]]
}

addons_path() {
  local src=$1 oca=""
  [[ -d $OCA_DIR/odoo/addons ]] && oca=",$OCA_DIR/odoo/addons"
  echo "$src/odoo/addons,$src/addons,$ROOT/addons$oca"
}

check_postgres() {
  if ! "$PY" - "$DB_HOST" "$DB_PORT" <<'PYEOF' 2>/tmp/ctxh-pg-$$.err
import sys, psycopg2
psycopg2.connect(host=sys.argv[1], port=sys.argv[2], dbname="postgres", connect_timeout=5).close()
PYEOF
  then
    cat >&2 <<MSG
ctxh: PostgreSQL does not answer on $DB_HOST:$DB_PORT as user ${PGUSER:-$USER}:
$(cat /tmp/ctxh-pg-$$.err | tail -n 2)
  Start it (Debian/Ubuntu):  sudo pg_ctlcluster 15 main start   (or: sudo systemctl start postgresql)
  Create your role once:     sudo -u postgres createuser -s "\$USER"
  Odoo refuses to run as the 'postgres' role; set PGUSER/PGHOST/PGPORT to use another server.
MSG
    rm -f /tmp/ctxh-pg-$$.err
    exit 1
  fi
  rm -f /tmp/ctxh-pg-$$.err
}

odoo_bin() {
  local src=$1; shift
  "$PY" "$src/odoo-bin" -c "$ROOT/odoo.conf" --addons-path="$(addons_path "$src")" \
    --db_host="$DB_HOST" --db_port="$DB_PORT" "$@"
}

# scripts/ctxh_db.py with odoo-bin's database and addons options: ctxh_db SRC COMMAND DB [ARGS...]
ctxh_db() {
  local src=$1 command=$2 db=$3; shift 3
  "$PY" "$ROOT/scripts/ctxh_db.py" "$command" "$db" "$@" -c "$ROOT/odoo.conf" \
    --addons-path="$(addons_path "$src")" --db_host="$DB_HOST" --db_port="$DB_PORT"
}

drop_db() {
  "$PY" - "$DB_HOST" "$DB_PORT" "$1" <<'PYEOF' || true
import sys, psycopg2
conn = psycopg2.connect(host=sys.argv[1], port=sys.argv[2], dbname="postgres")
conn.autocommit = True
conn.cursor().execute('DROP DATABASE IF EXISTS "%s" WITH (FORCE)' % sys.argv[3])
PYEOF
  rm -rf "${HOME}/.local/share/Odoo/filestore/$1"
}
