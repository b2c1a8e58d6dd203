"""The Training panel folds its rarely changed settings under "More settings" (so the
Loss dock keeps its room), and never hides a folded setting that is in effect."""

from dataclasses import replace

from PySide6.QtCore import Qt

from ae_desktop.engine import TrainConfig


def test_more_settings_folds_and_unfolds_with_a_click(window, qtbot):
    panel = window.training_panel
    window.show()
    qtbot.waitExposed(window)
    folded = (panel.precision, panel.dropout, panel.subset, panel.test_split, *panel.aids.widgets())
    assert not any(w.isVisible() for w in folded) and panel.seed.isVisible()
    qtbot.mouseClick(panel.more, Qt.LeftButton)
    assert panel.precision.isVisible() and panel.test_split.isVisible()
    assert panel.aids.weight_decay.isVisible() and panel.aids.early_stop.isVisible()
    qtbot.mouseClick(panel.more, Qt.LeftButton)
    assert not panel.precision.isVisible()


def test_a_folded_setting_in_effect_unfolds_the_section(window, qtbot):
    panel = window.training_panel
    window.show()
    qtbot.waitExposed(window)
    panel.set_config(replace(TrainConfig(), seed=3))  # a shown setting: stays folded
    assert not panel.more.isChecked()
    panel.set_config(replace(TrainConfig(), test_fraction=0.2))
    assert panel.more.isChecked() and panel.test_split.isVisible()
    assert panel.test_split.value() == 20
