"""File menu: glyph sets and models saved and reopened, bad files refused, exports."""

import os
import stat

import numpy as np
import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QToolButton

from ae_desktop.data import load_glyph_set
from ae_desktop.engine import Architecture, Autoencoder, save_model
from ae_desktop.gui.files.file_menu import export_plot


@pytest.fixture
def dialogs(monkeypatch):
    """Scripted file dialogs and recorded message boxes."""

    class Dialogs:
        path = ""
        errors: list[str] = []

    d = Dialogs()
    d.errors = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (d.path, ""))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (d.path, ""))
    monkeypatch.setattr(
        QMessageBox, "critical", lambda parent, title, text, *a: d.errors.append(text)
    )
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.Discard)
    return d


def menu_action(window, *path):
    """The registered action whose text is the last of ``path`` (menu titles before it,
    kept for reading: actions are found by id or text, never through a menu's title)."""
    actions = window.actions
    return next(actions[i] for i in actions.ids() if actions[i].text().replace("&", "") == path[-1])


def test_save_and_reopen_a_glyph_set(window, dialogs, tmp_path, monkeypatch):
    document = window.document
    document.relabel(0, "tick")
    assert document.modified and window.windowTitle().startswith("font3 *")
    dialogs.path = str(tmp_path / "mine.json")
    menu_action(window, "File", "Save glyph set as…").trigger()
    assert not document.modified and window.windowTitle().startswith("mine.json —")
    assert load_glyph_set(dialogs.path).labels[0] == "tick"
    menu_action(window, "File", "Open bundled font", "font1").trigger()
    assert document.glyphs.name == "font1" and window.glyph_grid.count() == 32
    dialogs.path = str(tmp_path / "mine.json")
    menu_action(window, "File", "Open glyph set…").trigger()
    assert document.glyphs.labels[0] == "tick" and document.path.name == "mine.json"
    recent = window.file_menu.recent_menu.actions()
    assert [a.text() for a in recent] == ["mine.json"]
    assert dialogs.errors == []


def test_a_corrupt_glyph_set_shows_an_error_and_changes_nothing(window, dialogs, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"name": "x", "width": 5, "height": 7, "glyphs": [{"label": "a"}]}')
    before = window.document.glyphs
    dialogs.path = str(bad)
    menu_action(window, "File", "Open glyph set…").trigger()
    assert len(dialogs.errors) == 1 and "glyph 0" in dialogs.errors[0]
    assert window.document.glyphs is before and window.document.path is None
    bad.write_bytes(b"\x00\xff not json")
    menu_action(window, "File", "Open glyph set…").trigger()
    assert len(dialogs.errors) == 2 and window.document.glyphs is before


def test_save_and_reopen_a_model(window, dialogs, tmp_path, train):
    train(arch="35-10-2", epochs=50, target_errors=None)
    trained = window.session.model
    dialogs.path = str(tmp_path / "model.npz")
    menu_action(window, "File", "Save model…").trigger()
    window.session.clear()
    assert window.latent_canvas.points.getData()[0].size == 0
    menu_action(window, "File", "Open model…").trigger()
    np.testing.assert_array_equal(window.session.model.theta, trained.theta)
    assert window.session.model.arch == trained.arch
    assert window.loss_plot.point_count() == 50
    assert window.training_panel.config().arch == "35-10-2"
    assert len(window.latent_canvas.codes) == 32
    assert dialogs.errors == []


def test_a_saved_model_keeps_its_test_curve(window, dialogs, tmp_path, train):
    train(arch="35-10-2", epochs=100, target_errors=None, test_fraction=0.25)
    test_history = window.session.test_history.copy()
    assert len(test_history) >= 1
    dialogs.path = str(tmp_path / "split.npz")
    menu_action(window, "File", "Save model…").trigger()
    window.session.clear()
    menu_action(window, "File", "Open model…").trigger()
    np.testing.assert_array_equal(window.session.test_history, test_history)
    x, y = window.loss_plot.test_curve.getOriginalDataset()
    np.testing.assert_array_equal(y, test_history[:, 1])
    assert window.loss_plot.test_curve.isVisible() and dialogs.errors == []


def test_a_corrupt_model_shows_an_error_and_keeps_the_model(window, dialogs, tmp_path):
    model = Autoencoder.initialize(Architecture.parse("35-6-2"))
    window.session.replace(model)
    for name, payload in (("junk.npz", b"not a zip"), ("foreign.npz", None)):
        path = tmp_path / name
        if payload is None:
            np.savez(path, weights=np.zeros(3))
        else:
            path.write_bytes(payload)
        dialogs.path = str(path)
        menu_action(window, "File", "Open model…").trigger()
    assert len(dialogs.errors) == 2
    assert all("junk.npz" in e or "foreign.npz" in e for e in dialogs.errors)
    assert window.session.model is model


def test_a_model_of_another_glyph_size_is_refused_and_nothing_changes(window, dialogs, tmp_path):
    """A model is always shown with a set it fits: one reading 64 values does not open
    over the 35-pixel font (the model and the set stay as they were)."""
    model = Autoencoder.initialize(Architecture.parse("35-6-2"))
    window.session.replace(model)
    path = tmp_path / "big.npz"
    save_model(path, Autoencoder.initialize(Architecture.parse("64-6-2")), {})
    dialogs.path = str(path)
    menu_action(window, "File", "Open model…").trigger()
    assert len(dialogs.errors) == 1 and "big.npz reads glyphs of 64 values" in dialogs.errors[0]
    assert window.session.model is model and window.document.glyphs.n_pixels == 35


def test_saving_without_a_model_explains(window, dialogs, monkeypatch):
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda p, t, text, *a: told.append(text))
    menu_action(window, "File", "Save model…").trigger()
    assert told == ["Train or open a model first."]


def test_export_png_and_svg_from_every_plot(window, tmp_path, train, dialogs):
    train(model="vae", arch="35-10-2", epochs=40, target_errors=None)
    window.latent_canvas.show_map.setChecked(True)
    for plot, name in ((window.latent_canvas.plot, "latent"), (window.loss_plot.plot, "loss")):
        export_plot(plot, str(tmp_path / f"{name}.png"))
        export_plot(plot, str(tmp_path / f"{name}.svg"))
        image = QImage(str(tmp_path / f"{name}.png"))
        assert image.width() == 1200 and image.height() > 100
        assert "<svg" in (tmp_path / f"{name}.svg").read_text()
    dialogs.path = str(tmp_path / "menu-latent.svg")
    menu_action(window, "File", "Export", "Latent plane as PNG or SVG…").trigger()
    assert "<svg" in (tmp_path / "menu-latent.svg").read_text()
    dialogs.path = str(tmp_path / "glyphs.png")
    menu_action(window, "File", "Export", "Glyph grid as PNG…").trigger()
    sheet = QImage(dialogs.path)
    assert (sheet.width(), sheet.height()) == (8 * 66, 4 * 100)
    assert dialogs.errors == []


def test_exports_are_saved_like_every_output(window, tmp_path, dialogs):
    """Through the one atomic writer: 0644 less the umask, a user's temporary-looking
    file beside it untouched, a FIFO target refused with a dialog and left a FIFO."""
    precious = tmp_path / ".loss.png.precious.tmp"
    precious.write_text("mine")
    export_plot(window.loss_plot.plot, str(tmp_path / "loss.png"))
    umask = os.umask(0)
    os.umask(umask)
    assert (tmp_path / "loss.png").stat().st_mode & 0o777 == 0o644 & ~umask
    assert precious.read_text() == "mine"
    fifo = tmp_path / "glyphs.png"
    os.mkfifo(fifo)
    dialogs.path = str(fifo)
    menu_action(window, "File", "Export", "Glyph grid as PNG…").trigger()
    assert len(dialogs.errors) == 1 and "not a regular file" in dialogs.errors[0]
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    with pytest.raises(OSError, match="not a regular file"):
        export_plot(window.loss_plot.plot, str(fifo))


def test_glyph_grid_add_relabel_delete(window, qtbot, monkeypatch):
    from PySide6.QtCore import Qt

    grid = window.glyph_grid
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Ω", True))
    grid.select(3)
    grid.relabel_selected()
    assert window.document.glyphs.labels[3] == "Ω"
    assert grid.text(3) == "Ω"
    add = next(b for b in grid.findChildren(QToolButton) if b.text() == "Add")
    qtbot.mouseClick(add, Qt.LeftButton)
    assert grid.count() == 33 and grid.selected_index() == 32
    grid.delete_selected()
    assert grid.count() == 32


def test_editor_stores_drawings_in_the_set(window, qtbot, monkeypatch):
    from PySide6.QtCore import Qt

    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("new", True))
    window.glyph_grid.select(5)
    editor = window.editor_panel.editor
    np.testing.assert_array_equal(editor.pixels(), window.document.glyphs.pixels[5])
    qtbot.mouseClick(editor, Qt.LeftButton, pos=editor.cell_center(0, 0))
    drawn = editor.pixels()
    window.editor_panel.glyph_replaced.emit(drawn)
    np.testing.assert_array_equal(window.document.glyphs.pixels[5], drawn)
    window.editor_panel.glyph_added.emit(drawn)
    assert window.document.glyphs.labels[-1] == "new"
    assert window.glyph_grid.selected_index() == 32


def test_closing_with_unsaved_glyphs_asks_first(window, monkeypatch):
    window.document.relabel(0, "x")
    answers = [QMessageBox.Cancel, QMessageBox.Discard]
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: answers.pop(0))
    window.close()
    assert window.isVisible()
    window.close()
    assert not window.isVisible()


def test_a_kept_glyph_does_not_wipe_the_drawing_in_progress(window, qtbot):
    from PySide6.QtCore import Qt

    editor = window.editor_panel.editor
    qtbot.mouseClick(editor, Qt.LeftButton, pos=editor.cell_center(6, 4))
    drawing = editor.pixels()
    window.document.add("k", np.zeros((7, 5)))
    np.testing.assert_array_equal(editor.pixels(), drawing)
    assert editor.undo_stack.count() == 1


def test_new_empty_set_and_other_glyph_sizes(
    window, qtbot, dialogs, tmp_path, monkeypatch, answer_dialog
):
    import json

    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QDialogButtonBox

    from ae_desktop.gui.glyphs.new_set_dialog import NewSetDialog

    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda p, t, text, *a: warned.append(text))
    answer_dialog(
        NewSetDialog,
        lambda d: qtbot.mouseClick(d.buttons.button(QDialogButtonBox.Ok), Qt.LeftButton),
    )
    menu_action(window, "File", "New glyph set…").trigger()
    assert window.document.glyphs.pixels.shape == (0, 7, 5)
    assert len(window.document.glyphs) == 0 and window.glyph_grid.count() == 0
    assert window.interpolation.start.count() == 0
    window.training_panel.set_config(window.training_panel.config())
    qtbot.mouseClick(window.training_panel.start_button, Qt.LeftButton)
    assert warned and "non-empty" in warned[0] and not window.controller.is_running()

    path = tmp_path / "four.json"
    path.write_text(
        json.dumps(
            {
                "name": "four",
                "width": 4,
                "height": 4,
                "glyphs": [
                    {"label": "x", "pixels": np.eye(4, dtype=int).tolist()},
                    {
                        "label": "o",
                        "pixels": [[1, 1, 1, 1], [1, 0, 0, 1], [1, 0, 0, 1], [1, 1, 1, 1]],
                    },
                ],
            }
        )
    )
    dialogs.path = str(path)
    menu_action(window, "File", "Open glyph set…").trigger()
    editor = window.editor_panel.editor
    np.testing.assert_array_equal(editor.pixels(), np.eye(4))
    assert window.training_panel.arch.text() == "16-8-2"  # proposed for 16 pixels
    assert window.training_panel.start_button.isEnabled()
    with qtbot.waitSignal(window.controller.finished, timeout=60_000):
        qtbot.mouseClick(window.training_panel.start_button, Qt.LeftButton)
    assert window.session.model.arch.n_inputs == 16 and len(window.latent_canvas.codes) == 2


def test_unwritable_paths_show_an_error_and_keep_the_work(window, dialogs, tmp_path):
    window.document.relabel(0, "y")
    dialogs.path = str(tmp_path / "no-such-dir" / "set.json")
    menu_action(window, "File", "Save glyph set as…").trigger()
    assert len(dialogs.errors) == 1 and window.document.modified
    assert window.document.path is None
    window.session.replace(Autoencoder.initialize(Architecture.parse("35-6-2")))
    dialogs.path = str(tmp_path / "no-such-dir" / "model.npz")
    menu_action(window, "File", "Save model…").trigger()
    assert len(dialogs.errors) == 2 and window.session.model is not None


def test_opening_a_model_mid_training_replaces_the_run(window, qtbot, dialogs, tmp_path):
    from PySide6.QtCore import Qt

    from ae_desktop.engine import TrainConfig, save_model

    saved = Autoencoder.initialize(Architecture.parse("35-6-2"), rng=np.random.default_rng(5))
    save_model(tmp_path / "m.npz", saved, {"image_shape": (7, 5)})
    window.training_panel.set_config(
        TrainConfig(arch="35-10-2", epochs=1_000_000, target_errors=None)
    )
    with qtbot.waitSignal(window.controller.reported, timeout=60_000):
        qtbot.mouseClick(window.training_panel.start_button, Qt.LeftButton)
    dialogs.path = str(tmp_path / "m.npz")
    menu_action(window, "File", "Open model…").trigger()
    assert not window.controller.is_running()
    with qtbot.assertNotEmitted(window.controller.reported, wait=200):
        pass  # results queued by the abandoned run are dropped
    np.testing.assert_array_equal(window.session.model.theta, saved.theta)
    assert window.training_panel.start_button.isEnabled()


def write_bad_model(path, case: str) -> None:
    """A model file that loading (or the window) must refuse, built for ``case``."""
    import io
    import zipfile

    from ae_desktop.engine import TrainConfig, save_model

    model = Autoencoder.initialize(Architecture.parse("35-6-2"))
    config = TrainConfig(arch="35-6-2").to_dict()
    metadata = {"image_shape": (7, 5), "config": config}
    if case == "fifo":
        os.mkfifo(path)
        return
    if case == "history 1e300":
        metadata["test_history"] = np.array([[1e300, 0.5]])
    elif case.startswith("config "):
        config.update(BAD_CONFIGS[case[7:]])
    save_model(path, model, metadata)
    if case == "zip bomb":  # theta of 2**25 float64 (256 MiB) zeros, deflated ~1000x
        with zipfile.ZipFile(path) as archive:
            members = {n: archive.read(n) for n in archive.namelist() if n != "theta.npy"}
        buffer = io.BytesIO()
        np.lib.format.write_array_header_1_0(
            buffer, {"descr": "<f8", "fortran_order": False, "shape": (2**25,)}
        )
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
            for name, data in members.items():
                archive.writestr(name, data)
            with archive.open("theta.npy", "w") as member:
                member.write(buffer.getvalue())
                zeros = bytes(1 << 24)
                for _ in range(2**28 // len(zeros)):
                    member.write(zeros)


BAD_CONFIGS = {
    "arch 123": {"arch": 123},
    "noise 5": {"noise": 5, "model": "dae"},
    "seed 2**70": {"seed": 2**70},
    "test_fraction inf": {"test_fraction": np.inf},
}
BAD_MODELS = ["history 1e300", "fifo", "zip bomb", *(f"config {k}" for k in BAD_CONFIGS)]


@pytest.mark.parametrize("case", BAD_MODELS)
def test_a_bad_model_changes_nothing_and_the_next_good_one_opens(
    window, dialogs, tmp_path, case, qtbot
):
    from ae_desktop.engine import TrainConfig, save_model

    first = Autoencoder.initialize(Architecture.parse("35-6-2"), rng=np.random.default_rng(1))
    save_model(
        tmp_path / "first.npz",
        first,
        {"image_shape": (7, 5), "history": np.ones((4, 3)), "config": TrainConfig(arch="35-6-2")},
    )
    dialogs.path = str(tmp_path / "first.npz")
    menu_action(window, "File", "Open model…").trigger()
    model, history, glyphs = window.session.model, window.session.history, window.document.glyphs
    config = window.training_panel.config()
    write_bad_model(tmp_path / "bad.npz", case)
    dialogs.path = str(tmp_path / "bad.npz")
    menu_action(window, "File", "Open model…").trigger()
    qtbot.wait(10)  # a plot that would choke on a value draws now
    assert len(dialogs.errors) == 1 and "\n" not in dialogs.errors[0]
    assert "bad.npz" in dialogs.errors[0]
    assert window.session.model is model and window.session.history is history
    assert window.document.glyphs is glyphs and window.training_panel.config() == config
    second = Autoencoder.initialize(Architecture.parse("35-8-2"), rng=np.random.default_rng(2))
    save_model(
        tmp_path / "second.npz",
        second,
        {"image_shape": (7, 5), "history": np.ones((9, 3)), "config": TrainConfig(arch="35-8-2")},
    )
    dialogs.path = str(tmp_path / "second.npz")
    menu_action(window, "File", "Open model…").trigger()
    qtbot.wait(10)
    assert len(dialogs.errors) == 1
    np.testing.assert_array_equal(window.session.model.theta, second.theta)
    assert window.loss_plot.point_count() == 9
    assert window.training_panel.config().arch == "35-8-2"


def test_a_fifo_or_a_folder_as_a_glyph_set_is_refused(window, dialogs, tmp_path):
    os.mkfifo(tmp_path / "pipe.json")
    before = window.document.glyphs
    for path in (tmp_path / "pipe.json", tmp_path):
        dialogs.path = str(path)
        menu_action(window, "File", "Open glyph set…").trigger()
    assert len(dialogs.errors) == 2 and window.document.glyphs is before
    assert "pipe.json" in dialogs.errors[0]
    menu_action(window, "File", "Open bundled font", "font1").trigger()
    assert window.document.glyphs.name == "font1"


def test_quitting_with_a_trained_unsaved_model_asks_save_discard_cancel(
    window, qtbot, train, dialogs, monkeypatch, tmp_path
):
    from PySide6.QtCore import Qt

    train(arch="35-10-2", epochs=50, target_errors=None)
    trained = window.session.model
    asked, answers = [], [QMessageBox.Cancel, QMessageBox.Save, QMessageBox.Save]
    monkeypatch.setattr(
        QMessageBox,
        "question",
        lambda parent, title, text, *a: (asked.append(text), answers.pop(0))[1],
    )
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key_Q, Qt.ControlModifier)  # Cancel
    assert window.isVisible() and len(asked) == 1 and "35-10-2" in asked[0]
    dialogs.path = ""  # Save, then Cancel in the file dialog: nothing lost, still open
    qtbot.keyClick(window, Qt.Key_Q, Qt.ControlModifier)
    assert window.isVisible() and len(asked) == 2
    dialogs.path = str(tmp_path / "trained.npz")
    qtbot.keyClick(window, Qt.Key_Q, Qt.ControlModifier)
    assert not window.isVisible() and len(asked) == 3
    from ae_desktop.engine import load_model

    np.testing.assert_array_equal(load_model(dialogs.path)[0].theta, trained.theta)


def test_quit_discards_an_unsaved_model_on_request_and_a_saved_one_unasked(
    window, qtbot, train, dialogs, monkeypatch, tmp_path
):
    train(arch="35-10-2", epochs=50, target_errors=None)
    dialogs.path = str(tmp_path / "kept.npz")
    menu_action(window, "File", "Save model…").trigger()
    asked = []
    monkeypatch.setattr(
        QMessageBox, "question", lambda *a: (asked.append(a[2]), QMessageBox.Discard)[1]
    )
    menu_action(window, "File", "Quit").trigger()  # saved: closes without a question
    assert not window.isVisible() and asked == []
    window.show()
    train(arch="35-10-2", epochs=60, target_errors=None)
    menu_action(window, "File", "Quit").trigger()
    assert not window.isVisible() and len(asked) == 1
