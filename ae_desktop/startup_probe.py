"""``AE_DESKTOP_STARTUP_PROBE=FILE``: startup timing for benchmarks/bench_startup.py.

Writes to FILE the wall-clock times (``time.time()``) at which the main window finished its
first paint (``painted T``) and the kernel warm-up ended (``ready T``), then closes the
window. With ``AE_DESKTOP_STARTUP_PROBE_START=1`` it also starts training (the default
settings) right after the first paint, as a user's Start at once would, and records its
first loss point (``trained T``). Does nothing when the variable is unset."""

from __future__ import annotations

import os
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

ENV = "AE_DESKTOP_STARTUP_PROBE"
START_ENV = "AE_DESKTOP_STARTUP_PROBE_START"


class StartupProbe(QObject):
    def __init__(self, window, path: str, start: bool):
        super().__init__(window)
        self._window, self._path, self._start = window, path, start
        self._painting = False
        self._times: dict[str, float] = {}
        QApplication.instance().installEventFilter(self)
        window.warmup.finished.connect(self._on_warmup_finished)
        if start:
            window.controller.reported.connect(self._on_report)

    def eventFilter(self, obj, event) -> bool:
        if (
            event.type() == QEvent.Paint
            and not self._painting
            and obj.isWidgetType()
            and obj.window() == self._window
        ):
            self._painting = True
            QTimer.singleShot(0, self._on_painted)  # after this paint pass
        return False

    def _on_painted(self) -> None:
        self._record("painted")
        if self._start:
            self._window.start_training()

    def _on_report(self, report) -> None:
        if "trained" not in self._times:
            self._record("trained")
            self._window.controller.stop()

    def _on_warmup_finished(self, message: str) -> None:
        self._record("ready")

    def _record(self, what: str) -> None:
        self._times[what] = time.time()
        if len(self._times) == 2 + self._start:
            QApplication.instance().removeEventFilter(self)
            with open(self._path, "w", encoding="utf-8") as out:
                out.writelines(f"{key} {value:.6f}\n" for key, value in self._times.items())
            if self._start:  # exit: closing (or quit) would ask to save the model trained
                QApplication.instance().exit(0)
            else:
                self._window.close()


def watch_startup(window) -> None:
    """Attach a StartupProbe to ``window`` if AE_DESKTOP_STARTUP_PROBE is set."""
    path = os.environ.get(ENV)
    if path:
        StartupProbe(window, path, os.environ.get(START_ENV) == "1")
