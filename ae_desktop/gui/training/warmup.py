"""The engine's kernel warm-up (engine/warm_up.py) off the GUI thread, so the window
appears at once and the first Start or latent click does not stall."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from ae_desktop.engine import warm_up_kernels
from ae_desktop.gui.background import BackgroundTask


class KernelWarmup(QObject):
    """Runs warm_up_kernels in a BackgroundTask; ``finished`` carries an error message
    or ""."""

    finished = Signal(str)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._task = BackgroundTask(self)
        self._task.returned.connect(lambda _: self.finished.emit(""))
        self._task.errored.connect(self.finished.emit)

    def is_running(self) -> bool:
        return self._task.is_running()

    def start(self) -> None:
        if not self._task.is_running():
            self._task.start(warm_up_kernels)

    def wait(self) -> None:
        """Block until the warm-up is over (closing the window); it cannot be cut short."""
        self._task.shutdown()
