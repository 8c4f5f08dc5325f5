#!/usr/bin/env bash
# Regenerate i18n/<module>.pot with Odoo's exporter and merge new terms into i18n/vi.po
# (existing translations are kept; new ones are added untranslated, for you to translate).
#   scripts/i18n.sh [DB] [module,...]    DB must have the modules installed (default: ctxh_demo)
source "$(dirname "$0")/common.sh"
SRC=$(find_odoo_src)
DB=${1:-ctxh_demo}
MODS=${2:-$CTXH_MODULES}
for m in ${MODS//,/ }; do
  dir=$ROOT/addons/$m/i18n
  mkdir -p "$dir"
  odoo_bin "$SRC" -d "$DB" --i18n-export="$dir/$m.pot" --modules="$m" --language= --stop-after-init \
    --log-level=warn
  "$PY" - "$dir/$m.pot" "$dir/vi.po" "$m" "$SRC" <<'PYEOF'
import glob, os, sys, polib
pot_path, po_path, module, src = sys.argv[1:]
pot = polib.pofile(pot_path)
if os.path.exists(po_path):
    po = polib.pofile(po_path)
else:
    po = polib.POFile()
    po.metadata = {
        "Project-Id-Version": "Odoo Server 18.0",
        "Language": "vi",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "",
        "Plural-Forms": "nplurals=1; plural=0;",
    }
po.merge(pot)
# Terms that Odoo itself already translates (mail mixin fields, "Company", "Active", ...) take
# Odoo's own Vietnamese translation; everything else is left for a translator.
odoo_vi = {}
for name in ("base", "web", "mail", "resource", "hr", "account", "portal", "analytic", "contacts"):
    for path in glob.glob(os.path.join(src, "*", "addons", name, "i18n", "vi.po")) + glob.glob(
        os.path.join(src, "addons", name, "i18n", "vi.po")
    ):
        for entry in polib.pofile(path):
            if entry.msgstr and not entry.obsolete:
                odoo_vi.setdefault(entry.msgid, entry.msgstr)
for entry in po.untranslated_entries():
    if entry.msgid in odoo_vi:
        entry.msgstr = odoo_vi[entry.msgid]
po.header = f"Translation of Odoo Server.\nThis file contains the translation of the following modules:\n\t* {module}\n"
po.save(po_path)
untranslated = len(po.untranslated_entries())
print(f"{module}: {len(pot)} terms, {untranslated} untranslated in vi.po")
PYEOF
done
