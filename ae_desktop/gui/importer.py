"""File > Import: a folder of images or an MNIST-style IDX file becomes the glyph set.

The files are read off the GUI thread (ImportController) behind a progress dialog with
Cancel; the current set changes only when an import succeeds."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressBar, QProgressDialog

from ae_desktop.data.idx import idx_image_steps, labels_path_for
from ae_desktop.data.image_folder import image_folder_steps
from ae_desktop.data.steps import Steps
from ae_desktop.gui.import_controller import ImportController

IDX_FILTER = ("IDX images (*-images-idx3-ubyte *-images-idx3-ubyte.gz *.idx3-ubyte);;"
              "All files (*)")
LABELS_FILTER = "IDX labels (*-labels-idx1-ubyte *-labels-idx1-ubyte.gz);;All files (*)"
SHOW_AFTER_MS = 300  # quick imports finish without a dialog flashing up


class GlyphImporter(QObject):
    """Import commands of ``file_menu``'s window (a MainWindow)."""

    def __init__(self, file_menu):
        super().__init__(file_menu)
        self.file_menu = file_menu
        self.window = file_menu.window
        self.controller = ImportController(self)
        self.controller.progressed.connect(self._on_progressed)
        self.controller.imported.connect(self._on_imported)
        self.controller.failed.connect(self._on_failed)
        self.controller.finished.connect(self._on_finished)
        self.progress: QProgressDialog | None = None
        self._bar: QProgressBar | None = None
        self._source = ""

    # -- commands ----------------------------------------------------------------------
    def choose_image_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self.window, "Import a folder of images")
        if folder:
            self.import_image_folder(folder)

    def choose_idx_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self.window, "Import MNIST / IDX images", "",
                                              IDX_FILTER)
        if not path:
            return
        labels = None
        if labels_path_for(Path(path)) is None:
            labels, _ = QFileDialog.getOpenFileName(
                self.window, "Labels for these images (Cancel: number them)",
                str(Path(path).parent), LABELS_FILTER)
        self.import_idx_file(path, labels or None)

    def import_image_folder(self, folder: str) -> bool:
        """Import every image of ``folder``, grey and scaled to the current set's size."""
        g = self.window.document.glyphs
        size = (g.width, g.height) if g.kind == "pixels" else None
        return self._start(image_folder_steps(folder, size), Path(folder).name)

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
        if self.window.document.modified and not self.file_menu.confirm_discard():
            steps.close()
            return False
        self._source = source
        self._bar = QProgressBar()  # set directly: a modal dialog's setValue runs the loop
        self._bar.setRange(0, 0)
        self.progress = QProgressDialog(f"Importing {source}…", "Cancel", 0, 0, self.window)
        self.progress.setWindowTitle("Import")
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
            self.progress.setLabelText(f"Importing {self._source}: {done:,} of {total:,}")

    def _on_imported(self, glyphs) -> None:
        self.window.document.set_glyphs(glyphs)
        self.window.status.show_message(
            f"Imported {len(glyphs):,} glyphs of {glyphs.width}x{glyphs.height} "
            f"from {self._source}")

    def _on_failed(self, message: str) -> None:
        self._close_progress()
        QMessageBox.critical(self.window, "Cannot import", message)

    def _on_cancel_clicked(self) -> None:
        self.controller.stop()
        self.window.status.show_message("Import cancelled; the glyph set is unchanged")

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
