#!/usr/bin/env bash
# Package dist/ae-desktop/ (from packaging/build.sh) as dist/ae-desktop_VERSION_ARCH.deb:
# the bundle in /opt/ae-desktop, /usr/bin/ae-desktop, a menu entry and hicolor icons.
# Usage: packaging/build_deb.sh VERSION
set -euo pipefail
cd "$(dirname "$0")/.."
VERSION=${1:?usage: build_deb.sh VERSION}
ARCH=$(dpkg --print-architecture)
[ -x dist/ae-desktop/ae-desktop ] || { echo "build_deb.sh: run packaging/build.sh first" >&2; exit 1; }

ROOT=build/deb/ae-desktop
rm -rf "$ROOT"
mkdir -p "$ROOT/DEBIAN" "$ROOT/opt" "$ROOT/usr/bin" "$ROOT/usr/share/applications" \
         "$ROOT/usr/share/icons/hicolor/scalable/apps"
cp -a dist/ae-desktop "$ROOT/opt/ae-desktop"
ln -s /opt/ae-desktop/ae-desktop "$ROOT/usr/bin/ae-desktop"
install -m 644 resources/ae-desktop.desktop "$ROOT/usr/share/applications/"
install -m 644 resources/ae-desktop.svg "$ROOT/usr/share/icons/hicolor/scalable/apps/"
for png in resources/icons/ae-desktop-*.png; do
    size=${png##*-}; size=${size%.png}
    install -D -m 644 "$png" "$ROOT/usr/share/icons/hicolor/${size}x${size}/apps/ae-desktop.png"
done

cat > "$ROOT/DEBIAN/control" <<EOF
Package: ae-desktop
Version: $VERSION
Architecture: $ARCH
Maintainer: ae-desktop developers <ae-desktop@localhost>
Installed-Size: $(du -sk --exclude=DEBIAN "$ROOT" | cut -f1)
Depends: libc6, libegl1, libgl1, libfontconfig1, libdbus-1-3, libglib2.0-0, libxkbcommon-x11-0, libxcb-cursor0, libxcb-icccm4, libxcb-keysyms1, libxcb-shape0
Section: science
Priority: optional
Description: learn how autoencoders work by touching them
 A desktop app to train autoencoders on small pixel glyphs: a pixel editor,
 a live loss curve and a latent plane to decode points from.
EOF
# Menu and icon caches: refresh them where the tools exist, never fail without them.
for script in postinst postrm; do
    cat > "$ROOT/DEBIAN/$script" <<'EOF'
#!/bin/sh
set -e
if [ -f /usr/share/icons/hicolor/index.theme ] && command -v gtk-update-icon-cache >/dev/null; then
    gtk-update-icon-cache -q -f /usr/share/icons/hicolor || true
fi
if command -v update-desktop-database >/dev/null; then
    update-desktop-database -q /usr/share/applications || true
fi
EOF
    chmod 755 "$ROOT/DEBIAN/$script"
done
# The kernels, compiled once for this machine (about half a minute on 2 cores): each
# user's first launch copies them instead of compiling (ae_desktop/kernel_cache.py). The
# folder is this package's own: a new version replaces it; a failure only means the first
# launch compiles.
cat >> "$ROOT/DEBIAN/postinst" <<'EOF'
if [ "$1" = configure ]; then
    rm -rf /var/cache/ae-desktop
    echo "ae-desktop: compiling its kernels for this machine (about 30 s)..."
    /opt/ae-desktop/ae-desktop --install-kernels >/dev/null \
        || echo "ae-desktop: kernels not compiled now; the first launch compiles them" >&2
fi
EOF
# Bytecode Python may have cached beside the bundle and the machine's kernels go with it;
# user files (and each user's kernel cache) stay.
cat >> "$ROOT/DEBIAN/postrm" <<'EOF'
if [ "$1" = remove ] || [ "$1" = purge ]; then
    rm -rf /opt/ae-desktop /var/cache/ae-desktop
fi
EOF

DEB="dist/ae-desktop_${VERSION}_${ARCH}.deb"
dpkg-deb --root-owner-group -Zgzip --build "$ROOT" "$DEB" >/dev/null
echo "build_deb.sh: $DEB"
