"""Issue 18 in the window: the Margin field of the stop rule, the margin in the status
bar, and shading the grid's reconstructed pixels by their margin."""

import numpy as np
import pytest
from PySide6.QtCore import Qt

from ae_desktop.engine import TrainConfig
from ae_desktop.gui.stored_settings import stored_config


def test_the_margin_field_follows_the_stop_rule_and_reaches_the_config(window, qtbot):
    panel = window.training_panel
    panel.set_config(TrainConfig())
    assert panel.margin.isEnabled() and panel.config().target_margin == 0.25
    panel.margin.setFocus()
    panel.margin.selectAll()
    qtbot.keyClicks(panel.margin, "0.4")
    qtbot.keyClick(panel.margin, Qt.Key_Up)  # one step of 0.05
    assert panel.config().target_margin == 0.45
    qtbot.mouseClick(panel.stop_when_exact, Qt.LeftButton)
    assert not panel.stop_when_exact.isChecked() and not panel.margin.isEnabled()
    panel.set_config(TrainConfig(target_margin=0.1))
    assert panel.margin.value() == 0.1 and panel.margin.isEnabled()


def test_a_run_stops_at_the_typed_margin_and_the_status_shows_it(window, qtbot):
    panel = window.training_panel
    panel.set_config(TrainConfig(epochs=20_000))
    panel.margin.selectAll()
    qtbot.keyClicks(panel.margin, "0.35")
    assert panel.config().target_margin == 0.35
    reports = []
    window.controller.reported.connect(reports.append)
    with qtbot.waitSignal(window.controller.finished, timeout=60_000) as blocker:
        qtbot.mouseClick(panel.start_button, Qt.LeftButton)
    assert blocker.args[0] == "target_reached"
    final = reports[-1]
    assert final.margin_reached and final.min_margin >= 0.35
    assert final.max_errors == 0
    assert f"margin {final.min_margin:.2f}" in window.statusBar().currentMessage()


def test_the_margin_is_stored_and_bad_values_fall_back():
    assert stored_config('{"target_margin": 0.4}').target_margin == 0.4
    assert stored_config('{"target_margin": 0.9}').target_margin == 0.25
    assert stored_config('{"target_margin": "x"}').target_margin == 0.25


def test_the_status_text_shows_the_margin_and_nothing_when_unmeasured(window):
    summary = window.status.summary
    window.status.begin(10)
    window.status.update(_report(min_margin=0.2712))
    assert "32/32 within 1 px, margin 0.27" in summary.text()
    window.status.update(_report(min_margin=float("nan")))
    assert "margin" not in summary.text() and "32/32 within 1 px" in summary.text()


def _report(min_margin):
    from ae_desktop.engine import TrainReport

    return TrainReport(
        epoch=5,
        epochs=10,
        loss=0.1,
        recon_loss=0.1,
        kl_loss=0.0,
        errors_per_glyph=np.zeros(32, dtype=int),
        learned=32,
        n_glyphs=32,
        max_errors=0,
        seconds=0.1,
        status="running",
        new_losses=np.zeros((0, 3)),
        theta=np.zeros(1),
        min_margin=min_margin,
    )


def test_shade_by_margin_changes_the_painted_cell_of_a_pixel_near_half(grid, qtbot):
    def near_half(x):
        out = x.copy()
        out[:, 0] = 0.52  # the first pixel of every glyph sits just over the threshold
        return out

    grid.set_reconstructor(near_half)
    grid.list.scrollToTop()
    rect = grid.list.visualRect(grid.model.index(0))
    before = grid.list.viewport().grab(rect).toImage()
    qtbot.mouseClick(grid.shade_margin, Qt.LeftButton)
    assert grid.shade_margin.isChecked() and grid.delegate.shade_margin == 0.25
    shaded = grid.list.viewport().grab(rect).toImage()
    assert shaded != before
    grid.set_target_margin(0.01)  # 0.52 is 0.02 from 0.5: outside this margin
    assert grid.list.viewport().grab(rect).toImage() == before
    grid.set_target_margin(0.25)
    qtbot.mouseClick(grid.shade_margin, Qt.LeftButton)
    assert grid.delegate.shade_margin is None
    assert grid.list.viewport().grab(rect).toImage() == before


def test_the_margin_survives_a_restart(window, qtbot):
    from ae_desktop.gui.main_window import MainWindow

    window.training_panel.set_config(TrainConfig(target_margin=0.4))
    window.close()
    again = MainWindow()
    qtbot.addWidget(again)
    again.show()
    assert again.training_panel.margin.value() == 0.4
    assert again.training_panel.config().target_margin == 0.4
    again.close()


def test_the_grid_shades_by_the_margin_typed_in_the_panel(window, qtbot):
    margin = window.training_panel.margin
    margin.setFocus()
    margin.selectAll()
    qtbot.keyClicks(margin, "0.4")
    qtbot.keyClick(margin, Qt.Key_Tab)
    qtbot.mouseClick(window.glyph_grid.shade_margin, Qt.LeftButton)
    assert window.glyph_grid.delegate.shade_margin == pytest.approx(0.4)
