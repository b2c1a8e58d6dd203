"""The Network dock: every layer of the editor's glyph, live as it is drawn, the weights
of a unit under the mouse, its place in the View menu, and curve sets."""

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QMenu

from ae_desktop.data.circles import circles
from ae_desktop.engine import Architecture, Autoencoder

FUNCTIONS = {"linear": lambda z: z, "tanh": np.tanh, "sigmoid": lambda z: 1 / (1 + np.exp(-z))}


def numpy_layers(model, x):
    """[x, output of layer 1, ...] from the model's weights; a VAE's decoder reads the mean."""
    arch, a = model.arch, np.reshape(x, -1)
    values = [a]
    for index, ((w, b), name) in enumerate(zip(arch.unflatten(model.theta), arch.activations)):
        if arch.kind == "vae" and index == arch.n_encoder_layers:
            a = a[: arch.latent_dim]
        a = FUNCTIONS[name](a @ w + b)
        values.append(a)
    return values


def shown_layers(view):
    """The values the view shows, joined per layer (a VAE's mean and log-variance rows)."""
    rows = view.canvas.rows()
    return [
        np.concatenate([r.values for r in rows if r.layer == i])
        for i in range(-1, rows[-1].layer + 1)
    ]


def model_for(text, kind="ae", seed=1):
    arch = Architecture.parse(text, kind=kind)
    return Autoencoder.initialize(arch, rng=np.random.default_rng(seed))


@pytest.fixture
def network(window, qtbot):
    """The window with its Network dock raised; returns the NetworkView."""
    window.findChild(QDockWidget, "network_dock").raise_()
    qtbot.waitUntil(window.network_view.isVisible)
    return window.network_view


def click_cell(qtbot, window, row, col):
    editor = window.editor_panel.editor
    qtbot.mouseClick(editor, Qt.LeftButton, Qt.NoModifier, editor.cell_center(row, col))


@pytest.mark.parametrize("text, kind", [("35-10-6-2", "ae"), ("35-12-3", "vae")])
def test_every_layer_shown_is_the_numpy_forward_pass(window, network, text, kind):
    assert network.hint.isVisible() and not network.scroll.isVisible()  # no model yet
    model = model_for(text, kind)
    window.session.replace(model)
    assert not network.hint.isVisible() and network.scroll.isVisible()
    pixels = window.editor_panel.editor.pixels()
    expected = numpy_layers(model, pixels)
    shown = shown_layers(network)
    assert len(shown) == len(expected)
    for mine, theirs in zip(shown, expected):
        np.testing.assert_allclose(mine, theirs, rtol=0, atol=1e-12)
    titles = [r.title for r in network.canvas.rows()]
    assert ("Mean" in titles and "Log-variance" in titles) == (kind == "vae")


def test_a_drawn_pixel_changes_the_layers_shown(window, network, qtbot):
    window.editor_panel.load(np.zeros((7, 5)))
    model = model_for("35-10-6-2", seed=4)
    window.session.replace(model)
    before = shown_layers(network)
    click_cell(qtbot, window, 3, 2)
    pixels = window.editor_panel.editor.pixels()
    assert pixels[3, 2] == 1
    after = shown_layers(network)
    assert not np.array_equal(after[1], before[1])
    for mine, theirs in zip(after, numpy_layers(model, pixels)):
        np.testing.assert_allclose(mine, theirs, rtol=0, atol=1e-12)


def test_pointing_at_a_unit_shows_its_weights_in_the_glyph_shape(window, network, qtbot):
    model = model_for("35-10-6-2", seed=2)
    window.session.replace(model)
    canvas, weights = network.canvas, model.arch.unflatten(model.theta)
    qtbot.mouseMove(canvas, canvas.unit_center(1, 4))  # Hidden 1, unit 5
    shown = network.weights.images.images()
    np.testing.assert_array_equal(shown["incoming"], weights[0][0][:, 4].reshape(7, 5))
    assert "outgoing" not in shown
    assert network.weights.caption.text().startswith("Hidden 1, unit 5 of 10")
    qtbot.mouseClick(canvas, Qt.LeftButton, pos=canvas.unit_center(1, 7))
    qtbot.mouseMove(canvas, canvas.unit_center(2, 0))  # Hidden 2: no weights drawn
    assert network.weights.images.images() == {}
    canvas.unit_hovered.emit(-1, -1)  # the mouse leaves: the clicked unit comes back
    np.testing.assert_array_equal(
        network.weights.images.images()["incoming"], weights[0][0][:, 7].reshape(7, 5)
    )
    last = [r.title for r in canvas.rows()].index("Hidden 4")  # the output layer's input
    qtbot.mouseMove(canvas, canvas.unit_center(last, 9))
    np.testing.assert_array_equal(
        network.weights.images.images()["outgoing"], weights[-1][0][9].reshape(7, 5)
    )
    assert network.weights.caption.text().startswith("Hidden 4, unit 10 of 10")


def test_the_dock_is_in_the_view_menu_and_catches_up_when_reopened(window, network, qtbot):
    view_menu = next(m for m in window.findChildren(QMenu) if m.title() == "&View")
    toggle = window.actions["view.network_dock"]
    assert toggle in view_menu.actions() and toggle.text() == "Network"
    dock = window.findChild(QDockWidget, "network_dock")
    window.session.replace(model_for("35-10-6-2"))
    toggle.trigger()
    assert not dock.isVisible() and not toggle.isChecked()
    window.editor_panel.load(np.ones((7, 5)))  # drawn while closed
    toggle.trigger()
    qtbot.waitUntil(network.isVisible)
    np.testing.assert_array_equal(shown_layers(network)[0], np.ones(35))


def test_a_curve_set_shows_its_layers_and_weights(window, network, qtbot):
    window.document.set_glyphs(circles(count=4))
    model = model_for("42-8-2", seed=3)
    window.session.replace(model)
    x = window.editor_panel.curve_editor.pixels()
    for mine, theirs in zip(shown_layers(network), numpy_layers(model, x)):
        np.testing.assert_allclose(mine, theirs, rtol=0, atol=1e-12)
    canvas = network.canvas
    qtbot.mouseMove(canvas, canvas.unit_center(1, 0))
    assert network.weights.images.images()["incoming"].shape == (21, 2)
    assert not network.grab().isNull()  # paints the curves
    window.session.replace(model_for("35-8-2"))  # does not fit the set: a hint
    assert network.hint.isVisible() and "expects 35 inputs" in network.hint.text()
