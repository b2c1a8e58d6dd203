"""Autosave of unsaved glyph edits and of the current model, and recovery after a crash."""

from __future__ import annotations

import time

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel, QMessageBox, QStatusBar

from ae_desktop.data.recovery_store import Recovery, RecoveryStore, data_dir
from ae_desktop.engine import save_model
from ae_desktop.gui.background import CallQueue
from ae_desktop.gui.files.file_menu import READ_ERRORS, FileMenu, error_line, read_model_file

AUTOSAVE_MS = 10_000  # at most this long after a change, the change is on disk


class AutoSaver(QObject):
    """Writes the unsaved glyph set of ``document`` and the model of ``session`` to this session's autosave
    folder (atomically) at most AUTOSAVE_MS after they change; ``end_session`` (a clean
    exit) removes them. Inactive when ``active`` is False (headless runs).

    Files are written in order by one background thread from snapshots taken on the GUI
    thread, so autosaving 60,000 imported images does not stall the window."""

    failed = Signal(str)  # emitted from the writer thread; queued to the GUI thread

    def __init__(self, files: FileMenu, status_bar: QStatusBar, active: bool = True):
        super().__init__(files)
        self.files, self.status_bar = files, status_bar
        self.document, self.session = files.document, files.session
        self._writer = CallQueue(self)
        self.failed.connect(self._on_failed)
        self.store = RecoveryStore(data_dir())
        self.timer = QTimer(self, singleShot=True, interval=AUTOSAVE_MS)
        self.timer.timeout.connect(self.save_now)
        self._model_written = None
        self._glyphs_dirty = True  # edited since the last glyph autosave
        self._recovered: list[Recovery] = []  # restored, kept until saved or discarded
        self.active = active and self._begin_session()
        if not self.active:
            return
        self.document.changed.connect(self._on_document_changed)
        self.document.modified_changed.connect(self._on_modified_changed)
        self.document.replaced.connect(self._drop_settled_recoveries)
        self.session.changed.connect(self._schedule)
        self.session.changed.connect(self._drop_settled_recoveries)

    def _begin_session(self) -> bool:
        try:
            self.store.begin_session()
        except OSError as exc:  # said beside the status bar's passing messages, for good
            label = QLabel(self.tr("Autosave off"), objectName="autosave_off")
            label.setToolTip(self.tr("Autosave off: {0}").format(exc))
            self.status_bar.addPermanentWidget(label)
            return False
        return True

    def _schedule(self, *args) -> None:
        if not self.timer.isActive():  # not restarted: steady edits still get saved
            self.timer.start()

    def save_now(self) -> None:
        """Write what is unsaved now; a failure is shown in the status bar."""
        if not self.active:
            return
        document, model = self.document, self.session.model
        if document.modified and self._glyphs_dirty:
            self._write(self.store.save_glyphs, document.glyphs.copy(), document.path)
            self._glyphs_dirty = False
        if model is None:
            self._write(self.store.clear_model)
        elif model is not self._model_written:
            g = document.glyphs
            self._write(
                save_model,
                self.store.model_file,
                model,
                self.session.metadata(document.title, (g.height, g.width)),
            )
        self._model_written = model

    def wait(self) -> None:
        """Block until every write asked for so far is on disk."""
        if self.active:
            self._writer.wait()

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
            self.failed.emit(self.tr("Autosave failed: {0}").format(exc))

    def _on_failed(self, message: str) -> None:
        self.files.status.show_message(message)

    def _on_modified_changed(self, modified: bool) -> None:
        if not modified:  # saved, or another set opened: the autosave is out of date
            self._write(self.store.clear_glyphs)
            self._drop_settled_recoveries()

    def _drop_settled_recoveries(self) -> None:
        """Delete the crashed sessions' folders whose restored work was saved or dropped."""
        if not (self.document.modified or self.session.unsaved):
            self._discard_recovered()

    def _discard_recovered(self) -> None:
        for recovery in self._recovered:
            self.store.discard(recovery)
        self._recovered = []

    def end_session(self) -> None:
        """A clean exit (the user saved or discarded the work): finish pending writes,
        then drop this session's autosave and the ones it restored."""
        self.timer.stop()
        self._writer.wait()
        if self.active:
            self.store.end_session()
            self._discard_recovered()
        self.active = False

    def offer_recovery(self) -> None:
        """Ask about each autosave a crashed session left, newest first; recover at most
        one (the others stay for the next start), discard those the user declines. One
        that cannot be read is offered as such, to keep for later or discard. A folder is
        deleted only once its work was restored and then saved or discarded."""
        if not self.active:
            return
        for recovery in self.store.crashed_sessions():
            try:
                work = read_recovery(recovery)
            except READ_ERRORS as exc:
                if ask_about_damaged(self.files.parent, recovery, error_line(exc)):
                    self.store.discard(recovery)
                continue
            if ask_to_recover(self.files.parent, recovery):
                self._restore(*work)
                self._recovered.append(recovery)
                return
            self.store.discard(recovery)

    def _restore(self, glyphs, model) -> None:
        """Show read and checked recovered work; it is this session's until saved."""
        if glyphs is not None:
            self.document.set_glyphs(*glyphs, modified=True)
        if model is not None:
            self.files.show_model(model, self.tr("Recovered the autosaved model"))
        self.save_now()


def read_recovery(recovery: Recovery) -> tuple:
    """(glyph set and its file, or None; model as read_model_file gives it, or None),
    read completely before anything is shown; READ_ERRORS if anything is damaged."""
    glyphs = recovery.glyphs() if recovery.has_glyphs() else None
    model_file = recovery.model_file
    return glyphs, None if model_file is None else read_model_file(str(model_file))


def _when(recovery: Recovery) -> str:
    return time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(recovery.saved_at))


def ask_about_damaged(parent, recovery: Recovery, problem: str) -> bool:
    """Keep for later / Discard dialog for an autosave that cannot be read; True to
    discard it."""
    box = QMessageBox(
        QMessageBox.Warning,
        QCoreApplication.translate("AutoSaver", "Recover unsaved work"),
        QCoreApplication.translate(
            "AutoSaver",
            "ae-desktop did not exit cleanly, but the work it autosaved at {0} "
            "could not be read: {1}",
        ).format(_when(recovery), problem),
        QMessageBox.Ignore | QMessageBox.Discard,
        parent,
    )
    box.button(QMessageBox.Ignore).setText(
        QCoreApplication.translate("AutoSaver", "Keep for later")
    )
    box.setDefaultButton(QMessageBox.Ignore)
    return box.exec() == QMessageBox.Discard


def ask_to_recover(parent, recovery: Recovery) -> bool:
    """Recover / Discard dialog for ``recovery``; True for Recover."""
    if recovery.model_file is None:
        question = QCoreApplication.translate(
            "AutoSaver",
            "ae-desktop did not exit cleanly. Recover unsaved glyph edits autosaved at {0}?",
        )
    elif not recovery.has_glyphs():
        question = QCoreApplication.translate(
            "AutoSaver", "ae-desktop did not exit cleanly. Recover the last model autosaved at {0}?"
        )
    else:
        question = QCoreApplication.translate(
            "AutoSaver",
            "ae-desktop did not exit cleanly. Recover unsaved glyph edits and the last model "
            "autosaved at {0}?",
        )
    box = QMessageBox(
        QMessageBox.Question,
        QCoreApplication.translate("AutoSaver", "Recover unsaved work"),
        question.format(_when(recovery)),
        QMessageBox.Open | QMessageBox.Discard,
        parent,
    )
    box.button(QMessageBox.Open).setText(QCoreApplication.translate("AutoSaver", "Recover"))
    box.setDefaultButton(QMessageBox.Open)
    return box.exec() == QMessageBox.Open
