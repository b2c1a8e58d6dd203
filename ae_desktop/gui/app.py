"""Start the desktop app: ``run()``; ``--screenshot out.png [--demo]`` for a headless grab."""

from __future__ import annotations

import argparse
import os
import signal
import sys
from pathlib import Path

import ae_desktop.runtime_env  # noqa: F401 - first: sets NUMBA_CACHE_DIR before numba loads

import numpy as np
from PySide6.QtCore import QTimer

from ae_desktop.commands.output import CommandError, check_writable, save_output
from ae_desktop.commands.parser import EXIT_USAGE, PROG, gui_parser, one_line
from ae_desktop.gui import xcb_check


def _parse(argv: list[str]) -> argparse.Namespace:
    return gui_parser().parse_args(argv)  # a bad option: one line, exit status 2


def run(argv: list[str] | None = None) -> int:
    """Open the main window and run the event loop; returns the exit status."""
    args = _parse(sys.argv[1:] if argv is None else list(argv))
    if args.screenshot is not None:
        try:
            check_writable(args.screenshot, "screenshot")  # before the window and the demo
        except CommandError as exc:
            return _usage_error(exc)
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        _quiet_offscreen_warning()
    elif xcb_check.uses_xcb():
        message = xcb_check.missing_xcb_message()
        if message is not None:  # Qt would abort with a message that names no library
            print(f"{PROG}: error: {message}", file=sys.stderr)
            return 1
    from PySide6.QtWidgets import QApplication

    from ae_desktop.engine import limit_threads, training_threads
    from ae_desktop.gui import background
    from ae_desktop.gui.language import install_translators, language_in_use
    from ae_desktop.gui.main_window import MainWindow
    from ae_desktop.startup_probe import watch_startup

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName("ae-desktop")
    app.setApplicationName("ae-desktop")
    app.setDesktopFileName("ae-desktop")  # Wayland matches the window to ae-desktop.desktop
    app.setWindowIcon(_app_icon())
    install_translators(language_in_use())  # the stored choice, else the system locale
    limit_threads(training_threads() - 1)  # training leaves a core to the interface
    window = MainWindow(use_settings=args.screenshot is None)
    app.aboutToQuit.connect(window.shutdown)  # the app can quit without closing the window
    app.aboutToQuit.connect(background.shutdown_all)  # and every other worker
    window.show()
    if args.screenshot is None:
        _close_on_interrupt(window)
        watch_startup(window)  # packaging hook: benchmarks/bench_startup.py
        QTimer.singleShot(0, window.autosave.offer_recovery)
        QTimer.singleShot(0, window.start_warmup)
        return app.exec()
    screenshot = Screenshot(window, args.screenshot, args.demo)
    QTimer.singleShot(0, screenshot.begin)
    app.exec()
    return screenshot.status


def _usage_error(exc: Exception) -> int:
    print(f"{PROG}: error: {one_line(exc)}", file=sys.stderr)
    return EXIT_USAGE


def _app_icon():
    """The installed theme icon (.deb), else the SVG of a source checkout."""
    from PySide6.QtGui import QIcon

    source = Path(__file__).resolve().parents[2] / "resources" / "ae-desktop.svg"
    fallback = QIcon(str(source)) if source.is_file() else QIcon()
    return QIcon.fromTheme("ae-desktop", fallback)


def _close_on_interrupt(window) -> None:
    """Ctrl+C in the launching terminal closes the window like its close button."""
    signal.signal(signal.SIGINT, lambda *_: window.close())
    wake = QTimer(window, interval=250)  # Python runs signal handlers only between Qt events
    wake.timeout.connect(_do_nothing)
    wake.start()


def _do_nothing() -> None:
    pass


def _quiet_offscreen_warning() -> None:
    """The offscreen platform warns about a window-manager feature it lacks; drop only that."""
    from PySide6.QtCore import qInstallMessageHandler

    def handler(kind, context, text):
        if text != "This plugin does not support propagateSizeHints()":
            print(text, file=sys.stderr)

    qInstallMessageHandler(handler)


class Screenshot:
    """Drives the window through the demo, then saves ``window.grab()`` as PNG (atomically,
    like every output) and quits."""

    def __init__(self, window, path: str, demo: bool):
        self.window, self.path, self.demo = window, path, demo
        self.status = 1

    def begin(self) -> None:
        if not self.demo:
            QTimer.singleShot(300, self.finish)
            return
        from ae_desktop.engine import TrainConfig

        window = self.window
        window.training_panel.set_config(TrainConfig(epochs=6000))
        window.controller.finished.connect(self._on_training_finished)
        window.start_training()

    def _on_training_finished(self, status: str) -> None:
        window = self.window
        glyphs = window.document.glyphs
        window.glyph_grid.select(glyphs.index_of("e"))
        window.editor_panel.editor.add_noise(1, np.random.default_rng(3))
        window.interpolation.start.setCurrentIndex(glyphs.index_of("a"))
        window.interpolation.end.setCurrentIndex(glyphs.index_of("o"))
        window.interpolation.run_button.click()
        window.latent_canvas.show_map.setChecked(True)
        codes = window.latent_canvas.codes
        window.latent_canvas.pick(
            codes[glyphs.index_of("s")] * 0.5 + codes[glyphs.index_of("z")] * 0.5
        )
        QTimer.singleShot(300, self.finish)  # let the layouts settle before the grab

    def finish(self) -> None:
        from PySide6.QtWidgets import QApplication

        try:
            save_output(self.path, _png_bytes(self.window.grab()), "screenshot")
            self.status = 0
        except CommandError as exc:
            self.status = _usage_error(exc)
        self.window.document.modified = False
        self.window.session.saved = True  # a demo's model: no question at exit
        self.window.close()
        QApplication.instance().quit()


def _png_bytes(pixmap) -> bytes:
    from ae_desktop.plots.summary_chart import png_bytes

    try:
        return png_bytes(pixmap)
    except OSError:
        raise CommandError("cannot encode the screenshot as PNG") from None
