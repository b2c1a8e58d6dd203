"""Autosave of unsaved glyph edits and of the current model, and recovery after a crash."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QMessageBox

from ae_desktop.data.glyph_set import GlyphSetError
from ae_desktop.data.recovery_store import Recovery, RecoveryStore, data_dir
from ae_desktop.engine import save_model
from ae_desktop.gui.file_menu import model_metadata

AUTOSAVE_MS = 10_000  # at most this long after a change, the change is on disk


class AutoSaver(QObject):
    """Writes ``window``'s unsaved glyph set and its model to this session's autosave
    folder (atomically) at most AUTOSAVE_MS after they change; ``end_session`` (a clean
    exit) removes them. Inactive when ``active`` is False (headless runs).

    Files are written in order by one background thread from snapshots taken on the GUI
    thread, so autosaving 60,000 imported images does not stall the window."""

    failed = Signal(str)  # emitted from the writer thread; queued to the GUI thread

    def __init__(self, window, active: bool = True):
        super().__init__(window)
        self.window = window
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="autosave")
        self.failed.connect(self._on_failed)
        self.store = RecoveryStore(data_dir())
        self.timer = QTimer(self, singleShot=True, interval=AUTOSAVE_MS)
        self.timer.timeout.connect(self.save_now)
        self._model_written = None
        self._glyphs_dirty = True  # edited since the last glyph autosave
        self.active = active and self._begin_session()
        if not self.active:
            return
        window.document.changed.connect(self._on_document_changed)
        window.document.modified_changed.connect(self._on_modified_changed)
        window.controller.reported.connect(self._schedule)
        window.controller.finished.connect(self._schedule)

    def _begin_session(self) -> bool:
        try:
            self.store.begin_session()
        except OSError as exc:
            self.window.status.show_message(f"Autosave off: {exc}")
            return False
        return True

    def _schedule(self, *args) -> None:
        if not self.timer.isActive():  # not restarted: steady edits still get saved
            self.timer.start()

    def save_now(self) -> None:
        """Write what is unsaved now; a failure is shown in the status bar."""
        if not self.active:
            return
        document, model = self.window.document, self.window.model
        if document.modified and self._glyphs_dirty:
            self._write(self.store.save_glyphs, document.glyphs.copy(), document.path)
            self._glyphs_dirty = False
        if model is None:
            self._write(self.store.clear_model)
        elif model is not self._model_written:
            self._write(save_model, self.store.model_file, model, model_metadata(self.window))
        self._model_written = model

    def wait(self) -> None:
        """Block until every write asked for so far is on disk."""
        if self.active:
            self._writer.submit(lambda: None).result()

    def _on_document_changed(self) -> None:
        self._glyphs_dirty = True
        self._schedule()

    def _write(self, function, *args) -> None:
        if self.active:
            self._writer.submit(self._guarded, function, *args)

    def _guarded(self, function, *args) -> None:
        try:
            function(*args)
        except (OSError, ValueError) as exc:
            self.failed.emit(f"Autosave failed: {exc}")

    def _on_failed(self, message: str) -> None:
        self.window.status.show_message(message)

    def _on_modified_changed(self, modified: bool) -> None:
        if not modified:  # saved, or another set opened: the autosave is out of date
            self._write(self.store.clear_glyphs)

    def end_session(self) -> None:
        """A clean exit: finish pending writes, then drop this session's autosave."""
        self.timer.stop()
        self._writer.shutdown(wait=True)
        if self.active:
            self.store.end_session()
        self.active = False

    def offer_recovery(self) -> None:
        """Ask about each autosave a crashed session left, newest first; recover at most
        one (the others stay for the next start), discard those the user declines."""
        if not self.active:
            return
        for recovery in self.store.crashed_sessions():
            if ask_to_recover(self.window, recovery):
                self._recover(recovery)
                self.store.discard(recovery)
                return
            self.store.discard(recovery)

    def _recover(self, recovery: Recovery) -> None:
        window = self.window
        if recovery.has_glyphs():
            try:
                glyphs, path = recovery.glyphs()
            except GlyphSetError as exc:
                QMessageBox.critical(window, "Cannot recover the glyph set", str(exc))
            else:
                window.document.set_glyphs(glyphs, path, modified=True)
        if recovery.model_file is not None:
            window.file_menu.load_model_file(str(recovery.model_file))
        self.save_now()  # the recovered work is this session's until it is saved


def ask_to_recover(parent, recovery: Recovery) -> bool:
    """Recover / Discard dialog for ``recovery``; True for Recover."""
    parts = (["unsaved glyph edits"] if recovery.has_glyphs() else []) + (
        ["the last model"] if recovery.model_file is not None else [])
    when = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(recovery.saved_at))
    box = QMessageBox(QMessageBox.Question, "Recover unsaved work",
                      f"ae-desktop did not exit cleanly. Recover {' and '.join(parts)} "
                      f"autosaved at {when}?", QMessageBox.Open | QMessageBox.Discard, parent)
    box.button(QMessageBox.Open).setText("Recover")
    box.setDefaultButton(QMessageBox.Open)
    return box.exec() == QMessageBox.Open
