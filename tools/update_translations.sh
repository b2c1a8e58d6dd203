#!/usr/bin/env bash
# Extract the window's strings into the .ts files (lupdate) and compile them (lrelease).
#   ae_desktop_es.ts  Spanish: every string; new ones arrive unfinished, to translate
#                     (pyside6-linguist, or any editor), then run this again.
#   ae_desktop_en.ts  English plural forms only ("%n glyphs" -> "1 glyph").
# The .qm files are committed and shipped in the package; a test checks they are
# up to date. Run from anywhere; uses pyside6-lupdate/-lrelease beside the python given
# by $PYTHON (default: the venv's, else python3).
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-$([ -x .venv/bin/python ] && echo .venv/bin/python || echo python3)}
BIN=$(dirname "$("$PYTHON" -c 'import sys; print(sys.executable)')")
I18N=ae_desktop/resources/i18n
mapfile -t SOURCES < <(find ae_desktop -name '*.py' | LC_ALL=C sort)
"$BIN/pyside6-lupdate" -locations none -no-obsolete -target-language es "${SOURCES[@]}" \
    -ts "$I18N/ae_desktop_es.ts"
"$BIN/pyside6-lupdate" -locations none -no-obsolete -pluralonly -target-language en \
    "${SOURCES[@]}" -ts "$I18N/ae_desktop_en.ts"
for ts in "$I18N"/ae_desktop_*.ts; do
    "$BIN/pyside6-lrelease" -silent "$ts" -qm "${ts%.ts}.qm"
done
