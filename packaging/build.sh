#!/usr/bin/env bash
# Build the one-folder app with PyInstaller and smoke-test it: the built program starts offscreen on a
# fresh database, loads the seed article, and exits cleanly when asked to.
#   bash packaging/build.sh            (make package runs it)
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
"$PY" -m pip install -q "pyinstaller>=6" >/dev/null
rm -rf dist/annotator build/pyinstaller
# Compiled translations are build output: made here, not kept in git.
"$(dirname "$PY")/pyside6-lrelease" resources/translations/annotator_ar.ts -qm resources/translations/annotator_ar.qm
"$PY" -m PyInstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller \
    packaging/annotator.spec
APP=dist/annotator/annotator
echo "built $APP ($(du -sh dist/annotator | cut -f1))"

smoke=$(mktemp -d)
trap 'rm -rf "$smoke"' EXIT
export ANNOTATOR_DB="$smoke/fresh.db" ANNOTATOR_USER=smoke ANNOTATOR_LOG_DIR="$smoke/logs" \
       XDG_CONFIG_HOME="$smoke/config" QT_QPA_PLATFORM=offscreen
"$APP" --version
timeout 120 "$APP" --quit-after 2000
timeout 120 "$APP" --lang ar --quit-after 1500  # the Arabic interface, from the compiled translation
stats=$("$APP" stats --json)
echo "$stats" | "$PY" -c 'import json, sys; s = json.load(sys.stdin); assert s["documents"] == 1, s; print("smoke test: the seed article is loaded")'
"$APP" export --format jsonl --out "$smoke/out.jsonl" >/dev/null
grep -q "الفصائل المسلحة" "$smoke/out.jsonl"
echo "smoke test passed"
