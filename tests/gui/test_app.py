"""The ``--screenshot`` mode, run as a user would: a separate process."""

import os
import subprocess
import sys

import pytest
from PySide6.QtGui import QImage

SCRIPT = "import sys; from ae_desktop.gui.app import run; sys.exit(run(sys.argv[1:]))"


def test_screenshot_demo_trains_draws_picks_and_saves(tmp_path):
    out = tmp_path / "shot.png"
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, "--screenshot", str(out), "--demo"],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr
    image = QImage(str(out))
    assert image.width() >= 1400 and image.height() >= 850


def screenshot(out) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", SCRIPT, "--screenshot", str(out)],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_screenshot_replaces_a_file_atomically_leaving_no_temporary(tmp_path):
    out = tmp_path / "shot.png"
    out.write_bytes(b"old")
    result = screenshot(out)
    assert result.returncode == 0, result.stderr
    assert QImage(str(out)).width() >= 1400
    assert [p.name for p in tmp_path.iterdir()] == ["shot.png"]


@pytest.mark.parametrize("target", ["missing-dir/shot.png", "folder", "fifo.png", ""])
def test_a_bad_screenshot_target_is_one_line_and_exit_2(tmp_path, target):
    (tmp_path / "folder").mkdir()
    os.mkfifo(tmp_path / "fifo.png")
    result = screenshot(tmp_path / target if target else "")
    lines = result.stderr.splitlines()
    assert result.returncode == 2 and len(lines) == 1, result.stderr
    assert lines[0].startswith("ae-desktop: error: cannot write screenshot ")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fifo.png", "folder"]


def test_the_app_icon_comes_from_the_theme_or_the_source_tree(qapp):
    from ae_desktop.gui.app import _app_icon

    icon = _app_icon()
    assert not icon.isNull() and not icon.pixmap(32, 32).isNull()
