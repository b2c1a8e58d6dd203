"""A missing X11 library is named in one line with the apt-get command, instead of Qt's
abort that names none."""

import subprocess
import sys

from ae_desktop.gui import app, xcb_check

LDD = """\
\tlinux-vdso.so.1 (0x00007ffd5b1f2000)
\tlibQt6XcbQpa.so.6 => /venv/PySide6/Qt/lib/libQt6XcbQpa.so.6 (0x00007f2a1c000000)
\tlibxcb-icccm.so.4 => not found
\tlibxcb-keysyms.so.1 => not found
\tlibxkbcommon-x11.so.0 => not found
\tlibEGL.so.1 => not found
\tlibxcb-icccm.so.4 => not found
\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f2a1b800000)
"""


def test_missing_libraries_and_their_packages():
    missing = xcb_check.missing_libraries(LDD)
    assert missing == [
        "libxcb-icccm.so.4",
        "libxcb-keysyms.so.1",
        "libxkbcommon-x11.so.0",
        "libEGL.so.1",
    ]
    assert [xcb_check.debian_package(lib) for lib in missing] == [
        "libxcb-icccm4",
        "libxcb-keysyms1",
        "libxkbcommon-x11-0",
        "libegl1",
    ]


def test_the_message_names_libraries_and_the_command(monkeypatch, tmp_path):
    plugin = tmp_path / "libqxcb.so"
    plugin.write_bytes(b"")
    monkeypatch.setattr(xcb_check, "xcb_plugin", lambda: plugin)
    monkeypatch.setattr(
        subprocess, "run", lambda *a, **k: subprocess.CompletedProcess(a, 0, stdout=LDD, stderr="")
    )
    message = xcb_check.missing_xcb_message()
    assert "missing libxcb-icccm.so.4, libxcb-keysyms.so.1" in message
    assert message.endswith(
        "sudo apt-get install libxcb-icccm4 libxcb-keysyms1 libxkbcommon-x11-0 libegl1"
    )


def test_nothing_missing_here_says_nothing():
    assert xcb_check.missing_xcb_message() is None  # this machine runs the X11 tests


def test_only_an_x11_session_is_checked():
    linux = sys.platform.startswith("linux")
    assert xcb_check.uses_xcb({"DISPLAY": ":0"}) == linux
    assert not xcb_check.uses_xcb({"DISPLAY": ":0", "QT_QPA_PLATFORM": "offscreen"})
    assert not xcb_check.uses_xcb({"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0"})
    assert (
        xcb_check.uses_xcb({"DISPLAY": ":0", "WAYLAND_DISPLAY": "w", "QT_QPA_PLATFORM": "xcb"})
        == linux
    )
    assert not xcb_check.uses_xcb({})


def test_the_app_prints_one_line_and_opens_no_window(monkeypatch, capsys):
    monkeypatch.setattr(xcb_check, "uses_xcb", lambda: True)
    monkeypatch.setattr(
        xcb_check,
        "missing_xcb_message",
        lambda: (
            "Qt's X11 platform plugin cannot load: missing x.so.1; "
            "install them with: sudo apt-get install x1"
        ),
    )
    assert app.run([]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("ae-desktop: error: Qt's X11 platform")
