"""Closing the window mid-training, mid-import and mid-sweep stops and joins the work:
each would run for hours if it were not stopped, so a close that waited for it would
hang here, and no BackgroundTask is left running."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QMessageBox

from ae_desktop.engine import TrainConfig
from ae_desktop.gui.background import running_tasks
from ae_desktop.gui.files import importer as importer_module

ENDLESS = dict(arch="35-8-2", epochs=1_000_000, target_errors=None)


def start_training(window, qtbot):
    window.training_panel.set_config(TrainConfig(**ENDLESS))
    with qtbot.waitSignal(window.controller.reported, timeout=60_000):
        qtbot.mouseClick(window.training_panel.start_button, Qt.LeftButton)
    return window.controller


def start_import(window, qtbot, monkeypatch):
    def endless_steps(*args, **kwargs):
        while True:
            yield 0, 1

    monkeypatch.setattr(importer_module, "idx_image_steps", endless_steps)
    window.file_menu.importer.import_idx_file("endless-images-idx3-ubyte")
    return window.file_menu.importer


def start_sweep(window, qtbot):
    window.training_panel.set_config(TrainConfig(**ENDLESS))
    window.findChild(QDockWidget, "experiments_dock").raise_()
    panel = window.experiments
    qtbot.waitUntil(panel.isVisible)
    panel.setup.workers.setValue(1)
    panel.setup.values.selectAll()
    qtbot.keyClicks(panel.setup.values, "0.01,0.02")
    qtbot.mouseClick(panel.run_button, Qt.LeftButton)
    qtbot.wait(300)  # its worker process is training
    return panel.controller


@pytest.mark.parametrize("work", ["training", "import", "sweep"])
def test_closing_mid_work_stops_it_and_leaves_no_task_running(window, qtbot, monkeypatch, work):
    # a trained, unsaved model would ask Save / Discard / Cancel: discard it
    monkeypatch.setattr(QMessageBox, "question", lambda *args: QMessageBox.Discard)
    if work == "training":
        running = start_training(window, qtbot)
    elif work == "import":
        running = start_import(window, qtbot, monkeypatch)
    else:
        running = start_sweep(window, qtbot)
    assert running.is_running()
    window.close()
    assert not window.isVisible() and not running.is_running()
    assert running_tasks() == []
