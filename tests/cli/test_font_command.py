"""``ae-desktop font``: the file written per extension, the summary with skipped labels,
reconstructions of a model, one-line errors with exit 2, atomic saves."""

import io
import json
import subprocess
import sys

import numpy as np
import pytest
from fontTools.ttLib import TTFont

from ae_desktop.cli import main
from ae_desktop.data import bundled_font, save_glyph_set
from ae_desktop.data.glyph_set import GlyphSet
from ae_desktop.data.glyph_set_npz import save_glyph_set_npz


def test_bundled_font_to_ttf_with_a_summary(tmp_path, capsys):
    out = tmp_path / "three.ttf"
    assert main(["font", "font3", "--out", str(out), "--name", "Three"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines == [
        "wrote three.ttf: 31 glyphs of font3, family 'Three'",
        "skipped 1 label (not one character, or repeated): DEL",
    ]
    font = TTFont(io.BytesIO(out.read_bytes()))
    assert set(font.getBestCmap()) == {ord(ch) for ch in bundled_font("font3").labels[:31]}
    assert font["name"].getDebugName(1) == "Three"


def test_json_and_archive_sources_and_bdf_otf(tmp_path, capsys):
    glyphs = GlyphSet("mine", 3, 2, ["Ñ", "?", "DEL"], np.full((3, 2, 3), 0.6))
    save_glyph_set(glyphs, tmp_path / "mine.json")
    save_glyph_set_npz(glyphs, tmp_path / "mine.npz")
    assert main(["font", str(tmp_path / "mine.json"), "--out", str(tmp_path / "m.bdf")]) == 0
    bdf = (tmp_path / "m.bdf").read_text()
    assert "ENCODING 209\n" in bdf and "FONTBOUNDINGBOX 3 2 0 0" in bdf and "E0\nE0\n" in bdf
    assert main(["font", str(tmp_path / "mine.npz"), "--out", str(tmp_path / "m.otf")]) == 0
    assert TTFont(tmp_path / "m.otf")["name"].getDebugName(1) == "mine"
    assert capsys.readouterr().out.count("skipped 1 label") == 2


def test_reconstructions_of_a_model(tmp_path, capsys, model_file):
    out = tmp_path / "r.bdf"
    assert main(["font", "font3", "--reconstruct", str(model_file), "--out", str(out)]) == 0
    assert "31 reconstructions of font3" in capsys.readouterr().out
    assert out.read_text().count("STARTCHAR") == 31


@pytest.mark.parametrize(
    "argv, message",
    [
        (["font", "font3", "--out", "x.woff"], "unknown font format '.woff'"),
        (["font", "font3", "--out", "x"], "unknown font format 'x'"),
        (["font", "font3", "--out", "/nonexistent/x.ttf"], "cannot write font file"),
        (["font", "font3", "--out", "x.ttf", "--name", " "], "family name"),
        (["font", "circles", "--out", "x.ttf"], "set of curves"),
        (["font", "nope.json", "--out", "x.ttf"], "not found"),
        (["font", "nope.npz", "--out", "x.ttf"], "nope.npz"),
        (["font", "font3", "--out", "x.ttf", "--reconstruct", "nope.npz"], "nope.npz"),
    ],
)
def test_bad_input_is_one_line(run_fails, tmp_path, monkeypatch, argv, message):
    monkeypatch.chdir(tmp_path)
    assert message in run_fails(argv)
    assert list(tmp_path.iterdir()) == []


def test_no_exportable_glyph_and_a_wrong_model(run_fails, tmp_path, model_file):
    (tmp_path / "w.json").write_text(
        json.dumps(
            {"name": "w", "width": 1, "height": 1, "glyphs": [{"label": "DEL", "pixels": [[1]]}]}
        )
    )
    assert "no glyph labelled with a single character" in run_fails(
        ["font", str(tmp_path / "w.json"), "--out", str(tmp_path / "w.ttf")]
    )
    assert "takes 35 inputs" in run_fails(
        ["font", str(tmp_path / "w.json"), "--reconstruct", str(model_file), "--out", "w.ttf"]
    )


def test_a_failed_save_keeps_the_old_file(run_fails, tmp_path, monkeypatch):
    out = tmp_path / "f.ttf"
    out.write_bytes(b"old font")

    def full(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("ae_desktop.safe_io.atomic.os.replace", full)
    assert "No space left on device" in run_fails(["font", "font1", "--out", str(out)])
    assert out.read_bytes() == b"old font" and list(tmp_path.iterdir()) == [out]


def test_the_installed_command_exits_2(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "ae_desktop", "font", "font1", "--out", str(tmp_path / "a.png")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2 and done.stderr.count("\n") == 1
    assert done.stderr.startswith("ae-desktop: error: unknown font format '.png'")
