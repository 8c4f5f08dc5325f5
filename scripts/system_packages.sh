# System packages the ctxh scripts need, installed with apt where the user may (sourced).
# shellcheck shell=bash
#
#   ensure_system_packages [--or-warn] NEED...
#       NEED: build (compile psycopg2 into the venv), run (serve the demo), test (the suite)
#
# Prints what it installs and why; installs as root or with `sudo -n` (sudo without a
# password), with at most one `apt-get update`, and only when something is missing. Where it
# cannot install, it stops with the exact command to run (--or-warn: it says so and goes on,
# for what one can do without, e.g. serving the demo without PDF reports).
#
# Everything it asks the system goes through the sp_* functions below, so that a test can
# replace them (tests/test_system_packages.py): sp_have COMMAND, sp_have_file PATH,
# sp_uid, sp_can_sudo, sp_os_id, sp_python_info PYTHON, sp_apt_lists_present, sp_run COMMAND...
# CTXH_SYSTEM_PACKAGES_DRY_RUN=1 prints the apt commands instead of running them.

sp_have() { command -v "$1" >/dev/null 2>&1; }
sp_have_file() { [[ -e $1 ]]; }
sp_uid() { id -u; }
sp_can_sudo() { sp_have sudo && sudo -n true >/dev/null 2>&1; }
# "debian", "ubuntu", ... from /etc/os-release (ID, or the first of ID_LIKE we know)
sp_os_id() {
  local id="" like=""
  if [[ -r /etc/os-release ]]; then
    id=$(. /etc/os-release && echo "${ID:-}")
    like=$(. /etc/os-release && echo "${ID_LIKE:-}")
  fi
  case " $id $like " in
    *" ubuntu "*) echo ubuntu ;;
    *" debian "*) echo debian ;;
    *) echo "${id:-unknown}" ;;
  esac
}
# "<include dir> <version> <prefix> <has venv: 1/0>" of a Python, nothing when it cannot run
sp_python_info() {
  "$1" - 2>/dev/null <<'PYEOF'
import importlib.util, sys, sysconfig
venv = importlib.util.find_spec("ensurepip") is not None and importlib.util.find_spec("venv") is not None
print(sysconfig.get_paths()["include"], "%d.%d" % sys.version_info[:2], sys.base_prefix, int(venv))
PYEOF
}
sp_run() {
  if [[ ${CTXH_SYSTEM_PACKAGES_DRY_RUN:-0} == 1 ]]; then
    echo "ctxh: would run: $*"
  else
    "$@"
  fi
}

# Print "package<TAB>why" for every missing package of the given needs (each package once).
system_packages_missing() {
  local need out="" info inc ver prefix venv
  _sp_add() { [[ $'\n'$out == *$'\n'"$1"$'\t'* ]] || out+="$1"$'\t'"$2"$'\n'; }
  for need in "$@"; do
    case $need in
      build)
        sp_have pg_config || _sp_add libpq-dev "pg_config and libpq, to build psycopg2 (the PostgreSQL driver) in the venv"
        sp_have gcc || _sp_add gcc "C compiler, to build psycopg2 in the venv"
        info=$(sp_python_info "${PYTHON:-python3}") || info=""
        if [[ -n $info ]]; then
          read -r inc ver prefix venv <<<"$info"
          # Only a system Python (/usr) gets these from apt; other builds ship them.
          if [[ $prefix == /usr ]]; then
            sp_have_file "$inc/Python.h" \
              || _sp_add "python$ver-dev" "Python $ver headers, to build psycopg2 in the venv"
            [[ $venv == 1 ]] || _sp_add "python$ver-venv" "Python $ver's venv module, to create the venv"
          fi
        fi
        ;;
      run)
        sp_have wkhtmltopdf || _sp_add wkhtmltopdf "prints Odoo's PDF reports (receipts, certificates, disclosures)"
        ;;
      test)
        if ! sp_have chromium && ! sp_have chromium-browser && ! sp_have google-chrome \
          && ! sp_have google-chrome-stable; then
          if [[ $(sp_os_id) == ubuntu ]]; then
            _sp_add chromium-browser "headless browser for the UI tours (Odoo skips them without one)"
          else
            _sp_add chromium "headless browser for the UI tours (Odoo skips them without one)"
          fi
        fi
        sp_have wkhtmltopdf || _sp_add wkhtmltopdf "prints the PDF reports that the tests read back"
        sp_have soffice || _sp_add libreoffice-calc-nogui "converts the generated xlsx reports to PDF to check them"
        sp_have pdftotext || _sp_add poppler-utils "pdftotext, with which the tests read the PDF reports"
        sp_have zbarimg || _sp_add zbar-tools "zbarimg, with which the tests read the VietQR payment codes back from their images"
        ;;
      *)
        echo "ctxh: unknown system package need '$need'" >&2
        unset -f _sp_add
        return 2
        ;;
    esac
  done
  unset -f _sp_add
  printf '%s' "$out"
}

# Are apt's package lists there (a fresh container has none)?
sp_apt_lists_present() { compgen -G "/var/lib/apt/lists/*_Packages*" >/dev/null; }

# Stop (exit 1), or with --or-warn say that we go on without the packages.
_sp_give_up() {
  if [[ $1 == 1 ]]; then
    echo "ctxh: going on without them." >&2
  else
    exit 1
  fi
}

ensure_system_packages() {
  local missing pkgs="" pkg why sudo="" how="" warn=0
  if [[ ${1:-} == --or-warn ]]; then
    warn=1
    shift
  fi
  missing=$(system_packages_missing "$@") || exit $?
  [[ -z $missing ]] && return 0
  while IFS=$'\t' read -r pkg why; do pkgs+=" $pkg"; done <<<"$missing"
  pkgs=${pkgs# }
  if sp_have apt-get; then
    if [[ $(sp_uid) == 0 ]]; then
      how=root
    elif sp_can_sudo; then
      how=sudo
      sudo="sudo -n"
    fi
  fi
  local cmd="apt-get update && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y $pkgs"
  if [[ -z $how ]]; then
    {
      echo "ctxh: these system packages are missing (Debian/Ubuntu names):"
      while IFS=$'\t' read -r pkg why; do echo "  $pkg: $why"; done <<<"$missing"
      if sp_have apt-get; then
        echo "  Installing them needs root (or sudo without a password). Run, then try again:"
        echo "    sudo $cmd"
      else
        echo "  This system has no apt-get: install the equivalent packages with its package manager."
      fi
    } >&2
    _sp_give_up $warn
    return 0
  fi
  echo "ctxh: installing system packages with apt-get${sudo:+ through sudo} (a few minutes the first time):"
  while IFS=$'\t' read -r pkg why; do echo "  $pkg: $why"; done <<<"$missing"
  # At most one `apt-get update`: first when there are no package lists (fresh container),
  # otherwise only when the install fails on outdated lists.
  local updated=0
  if ! sp_apt_lists_present; then
    if ! sp_run $sudo apt-get update -qq; then
      echo "ctxh: apt-get update failed; run: sudo $cmd" >&2
      _sp_give_up $warn
      return 0
    fi
    updated=1
  fi
  # shellcheck disable=SC2086  # $sudo and $pkgs are lists of words
  if ! sp_run $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $pkgs; then
    if [[ $updated == 1 ]] || ! sp_run $sudo apt-get update -qq \
      || ! sp_run $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $pkgs; then
      echo "ctxh: installing $pkgs failed; run: sudo $cmd" >&2
      _sp_give_up $warn
      return 0
    fi
  fi
  if [[ ${CTXH_SYSTEM_PACKAGES_DRY_RUN:-0} == 1 ]]; then
    echo "ctxh: dry run, nothing installed"
  else
    echo "ctxh: system packages installed: $pkgs"
  fi
}
