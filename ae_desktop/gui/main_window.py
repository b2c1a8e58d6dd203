"""The main window: assembles the panels and passes the current model between them."""

from __future__ import annotations

import json

import numpy as np
from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer
from PySide6.QtWidgets import (
    QDockWidget, QInputDialog, QMainWindow, QMessageBox, QSplitter, QVBoxLayout, QWidget)

from ae_desktop.data import bundled_font
from ae_desktop.engine import Autoencoder, ConfigError, TrainConfig
from ae_desktop.gui.autosave import AutoSaver
from ae_desktop.gui.circles_dialog import add_circles_action
from ae_desktop.gui.editor_panel import EditorPanel
from ae_desktop.gui.experiments_panel import ExperimentsPanel
from ae_desktop.gui.file_menu import FileMenu
from ae_desktop.gui.glyph_document import GlyphDocument
from ae_desktop.gui.glyph_grid import GlyphGrid
from ae_desktop.gui.interpolation_panel import InterpolationPanel
from ae_desktop.gui.latent_canvas import LatentCanvas
from ae_desktop.gui.loss_plot import LossPlot
from ae_desktop.gui.shortcuts import redo_keys
from ae_desktop.gui.stored_settings import stored_architectures, stored_config
from ae_desktop.gui.training_controller import TrainingController
from ae_desktop.gui.training_panel import SUBSETS, TrainingPanel
from ae_desktop.gui.training_status import TrainingStatus
from ae_desktop.gui.warmup import KernelWarmup

REFRESH_MS = 100  # model-dependent views redraw at most this often while training
SUBSET_KEYS = [key for key, _ in SUBSETS if key != "all"]


class MainWindow(QMainWindow):
    """Glyph grid (left), editor and latent plane (centre), training and loss (right)."""

    def __init__(self, parent=None, use_settings: bool = True):
        super().__init__(parent)
        self.setWindowTitle("ae-desktop")
        self._use_settings = use_settings
        self.model: Autoencoder | None = None
        self.model_config: TrainConfig | None = None
        self.history = np.zeros((0, 3))
        self._history_before_run = np.zeros((0, 3))
        self.test_history = np.zeros((0, 2))  # [epoch, held-out loss]
        self._test_history_before_run = np.zeros((0, 2))
        self._run_arch, self._run_config = None, None
        self.document = GlyphDocument(bundled_font("font3"), self)
        g = self.document.glyphs
        self.editor_panel = EditorPanel(g.width, g.height, self)
        self.latent_canvas = LatentCanvas(self)
        self.interpolation = InterpolationPanel(self)
        self.glyph_grid = GlyphGrid(self.document, self)
        self.training_panel = TrainingPanel(self)
        self.loss_plot = LossPlot(self)
        self.experiments = ExperimentsPanel(self.training_setup, self)
        self.controller = TrainingController(self)
        self.warmup = KernelWarmup(self)
        self.status = TrainingStatus(self.statusBar())
        self._refresh_timer = QTimer(self, singleShot=True, interval=REFRESH_MS)
        self._refresh_timer.timeout.connect(self._refresh_model_views)

        latent = QWidget(self)
        latent_layout = QVBoxLayout(latent)
        latent_layout.setContentsMargins(0, 0, 0, 0)
        latent_layout.addWidget(self.latent_canvas, 1)
        latent_layout.addWidget(self.interpolation)
        splitter = QSplitter(Qt.Horizontal, self)
        splitter.setObjectName("central_splitter")
        splitter.addWidget(self.editor_panel)
        splitter.addWidget(latent)
        splitter.setSizes([420, 640])
        self.splitter = splitter
        self.setCentralWidget(splitter)
        self._docks = [self._add_dock("Glyphs", self.glyph_grid, Qt.LeftDockWidgetArea),
                       self._add_dock("Training", self.training_panel, Qt.RightDockWidgetArea),
                       self._add_dock("Loss", self.loss_plot, Qt.RightDockWidgetArea)]
        experiments = self._add_dock("Experiments", self.experiments, Qt.RightDockWidgetArea)
        self.tabifyDockWidget(self._docks[1], experiments)
        self._docks[1].raise_()
        self.file_menu = FileMenu(self)
        add_circles_action(self)
        edit_menu = self.menuBar().addMenu("&Edit")
        self.editor_panel.redo_action.setShortcuts(redo_keys())
        edit_menu.addActions([self.editor_panel.undo_action, self.editor_panel.redo_action])
        view_menu = self.menuBar().addMenu("&View")
        for dock in self.findChildren(QDockWidget):
            view_menu.addAction(dock.toggleViewAction())

        self.document.changed.connect(self._on_glyphs_changed)
        self.document.replaced.connect(self._on_glyphs_replaced)
        self.document.modified_changed.connect(self._update_title)
        self.glyph_grid.glyph_selected.connect(self._on_glyph_selected)
        self.editor_panel.glyph_added.connect(self._on_editor_glyph_added)
        self.editor_panel.glyph_replaced.connect(self._on_editor_glyph_replaced)
        self.editor_panel.encoded.connect(self.latent_canvas.set_drawn_point)
        self.latent_canvas.glyph_kept.connect(self._on_latent_glyph_kept)
        self.interpolation.path_changed.connect(self.latent_canvas.show_path)
        self.training_panel.start_requested.connect(self.start_training)
        self.training_panel.pause_toggled.connect(self._on_pause_toggled)
        self.training_panel.stop_requested.connect(self.controller.stop)
        self.controller.reported.connect(self._on_training_reported)
        self.controller.finished.connect(self._on_training_finished)
        self.controller.failed.connect(self._on_training_failed)
        self.controller.paused_changed.connect(self.status.set_paused)
        self.warmup.finished.connect(self._on_warmup_finished)
        self.autosave = AutoSaver(self, active=use_settings)
        self._on_glyphs_replaced()
        self._on_glyphs_changed()
        self._restore_settings()

    def _add_dock(self, title: str, widget: QWidget, area) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(f"{title.lower()}_dock")
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    # -- model -------------------------------------------------------------------------
    def start_warmup(self) -> None:
        """Compile the kernels in the background (call once the window is shown)."""
        self.status.show_message("Compiling kernels…")
        self.warmup.start()

    def set_model(self, model: Autoencoder | None, config: TrainConfig | None = None,
                  history: np.ndarray | None = None,
                  test_history: np.ndarray | None = None) -> None:
        """Make ``model`` the one every view shows (after training or opening a file);
        ``history`` (epochs, 3) and ``test_history`` (k, 2) are its loss curves."""
        self.model, self.model_config = model, config
        self.history = np.zeros((0, 3)) if history is None else history
        self.test_history = np.zeros((0, 2)) if test_history is None else test_history
        split = model is not None and model.arch.kind == "vae"
        self.loss_plot.reset(split_terms=split)
        self.loss_plot.set_history(self.history, self.test_history)
        self._refresh_model_views(reframe=True)

    def _refresh_model_views(self, reframe: bool = False) -> None:
        model, glyphs = self.model, self.document.glyphs
        fits = model is not None and model.arch.n_inputs == glyphs.n_pixels and len(glyphs) > 0
        # the grid reconstructs only the rows in sight: bounded work for 60,000 glyphs
        self.glyph_grid.set_reconstructor(model.reconstruct if fits else None)
        self.latent_canvas.set_model(model, reframe=reframe)
        self.editor_panel.set_model(model)  # after the canvas: it marks the drawing there
        self.interpolation.set_model(model)
        self.training_panel.set_model_available(model is not None)

    def training_indices(self) -> np.ndarray:
        """Rows of the glyph set the next run trains on: always the first ones."""
        size = self.training_panel.subset_size()
        n = len(self.document.glyphs)
        return np.arange(n if size is None else min(size, n))

    def training_setup(self) -> tuple[TrainConfig, np.ndarray, np.ndarray]:
        """(training settings, glyphs the next run trains on, all glyphs) for experiments."""
        glyphs = self.document.glyphs.matrix()
        return self.training_panel.config(), glyphs[self.training_indices()], glyphs

    def start_training(self) -> None:
        try:
            config = self.training_panel.validated_config()
            indices = self.training_indices()
            base = self.model if self.training_panel.continues() else None
            g = self.document.glyphs
            # the first len(indices) glyphs: one contiguous copy (~25 ms for 60,000 glyphs;
            # indexing with the array or copying the whole matrix first costs 0.5-1 s)
            rows = g.pixels[:len(indices)].reshape(len(indices), g.n_pixels).copy()
            run = self.controller.start(config, rows, base)
        except ConfigError as exc:
            QMessageBox.warning(self, "Cannot train", str(exc))
            return
        mask = np.zeros(len(self.document.glyphs), dtype=bool)
        mask[indices[run.train_indices]] = True  # the test split is held out too
        self.glyph_grid.set_training_mask(mask)
        self._run_arch, self._run_config = run.model.arch, config
        self._history_before_run = self.history if base is not None else np.zeros((0, 3))
        self._test_history_before_run = (self.test_history if base is not None
                                         else np.zeros((0, 2)))
        self.loss_plot.reset(split_terms=config.model == "vae")
        self.loss_plot.set_history(self._history_before_run, self._test_history_before_run)
        self.training_panel.set_running(True)
        self.status.begin(config.epochs, run if g.kind == "curve" else None)
        self._save_settings()

    def abandon_training(self) -> None:
        """Stop a run and drop the results still on their way (a model being opened
        replaces it)."""
        if self.controller.is_running():
            self.controller.shutdown()
            self._refresh_timer.stop()
            self.loss_plot.flush()
            self.training_panel.set_running(False)
            self.status.finish("cancelled")

    def _on_pause_toggled(self, paused: bool) -> None:
        (self.controller.pause if paused else self.controller.resume)()

    def _on_training_reported(self, report) -> None:
        self.model = Autoencoder(self._run_arch, report.theta)
        self.model_config = self._run_config
        self.loss_plot.append(report.new_losses)
        self.loss_plot.append_test(self._after_earlier_runs(report.new_test_losses))
        self.status.update(report)
        if not self._refresh_timer.isActive():
            self._refresh_timer.start()

    def _on_training_finished(self, status: str) -> None:
        self._refresh_timer.stop()
        self.loss_plot.flush()
        if self.controller.run is not None:
            self.history = np.concatenate([self._history_before_run,
                                           self.controller.run.history])
            self.test_history = np.concatenate([
                self._test_history_before_run,
                self._after_earlier_runs(self.controller.run.test_history)])
        self._refresh_model_views()
        self.training_panel.set_running(False)
        self.status.finish(status)
        if status == "diverged":
            self.training_panel.error.setText(
                "Training diverged (the loss stopped being finite); the last finite weights "
                "are kept. Try a lower learning rate.")

    def _after_earlier_runs(self, test_losses: np.ndarray) -> np.ndarray:
        """A run's test losses (k, 2) with epochs counted on from the run it continues."""
        return test_losses + [len(self._history_before_run), 0]

    def _on_training_failed(self, message: str) -> None:
        QMessageBox.critical(self, "Training failed", message)

    def _on_warmup_finished(self, message: str) -> None:
        self.status.show_message(f"Kernel warm-up failed: {message}" if message else "Ready")

    # -- glyphs ------------------------------------------------------------------------
    def _on_glyphs_replaced(self) -> None:
        g = self.document.glyphs
        if self.controller.is_running() and self._run_arch.n_inputs != g.n_pixels:
            self.abandon_training()  # it trains on glyphs of another size
        model = self.model
        dropped = model is not None and model.arch.n_inputs != g.n_pixels
        if dropped:
            self.set_model(None)
        if not self.controller.is_running():  # the last run's figures were of another set
            note = (f"; the model ({model.arch.text}) does not fit it and was closed"
                    if dropped else "")
            size = (f"curves of {g.height} points" if g.kind == "curve"
                    else f"glyphs of {g.width}x{g.height}")
            self.status.clear(f"{self.document.title}: {len(g):,} {size}{note}")
        self.training_panel.set_input_size(g.n_pixels, len(g))
        self.editor_panel.set_kind(g.kind)
        self.editor_panel.load(g.pixels[0] if len(g) else np.zeros((g.height, g.width)))
        self._update_title()

    def _on_glyphs_changed(self) -> None:
        g = self.document.glyphs
        shape = (g.height, g.width)
        rows = g.pixels.reshape(len(g), g.n_pixels)  # a view: copying 60,000 glyphs stalls
        self.latent_canvas.set_glyphs(rows, g.labels, shape, g.kind)
        self.interpolation.set_glyphs(rows, g.labels, shape, g.kind)
        self._refresh_model_views()

    def _on_glyph_selected(self, index: int) -> None:
        if 0 <= index < len(self.document.glyphs):
            self.editor_panel.load(self.document.glyphs.pixels[index])

    def _on_editor_glyph_added(self, pixels: np.ndarray) -> None:
        label, ok = QInputDialog.getText(self, "Add glyph", "Label for the new glyph:")
        if ok and label:
            self.glyph_grid.select(self.document.add(label, pixels))

    def _on_editor_glyph_replaced(self, pixels: np.ndarray) -> None:
        index = self.glyph_grid.selected_index()
        if index >= 0:
            self.document.redraw(index, pixels)

    def _on_latent_glyph_kept(self, label: str, pixels: np.ndarray) -> None:
        self.document.add(label, pixels)
        self.status.show_message(f"Added glyph {label!r} from the latent plane")

    def _update_title(self, *args) -> None:
        self.setWindowTitle(f"{self.document.title}{' *' if self.document.modified else ''}"
                            " — ae-desktop")

    # -- settings and closing ------------------------------------------------------------
    def _restore_settings(self) -> None:
        settings = QSettings()
        if not self._use_settings or settings.value("window/geometry") is None:
            self.resize(1480, 900)
            glyphs, training, loss = self._docks
            self.resizeDocks([glyphs, training], [250, 400], Qt.Horizontal)
            self.resizeDocks([training, loss], [470, 330], Qt.Vertical)
            return
        for restore, key in ((self.restoreGeometry, "window/geometry"),
                             (self.restoreState, "window/state"),
                             (self.splitter.restoreState, "window/splitter")):
            value = settings.value(key)
            if isinstance(value, QByteArray):
                restore(value)
        # bad or foreign stored values fall back to the defaults, field by field
        panel, g = self.training_panel, self.document.glyphs
        panel.set_typed_architectures(stored_architectures(
            settings.value("training/architectures")))
        panel.set_config(stored_config(settings.value("training/config")))
        panel.set_input_size(g.n_pixels, len(g))  # an architecture stored for another size
        subset = settings.value("training/subset", "all")
        panel.set_subset_size(int(subset) if subset in SUBSET_KEYS else None)

    def _save_settings(self) -> None:
        if not self._use_settings:
            return
        settings = QSettings()
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/state", self.saveState())
        settings.setValue("window/splitter", self.splitter.saveState())
        settings.setValue("training/config", json.dumps(self.training_panel.config().to_dict()))
        settings.setValue("training/architectures",
                          json.dumps(self.training_panel.typed_architectures()))
        size = self.training_panel.subset_size()
        settings.setValue("training/subset", "all" if size is None else str(size))

    def closeEvent(self, event) -> None:
        if not self.file_menu.confirm_close(by_user=event.spontaneous()):
            event.ignore()
            return
        self.shutdown()
        self._save_settings()
        self.autosave.end_session()
        event.accept()

    def shutdown(self) -> None:
        """Stop training and wait for the worker threads (closing, or the app quitting)."""
        self.controller.shutdown()
        self.file_menu.importer.shutdown()
        self.experiments.shutdown()
        self.warmup.wait()
        self._refresh_timer.stop()

