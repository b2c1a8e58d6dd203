"""Outputs of the command line (issues 17 and 19): checked before training, the model
saved before the JSON, every file written atomically, terminal text escaped."""

import errno
import json
import os
import stat
import subprocess
import sys

import numpy as np
import pytest

from ae_desktop.cli import main
from ae_desktop.commands import model_tools, train
from ae_desktop.data import GlyphSet, bundled_font, save_glyph_set
from ae_desktop.engine.persistence import load_model

TINY = ["train", "--dataset", "font3", "--arch", "35-4-2", "--epochs", "5", "--quiet"]


@pytest.fixture
def no_training(monkeypatch):
    """Training fails the test: outputs must be refused before it starts."""

    def refuse(*args, **kwargs):
        raise AssertionError("trained before checking the outputs")

    monkeypatch.setattr(train, "TrainingRun", refuse)


@pytest.mark.parametrize("flag, what", [("--save", "model file"), ("--json", "JSON file")])
def test_empty_output_names_exit_2(run_fails, no_training, flag, what):
    assert f"cannot write {what} '': empty file name" in run_fails([*TINY, flag, ""])


def test_unwritable_outputs_are_refused_before_training(run_fails, tmp_path, no_training):
    os.mkfifo(tmp_path / "pipe.json")
    assert "it is a FIFO (named pipe), not a regular file" in run_fails(
        [*TINY, "--json", str(tmp_path / "pipe.json")]
    )
    assert "it is a folder, not a regular file" in run_fails([*TINY, "--save", str(tmp_path)])
    assert "does not exist" in run_fails(
        [*TINY, "--save", str(tmp_path / "m.npz"), "--json", str(tmp_path / "no/o.json")]
    )
    assert stat.S_ISFIFO(os.lstat(tmp_path / "pipe.json").st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe.json"]


@pytest.mark.skipif(os.geteuid() != 0, reason="making a device node needs root")
def test_save_onto_a_device_is_refused(run_fails, tmp_path, no_training):
    device = tmp_path / "full"
    os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 7))  # a copy of /dev/full
    assert "it is a device, not a regular file" in run_fails([*TINY, "--save", str(device)])
    assert stat.S_ISCHR(os.lstat(device).st_mode)


def test_a_failed_json_write_keeps_the_model_and_the_old_json(run_fails, tmp_path, monkeypatch):
    model, result = tmp_path / "m.npz", tmp_path / "out.json"
    result.write_text('{"old": true}\n')
    real_fsync = os.fsync

    def disk_full_after_the_model(fd):
        if model.exists() and stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(errno.ENOSPC, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", disk_full_after_the_model)
    line = run_fails([*TINY, "--save", str(model), "--json", str(result)])
    assert "cannot write JSON file" in line and "No space left on device" in line
    assert load_model(model)[0].arch.text == "35-4-2-4-35"
    assert json.loads(result.read_text()) == {"old": True}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.npz", "out.json"]


def test_outputs_get_0644_less_the_umask_and_spare_other_files(tmp_path):
    (tmp_path / ".precious.notes.tmp").write_text("mine")
    (tmp_path / ".m.npz.x.tmp").write_text("mine too")
    old = os.umask(0o022)
    try:
        assert (
            main([*TINY, "--save", str(tmp_path / "m.npz"), "--json", str(tmp_path / "o.json")])
            == 0
        )
    finally:
        os.umask(old)
    for name in ("m.npz", "o.json"):
        assert stat.S_IMODE(os.stat(tmp_path / name).st_mode) == 0o644
    assert (tmp_path / ".precious.notes.tmp").read_text() == "mine"
    assert (tmp_path / ".m.npz.x.tmp").read_text() == "mine too"


HOSTILE = ["\x1b[2J", "\x1b]0;pwned\x07", "a\rb", "\u202eevil", "ok"]


def test_labels_are_escaped_on_the_terminal_and_exact_in_json(capsys, tmp_path, model_file):
    glyphs = bundled_font("font3")
    path = tmp_path / "hostile.json"
    save_glyph_set(GlyphSet("t\x1b[31m", 5, 7, HOSTILE, glyphs.pixels[:5]), path)
    out = tmp_path / "codes.json"
    for argv in (
        ["encode", str(model_file), "--dataset", str(path), "--json", str(out)],
        ["eval", str(model_file), "--dataset", str(path), "--noise", "flip:1", "--repeats", "2"],
        [
            "interpolate",
            str(model_file),
            "--dataset",
            str(path),
            "--from",
            HOSTILE[0],
            "--to",
            "ok",
            "--steps",
            "2",
        ],
    ):
        assert main(argv) == 0
        printed = capsys.readouterr().out
        assert not any(c in printed for c in "\x1b\x07\r\u202e"), printed
        assert "\\x1b[2J" in printed
    assert json.loads(out.read_text())["labels"] == HOSTILE


SURROGATE_SCRIPT = """
import sys
import numpy as np
from ae_desktop.cli import main
from ae_desktop.commands import model_tools
from ae_desktop.data import GlyphSet, bundled_font
glyphs = bundled_font("font3")
labels = ["\\ud800", "x\\udcff"] + glyphs.labels[2:]
model_tools.resolve_dataset = lambda spec: GlyphSet("s\\ud800", 5, 7, labels, glyphs.pixels)
sys.exit(main(sys.argv[1:]))
"""


def test_lone_surrogates_print_and_save(tmp_path, model_file):
    out = tmp_path / "codes.json"
    for argv in (
        ["encode", str(model_file), "--json", str(out)],
        ["eval", str(model_file), "--json", str(tmp_path / "eval.json")],
    ):
        result = subprocess.run(
            [sys.executable, "-c", SURROGATE_SCRIPT, *argv],
            capture_output=True,
            timeout=120,
            env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        )
        assert result.returncode == 0 and b"Traceback" not in result.stderr, result.stderr
        assert b"\\ud800" in result.stdout
    assert json.loads(out.read_text())["labels"][:2] == ["\ud800", "x\udcff"]


@pytest.mark.parametrize("command", ["eval", "encode", "interpolate"])
def test_a_dataset_without_glyphs_exits_2(run_fails, monkeypatch, model_file, command):
    empty = GlyphSet("empty", 5, 7, [], np.zeros((0, 7, 5)))
    monkeypatch.setattr(model_tools, "resolve_dataset", lambda spec: empty)
    extra = ["--from", "a", "--to", "b"] if command == "interpolate" else []
    assert "holds no glyphs" in run_fails([command, str(model_file), *extra])


SWEEP = [
    "sweep",
    "--dataset",
    "font1",
    "--arch",
    "35-4-2",
    "--epochs",
    "5",
    "--vary",
    "lr=0.01,0.1",
    "--repeats",
    "1",
    "--workers",
    "1",
    "--quiet",
]


def test_sweep_outputs_are_saved_whole_with_the_usual_mode(tmp_path):
    (tmp_path / ".precious.notes.tmp").write_text("mine")
    outputs = {"--csv": "o.csv", "--json": "o.json", "--plot": "o.svg"}
    old = os.umask(0o022)
    try:
        assert (
            main(
                [
                    *SWEEP,
                    *(a for flag, name in outputs.items() for a in (flag, str(tmp_path / name))),
                ]
            )
            == 0
        )
        assert main([*SWEEP, "--plot", str(tmp_path / "o.png")]) == 0
    finally:
        os.umask(old)
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == [".precious.notes.tmp", "o.csv", "o.json", "o.png", "o.svg"]
    assert all(stat.S_IMODE(os.stat(tmp_path / n).st_mode) == 0o644 for n in names[1:])
    assert (tmp_path / "o.svg").read_bytes().lstrip().startswith(b"<?xml")
    assert (tmp_path / "o.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(json.loads((tmp_path / "o.json").read_text())["rows"]) == 2


@pytest.mark.parametrize("flag", ["--csv", "--json", "--plot"])
def test_sweep_refuses_a_fifo_output_before_any_run(run_fails, tmp_path, flag):
    os.mkfifo(tmp_path / "out")
    assert "it is a FIFO (named pipe), not a regular file" in run_fails(
        [*SWEEP, "--epochs", "10000000", flag, str(tmp_path / "out")]
    )
