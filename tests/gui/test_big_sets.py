"""Settings proposed for big image sets (File > Import MNIST / IDX…) and for glyph fonts,
and the precision and dropout fields reaching the run."""

import re
import struct

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

N = 1200  # past BIG_SET


def write_digits(folder, n: int) -> str:
    """An IDX images file of ``n`` random 28x28 images with a labels file beside it."""
    rng = np.random.default_rng(0)
    images = folder / "train-images-idx3-ubyte"
    images.write_bytes(
        struct.pack(">HBB3I", 0, 8, 3, n, 28, 28)
        + rng.integers(0, 256, (n, 28, 28), dtype=np.uint8).tobytes()
    )
    (folder / "train-labels-idx1-ubyte").write_bytes(
        struct.pack(">HBBI", 0, 8, 1, n) + rng.integers(0, 10, n, dtype=np.uint8).tobytes()
    )
    return str(images)


def file_action(window, *path: str):
    """The registered action whose text is the last of ``path`` (menu titles before it,
    kept for reading: actions are found by id or text, never through a menu's title)."""
    actions = window.actions
    return next(actions[i] for i in actions.ids() if actions[i].text().replace("&", "") == path[-1])


def import_idx(window, qtbot, monkeypatch, path: str) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (path, ""))
    file_action(window, "Import MNIST / IDX…").trigger()
    qtbot.waitUntil(lambda: len(window.document.glyphs) == N, timeout=30_000)


def test_an_mnist_sized_import_proposes_minibatches_and_fonts_get_theirs_back(
    window, qtbot, monkeypatch, tmp_path
):
    panel = window.training_panel
    assert (panel.batch_size.text(), panel.epochs.value()) == ("full batch", 20000)
    assert panel.stop_when_exact.isChecked() and not panel.proposal.isVisible()
    import_idx(window, qtbot, monkeypatch, write_digits(tmp_path, N))
    config = panel.config()
    assert (config.arch, config.batch_size, config.epochs, config.lr) == (
        "784-256-2",
        100,
        20,
        0.001,
    )
    assert config.precision == "float32" and config.target_errors is None
    # the count as the locale writes it (1,200 or 1200)
    assert panel.proposal.isVisible() and re.search(r"1,?200 glyphs", panel.proposal.text())
    panel.epochs.stepUp()
    assert panel.epochs.value() == 25  # steps of 5, not 500

    file_action(window, "Open bundled font", "font1").trigger()
    config = panel.config()
    assert (config.arch, config.batch_size, config.epochs) == ("35-30-15-2", 0, 20000)
    assert config.precision == "float64" and config.target_errors == 0
    assert not panel.proposal.isVisible()


def test_a_vae_on_the_import_trains_in_float32_with_dropout(window, qtbot, monkeypatch, tmp_path):
    import_idx(window, qtbot, monkeypatch, write_digits(tmp_path, N))
    panel = window.training_panel
    panel.model.setCurrentIndex(panel.model.findData("vae"))
    qtbot.keyClick(panel.arch, Qt.Key_A, Qt.ControlModifier)
    qtbot.keyClicks(panel.arch, "784-16-2")
    panel.epochs.setValue(2)
    panel.dropout.setValue(0.2)
    with qtbot.waitSignal(window.controller.finished, timeout=60_000) as done:
        qtbot.mouseClick(panel.start_button, Qt.LeftButton)
    assert done.args == ["done"]
    run = window.controller.run
    assert (run.config.precision, run.config.dropout, run.config.batch_size) == (
        "float32",
        0.2,
        100,
    )
    assert window.loss_plot.losses().shape == (2, 3)
    assert panel.precision.isEnabled() and panel.dropout.isEnabled()  # idle again
