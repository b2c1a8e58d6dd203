"""Issue 14 item 5 in the window: weight decay, learning-rate schedule, KL warm-up and
early stopping in the Training panel, and the bfgs and powell optimizers (Stop ends a
Powell iteration midway)."""

import threading

from PySide6.QtCore import Qt

from ae_desktop.engine import TrainConfig
from ae_desktop.engine.quasi_newton import THREAD_NAME
from ae_desktop.gui.stored_settings import stored_config


def type_into(qtbot, spin, text):
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, text)
    qtbot.keyClick(spin, Qt.Key_Tab)


def test_the_aid_fields_follow_the_settings_and_reach_the_config(window, qtbot):
    panel = window.training_panel
    aids = panel.aids
    panel.set_config(TrainConfig())
    assert not aids.kl_warmup.isEnabled() and not aids.early_stop.isEnabled()
    assert aids.step_every.isHidden() and aids.weight_decay.text() == "none"
    type_into(qtbot, aids.weight_decay, "0.001")
    aids.schedule.setFocus()
    qtbot.keyClick(aids.schedule, Qt.Key_Down)  # Constant -> Step decay
    assert aids.step_every.isVisible() and aids.step_every.isEnabled()
    type_into(qtbot, aids.step_every, "500")
    type_into(qtbot, aids.step_factor, "0.25")
    type_into(qtbot, panel.test_split, "20")
    assert aids.early_stop.isEnabled()
    type_into(qtbot, aids.early_stop, "40")
    config = panel.validated_config()
    assert (config.weight_decay, config.lr_schedule, config.early_stop) == (
        0.001,
        "step:500:0.25",
        40,
    )
    panel.model.setFocus()
    qtbot.keyClick(panel.model, Qt.Key_End)  # Variational autoencoder
    assert aids.kl_warmup.isEnabled()
    type_into(qtbot, aids.kl_warmup, "300")
    assert panel.validated_config().kl_warmup == 300
    qtbot.keyClick(panel.model, Qt.Key_Home)  # a plain autoencoder has no warm-up
    assert not aids.kl_warmup.isEnabled() and panel.config().kl_warmup == 0
    type_into(qtbot, panel.test_split, "0")
    assert not aids.early_stop.isEnabled() and panel.config().early_stop == 0
    assert panel.start_button.isEnabled()


def test_a_run_stops_early_in_the_window(window, qtbot, train):
    status = train(test_fraction=0.25, early_stop=30, target_errors=None, seed=1)
    assert status == "stopped_early"
    assert "Stopped early" in window.statusBar().currentMessage()
    assert window.session.config.early_stop == 30


def test_the_aids_are_stored_and_bad_values_fall_back():
    config = stored_config(
        '{"model": "vae", "weight_decay": 0.01, "lr_schedule": "cosine", "kl_warmup": 100,'
        ' "test_fraction": 0.2, "early_stop": 50}'
    )
    assert (config.weight_decay, config.lr_schedule, config.kl_warmup, config.early_stop) == (
        0.01,
        "cosine",
        100,
        50,
    )
    bad = stored_config(
        '{"weight_decay": 5, "lr_schedule": "step:0:2", "kl_warmup": 100, "early_stop": 9}'
    )
    assert (bad.weight_decay, bad.lr_schedule, bad.kl_warmup, bad.early_stop) == (
        0.0,
        "constant",
        0,
        0,
    )


def test_the_aids_survive_a_restart(window, qtbot):
    from ae_desktop.gui.main_window import MainWindow

    settings = dict(model="vae", lr_schedule="step:300:0.5", kl_warmup=70, weight_decay=0.002)
    window.training_panel.set_config(TrainConfig(**settings, test_fraction=0.2, early_stop=90))
    window.close()
    again = MainWindow()
    qtbot.addWidget(again)
    again.show()
    config = again.training_panel.validated_config()
    assert (config.lr_schedule, config.kl_warmup, config.weight_decay, config.early_stop) == (
        "step:300:0.5",
        70,
        0.002,
        90,
    )
    assert again.training_panel.aids.step_every.value() == 300
    again.close()


def test_bfgs_refuses_a_network_too_big_for_its_matrix(window, qtbot):
    panel = window.training_panel
    panel.set_config(TrainConfig(arch="35-80-2"))
    assert panel.optimizer.findData("powell") >= 0
    panel.optimizer.setFocus()
    while panel.optimizer.currentData() != "bfgs":
        qtbot.keyClick(panel.optimizer, Qt.Key_Down)
    assert "at most 4,000 weights and biases" in panel.error.text()
    assert not panel.start_button.isEnabled()


def test_stop_ends_a_powell_iteration_midway(window, qtbot):
    panel = window.training_panel
    panel.set_config(
        TrainConfig(optimizer="powell", arch="35-30-2", epochs=1000, target_errors=None)
    )
    qtbot.mouseClick(panel.start_button, Qt.LeftButton)
    assert window.controller.is_running()
    qtbot.wait(300)  # into the first iteration: thousands of line searches
    with qtbot.waitSignal(window.controller.finished, timeout=10_000) as blocker:
        qtbot.mouseClick(panel.stop_button, Qt.LeftButton)
    assert blocker.args == ["cancelled"] and window.controller.run.epoch < 1000
    assert panel.start_button.isEnabled()
    assert THREAD_NAME not in [thread.name for thread in threading.enumerate()]
