"""The Training panel's "Redraw ambiguous noisy copies" checkbox: on by default for a
denoising model, only for one with noise, and it reaches the config."""

from PySide6.QtCore import Qt

from ae_desktop.engine import TrainConfig


def test_the_checkbox_follows_the_model_and_reaches_the_config(window, qtbot):
    panel = window.training_panel
    panel.set_config(TrainConfig())
    assert panel.redraw.isChecked() and not panel.redraw.isEnabled()
    assert panel.config().redraw_ambiguous is False
    panel.model.setFocus()
    qtbot.keyClick(panel.model, Qt.Key_Down)  # Denoising autoencoder
    assert panel.redraw.isEnabled() and panel.config().redraw_ambiguous is None
    qtbot.mouseClick(panel.redraw, Qt.LeftButton)
    assert not panel.redraw.isChecked()
    config = panel.validated_config()
    assert (config.model, config.redraw_ambiguous) == ("dae", False)
    qtbot.mouseClick(panel.redraw, Qt.LeftButton)
    panel.noise_level.setValue(0)
    assert not panel.redraw.isEnabled() and panel.config().redraw_ambiguous is False
    panel.set_config(TrainConfig(model="dae", noise="flip:2", redraw_ambiguous=False))
    assert not panel.redraw.isChecked() and panel.redraw.isEnabled()
    assert panel.start_button.isEnabled()


def test_a_dae_trained_in_the_window_redraws(window, train):
    assert train(model="dae", noise="saltpepper:0.2", epochs=5, redraw_ambiguous=None) == "done"
    assert window.session.config.redraw_ambiguous is None
