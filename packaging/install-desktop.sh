#!/usr/bin/env bash
# Install the menu entry, icon and AppStream metadata for the current user (XDG directories).
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=${XDG_DATA_HOME:-$HOME/.local/share}
BIN=${ANNOTATOR_BIN:-$(pwd)/.venv/bin/annotator}
[ -x "$BIN" ] || { echo "install-desktop: $BIN is not an executable (run make run once, or set ANNOTATOR_BIN)" >&2; exit 1; }
ID=io.github.annotator.Annotator
install -Dm644 resources/icons/annotator.svg "$DATA/icons/hicolor/scalable/apps/$ID.svg"
install -Dm644 packaging/$ID.metainfo.xml "$DATA/metainfo/$ID.metainfo.xml"
install -d "$DATA/applications"
sed "s|^Exec=annotator|Exec=$BIN|" packaging/$ID.desktop > "$DATA/applications/$ID.desktop"
command -v update-desktop-database >/dev/null && update-desktop-database "$DATA/applications" || true
echo "installed $DATA/applications/$ID.desktop (runs $BIN)"
