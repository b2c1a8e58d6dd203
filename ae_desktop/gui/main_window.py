"""The main window: assembles the panels and passes the current model between them."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer
from PySide6.QtWidgets import (
    QDockWidget,
    QInputDialog,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ae_desktop.data import bundled_font
from ae_desktop.engine import CURVE, Autoencoder, ConfigError, ModelFileError, TrainConfig
from ae_desktop.gui.actions import ActionRegistry
from ae_desktop.gui.experiments.experiments_panel import ExperimentsPanel
from ae_desktop.gui.files import recent_files
from ae_desktop.gui.files.autosave import AutoSaver
from ae_desktop.gui.files.file_menu import READ_ERRORS, FileMenu, error_line, read_model_file
from ae_desktop.gui.files.recent_files import GLYPH_SETS, MODELS
from ae_desktop.gui.glyphs.circles_dialog import add_circles_action
from ae_desktop.gui.glyphs.editor_panel import EditorPanel
from ae_desktop.gui.glyphs.glyph_document import GlyphDocument
from ae_desktop.gui.glyphs.glyph_grid import GlyphGrid
from ae_desktop.gui.help_menu import HelpMenu
from ae_desktop.gui.language import language_menu
from ae_desktop.gui.latent.interpolation_panel import InterpolationPanel
from ae_desktop.gui.latent.latent_canvas import LatentCanvas
from ae_desktop.gui.latent.sample_strip import SampleStrip
from ae_desktop.gui.model_session import ModelSession
from ae_desktop.gui.network.network_view import NetworkView
from ae_desktop.gui.stored_settings import stored_architectures, stored_config
from ae_desktop.gui.training.loss_plot import LossPlot
from ae_desktop.gui.training.training_controller import TrainingController
from ae_desktop.gui.training.training_panel import SUBSETS, TrainingPanel
from ae_desktop.gui.training.training_status import TrainingStatus
from ae_desktop.gui.training.warmup import KernelWarmup

REFRESH_MS = 100  # model-dependent views redraw at most this often while training
SUBSET_KEYS = [key for key, _ in SUBSETS if key != "all"]


class MainWindow(QMainWindow):
    """Glyph grid (left), editor and latent plane (centre), training and loss (right)."""

    def __init__(self, parent=None, use_settings: bool = True):
        super().__init__(parent)
        self.setWindowTitle("ae-desktop")
        self._use_settings = use_settings
        self.session = ModelSession(self)
        self._launch_note = ""  # what the launch could not reopen, said until warm-up ends
        self.actions = ActionRegistry(self)
        self._run_arch, self._run_config, self._run_continues = None, None, False
        self.document = GlyphDocument(bundled_font("font3"), self)
        g = self.document.glyphs
        self.editor_panel = EditorPanel(g.width, g.height, self)
        self.latent_canvas = LatentCanvas(self)
        self.interpolation = InterpolationPanel(self)
        self.samples = SampleStrip(self)
        self.latent_canvas.plot.addItem(self.samples.marks)
        self.glyph_grid = GlyphGrid(self.document, self)
        self.training_panel = TrainingPanel(self)
        self.loss_plot = LossPlot(self)
        self.experiments = ExperimentsPanel(
            self.training_setup, self, settings_changed=self.training_panel.settings_changed
        )
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
        latent_layout.addWidget(self.samples)
        splitter = QSplitter(Qt.Horizontal, self)
        splitter.setObjectName("central_splitter")
        splitter.addWidget(self.editor_panel)
        splitter.addWidget(latent)
        splitter.setSizes([420, 640])
        self.splitter = splitter
        self.setCentralWidget(splitter)
        self._docks = [
            self._add_dock("Glyphs", self.tr("Glyphs"), self.glyph_grid, Qt.LeftDockWidgetArea),
            self._add_dock(
                "Training", self.tr("Training"), self.training_panel, Qt.RightDockWidgetArea
            ),
            self._add_dock("Loss", self.tr("Loss"), self.loss_plot, Qt.RightDockWidgetArea),
        ]
        experiments = self._add_dock(
            "Experiments", self.tr("Experiments"), self.experiments, Qt.RightDockWidgetArea
        )
        self.tabifyDockWidget(self._docks[1], experiments)
        self.network_view = NetworkView(self.editor_panel, self.session, self)
        network = self._add_dock(
            "Network", self.tr("Network"), self.network_view, Qt.RightDockWidgetArea
        )
        self.tabifyDockWidget(experiments, network)
        self._docks[1].raise_()
        self.file_menu = FileMenu(
            self,
            self.actions,
            self.document,
            self.session,
            self.status,
            {"latent-plane": self.latent_canvas.plot, "loss-curve": self.loss_plot.plot},
        )
        self.help = HelpMenu(self, self.actions)
        self.addDockWidget(Qt.RightDockWidgetArea, self.help.getting_started)
        self._build_menus()

        self.document.changed.connect(self._on_glyphs_changed)
        self.document.replaced.connect(self._on_glyphs_replaced)
        self.document.modified_changed.connect(self._update_title)
        self.glyph_grid.glyph_selected.connect(self._on_glyph_selected)
        self.document.changed.connect(self.experiments.refresh)
        self.editor_panel.glyph_added.connect(self._on_editor_glyph_added)
        self.editor_panel.glyph_replaced.connect(self.glyph_grid.redraw_selected)
        self.editor_panel.encoded.connect(self.latent_canvas.set_drawn_point)
        self.latent_canvas.glyph_kept.connect(self._on_latent_glyph_kept)
        self.interpolation.path_changed.connect(self.latent_canvas.show_path)
        self.interpolation.code_picked.connect(self.latent_canvas.pick)
        self.samples.code_picked.connect(self.latent_canvas.pick)
        self.latent_canvas.projection_changed.connect(self.samples.set_projection)
        self.samples.glyph_kept.connect(self._on_latent_glyph_kept)
        self.session.replaced.connect(self._on_model_replaced)
        self.training_panel.settings_changed.connect(self._on_training_settings_changed)
        self.training_panel.start_requested.connect(self.start_training)
        self.training_panel.pause_toggled.connect(self._on_pause_toggled)
        self.training_panel.stop_requested.connect(self.controller.stop)
        self.controller.reported.connect(self._on_training_reported)
        self.controller.finished.connect(self._on_training_finished)
        self.controller.failed.connect(self._on_training_failed)
        self.controller.paused_changed.connect(self.status.set_paused)
        self.warmup.finished.connect(self._on_warmup_finished)
        self.autosave = AutoSaver(self.file_menu, self.statusBar(), active=use_settings)
        self._on_glyphs_replaced()
        self._on_glyphs_changed()
        self._restore_settings()
        self._on_training_settings_changed()
        if use_settings and recent_files.reopen_last():
            self._reopen_last_files()

    def _reopen_last_files(self) -> None:
        """Open the glyph set and model open at the last exit; one that is gone or bad is
        skipped with a status message (no dialog at launch)."""
        problems = []
        for kind, what, read in (
            (GLYPH_SETS, self.tr("the last glyph set {0} ({1})"), self.document.open),
            (MODELS, self.tr("the last model {0} ({1})"), self._open_model_quietly),
        ):
            path = recent_files.last_open(kind)
            if path:
                try:
                    read(path)
                except READ_ERRORS as exc:
                    problems.append(what.format(Path(path).name, error_line(exc)))
        if problems:
            both = self.tr("{0} or {1}").format(*problems) if len(problems) == 2 else problems[0]
            self._launch_note = self.tr("; could not reopen {0}").format(both)
            self.status.show_message(self.tr("Could not reopen {0}").format(both))

    def _open_model_quietly(self, path: str) -> None:
        opened = read_model_file(path)
        if opened[0].arch.n_inputs != self.document.glyphs.n_pixels:
            raise ModelFileError("it does not fit the glyph set")
        self.session.replace(*opened, path=path)

    def _build_menus(self) -> None:
        """File, Edit, View and Help, each filled with registered actions by id."""
        actions, files = self.actions, self.file_menu
        add_circles_action(actions, self, self.document, files.confirm_discard)
        actions.add("file.quit", self.tr("&Quit"), self.close, ("Ctrl+Q",))
        files.fill(self.menuBar().addMenu(self.tr("&File")))
        for action_id, action in (
            ("edit.undo_drawing", self.editor_panel.undo_action),
            ("edit.redo_drawing", self.editor_panel.redo_action),
            ("edit.undo_glyphs", self.glyph_grid.undo_action),
            ("edit.redo_glyphs", self.glyph_grid.redo_action),
        ):
            actions.register(action_id, action)
        actions.fill(
            self.menuBar().addMenu(self.tr("&Edit")),
            [
                "edit.undo_drawing",
                "edit.redo_drawing",
                None,
                "edit.undo_glyphs",
                "edit.redo_glyphs",
            ],
        )
        docks = self.findChildren(QDockWidget)
        for dock in docks:
            actions.register(f"view.{dock.objectName()}", dock.toggleViewAction())
        view = self.menuBar().addMenu(self.tr("&View"))
        actions.fill(view, [f"view.{dock.objectName()}" for dock in docks])
        view.addSeparator()
        view.addMenu(language_menu(self, actions))
        actions.fill(self.menuBar().addMenu(self.tr("&Help")), HelpMenu.MENU)

    def _add_dock(self, name: str, title: str, widget: QWidget, area) -> QDockWidget:
        """A dock titled ``title`` (translated) named after ``name`` (English: the saved
        window state and the ``view.*`` action ids use the name)."""
        dock = QDockWidget(title, self)
        dock.setObjectName(f"{name.lower()}_dock")
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    # -- model -------------------------------------------------------------------------
    def start_warmup(self) -> None:
        """Compile the kernels in the background (call once the window is shown)."""
        self.status.show_message(self.tr("Compiling kernels…{0}").format(self._launch_note))
        self.warmup.start()

    def _on_model_replaced(self) -> None:
        """A model was opened, recovered or closed: it replaces any run, and every view
        shows it with its loss curves (and its settings, when the file has them)."""
        session = self.session
        self.abandon_training()
        model = session.model
        if model is None:
            self.loss_plot.clear()
        else:
            self.loss_plot.reset(split_terms=model.arch.kind == "vae")
            self.loss_plot.set_history(session.history, session.test_history)
        if session.config is not None:
            self.training_panel.set_config(session.config)
        self._refresh_model_views(reframe=True)

    def _refresh_model_views(self, reframe: bool = False) -> None:
        model, glyphs = self.session.model, self.document.glyphs
        fits = model is not None and model.arch.n_inputs == glyphs.n_pixels and len(glyphs) > 0
        # the grid reconstructs only the rows in sight: bounded work for 60,000 glyphs
        self.glyph_grid.set_reconstructor(model.reconstruct if fits else None)
        self.latent_canvas.set_model(model, reframe=reframe)
        self.editor_panel.set_model(model)  # after the canvas: it marks the drawing there
        self.interpolation.set_model(model)
        self.samples.set_model(model)
        self.training_panel.set_model_available(model is not None)

    def training_indices(self) -> np.ndarray:
        """Rows of the glyph set the next run trains on: always the first ones."""
        size = self.training_panel.subset_size()
        n = len(self.document.glyphs)
        return np.arange(n if size is None else min(size, n))

    def training_setup(self) -> tuple[TrainConfig, np.ndarray, np.ndarray]:
        """(training settings, glyphs the next run trains on, all glyphs) for experiments:
        read-only views (the summary asks on every settings change; copying 60,000 glyphs
        each time stalls), copied by the experiment that keeps them."""
        g = self.document.glyphs
        glyphs = g.pixels.reshape(len(g), g.n_pixels).view()
        glyphs.flags.writeable = False
        return self.training_panel.config(), glyphs[: len(self.training_indices())], glyphs

    def start_training(self) -> None:
        try:
            config = self.training_panel.validated_config()
            indices = self.training_indices()
            base = self.session.model if self.training_panel.continues() else None
            g = self.document.glyphs
            # the first len(indices) glyphs: one contiguous copy (~25 ms for 60,000 glyphs;
            # indexing with the array or copying the whole matrix first costs 0.5-1 s)
            rows = g.pixels[: len(indices)].reshape(len(indices), g.n_pixels).copy()
            earlier = (
                (self.session.history, self.session.test_history)
                if base is not None
                else (np.zeros((0, 3)), np.zeros((0, 2)))
            )
            run = self.controller.start(config, rows, base, *earlier, kind=g.kind)
        except ConfigError as exc:
            QMessageBox.warning(self, self.tr("Cannot train"), str(exc))
            return
        mask = np.zeros(len(self.document.glyphs), dtype=bool)
        mask[indices[run.train_indices]] = True  # the test split is held out too
        self.glyph_grid.set_training_mask(mask)
        self._run_arch, self._run_config = run.model.arch, config
        self._run_continues = base is not None
        self.loss_plot.reset(split_terms=config.model == "vae")
        self.loss_plot.set_history(*earlier)  # the run's own losses arrive in reports
        self.training_panel.set_running(True)
        self.status.begin(config.epochs, run if g.kind is CURVE else None)
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

    def _on_training_settings_changed(self) -> None:
        """The grid shades pixels within the margin the next run will aim for."""
        self.glyph_grid.set_target_margin(self.training_panel.margin.value())

    def _on_pause_toggled(self, paused: bool) -> None:
        (self.controller.pause if paused else self.controller.resume)()

    def _on_training_reported(self, report) -> None:
        self.session.trained(
            Autoencoder(self._run_arch, report.theta), self._run_config, self._run_continues
        )
        self.loss_plot.append(report.new_losses)
        self.loss_plot.append_test(report.new_test_losses)
        self.status.update(report)
        if not self._refresh_timer.isActive():
            self._refresh_timer.start()

    def _on_training_finished(self, status: str) -> None:
        self._refresh_timer.stop()
        self.loss_plot.flush()
        if self.controller.run is not None:
            self.session.set_histories(
                self.controller.run.history, self.controller.run.test_history
            )
        self._refresh_model_views()
        self.training_panel.set_running(False)
        self.status.finish(status)
        if status == "diverged":
            self.training_panel.error.setText(
                self.tr(
                    "Training diverged (the loss stopped being finite); the last finite "
                    "weights are kept. Try a lower learning rate."
                )
            )

    def _on_training_failed(self, message: str) -> None:
        QMessageBox.critical(self, self.tr("Training failed"), message)

    def _on_warmup_finished(self, message: str) -> None:
        note, self._launch_note = self._launch_note, ""
        self.status.show_message(
            self.tr("Kernel warm-up failed: {0}{1}").format(message, note)
            if message
            else self.tr("Ready{0}").format(note)
        )

    # -- glyphs ------------------------------------------------------------------------
    def _on_glyphs_replaced(self) -> None:
        g = self.document.glyphs
        if self.controller.is_running() and self._run_arch.n_inputs != g.n_pixels:
            self.abandon_training()  # it trains on glyphs of another size
        model = self.session.model
        dropped = model is not None and model.arch.n_inputs != g.n_pixels
        if dropped:
            self.session.clear()
        if not self.controller.is_running():  # the last run's figures were of another set
            title = self.document.title
            if g.kind is CURVE:
                text = self.tr("{0}: %Ln curves of {1} points", "", len(g)).format(title, g.height)
            else:
                text = self.tr("{0}: %Ln glyphs of {1}x{2}", "", len(g))
                text = text.format(title, g.width, g.height)
            if dropped:
                text = self.tr("{0}; the model ({1}) does not fit it and was closed").format(
                    text, model.arch.text
                )
            self.status.clear(text)
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
        self.editor_panel.set_glyphs(rows, g.labels)
        self.samples.set_glyphs(rows, g.labels, shape, g.kind)
        self._refresh_model_views()

    def _on_glyph_selected(self, index: int) -> None:
        if 0 <= index < len(self.document.glyphs):
            self.editor_panel.load(self.document.glyphs.pixels[index])

    def _on_editor_glyph_added(self, pixels: np.ndarray) -> None:
        label, ok = QInputDialog.getText(
            self, self.tr("Add glyph"), self.tr("Label for the new glyph:")
        )
        if ok and label:
            self.glyph_grid.add_glyph(label, pixels)

    def _on_latent_glyph_kept(self, label: str, pixels: np.ndarray) -> None:
        self.glyph_grid.add_glyph(label, pixels)
        self.status.show_message(self.tr("Added glyph '{0}' from the latent plane").format(label))

    def _update_title(self, *args) -> None:
        self.setWindowTitle(
            f"{self.document.title}{' *' if self.document.modified else ''} — ae-desktop"
        )

    # -- settings and closing ------------------------------------------------------------
    def _restore_settings(self) -> None:
        settings = QSettings()
        if not self._use_settings or settings.value("window/geometry") is None:
            self.resize(1480, 900)
            glyphs, training, loss = self._docks
            self.resizeDocks([glyphs, training], [250, 400], Qt.Horizontal)
            self.resizeDocks([training, loss], [470, 330], Qt.Vertical)
            return
        for restore, key in (
            (self.restoreGeometry, "window/geometry"),
            (self.restoreState, "window/state"),
            (self.splitter.restoreState, "window/splitter"),
        ):
            value = settings.value(key)
            if isinstance(value, QByteArray):
                restore(value)
        # bad or foreign stored values fall back to the defaults, field by field
        panel, g = self.training_panel, self.document.glyphs
        panel.set_typed_architectures(
            stored_architectures(settings.value("training/architectures"))
        )
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
        settings.setValue(
            "training/architectures", json.dumps(self.training_panel.typed_architectures())
        )
        size = self.training_panel.subset_size()
        settings.setValue("training/subset", "all" if size is None else str(size))
        recent_files.set_last_open(GLYPH_SETS, self.document.path)
        recent_files.set_last_open(MODELS, self.session.path if self.session.saved else None)

    def closeEvent(self, event) -> None:
        if not self.file_menu.confirm_close():
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
