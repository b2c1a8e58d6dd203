"""The File menu: glyph sets (JSON), models (.npz), exports, recent files."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyqtgraph.exporters as exporters
from PySide6.QtCore import QObject, QRectF, QSettings, Qt, Signal
from PySide6.QtGui import QImage, QKeySequence, QPainter
from PySide6.QtWidgets import QFileDialog, QMessageBox

from ae_desktop.data import FONT_NAMES, GlyphSet, GlyphSetError, bundled_font
from ae_desktop.engine import (
    Autoencoder, ConfigError, ModelFileError, TrainConfig, load_model, save_model)
from ae_desktop.gui.glyph_view import paint_glyph
from ae_desktop.gui.importer import GlyphImporter
from ae_desktop.gui.new_set_dialog import ask_new_set

MAX_RECENT = 8
GLYPH_FILTER = "Glyph sets (*.json);;All files (*)"
MODEL_FILTER = "Models (*.npz);;All files (*)"
PLOT_FILTER = "PNG image (*.png);;SVG drawing (*.svg)"
# What reading an untrusted file may raise: each ends in a dialog, nothing swapped
READ_ERRORS = (GlyphSetError, ModelFileError, ConfigError, OSError, ValueError, TypeError,
               AttributeError, OverflowError, RecursionError, MemoryError)


class FileMenu(QObject):
    """Builds the File menu of ``window`` (a MainWindow) and runs its commands."""

    model_saved_changed = Signal()  # a model was saved or opened: it matches a file

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self._saved_model: Autoencoder | None = None  # the model last saved or opened
        self._quitting = False
        menu = window.menuBar().addMenu("&File")
        menu.addAction("&New glyph set…", QKeySequence.New, self.new_set)
        menu.addAction("&Open glyph set…", QKeySequence.Open, self._on_open_triggered)
        fonts = menu.addMenu("Open bundled &font")
        for name in FONT_NAMES:
            fonts.addAction(name, lambda n=name: self._replace_set(bundled_font(n)))
        self.recent_menu = menu.addMenu("Open &recent")
        menu.addAction("&Save glyph set", QKeySequence.Save, self.save)
        menu.addAction("Save glyph set &as…", QKeySequence.SaveAs, self.save_as)
        menu.addSeparator()
        self.importer = GlyphImporter(self)
        menu.addAction("&Import images…", self.importer.choose_image_folder)
        menu.addAction("Import MNIST / &IDX…", self.importer.choose_idx_file)
        menu.addSeparator()
        menu.addAction("Open &model…", QKeySequence("Ctrl+Shift+O"), self.open_model)
        menu.addAction("Save mo&del…", QKeySequence("Ctrl+Shift+M"), self.save_model)
        menu.addSeparator()
        export = menu.addMenu("&Export")
        export.addAction("Glyph grid as PNG…", self.export_glyphs)
        export.addAction("Latent plane as PNG or SVG…",
                         lambda: self._export_plot(window.latent_canvas.plot, "latent-plane"))
        export.addAction("Loss curve as PNG or SVG…",
                         lambda: self._export_plot(window.loss_plot.plot, "loss-curve"))
        menu.addSeparator()
        menu.addAction("&Quit", QKeySequence("Ctrl+Q"), self.quit)
        self._update_recent_menu()

    # -- glyph sets --------------------------------------------------------------------
    def quit(self) -> None:
        """File > Quit (Ctrl+Q): close the window, asking about all unsaved work."""
        self._quitting = True
        try:
            self.window.close()
        finally:
            self._quitting = False

    def confirm_close(self, by_user: bool = False) -> bool:
        """Ask about unsaved glyph edits, then, when the user quits (File > Quit or the
        window's close button: ``by_user``), about a trained, unsaved model; True when
        the window may close (saved or discarded), False for Cancel."""
        if self.window.document.modified and not self.confirm_discard():
            return False
        if not ((by_user or self._quitting) and self.model_unsaved()):
            return True
        answer = QMessageBox.question(
            self.window, "Unsaved model",
            f"Save the trained model ({self.window.model.arch.text})?",
            QMessageBox.Save | QMessageBox.Discard | QMessageBox.Cancel, QMessageBox.Save)
        if answer == QMessageBox.Save:
            return self.save_model()
        return answer == QMessageBox.Discard

    def model_unsaved(self) -> bool:
        """Whether the window holds a model that no file holds (trained, or recovered)."""
        return self.window.model is not None and self.window.model is not self._saved_model

    def confirm_discard(self) -> bool:
        """Ask before unsaved glyph edits are lost; True to go ahead."""
        answer = QMessageBox.question(
            self.window, "Unsaved glyphs",
            f"Save the changes to {self.window.document.title}?",
            QMessageBox.Save | QMessageBox.Discard | QMessageBox.Cancel, QMessageBox.Save)
        if answer == QMessageBox.Save:
            return self.save()
        return answer == QMessageBox.Discard

    def new_set(self) -> None:
        g = self.window.document.glyphs
        glyphs = ask_new_set(self.window, g.width, g.height)
        if glyphs is not None:
            self._replace_set(glyphs)

    def _replace_set(self, glyphs: GlyphSet) -> None:
        if self.window.document.modified and not self.confirm_discard():
            return
        self.window.document.set_glyphs(glyphs)

    def _on_open_triggered(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self.window, "Open glyph set", "", GLYPH_FILTER)
        if path:
            self.open_set(path)

    def open_set(self, path: str) -> bool:
        """Open a glyph-set file; an error dialog leaves the current set untouched."""
        if self.window.document.modified and not self.confirm_discard():
            return False
        try:
            self.window.document.open(path)
        except READ_ERRORS as exc:
            QMessageBox.critical(self.window, "Cannot open glyph set", error_line(exc))
            return False
        self._remember(path)
        return True

    def save(self) -> bool:
        path = self.window.document.path
        return self.save_as() if path is None else self._write_set(path)

    def save_as(self) -> bool:
        path, _ = QFileDialog.getSaveFileName(
            self.window, "Save glyph set", f"{self.window.document.glyphs.name}.json",
            GLYPH_FILTER)
        return bool(path) and self._write_set(path)

    def _write_set(self, path) -> bool:
        try:
            self.window.document.save(path)
        except OSError as exc:
            QMessageBox.critical(self.window, "Cannot save glyph set", str(exc))
            return False
        self._remember(str(path))
        self.window.status.show_message(f"Saved {Path(path).name}")
        return True

    def _remember(self, path: str) -> None:
        settings = QSettings()
        recent = [p for p in settings.value("recent/glyph_sets", [], list) if p != path]
        settings.setValue("recent/glyph_sets", [path] + recent[:MAX_RECENT - 1])
        self._update_recent_menu()

    def _update_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = QSettings().value("recent/glyph_sets", [], list)
        for path in recent:
            self.recent_menu.addAction(Path(path).name, lambda p=path: self.open_set(p))
        self.recent_menu.setEnabled(bool(recent))

    # -- models ------------------------------------------------------------------------
    def open_model(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self.window, "Open model", "", MODEL_FILTER)
        if path:
            self.load_model_file(path)

    def load_model_file(self, path: str) -> bool:
        """Load a .npz model; on a bad file, an error dialog and no change."""
        try:
            opened = read_model_file(path)
        except READ_ERRORS as exc:
            QMessageBox.critical(self.window, "Cannot open model", error_line(exc))
            return False
        self.show_model(opened, f"Opened model {Path(path).name}")
        return True

    def show_model(self, opened: tuple, message: str, saved: bool = True) -> None:
        """Make ``opened`` (from ``read_model_file``) the window's model; ``saved`` when
        a file the user chose holds it (not an autosave)."""
        model, config, history, test_history = opened
        self.window.abandon_training()
        self.window.set_model(model, config, history, test_history)
        if config is not None:
            self.window.training_panel.set_config(config)
        self._mark_saved(model if saved else None)
        self.window.status.show_message(f"{message} ({model.arch.text})")

    def save_model(self) -> bool:
        window = self.window
        if window.model is None:
            QMessageBox.information(window, "No model", "Train or open a model first.")
            return False
        path, _ = QFileDialog.getSaveFileName(window, "Save model", "model.npz", MODEL_FILTER)
        return bool(path) and self.write_model(path)

    def write_model(self, path: str) -> bool:
        window = self.window
        model = window.model
        try:
            save_model(path, model, model_metadata(window))
        except (OSError, ValueError) as exc:
            QMessageBox.critical(window, "Cannot save model", error_line(exc))
            return False
        self._mark_saved(model)
        window.status.show_message(f"Saved model {Path(path).name}")
        return True

    def _mark_saved(self, model: Autoencoder | None) -> None:
        self._saved_model = model
        self.model_saved_changed.emit()

    # -- exports -----------------------------------------------------------------------
    def export_glyphs(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self.window, "Export glyph grid", "glyphs.png",
                                              "PNG image (*.png)")
        if path and not glyph_sheet(self.window.document.glyphs).save(path):
            QMessageBox.critical(self.window, "Export failed", f"Cannot write {path}")

    def _export_plot(self, plot_item, name: str) -> None:
        path, _ = QFileDialog.getSaveFileName(self.window, "Export plot", f"{name}.png",
                                                   PLOT_FILTER)
        if path:
            try:
                export_plot(plot_item, path)
            except OSError as exc:
                QMessageBox.critical(self.window, "Export failed", str(exc))


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
            raise ModelFileError(f"{Path(path).name}: stored config: {error_line(exc)}")
    return model, config, metadata["history"], metadata["test_history"]


def model_metadata(window) -> dict:
    """What ``save_model`` stores beside the weights of ``window.model``."""
    config, g = window.model_config, window.document.glyphs
    metadata = {"history": window.history, "test_history": window.test_history,
                "dataset": window.document.title}
    if g.n_pixels == window.model.arch.n_inputs:
        metadata["image_shape"] = (g.height, g.width)
    if config is not None:
        metadata.update(optimizer=config.optimizer, config=config.to_dict(),
                        optimizer_settings={"lr": config.lr, "momentum": config.momentum,
                                            "batch_size": config.batch_size})
    return metadata


def export_plot(plot_item, path: str) -> None:
    """Write a pyqtgraph PlotItem to ``path``: SVG for a .svg name, else a PNG image."""
    if Path(path).suffix.lower() == ".svg":
        exporters.SVGExporter(plot_item).export(str(path))
    else:
        exporter = exporters.ImageExporter(plot_item)
        exporter.parameters()["width"] = 1200
        exporter.export(str(path))
    if not Path(path).is_file():
        raise OSError(f"could not write {path}")


def glyph_sheet(glyphs: GlyphSet, columns: int = 8, cell: int = 10) -> QImage:
    """All glyphs with their labels on a white sheet, ``columns`` per row."""
    tile_w, tile_h = glyphs.width * cell + 16, glyphs.height * cell + 30
    rows = max(1, -(-len(glyphs) // columns))
    image = QImage(columns * tile_w, rows * tile_h, QImage.Format_RGB32)
    image.fill(Qt.white)
    painter = QPainter(image)
    for i, (label, pixels) in enumerate(zip(glyphs.labels, glyphs.pixels)):
        x, y = (i % columns) * tile_w + 8, (i // columns) * tile_h + 6
        paint_glyph(painter, QRectF(x, y, glyphs.width * cell, glyphs.height * cell),
                    np.asarray(pixels))
        painter.drawText(QRectF(x - 8, y + glyphs.height * cell, tile_w, 22),
                         Qt.AlignCenter, label)
    painter.end()
    return image
