#!/usr/bin/env bash
# Install dist/ae-desktop_*.deb into this system, self-test the installed app, purge the
# package and check that none of its files is left. Needs root; CI runs it.
set -euo pipefail
cd "$(dirname "$0")/.."
DEB=$(ls dist/ae-desktop_*.deb)
if [ "$(dpkg-query -W -f='${db:Status-Status}' ae-desktop 2>/dev/null)" = installed ]; then
    echo "check_deb.sh: ae-desktop is already installed here; not touching it" >&2
    exit 1
fi
FILES=$(dpkg-deb -c "$DEB" | awk '$1 !~ /^d/ {print substr($6, 2)}')

trap 'dpkg -P ae-desktop >/dev/null 2>&1 || true' EXIT  # never leave it installed
dpkg -i "$DEB" >/dev/null
if command -v desktop-file-validate >/dev/null; then
    desktop-file-validate /usr/share/applications/ae-desktop.desktop
fi
/usr/bin/ae-desktop --self-test
# the install compiled the kernels: a new user's first run loads them (no compile notice)
ls /var/cache/ae-desktop/numba/*/*/*.nbi >/dev/null
FRESH=$(mktemp -d)
env -u NUMBA_CACHE_DIR XDG_CACHE_HOME="$FRESH" /usr/bin/ae-desktop train --dataset font3 2>"$FRESH/err"
if grep -qi "compiling kernels" "$FRESH/err"; then
    echo "check_deb.sh: a new user's first run compiled kernels the install had compiled" >&2
    exit 1
fi
rm -rf "$FRESH"
dpkg -P ae-desktop >/dev/null

left=$(for f in $FILES /opt/ae-desktop /var/cache/ae-desktop; do [ -e "$f" ] || [ -L "$f" ] && echo "$f"; done || true)
if [ -n "$left" ]; then
    echo "check_deb.sh: left behind after dpkg -P:" >&2
    echo "$left" | head -20 >&2
    exit 1
fi
echo "check_deb.sh: installed, self-tested and purged $DEB; nothing left behind"
