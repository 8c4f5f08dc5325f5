#!/usr/bin/env bash
# Screenshots of the main screens in Vietnamese (docs/screenshots/*.png, shown in README.md),
# taken by scripts/screenshots.py in headless Chromium as the demo user of each screen.
# Uses the demo server on http://127.0.0.1:$CTXH_PORT when one answers; otherwise prepares the
# demo database $CTXH_DB as `make run` does, serves it for the time of the screenshots and stops.
#   scripts/screenshots.sh [--only cases-kanban,case-form,...]
source "$(dirname "$0")/common.sh"
SRC=$(find_odoo_src)
DB=${CTXH_DB:-ctxh_demo}
PORT=${CTXH_PORT:-8069}
URL=http://127.0.0.1:$PORT

answers() {
  "$PY" - "$URL" <<'PYEOF'
import sys, requests
try:
    sys.exit(0 if requests.get(sys.argv[1] + "/web/login", timeout=5).ok else 1)
except requests.RequestException:
    sys.exit(1)
PYEOF
}

if ! answers; then
  # the demo database, created or upgraded as `make run` does (its server stops at once)
  CTXH_DB=$DB CTXH_PORT=$PORT "$ROOT/scripts/run.sh" --stop-after-init
  echo "ctxh: serving $DB on $URL for the screenshots"
  # odoo-bin itself in the background (not a shell function), so that its pid is the server's
  "$PY" "$SRC/odoo-bin" -c "$ROOT/odoo.conf" --addons-path="$(addons_path "$SRC")" --db_host="$DB_HOST" \
    --db_port="$DB_PORT" -d "$DB" --db-filter="^$DB\$" --http-port="$PORT" --max-cron-threads=0 --log-level=warn &
  server=$!
  trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null' EXIT
  for _ in $(seq 1 120); do answers && break; sleep 2; done
  answers || die "the demo server did not answer on $URL"
fi
"$PY" "$ROOT/scripts/screenshots.py" --url "$URL" --db "$DB" "$@"
