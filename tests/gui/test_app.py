"""The ``--screenshot`` mode, run as a user would: a separate process."""

import subprocess
import sys

from PySide6.QtGui import QImage

SCRIPT = "import sys; from ae_desktop.gui.app import run; sys.exit(run(sys.argv[1:]))"


def test_screenshot_demo_trains_draws_picks_and_saves(tmp_path):
    out = tmp_path / "shot.png"
    result = subprocess.run([sys.executable, "-c", SCRIPT, "--screenshot", str(out), "--demo"],
                            capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stderr
    image = QImage(str(out))
    assert image.width() >= 1400 and image.height() >= 850


def test_screenshot_to_an_unwritable_path_fails_cleanly(tmp_path):
    out = tmp_path / "missing-dir" / "shot.png"
    result = subprocess.run([sys.executable, "-c", SCRIPT, "--screenshot", str(out)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert "cannot write" in result.stderr and "Traceback" not in result.stderr


def test_the_app_icon_comes_from_the_theme_or_the_source_tree(qapp):
    from ae_desktop.gui.app import _app_icon

    icon = _app_icon()
    assert not icon.isNull() and not icon.pixmap(32, 32).isNull()
