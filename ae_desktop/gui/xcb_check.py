"""Before Qt starts on X11: name the system libraries its xcb platform plugin lacks.

Without them Qt aborts with "Could not load the Qt platform plugin xcb … This application
failed to start", which names neither the libraries nor the fix. ``ldd`` of the plugin
lists each missing one ("libxcb-icccm.so.4 => not found"); we print one line with them
and the apt-get command that installs them."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

_MISSING = re.compile(r"^\s*(\S+\.so(?:\.\d+)*)\s+=>\s+not found", re.MULTILINE)


def uses_xcb(environ=os.environ) -> bool:
    """Whether Qt will pick its X11 (xcb) platform: Linux, a DISPLAY, no other choice."""
    platform = environ.get("QT_QPA_PLATFORM", "")
    if not sys.platform.startswith("linux") or platform not in ("", "xcb"):
        return False
    return bool(environ.get("DISPLAY")) and (
        platform == "xcb" or not environ.get("WAYLAND_DISPLAY")
    )


def missing_libraries(ldd_output: str) -> list[str]:
    """The ``not found`` libraries of an ``ldd`` listing, each once, in order."""
    return list(dict.fromkeys(_MISSING.findall(ldd_output)))


def debian_package(library: str) -> str:
    """The usual Debian/Ubuntu package of a library: ``libxcb-icccm.so.4`` ->
    ``libxcb-icccm4``, ``libxkbcommon-x11.so.0`` -> ``libxkbcommon-x11-0``,
    ``libEGL.so.1`` -> ``libegl1``."""
    match = re.match(r"(.+?)\.so(?:\.(\d+))?", library)
    name, major = (match.group(1), match.group(2) or "") if match else (library, "")
    name = name.lower()
    return f"{name}-{major}" if major and name[-1].isdigit() else f"{name}{major}"


def xcb_plugin() -> Path | None:
    """PySide6's xcb platform plugin, where this installation has one."""
    try:
        import PySide6
    except ImportError:
        return None
    for root in (
        Path(PySide6.__file__).parent / "Qt" / "plugins",
        Path(PySide6.__file__).parent / "plugins",
    ):
        plugin = root / "platforms" / "libqxcb.so"
        if plugin.is_file():
            return plugin
    return None


def missing_xcb_message() -> str | None:
    """One line naming the libraries the xcb plugin lacks and how to install them, or
    None when nothing is missing (or it cannot be told: no ldd, no plugin)."""
    plugin, ldd = xcb_plugin(), shutil.which("ldd")
    if plugin is None or ldd is None:
        return None
    try:
        listing = subprocess.run(
            [ldd, str(plugin)], capture_output=True, text=True, timeout=10
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    missing = missing_libraries(listing)
    if not missing:
        return None
    packages = " ".join(dict.fromkeys(debian_package(lib) for lib in missing))
    return (
        f"Qt's X11 platform plugin cannot load: missing {', '.join(missing)}; "
        f"install them with: sudo apt-get install {packages}"
    )
