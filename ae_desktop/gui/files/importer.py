"""File > Import: a folder of images or an MNIST-style IDX file becomes the glyph set.

The files are read off the GUI thread (ImportController) behind a progress dialog with
Cancel; the current set changes only when an import succeeds."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressBar, QProgressDialog, QWidget

from ae_desktop.data import GlyphSetError
from ae_desktop.data.idx import idx_image_steps, labels_path_for
from ae_desktop.data.image_folder import image_files, image_folder_steps
from ae_desktop.data.steps import Steps
from ae_desktop.engine import PIXELS
from ae_desktop.gui.files.import_controller import ImportController
from ae_desktop.gui.files.recent_files import IMAGES, last_folder, remember_folder
from ae_desktop.gui.glyphs.glyph_document import GlyphDocument
from ae_desktop.gui.training.training_status import TrainingStatus

IDX_FILTER = QT_TRANSLATE_NOOP(
    "GlyphImporter",
    "IDX images (*-images-idx3-ubyte *-images-idx3-ubyte.gz *.idx3-ubyte);;All files (*)",
)
LABELS_FILTER = QT_TRANSLATE_NOOP(
    "GlyphImporter", "IDX labels (*-labels-idx1-ubyte *-labels-idx1-ubyte.gz);;All files (*)"
)
SHOW_AFTER_MS = 300  # quick imports finish without a dialog flashing up


class GlyphImporter(QObject):
    """Import commands that replace ``document``'s set: dialogs over ``parent``, the
    outcome in ``status``; ``confirm_discard()`` asks about unsaved edits first."""

    def __init__(
        self,
        parent: QWidget,
        document: GlyphDocument,
        status: TrainingStatus,
        confirm_discard: Callable[[], bool],
    ):
        super().__init__(parent)
        self.parent, self.document, self.status = parent, document, status
        self._confirm_discard = confirm_discard
        self.controller = ImportController(self)
        self.controller.progressed.connect(self._on_progressed)
        self.controller.imported.connect(self._on_imported)
        self.controller.failed.connect(self._on_failed)
        self.controller.finished.connect(self._on_finished)
        self.progress: QProgressDialog | None = None
        self._bar: QProgressBar | None = None
        self._source = ""
        self._note = ""  # what the import left out, for the status bar

    # -- commands ----------------------------------------------------------------------
    def choose_image_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self.parent, self.tr("Import a folder of images"), last_folder(IMAGES)
        )
        if folder:
            remember_folder(IMAGES, folder)
            self.import_image_folder(folder)

    def choose_idx_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.parent,
            self.tr("Import MNIST / IDX images"),
            last_folder(IMAGES),
            self.tr(IDX_FILTER),
        )
        if not path:
            return
        remember_folder(IMAGES, path)
        labels = None
        if labels_path_for(Path(path)) is None:
            labels, _ = QFileDialog.getOpenFileName(
                self.parent,
                self.tr("Labels for these images (Cancel: number them)"),
                str(Path(path).parent),
                self.tr(LABELS_FILTER),
            )
        self.import_idx_file(path, labels or None)

    def import_image_folder(self, folder: str) -> bool:
        """Import every image of ``folder``, grey and scaled to the current set's size."""
        g = self.document.glyphs
        size = (g.width, g.height) if g.kind is PIXELS else None
        started = self._start(image_folder_steps(folder, size), Path(folder).name)
        if started:
            self._note = _skipped_note(folder)
        return started

    def import_idx_file(self, path: str, labels_path: str | None = None) -> bool:
        """Import an IDX images file; labels from ``labels_path``, else the file beside it,
        else numbered."""
        return self._start(idx_image_steps(path, labels_path=labels_path), Path(path).name)

    def is_running(self) -> bool:
        return self.controller.is_running()

    def shutdown(self) -> None:
        """Cancel an import and wait for its thread (closing the window)."""
        self.controller.shutdown()
        self._close_progress()

    # -- running -----------------------------------------------------------------------
    def _start(self, steps: Steps, source: str) -> bool:
        """Ask about unsaved edits, then run ``steps``; False if nothing started."""
        if self.controller.is_running():
            steps.close()
            return False
        if self.document.modified and not self._confirm_discard():
            steps.close()
            return False
        self._source, self._note = source, ""
        self._bar = QProgressBar()  # set directly: a modal dialog's setValue runs the loop
        self._bar.setRange(0, 0)
        self.progress = QProgressDialog(
            self.tr("Importing {0}…").format(source), self.tr("Cancel"), 0, 0, self.parent
        )
        self.progress.setWindowTitle(self.tr("Import"))
        self.progress.setWindowModality(Qt.WindowModal)
        self.progress.setMinimumDuration(SHOW_AFTER_MS)
        self.progress.setAutoReset(False)
        self.progress.setAutoClose(False)
        self.progress.setBar(self._bar)
        self.progress.setValue(0)  # (re)starts its show timer at SHOW_AFTER_MS, not Qt's 4 s
        self.progress.canceled.connect(self._on_cancel_clicked)
        self.controller.start(steps)
        return True

    def _on_progressed(self, done: int, total: int) -> None:
        if self.progress is not None:
            self._bar.setRange(0, total)
            self._bar.setValue(done)
            self.progress.setLabelText(
                self.tr("Importing {0}: {1} of {2}").format(self._source, f"{done:,}", f"{total:,}")
            )

    def _on_imported(self, glyphs) -> None:
        self.document.set_glyphs(glyphs)
        self.status.show_message(
            self.tr("Imported %Ln glyphs of {0}x{1} from {2}", "", len(glyphs)).format(
                glyphs.width, glyphs.height, self._source
            )
            + self._note
        )

    def _on_failed(self, message: str) -> None:
        self._close_progress()
        QMessageBox.critical(self.parent, self.tr("Cannot import"), message)

    def _on_cancel_clicked(self) -> None:
        self.controller.stop()
        self.status.show_message(self.tr("Import cancelled; the glyph set is unchanged"))

    def _on_finished(self) -> None:
        self._close_progress()

    def _close_progress(self) -> None:
        """Hide the progress dialog for good: ``reset`` stops its show timer, which would
        otherwise show it again over the error dialog (whose loop delays its deletion)."""
        if self.progress is not None:
            self.progress.canceled.disconnect(self._on_cancel_clicked)
            self.progress.reset()
            self.progress.hide()
            self.progress.deleteLater()
            self.progress = None


def _skipped_note(folder: str) -> str:
    """ "; N skipped as not regular files" for a folder holding FIFOs or devices named
    like images (the reader leaves them out), else ""."""
    try:
        skipped = image_files(Path(folder))[1]
    except GlyphSetError:
        return ""  # the import itself reports it
    if not skipped:
        return ""
    return QCoreApplication.translate(
        "GlyphImporter", "; %n skipped as not regular files", "", len(skipped)
    )
