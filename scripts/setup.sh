#!/usr/bin/env bash
# Create .venv (when missing) with what Odoo 18.0 and ctxh need. Idempotent and fast when done.
source "$(dirname "$0")/common.sh"

SRC=$(find_odoo_src)
PYTHON=${PYTHON:-python3}
venv_ready "$SRC" && exit 0
# psycopg2 builds from source: pg_config (libpq-dev), a C compiler and Python's headers (run.sh
# and test.sh have seen to it already, with their own packages, in one go)
if [[ ${CTXH_SYSTEM_PACKAGES_CHECKED:-0} != 1 ]]; then
  ensure_system_packages --or-warn build
fi

if [[ ! -x $PY ]]; then
  "$PYTHON" -c 'import sys; v=sys.version_info[:2]; sys.exit(0 if (3,10)<=v<=(3,12) else 1)' \
    || die "$PYTHON is $("$PYTHON" -V 2>&1); Odoo 18.0 needs Python 3.10 to 3.12 (set PYTHON=python3.x)."
  echo "ctxh: creating $VENV with $("$PYTHON" -V)"
  "$PYTHON" -m venv "$VENV"
fi

# Odoo's own requirements, adjusted to install on Python 3.10-3.12:
#  - cbor2 5.4.2 is an sdist that no longer builds: use 5.6.x (wheels);
#  - python-ldap needs libldap headers and only serves auth_ldap: left out.
reqs=$VENV/odoo-requirements.txt
sed -E -e 's/^cbor2==5\.4\.2/cbor2==5.6.5/' -e '/^python-ldap/d' "$SRC/requirements.txt" > "$reqs"
# pip's own notices about unreachable extra indexes are noise here: keep the rest of stderr.
pip_q() { "$PY" -m pip "$@" 2> >(grep -v "is ignored: it is neither a file nor a directory" >&2); }
pip_q install -q --upgrade pip wheel "setuptools<67"
pip_q install -q -r "$reqs"
pip_q install -q -r "$ROOT/requirements.txt" -r "$ROOT/requirements-dev.txt"

# OCA addons from PyPI declare a dependency on a distribution `odoo`: install them without
# dependencies into their own addons folder (their Python needs are in requirements.txt).
rm -rf "$OCA_DIR"
pip_q install -q --no-deps --target "$OCA_DIR" -r "$ROOT/requirements-oca.txt"

# Make `import odoo` work in the venv (pytest-odoo, scripts) without copying Odoo anywhere.
site=$("$PY" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
echo "$SRC" > "$site/ctxh-odoo-src.pth"
check_odoo_version
venv_wanted "$SRC" > "$VENV/.ctxh-setup"
echo "ctxh: environment ready in $VENV (Odoo at $SRC)"
