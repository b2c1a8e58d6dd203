"""The shipped translations are up to date: every string the code marks for translation
is in the .ts files, every Spanish one is translated, and each committed .qm is what
lrelease makes of its .ts (tools/update_translations.sh regenerates them)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import ae_desktop

PACKAGE = Path(ae_desktop.__file__).resolve().parent
I18N = PACKAGE / "resources" / "i18n"
BIN = Path(sys.executable).parent


def tool(name: str) -> str:
    path = shutil.which(f"pyside6-{name}", path=str(BIN)) or shutil.which(f"pyside6-{name}")
    if path is None:
        pytest.skip(f"pyside6-{name} is not installed")
    return path


def messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    return {
        (context.findtext("name"), message.findtext("source")): message
        for context in ET.parse(ts).getroot().iter("context")
        for message in context.iter("message")
    }


@pytest.mark.parametrize("language", ["es", "en"])
def test_the_ts_holds_every_string_of_the_code(language, tmp_path):
    fresh = tmp_path / f"ae_desktop_{language}.ts"
    sources = sorted(str(p) for p in PACKAGE.rglob("*.py"))
    only = ["-pluralonly"] if language == "en" else []
    subprocess.run(
        [tool("lupdate"), "-silent", "-locations", "none", "-no-obsolete", *only, *sources]
        + ["-ts", str(fresh)],
        check=True,
        timeout=120,
    )
    committed = messages(I18N / fresh.name)
    assert set(messages(fresh)) == set(committed), "run tools/update_translations.sh"
    unfinished = [key for key, m in committed.items() if m.find("translation").get("type")]
    assert unfinished == [], "translate these (tools/fill_translations.py)"


@pytest.mark.parametrize("language", ["es", "en"])
def test_the_committed_qm_is_lrelease_of_the_ts(language, tmp_path):
    qm = tmp_path / "out.qm"
    ts = I18N / f"ae_desktop_{language}.ts"
    subprocess.run([tool("lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True, timeout=60)
    assert qm.read_bytes() == (I18N / f"ae_desktop_{language}.qm").read_bytes()


def test_spanish_plurals_and_placeholders_survive_translation():
    for (context, source), message in messages(I18N / "ae_desktop_es.ts").items():
        forms = message.findall("translation/numerusform")
        texts = [f.text or "" for f in forms] or [message.findtext("translation")]
        for text in texts:
            for field in ("{0}", "{1}", "{2}", "%n", "%Ln", "%v", "%m"):
                assert (field in source) == (field in text), (context, source, text)
