"""Autosave and crash recovery: unsaved glyphs and the model survive a kill."""

import os
import signal
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox

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
    np.testing.assert_array_equal(
        load_glyph_set_npz(glyphs_file).pixels, window.document.glyphs.pixels
    )
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
    with subprocess.Popen(
        [sys.executable, "-c", CRASHING_APP], stdout=subprocess.PIPE, text=True, env=env
    ) as app:
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
    np.testing.assert_array_equal(window.session.model.theta, saved_model.theta)
    assert window.session.model.arch.text == "35-8-2-8-35"
    # the recovered work is autosaved as ours; the crashed folder stays until it is saved
    window.autosave.wait()
    assert (window.autosave.store.folder / "glyphs.npz").is_file()
    assert (window.autosave.store.folder / "model.npz").is_file()
    assert set(session_folders()) == {window.autosave.store.folder, Path(folder)}
    window.file_menu._write_set(tmp_path / "recovered.json")
    assert Path(folder).is_dir()  # the recovered model is not saved yet
    window.file_menu.write_model(str(tmp_path / "recovered.npz"))
    assert session_folders() == [window.autosave.store.folder]
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
    label = window.statusBar().findChild(QLabel, "autosave_off")
    assert label.text() == "Autosave off" and label.toolTip().startswith("Autosave off:")
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
    assert window.document.modified and crashed.folder.exists()


def test_a_big_set_is_autosaved_off_the_gui_thread(window, qtbot, monkeypatch):
    import threading

    from ae_desktop.data import GlyphSet

    pixels = np.random.default_rng(0).random((20_000, 28, 28)).astype(np.float32)
    window.document.set_glyphs(
        GlyphSet("big", 28, 28, [str(i % 10) for i in range(20_000)], pixels)
    )
    writers = []
    store = window.autosave.store
    original = store.save_glyphs
    monkeypatch.setattr(
        store, "save_glyphs", lambda *a: (writers.append(threading.current_thread()), original(*a))
    )
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

    window.document.set_glyphs(
        GlyphSet("imported", 28, 28, ["0"], np.zeros((1, 28, 28), np.float32))
    )
    window.document.add("new", np.full((28, 28), 0.5))
    assert window.document.glyphs.pixels.dtype == np.float32
    assert window.document.glyphs.pixels[1, 0, 0] == 0.5
    window.document.modified = False


def crashed_session(pid: int, lock: bytes | None = None, model: bytes | None = None):
    """A dead session's folder holding font1 as unsaved glyphs; ``lock`` (b"fifo" for a
    FIFO) replaces its lock's content, ``model`` adds a model.npz of these bytes."""
    crashed = RecoveryStore(data_dir(), pid=pid)
    crashed.begin_session()
    crashed.save_glyphs(bundled_font("font1"), None)
    if lock is not None:
        (crashed.folder / "session.lock").unlink()
        if lock == b"fifo":
            os.mkfifo(crashed.folder / "session.lock")
        else:
            (crashed.folder / "session.lock").write_bytes(lock)
    if model is not None:
        (crashed.folder / "model.npz").write_bytes(model)
    return crashed


@pytest.mark.parametrize("lock", [b"-1", b"0", b"9" * 20, b"\xffgarbage", b"fifo", b""])
def test_a_lock_naming_no_running_process_is_offered(window, answer, lock):
    crashed = crashed_session(2**22 + 1, lock)
    answer.button = QMessageBox.Discard
    window.autosave.offer_recovery()
    assert len(answer.texts) == 1 and "unsaved glyph edits" in answer.texts[0]
    assert not crashed.folder.exists()


def test_each_autosave_is_judged_on_its_own(window, answer):
    folders = [
        crashed_session(2**22 + 1, b"9" * 20).folder,
        crashed_session(2**22 + 2).folder,
        crashed_session(2**22 + 3).folder,
    ]
    (folders[1] / "document.json").write_text('{"path": 5}')
    answer.button = QMessageBox.Discard
    window.autosave.offer_recovery()
    assert len(answer.texts) == 3
    assert sum("could not be read" in text for text in answer.texts) == 1
    assert not any(folder.exists() for folder in folders)


DAMAGED_DOCUMENTS = {
    "path 5": b'{"path": 5}',
    "deep": b"[" * 100_000 + b"]" * 100_000,
    "huge int": b'{"path": 1' + b"0" * 5000 + b"}",
    "a list": b"[1]",
    "no path": b"{}",
    "fifo": None,
}


@pytest.mark.parametrize("damage", DAMAGED_DOCUMENTS)
def test_a_damaged_autosave_is_kept_for_later_or_discarded(window, answer, damage):
    crashed = crashed_session(2**22 + 1)
    (crashed.folder / "document.json").unlink()
    if DAMAGED_DOCUMENTS[damage] is None:
        os.mkfifo(crashed.folder / "document.json")
    else:
        (crashed.folder / "document.json").write_bytes(DAMAGED_DOCUMENTS[damage])
    before = window.document.glyphs
    answer.button = QMessageBox.Ignore  # "Keep for later"
    window.autosave.offer_recovery()
    assert len(answer.texts) == 1 and "could not be read" in answer.texts[0]
    assert "document.json" in answer.texts[0] and "\n" not in answer.texts[0]
    assert crashed.folder.is_dir() and window.document.glyphs is before
    assert not window.document.modified
    answer.button = QMessageBox.Discard
    window.autosave.offer_recovery()
    assert len(answer.texts) == 2 and not crashed.folder.exists()


def test_a_recover_that_cannot_read_everything_restores_and_deletes_nothing(window, answer):
    crashed = crashed_session(2**22 + 1, model=b"not a zip")
    before = window.document.glyphs
    window.autosave.offer_recovery()  # answered Recover: not among the damaged one's buttons
    assert len(answer.texts) == 1 and "could not be read" in answer.texts[0]
    assert "model.npz" in answer.texts[0]
    assert window.document.glyphs is before and window.session.model is None
    assert sorted(p.name for p in crashed.folder.iterdir()) == [
        "document.json",
        "glyphs.npz",
        "model.npz",
        "session.lock",
    ]


def test_recovered_work_is_deleted_only_once_saved_or_discarded(window, answer, monkeypatch):
    crashed = crashed_session(2**22 + 1)
    window.autosave.offer_recovery()
    assert window.document.glyphs.name == "font1" and window.document.modified
    window.autosave.wait()
    assert crashed.folder.is_dir()
    answers = [QMessageBox.Cancel, QMessageBox.Discard]
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: answers.pop(0))
    window.close()
    assert window.isVisible() and crashed.folder.is_dir()
    window.close()
    assert not window.isVisible() and not crashed.folder.exists()
