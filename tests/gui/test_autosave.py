"""Autosave and crash recovery: unsaved glyphs and the model survive a kill."""

import os
import signal
import subprocess
import sys

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from ae_desktop.data import bundled_font, save_glyph_set
from ae_desktop.data.glyph_set_npz import load_glyph_set_npz
from ae_desktop.data.recovery_store import RecoveryStore, data_dir
from ae_desktop.engine import load_model

# A separate app process edits glyphs, trains, autosaves (timer cut to 50 ms), says
# "autosaved" and keeps running until it is killed.
CRASHING_APP = """
import sys
import numpy as np
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from ae_desktop.engine import TrainConfig
from ae_desktop.gui.main_window import MainWindow

app = QApplication(sys.argv[:1])
window = MainWindow()
window.show()
window.autosave.timer.setInterval(50)
document = window.document
document.relabel(0, "tick")
document.add("new", np.random.default_rng(1).integers(0, 2, (7, 5)))
document.remove(3)
window.training_panel.set_config(TrainConfig(arch="35-8-2", epochs=200, target_errors=None))
window.start_training()

def report():
    if (window.autosave.store.folder / "model.npz").exists() and not window.controller.is_running():
        window.autosave.wait()
        print(window.autosave.store.folder, flush=True)
    else:
        QTimer.singleShot(50, report)

window.controller.finished.connect(window.autosave.save_now)
QTimer.singleShot(50, report)
app.exec()
"""


def session_folders():
    return sorted((data_dir() / "autosave").iterdir())


@pytest.fixture
def answer(monkeypatch):
    """Scripted recovery dialog: set ``answer.button``; shown texts in ``answer.texts``."""
    class Answer:
        button = QMessageBox.Open
        texts: list[str] = []

    a = Answer()
    a.texts = []

    def exec_(box):
        a.texts.append(box.text())
        return a.button

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    return a


def test_edits_are_autosaved_after_the_timer_and_removed_by_a_save(window, qtbot, tmp_path):
    saver = window.autosave
    saver.timer.setInterval(50)
    glyphs_file = saver.store.folder / "glyphs.npz"
    assert saver.store.folder.is_dir() and not glyphs_file.exists()
    editor = window.editor_panel.editor
    qtbot.mouseClick(editor, Qt.LeftButton, pos=editor.cell_center(0, 0))
    qtbot.mouseClick(editor, Qt.LeftButton, pos=editor.cell_center(6, 4))
    window.editor_panel.glyph_replaced.emit(editor.pixels())  # "Replace selected"
    qtbot.waitUntil(glyphs_file.exists, timeout=2000)
    saver.wait()
    np.testing.assert_array_equal(load_glyph_set_npz(glyphs_file).pixels,
                                  window.document.glyphs.pixels)
    window.file_menu._write_set(tmp_path / "mine.json")
    saver.wait()
    assert not glyphs_file.exists()


def test_a_clean_exit_removes_the_session_and_leaves_nothing_to_recover(window, answer):
    window.document.relabel(0, "tick")
    window.autosave.save_now()
    window.document.modified = False
    window.close()
    assert session_folders() == []
    window.autosave.offer_recovery()
    assert answer.texts == []


def test_after_a_kill_the_next_start_recovers_glyphs_and_model(qtbot, answer, tmp_path):
    from ae_desktop.gui.main_window import MainWindow

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path)}
    with subprocess.Popen([sys.executable, "-c", CRASHING_APP], stdout=subprocess.PIPE,
                          text=True, env=env) as app:
        try:
            folder = app.stdout.readline().strip()
        finally:
            app.send_signal(signal.SIGKILL)
            app.wait(30)
    saved_glyphs = load_glyph_set_npz(f"{folder}/glyphs.npz")
    saved_model, _ = load_model(f"{folder}/model.npz")
    assert len(saved_glyphs) == 32 and saved_glyphs.labels[0] == "tick"

    window = MainWindow()
    qtbot.addWidget(window)
    window.autosave.offer_recovery()
    assert len(answer.texts) == 1
    assert "unsaved glyph edits and the last model" in answer.texts[0]
    glyphs = window.document.glyphs
    assert glyphs.labels == saved_glyphs.labels and glyphs.labels[-1] == "new"
    np.testing.assert_array_equal(glyphs.pixels, saved_glyphs.pixels)
    assert window.document.modified and window.windowTitle().startswith("font3 *")
    np.testing.assert_array_equal(window.model.theta, saved_model.theta)
    assert window.model.arch.text == "35-8-2-8-35"
    # the crashed session's folder is gone; the recovered work is autosaved as ours
    assert session_folders() == [window.autosave.store.folder]
    window.autosave.wait()
    assert (window.autosave.store.folder / "glyphs.npz").is_file()
    window.document.modified = False
    window.close()


def test_discard_drops_the_autosave(qtbot, answer, window):
    crashed = RecoveryStore(data_dir(), pid=2**22 + 12345)  # above pid_max: never running
    crashed.begin_session()
    crashed.save_glyphs(window.document.glyphs, None)
    answer.button = QMessageBox.Discard
    window.autosave.offer_recovery()
    assert len(answer.texts) == 1 and "unsaved glyph edits autosaved" in answer.texts[0]
    assert not crashed.folder.exists() and not window.document.modified


def test_an_unwritable_data_folder_turns_autosave_off(qtbot, tmp_path, monkeypatch):
    from ae_desktop.gui.main_window import MainWindow

    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("AE_DESKTOP_DATA_DIR", str(blocker))
    window = MainWindow()
    qtbot.addWidget(window)
    assert not window.autosave.active
    assert window.statusBar().currentMessage().startswith("Autosave off:")
    window.document.relabel(0, "tick")
    window.autosave.save_now()
    window.document.modified = False


def test_an_autosave_of_an_older_version_is_recovered(qtbot, answer, window):
    crashed = RecoveryStore(data_dir(), pid=2**22 + 54321)
    crashed.begin_session()
    older = bundled_font("font1")
    save_glyph_set(older, crashed.folder / "glyphs.json")  # before sets were archives
    (crashed.folder / "document.json").write_text('{"path": null}')
    window.autosave.offer_recovery()
    assert len(answer.texts) == 1
    np.testing.assert_array_equal(window.document.glyphs.pixels, older.pixels)
    assert window.document.modified and not crashed.folder.exists()


def test_a_big_set_is_autosaved_off_the_gui_thread(window, qtbot, monkeypatch):
    from ae_desktop.data import GlyphSet
    import threading

    pixels = np.random.default_rng(0).random((20_000, 28, 28)).astype(np.float32)
    window.document.set_glyphs(GlyphSet("big", 28, 28, [str(i % 10) for i in range(20_000)],
                                        pixels))
    writers = []
    store = window.autosave.store
    original = store.save_glyphs
    monkeypatch.setattr(store, "save_glyphs", lambda *a: (
        writers.append(threading.current_thread()), original(*a)))
    window.document.relabel(5, "five")
    window.autosave.save_now()
    window.autosave.save_now()  # nothing new: written once
    window.autosave.wait()
    assert writers and all(t is not threading.main_thread() for t in writers)
    assert len(writers) == 1
    saved = load_glyph_set_npz(store.folder / "glyphs.npz")
    assert saved.labels[5] == "five" and saved.pixels.dtype == np.float32
    np.testing.assert_array_equal(saved.pixels, pixels)
    window.document.modified = False


def test_adding_to_a_float32_set_keeps_it_float32(window):
    from ae_desktop.data import GlyphSet

    window.document.set_glyphs(GlyphSet("imported", 28, 28, ["0"], np.zeros((1, 28, 28),
                                                                            np.float32)))
    window.document.add("new", np.full((28, 28), 0.5))
    assert window.document.glyphs.pixels.dtype == np.float32
    assert window.document.glyphs.pixels[1, 0, 0] == 0.5
    window.document.modified = False
