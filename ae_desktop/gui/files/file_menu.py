"""The File menu: glyph sets (JSON), models (.npz), exports, recent files."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, QRectF, Qt
from PySide6.QtGui import QImage, QKeySequence, QPainter
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QWidget

from ae_desktop.data import FONT_NAMES, GlyphSet, GlyphSetError, bundled_font
from ae_desktop.data.font_glyphs import FontError, font_glyphs
from ae_desktop.engine import ConfigError, ModelFileError, TrainConfig, load_model, save_model
from ae_desktop.gui.actions import ActionRegistry
from ae_desktop.gui.files import recent_files
from ae_desktop.gui.files.export_font_dialog import ExportFontDialog
from ae_desktop.gui.files.importer import GlyphImporter
from ae_desktop.gui.files.recent_files import EXPORTS, GLYPH_SETS, MODELS
from ae_desktop.gui.glyphs.glyph_document import GlyphDocument
from ae_desktop.gui.glyphs.glyph_view import paint_glyph
from ae_desktop.gui.glyphs.new_set_dialog import ask_new_set
from ae_desktop.gui.model_session import FILE, RECOVERED, ModelSession
from ae_desktop.gui.training.training_status import TrainingStatus
from ae_desktop.plots.summary_chart import plot_bytes, png_bytes
from ae_desktop.safe_io.atomic import write_atomic

# file-dialog filters: translated where used, with ``translated``
GLYPH_FILTER = QT_TRANSLATE_NOOP("FileMenu", "Glyph sets (*.json);;All files (*)")
MODEL_FILTER = QT_TRANSLATE_NOOP("FileMenu", "Models (*.npz);;All files (*)")
PLOT_FILTER = QT_TRANSLATE_NOOP("FileMenu", "PNG image (*.png);;SVG drawing (*.svg)")
PNG_FILTER = QT_TRANSLATE_NOOP("FileMenu", "PNG image (*.png)")
# What reading an untrusted file may raise: each ends in a dialog, nothing swapped
READ_ERRORS = (
    GlyphSetError,
    ModelFileError,
    ConfigError,
    OSError,
    ValueError,
    TypeError,
    AttributeError,
    OverflowError,
    RecursionError,
    MemoryError,
)


class FileMenu(QObject):
    """The File commands on ``document`` and ``session``, registered in ``actions``
    (ids ``file.*``); dialogs open over ``parent``, messages go to ``status``;
    ``plots`` maps an export's name ("latent-plane", "loss-curve") to its PlotItem."""

    def __init__(
        self,
        parent: QWidget,
        actions: ActionRegistry,
        document: GlyphDocument,
        session: ModelSession,
        status: TrainingStatus,
        plots: dict,
    ):
        super().__init__(parent)
        self.parent, self.actions = parent, actions
        self.document, self.session, self.status = document, session, status
        self.font_dialog: ExportFontDialog | None = None
        add = actions.add
        add("file.new_set", self.tr("&New glyph set…"), self.new_set, (QKeySequence.New,))
        add(
            "file.open_set",
            self.tr("&Open glyph set…"),
            self._on_open_triggered,
            (QKeySequence.Open,),
        )
        for name in FONT_NAMES:
            add(f"file.font.{name}", name, lambda n=name: self._replace_set(bundled_font(n)))
        add("file.save_set", self.tr("&Save glyph set"), self.save, (QKeySequence.Save,))
        add(
            "file.save_set_as", self.tr("Save glyph set &as…"), self.save_as, (QKeySequence.SaveAs,)
        )
        self.importer = GlyphImporter(parent, document, status, self.confirm_discard)
        add("file.import_images", self.tr("&Import images…"), self.importer.choose_image_folder)
        add("file.import_idx", self.tr("Import MNIST / &IDX…"), self.importer.choose_idx_file)
        add("file.open_model", self.tr("Open &model…"), self.open_model, ("Ctrl+Shift+O",))
        add("file.save_model", self.tr("Save mo&del…"), self.save_model, ("Ctrl+Shift+M",))
        add("file.export_glyphs", self.tr("Glyph grid as PNG…"), self.export_glyphs)
        add(
            "file.export_font",
            self.tr("Export &font…"),
            self.export_font,
            tip=self.tr(
                "The glyphs (or the model's reconstructions) as a TrueType, OpenType or BDF font"
            ),
        )
        for name, text in (
            ("latent-plane", self.tr("Latent plane as PNG or SVG…")),
            ("loss-curve", self.tr("Loss curve as PNG or SVG…")),
        ):
            add(f"file.export.{name}", text, lambda n=name: self._export_plot(plots[n], n))
        reopen = add(
            "file.reopen_last",
            self.tr("Reopen last files at &launch"),
            tip=self.tr("Open the last glyph set and model again when ae-desktop starts"),
        )
        reopen.setCheckable(True)
        reopen.setChecked(recent_files.reopen_last())
        reopen.toggled.connect(recent_files.set_reopen_last)
        self.recent_menu = QMenu(self.tr("Open &recent"), parent)
        self._update_recent_menu()

    def fill(self, menu: QMenu) -> None:
        """The File menu: every file.* action, with its submenus, then ``file.quit``."""
        fill = self.actions.fill
        fill(menu, ["file.new_set", "file.new_circles", "file.open_set"])
        fill(menu.addMenu(self.tr("Open bundled &font")), [f"file.font.{n}" for n in FONT_NAMES])
        menu.addMenu(self.recent_menu)
        fill(
            menu,
            [
                "file.save_set",
                "file.save_set_as",
                None,
                "file.import_images",
                "file.import_idx",
                None,
                "file.open_model",
                "file.save_model",
                None,
                "file.export_font",
            ],
        )
        fill(
            menu.addMenu(self.tr("&Export")),
            ["file.export_glyphs", "file.export.latent-plane", "file.export.loss-curve"],
        )
        fill(menu, [None, "file.reopen_last", None, "file.quit"])

    # -- closing -----------------------------------------------------------------------
    def confirm_close(self) -> bool:
        """Ask about unsaved glyph edits, then about a trained, unsaved model; True when
        the window may close (saved or discarded), False for Cancel."""
        if self.document.modified and not self.confirm_discard():
            return False
        if not self.session.unsaved:
            return True
        return self._ask_to_save(
            self.tr("Unsaved model"),
            self.tr("Save the trained model ({0})?").format(self.session.model.arch.text),
            self.save_model,
        )

    def confirm_discard(self) -> bool:
        """Ask before unsaved glyph edits are lost; True to go ahead."""
        return self._ask_to_save(
            self.tr("Unsaved glyphs"),
            self.tr("Save the changes to {0}?").format(self.document.title),
            self.save,
        )

    def _ask_to_save(self, title: str, question: str, save) -> bool:
        """Save / Discard / Cancel: True once ``save()`` succeeded or on Discard."""
        answer = QMessageBox.question(
            self.parent,
            title,
            question,
            QMessageBox.Save | QMessageBox.Discard | QMessageBox.Cancel,
            QMessageBox.Save,
        )
        if answer == QMessageBox.Save:
            return save()
        return answer == QMessageBox.Discard

    # -- glyph sets --------------------------------------------------------------------
    def new_set(self) -> None:
        g = self.document.glyphs
        glyphs = ask_new_set(self.parent, g.width, g.height)
        if glyphs is not None:
            self._replace_set(glyphs)

    def _replace_set(self, glyphs: GlyphSet) -> None:
        if self.document.modified and not self.confirm_discard():
            return
        self.document.set_glyphs(glyphs)

    def _on_open_triggered(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.parent,
            self.tr("Open glyph set"),
            recent_files.last_folder(GLYPH_SETS),
            translated(GLYPH_FILTER),
        )
        if path:
            self.open_set(path)

    def open_set(self, path: str) -> bool:
        """Open a glyph-set file; an error dialog leaves the current set untouched."""
        if self.document.modified and not self.confirm_discard():
            return False
        try:
            self.document.open(path)
        except READ_ERRORS as exc:
            QMessageBox.critical(self.parent, self.tr("Cannot open glyph set"), error_line(exc))
            return False
        self._remember(GLYPH_SETS, path)
        return True

    def save(self) -> bool:
        path = self.document.path
        return self.save_as() if path is None else self._write_set(path)

    def save_as(self) -> bool:
        if self._refuse_empty_set():
            return False
        path, _ = QFileDialog.getSaveFileName(
            self.parent,
            self.tr("Save glyph set"),
            recent_files.in_last_folder(GLYPH_SETS, f"{self.document.glyphs.name}.json"),
            translated(GLYPH_FILTER),
        )
        return bool(path) and self._write_set(path)

    def _refuse_empty_set(self) -> bool:
        """A set of no glyphs cannot be reopened: say so instead of saving it."""
        if len(self.document.glyphs):
            return False
        QMessageBox.warning(
            self.parent,
            self.tr("Cannot save glyph set"),
            self.tr("The set has no glyphs; add at least one before saving it."),
        )
        return True

    def _write_set(self, path) -> bool:
        if self._refuse_empty_set():
            return False
        try:
            self.document.save(path)
        except OSError as exc:
            QMessageBox.critical(self.parent, self.tr("Cannot save glyph set"), str(exc))
            return False
        self._remember(GLYPH_SETS, str(path))
        self.status.show_message(self.tr("Saved {0}").format(Path(path).name))
        return True

    def _remember(self, kind: str, path: str) -> None:
        recent_files.remember(kind, path)
        self._update_recent_menu()

    def _update_recent_menu(self) -> None:
        self.recent_menu.clear()
        sets, models = recent_files.recent(GLYPH_SETS), recent_files.recent(MODELS)
        for path in sets:
            self.recent_menu.addAction(Path(path).name, lambda p=path: self.open_set(p))
        if sets and models:
            self.recent_menu.addSeparator()
        for path in models:
            self.recent_menu.addAction(
                self.tr("{0} (model)").format(Path(path).name),
                lambda p=path: self.load_model_file(p),
            )
        self.recent_menu.setEnabled(bool(sets or models))

    # -- models ------------------------------------------------------------------------
    def open_model(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.parent,
            self.tr("Open model"),
            recent_files.last_folder(MODELS),
            translated(MODEL_FILTER),
        )
        if path:
            self.load_model_file(path)

    def load_model_file(self, path: str) -> bool:
        """Load a .npz model; on a bad file, an error dialog and no change."""
        try:
            opened = read_model_file(path)
        except READ_ERRORS as exc:
            QMessageBox.critical(self.parent, self.tr("Cannot open model"), error_line(exc))
            return False
        inputs, glyphs = opened[0].arch.n_inputs, self.document.glyphs
        if inputs != glyphs.n_pixels:  # a model always fits the set it is shown with
            QMessageBox.critical(
                self.parent,
                self.tr("Cannot open model"),
                self.tr(
                    "{0} reads glyphs of {1} values; those of the current set have {2}. "
                    "Open or create a glyph set of that size first."
                ).format(Path(path).name, inputs, glyphs.n_pixels),
            )
            return False
        self.show_model(opened, self.tr("Opened model {0}").format(Path(path).name), path)
        return True

    def show_model(self, opened: tuple, message: str, path: str | None = None) -> None:
        """Make ``opened`` (from ``read_model_file``) the session's model: from the file
        ``path`` (saved), or recovered from an autosave (``path`` None: unsaved)."""
        model = opened[0]
        self.session.replace(*opened, origin=FILE if path else RECOVERED, path=path)
        if path:
            self._remember(MODELS, path)
        self.status.show_message(f"{message} ({model.arch.text})")

    def save_model(self) -> bool:
        if self.session.model is None:
            QMessageBox.information(
                self.parent, self.tr("No model"), self.tr("Train or open a model first.")
            )
            return False
        path, _ = QFileDialog.getSaveFileName(
            self.parent,
            self.tr("Save model"),
            recent_files.in_last_folder(MODELS, "model.npz"),
            translated(MODEL_FILTER),
        )
        return bool(path) and self.write_model(path)

    def write_model(self, path: str) -> bool:
        g = self.document.glyphs
        try:
            save_model(
                path,
                self.session.model,
                self.session.metadata(self.document.title, (g.height, g.width)),
            )
        except (OSError, ValueError) as exc:
            QMessageBox.critical(self.parent, self.tr("Cannot save model"), error_line(exc))
            return False
        self.session.mark_saved(path)
        self._remember(MODELS, path)
        self.status.show_message(self.tr("Saved model {0}").format(Path(path).name))
        return True

    # -- exports -----------------------------------------------------------------------
    def export_glyphs(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self.parent,
            self.tr("Export glyph grid"),
            recent_files.in_last_folder(EXPORTS, "glyphs.png"),
            translated(PNG_FILTER),
        )
        if not path:
            return
        recent_files.remember_folder(EXPORTS, path)
        try:
            write_atomic(path, png_bytes(glyph_sheet(self.document.glyphs)))
        except OSError as exc:
            QMessageBox.critical(
                self.parent,
                self.tr("Export failed"),
                self.tr("Cannot write {0}: {1}").format(path, exc),
            )

    def export_font(self) -> None:
        """The Export font dialog (not modal: it follows the set and the model); an error
        dialog when nothing can be exported."""
        try:
            choices = self._font_choices()
        except FontError as exc:
            QMessageBox.critical(self.parent, self.tr("Cannot export font"), error_line(exc))
            return
        if self.font_dialog is None:
            self.font_dialog = ExportFontDialog(
                self.parent,
                self._font_choices,
                lambda name: recent_files.in_last_folder(EXPORTS, name),
            )
            self.font_dialog.saved.connect(self._font_saved)
            self.document.changed.connect(self.font_dialog.refresh)
            self.session.changed.connect(self.font_dialog.refresh)
        self.font_dialog.start(choices)

    def _font_choices(self) -> tuple:
        """The set's exportable glyphs, and the model's reconstructions when the model
        takes glyphs of this size (else None); FontError when none can be exported."""
        glyphs, model = self.document.glyphs, self.session.model
        drawn = font_glyphs(glyphs)
        fits = model is not None and model.arch.n_inputs == glyphs.n_pixels
        return drawn, font_glyphs(glyphs, model.reconstruct) if fits else None

    def _font_saved(self, path: str) -> None:
        recent_files.remember_folder(EXPORTS, path)
        self.status.show_message(self.tr("Exported font {0}").format(Path(path).name))

    def _export_plot(self, plot_item, name: str) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self.parent,
            self.tr("Export plot"),
            recent_files.in_last_folder(EXPORTS, f"{name}.png"),
            translated(PLOT_FILTER),
        )
        if path:
            recent_files.remember_folder(EXPORTS, path)
            try:
                export_plot(plot_item, path)
            except OSError as exc:
                QMessageBox.critical(self.parent, self.tr("Export failed"), str(exc))


def translated(file_filter: str) -> str:
    """A file-dialog filter of this module in the language in use."""
    return QCoreApplication.translate("FileMenu", file_filter)


def error_line(exc: BaseException) -> str:
    """A reader's error as one line for a dialog (a MemoryError has no text)."""
    lines = str(exc).strip().splitlines()
    if not lines:
        return type(exc).__name__
    line = lines[0].encode("utf-8", "backslashreplace").decode("utf-8")
    return line if len(line) <= 300 else line[:297] + "..."


def read_model_file(path: str) -> tuple:
    """(model, config or None, history, test_history) of a .npz model, each checked as
    far as the window needs before anything is swapped; READ_ERRORS when it is bad."""
    model, metadata = load_model(path)
    config = None
    if metadata["config"]:
        try:
            config = TrainConfig.from_dict(metadata["config"])
            config.architecture(model.arch.n_inputs)  # also validates every setting
        except (ConfigError, TypeError, AttributeError, OverflowError) as exc:
            raise ModelFileError(f"{Path(path).name}: stored config: {error_line(exc)}") from exc
    return model, config, metadata["history"], metadata["test_history"]


def export_plot(plot_item, path: str) -> None:
    """Write a pyqtgraph PlotItem to ``path`` atomically: SVG for a .svg name, else a
    PNG image; OSError when it cannot."""
    write_atomic(path, plot_bytes(plot_item, svg=Path(path).suffix.lower() == ".svg"))


def glyph_sheet(glyphs: GlyphSet, columns: int = 8, cell: int = 10) -> QImage:
    """All glyphs with their labels on a white sheet, ``columns`` per row."""
    tile_w, tile_h = glyphs.width * cell + 16, glyphs.height * cell + 30
    rows = max(1, -(-len(glyphs) // columns))
    image = QImage(columns * tile_w, rows * tile_h, QImage.Format_RGB32)
    image.fill(Qt.white)
    painter = QPainter(image)
    for i, (label, pixels) in enumerate(zip(glyphs.labels, glyphs.pixels)):
        x, y = (i % columns) * tile_w + 8, (i // columns) * tile_h + 6
        paint_glyph(
            painter, QRectF(x, y, glyphs.width * cell, glyphs.height * cell), np.asarray(pixels)
        )
        painter.drawText(QRectF(x - 8, y + glyphs.height * cell, tile_w, 22), Qt.AlignCenter, label)
    painter.end()
    return image
