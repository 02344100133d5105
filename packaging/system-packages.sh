#!/usr/bin/env bash
# The Debian/Ubuntu packages the app (and, with "test", the test suite) needs beyond Python: Qt's
# runtime libraries, a font fallback, and for the tests PostgreSQL and the desktop-file validators.
# Installs what is missing when it can (root, or sudo without a password); otherwise prints the one
# command to run and stops. On a system without dpkg it does nothing (install Qt's libraries your way).
set -euo pipefail

RUN_PACKAGES=(libgl1 libegl1 libx11-6 libdbus-1-3 libfontconfig1 libfreetype6 libglib2.0-0
              libxkbcommon0 fonts-dejavu-core)
TEST_PACKAGES=(postgresql desktop-file-utils appstream)

wanted=("${RUN_PACKAGES[@]}")
[ "${1:-run}" = "test" ] && wanted+=("${TEST_PACKAGES[@]}")

command -v dpkg-query >/dev/null 2>&1 || exit 0
missing=()
for p in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

install=(apt-get install -y -qq --no-install-recommends "${missing[@]}")
if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  sudo=(sudo)
else
  echo "annotator needs these system packages: ${missing[*]}" >&2
  echo "Install them with:" >&2
  echo "  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
  echo "then run the same make command again." >&2
  exit 1
fi
echo "installing system packages: ${missing[*]}"
"${sudo[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" "${install[@]}"
