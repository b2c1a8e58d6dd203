"""GUI test setup: offscreen Qt, isolated QSettings, fail on Qt warnings and on threads
or background tasks left running."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtCore import QSettings, QThread, QtMsgType, qInstallMessageHandler

# The offscreen platform plugin lacks a window-manager feature; not a fault of ours.
PLATFORM_NOISE = {
    "This plugin does not support propagateSizeHints()",
    "This plugin does not support raise()",
}


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path, qapp, monkeypatch):
    """Each test starts with empty settings and autosave folder in its own directory."""
    monkeypatch.setenv("AE_DESKTOP_DATA_DIR", str(tmp_path / "data"))
    QSettings.setDefaultFormat(QSettings.IniFormat)
    QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, str(tmp_path / "settings"))
    qapp.setOrganizationName("ae-desktop-tests")
    qapp.setApplicationName("ae-desktop-tests")
    yield


@pytest.fixture(autouse=True)
def fail_on_qt_warnings(qapp):
    """Any Qt warning, critical or fatal message fails the test."""
    messages = []

    def handler(kind, context, text):
        if kind in (QtMsgType.QtDebugMsg, QtMsgType.QtInfoMsg) or text in PLATFORM_NOISE:
            return
        messages.append(f"{kind.name}: {text}")

    previous = qInstallMessageHandler(handler)
    yield
    qInstallMessageHandler(previous)
    assert not messages, "Qt warnings:\n" + "\n".join(messages)


@pytest.fixture(autouse=True)
def no_running_threads(monkeypatch):
    """Fail a test that leaves a QThread it started still running."""
    started = []
    original = QThread.start

    def start(thread, *args):
        started.append(thread)
        return original(thread, *args)

    monkeypatch.setattr(QThread, "start", start)
    yield
    running = [t for t in started if _is_running(t)]
    for thread in running:  # do not leave them behind for the next test either
        thread.quit()
        thread.wait(5000)
    assert not running, f"{len(running)} QThread(s) still running at teardown"


def _is_running(thread: QThread) -> bool:
    try:
        return thread.isRunning()
    except RuntimeError:  # C++ object already deleted: it is not running
        return False


@pytest.fixture(autouse=True)
def no_running_tasks():
    """Fail a test that leaves a BackgroundTask running; join them for the next test."""
    from ae_desktop.gui.background import running_tasks, shutdown_all

    yield
    left = running_tasks()
    shutdown_all()
    assert not left, f"{len(left)} BackgroundTask(s) still running at teardown"


@pytest.fixture
def window(qtbot):
    """A shown MainWindow on bundled font3, closed (training stopped) at teardown."""
    from ae_desktop.gui.main_window import MainWindow

    win = MainWindow()  # not qtbot.addWidget: its teardown would close before ours
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.document.modified = False  # no "save changes?" question at teardown
    win.session.saved = True  # nor "save the trained model?"
    win.close()


@pytest.fixture
def train(window, qtbot):
    """train(**settings): set the panel to these TrainConfig fields, click Start, wait for
    the run to finish and return its final status."""
    from PySide6.QtCore import Qt

    from ae_desktop.engine import TrainConfig

    def run(timeout=60_000, **settings):
        window.training_panel.set_config(TrainConfig(**settings))
        with qtbot.waitSignal(window.controller.finished, timeout=timeout) as blocker:
            qtbot.mouseClick(window.training_panel.start_button, Qt.LeftButton)
        return blocker.args[0]

    return run


@pytest.fixture
def answer_dialog(qtbot):
    """answer_dialog(kind, act): when the next modal dialog of class ``kind`` opens, call
    ``act(dialog)`` (clicks and key presses that close it)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    def arm(kind, act):
        def poll():
            dialog = QApplication.activeModalWidget()
            if isinstance(dialog, kind) and dialog.isVisible():
                act(dialog)
            else:
                QTimer.singleShot(10, poll)

        QTimer.singleShot(0, poll)

    return arm


@pytest.fixture
def grid(qtbot):
    """A shown glyph panel on bundled font3."""
    from ae_desktop.data import bundled_font
    from ae_desktop.gui.glyphs.glyph_document import GlyphDocument
    from ae_desktop.gui.glyphs.glyph_grid import GlyphGrid

    widget = GlyphGrid(GlyphDocument(bundled_font("font3")))
    qtbot.addWidget(widget)
    widget.resize(260, 600)
    widget.show()
    qtbot.waitExposed(widget)
    return widget
