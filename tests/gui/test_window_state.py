"""The window's state stays coherent: the architecture follows the glyph size, status
texts follow the current model and set, and stored settings are untrusted input."""

import json

import numpy as np
import pytest
from PySide6.QtCore import QSettings

from ae_desktop.data import GlyphSet, bundled_font
from ae_desktop.engine import TrainConfig


def other_sets():
    """A 16x16 set and an MNIST-like imported set of 1,000 28x28 images."""
    return [
        GlyphSet("big letters", 16, 16, ["a"], np.zeros((1, 16, 16))),
        GlyphSet(
            "digits",
            28,
            28,
            [str(i % 10) for i in range(1000)],
            np.zeros((1000, 28, 28), np.float32),
        ),
    ]


def restart(window, qtbot):
    from ae_desktop.gui.main_window import MainWindow

    window.document.modified = False
    window.close()
    again = MainWindow()
    qtbot.addWidget(again)
    return again


@pytest.mark.parametrize("visited", other_sets(), ids=["16x16", "idx"])
def test_returning_to_a_5x7_set_restores_its_default_architecture(window, qtbot, visited):
    panel = window.training_panel
    default = TrainConfig()
    window.document.set_glyphs(visited)
    assert panel.arch.text().startswith(f"{visited.n_pixels}-")
    window.document.set_glyphs(bundled_font("font1"))
    assert panel.arch.text() == default.arch
    assert (panel.config().epochs, panel.config().batch_size) == (default.epochs, 0)
    window.document.set_glyphs(visited)
    again = restart(window, qtbot)  # closed while on the other set
    assert again.training_panel.arch.text() == default.arch
    again.close()


def test_a_typed_architecture_is_kept_for_its_size_across_sets_and_restarts(window, qtbot):
    panel = window.training_panel
    panel.arch.selectAll()
    qtbot.keyClicks(panel.arch, "35-12-2")
    big = other_sets()[0]
    window.document.set_glyphs(big)
    panel.arch.selectAll()
    qtbot.keyClicks(panel.arch, "256-20-2")
    window.document.set_glyphs(bundled_font("font1"))
    assert panel.arch.text() == "35-12-2"
    window.document.set_glyphs(big)
    assert panel.arch.text() == "256-20-2"
    again = restart(window, qtbot)
    assert again.training_panel.arch.text() == "35-12-2"
    again.document.set_glyphs(big)
    assert again.training_panel.arch.text() == "256-20-2"
    again.close()


def test_status_texts_follow_the_current_model_and_set(window, qtbot, train, tmp_path):
    train(arch="35-10-2", epochs=30, target_errors=None)
    path = tmp_path / "dae.npz"
    assert window.file_menu.write_model(str(path))
    assert window.file_menu.load_model_file(str(path))
    assert "Opened model dae.npz" in window.statusBar().currentMessage()
    assert window.status.summary.text().startswith("epoch 30/30")
    window.document.set_glyphs(other_sets()[0])  # the model does not fit: dropped
    assert window.session.model is None
    message = window.statusBar().currentMessage()
    assert "dae.npz" not in message and "was closed" in message
    assert message.startswith("big letters: 1 glyphs of 16x16")
    assert window.status.summary.text() == ""
    window.document.set_glyphs(bundled_font("font1"))
    assert window.statusBar().currentMessage().startswith("font1")


def test_a_model_that_fits_the_new_set_stays_but_the_last_run_figures_go(window, train):
    train(arch="35-10-2", epochs=30, target_errors=None)
    model = window.session.model
    window.document.set_glyphs(bundled_font("font1"))
    assert window.session.model is model
    assert window.status.summary.text() == ""
    assert "closed" not in window.statusBar().currentMessage()


HOSTILE = {
    "training/config": [
        json.dumps(
            {
                "model": "vae",
                "lr": float("nan"),
                "epochs": "many",
                "arch": 35,
                "beta": [1],
                "dropout": 1e308,
                "seed": -1,
                "noise": {"a": 1},
                "optimizer": "lbfgs",
                "test_fraction": True,
                "batch_size": 12,
            }
        ),
        '{"epochs": ' + "9" * 5000 + "}",
        "[" * 5000 + "]" * 5000,
        "not json",
        '"a string"',
        "\ud800",
    ],
    "training/subset": ["lots", "-1", "999999999999999999999"],
    "training/architectures": ['{"35": 7, "x": "35-2", "36": "35-4-2"}', "[" * 100],
    "window/geometry": ["garbage"],
}


@pytest.mark.parametrize("case", range(6))
def test_hostile_stored_settings_fall_back_to_defaults(qtbot, case):
    from ae_desktop.gui.main_window import MainWindow

    settings = QSettings()
    for key, values in HOSTILE.items():
        settings.setValue(key, values[case % len(values)])
    settings.sync()
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    config, default = window.training_panel.config(), TrainConfig()
    assert config.arch == default.arch and config.epochs == default.epochs
    assert config.lr == default.lr and config.dropout == 0 and config.optimizer == "adam"
    assert window.training_panel.subset_size() is None
    if case == 0:  # the good fields of a partly bad config are kept
        assert (config.model, config.batch_size) == ("vae", 12)
    assert window.training_panel.start_button.isEnabled()
    window.close()
