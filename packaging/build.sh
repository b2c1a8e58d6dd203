#!/usr/bin/env bash
# Build the one-folder app in dist/ae-desktop/, its .tar.gz and (where dpkg-deb exists) a .deb.
# Uses only PyPI (a private venv in build/venv) and, for missing Qt runtime libraries,
# Debian packages. Safe to run again; run as root or a user (apt installs need root).
set -euo pipefail
cd "$(dirname "$0")/.."

# Libraries Qt's GUI and xcb platform plugin load; PyInstaller bundles those it finds.
QT_RUNTIME_DEBS=(libegl1 libgl1 libfontconfig1 libdbus-1-3 libglib2.0-0 libxkbcommon-x11-0
                 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0)

install_missing_debs() {
    local missing=()
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" \
            || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
        echo "build.sh: warning: not installed: ${missing[*]} (needs root and apt-get)" >&2
        return 0
    fi
    echo "build.sh: apt-get install ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        "${missing[@]}" >/dev/null
}

if command -v dpkg-query >/dev/null; then
    install_missing_debs "${QT_RUNTIME_DEBS[@]}"
    python3 -c "import ensurepip" 2>/dev/null || install_missing_debs python3-venv
fi

[ -x build/venv/bin/python ] || python3 -m venv build/venv
build/venv/bin/pip install --quiet --disable-pip-version-check ".[package]"
# The translations (.ts -> .qm, as tools/update_translations.sh compiles them; the same
# pinned PySide6 gives the committed bytes), then the package again with them.
for ts in ae_desktop/resources/i18n/ae_desktop_*.ts; do
    build/venv/bin/pyside6-lrelease -silent "$ts" -qm "${ts%.ts}.qm"
done
build/venv/bin/pip install --quiet --disable-pip-version-check --no-deps --force-reinstall .
build/venv/bin/pyinstaller --noconfirm --log-level WARN \
    --distpath dist --workpath build/pyinstaller packaging/ae-desktop.spec

VERSION=$(build/venv/bin/python -c "from importlib.metadata import version; print(version('ae-desktop'))")
ARCH=$(uname -m)
rm -f dist/ae-desktop-*.tar.gz dist/ae-desktop_*.deb  # artifacts of earlier versions
tar -C dist -czf "dist/ae-desktop-$VERSION-linux-$ARCH.tar.gz" ae-desktop
echo "build.sh: dist/ae-desktop/ and dist/ae-desktop-$VERSION-linux-$ARCH.tar.gz"

if command -v dpkg-deb >/dev/null; then
    packaging/build_deb.sh "$VERSION"
else
    echo "build.sh: dpkg-deb not found, no .deb built" >&2
fi
