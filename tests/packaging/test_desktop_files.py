"""The menu entry and icons the .deb installs."""

import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

RESOURCES = Path(__file__).resolve().parents[2] / "resources"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


@pytest.mark.skipif(
    shutil.which("desktop-file-validate") is None,
    reason="desktop-file-validate (desktop-file-utils) not installed",
)
def test_desktop_entry_is_valid():
    done = subprocess.run(
        ["desktop-file-validate", str(RESOURCES / "ae-desktop.desktop")],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0 and not done.stdout, done.stdout


@pytest.mark.parametrize("size", SIZES)
def test_png_icon_has_its_size(size):
    image = QImage(str(RESOURCES / "icons" / f"ae-desktop-{size}.png"))
    assert (image.width(), image.height()) == (size, size)
    assert image.hasAlphaChannel()
