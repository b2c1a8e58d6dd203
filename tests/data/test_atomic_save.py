"""Saves are atomic: killing the saving process at any moment leaves a valid file."""

import os
import signal
import stat
import subprocess
import sys
import time

import numpy as np
import pytest

from ae_desktop.data import bundled_font, load_glyph_set, save_glyph_set
from ae_desktop.safe_io.atomic import TEMP_PREFIX, write_atomic

SAVER = """
import sys
import numpy as np
from ae_desktop.data import GlyphSet, save_glyph_set
path = sys.argv[1]
print("ready", flush=True)
i = 0
while True:
    i += 1
    pixels = np.full((400, 16, 16), i % 2, dtype=float)
    save_glyph_set(GlyphSet(f"v{i % 2}", 16, 16, [str(k) for k in range(400)], pixels), path)
"""


def test_killed_saves_leave_an_old_or_new_file(tmp_path):
    path = tmp_path / "set.json"
    save_glyph_set(bundled_font("font1"), path)
    for attempt in range(4):
        child = subprocess.Popen(
            [sys.executable, "-c", SAVER, str(path)], stdout=subprocess.PIPE, text=True
        )
        assert child.stdout.readline().strip() == "ready"
        time.sleep(0.2 + 0.13 * attempt)
        child.send_signal(signal.SIGKILL)
        child.wait()
        child.stdout.close()
        glyphs = load_glyph_set(path)  # never a partial file
        assert glyphs.name in ("font1", "v0", "v1")
        if glyphs.name != "font1":
            assert np.all(glyphs.pixels == int(glyphs.name[1]))
    save_glyph_set(bundled_font("font2"), path)
    # a killed save leaves at most its own temporary; no save deletes another's file
    assert all(p.name == "set.json" or p.name.startswith(TEMP_PREFIX) for p in tmp_path.iterdir())


def test_a_save_deletes_no_file_but_its_own(tmp_path):
    """The old stale-temporary cleanup deleted any ``.NAME.*.tmp``; users' files stay."""
    keep = {
        ".precious.notes.tmp": b"notes",
        ".set.json.mine.tmp": b"mine",
        f"{TEMP_PREFIX}0123456789abcdef.tmp": b"another saver's",
    }
    for name, content in keep.items():
        (tmp_path / name).write_bytes(content)
    write_atomic(tmp_path / "set.json", b"{}")
    write_atomic(tmp_path / "set.json", b"[]")
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == {**keep, "set.json": b"[]"}


def test_a_failed_save_removes_its_temporary_only(tmp_path):
    (tmp_path / ".precious.notes.tmp").write_text("notes")
    with pytest.raises(TypeError):
        write_atomic(tmp_path / "out.bin", "text, not bytes")
    assert [p.name for p in tmp_path.iterdir()] == [".precious.notes.tmp"]


@pytest.mark.parametrize("mask, mode", [(0o022, 0o644), (0o027, 0o640), (0o077, 0o600)])
def test_saved_files_get_0644_less_the_umask(tmp_path, mask, mode):
    old = os.umask(mask)
    try:
        write_atomic(tmp_path / "new.json", b"{}")
        (tmp_path / "old.json").write_bytes(b"")
        os.chmod(tmp_path / "old.json", 0o600)
        write_atomic(tmp_path / "old.json", b"{}")
    finally:
        os.umask(old)
    for name in ("new.json", "old.json"):
        assert stat.S_IMODE(os.stat(tmp_path / name).st_mode) == mode


def test_a_fifo_target_is_refused_and_kept(tmp_path):
    fifo = tmp_path / "out.json"
    os.mkfifo(fifo)
    with pytest.raises(OSError, match="FIFO"):
        write_atomic(fifo, b"{}")  # no writer blocks: refused from its type
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


@pytest.mark.skipif(os.geteuid() != 0, reason="making a device node needs root")
def test_a_device_target_is_refused_and_kept(tmp_path):
    device = tmp_path / "full"
    os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 7))  # a copy of /dev/full
    with pytest.raises(OSError, match="a device, not a regular file"):
        write_atomic(device, b"{}")
    assert stat.S_ISCHR(os.lstat(device).st_mode)


@pytest.mark.parametrize("name", ["", ".", "folder"])
def test_an_empty_name_or_a_folder_is_refused(tmp_path, monkeypatch, name):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "folder").mkdir()
    with pytest.raises(OSError):
        write_atomic(name, b"{}")
    assert [p.name for p in tmp_path.iterdir()] == ["folder"]
