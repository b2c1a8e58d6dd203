"""File > Import: IDX files and image folders load off the GUI thread behind a progress
dialog; Cancel, bad files and closing mid-import leave the current set as it was."""

import gzip
import struct
import threading

import numpy as np
import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QFileDialog, QMessageBox, QPushButton

from ae_desktop.gui.files import importer as importer_module

N_BIG = 60_000


def write_idx(path, array: np.ndarray, compress: bool = False) -> None:
    """An IDX file of unsigned bytes: magic 0x0000080N, the sides, then the data."""
    header = struct.pack(">HBB", 0, 0x08, array.ndim) + struct.pack(f">{array.ndim}I", *array.shape)
    payload = header + array.astype(np.uint8).tobytes()
    path.write_bytes(gzip.compress(payload, compresslevel=1) if compress else payload)


def digits(n: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    return rng.integers(0, 256, (n, 28, 28), dtype=np.uint8), rng.integers(0, 10, n)


@pytest.fixture
def files(monkeypatch):
    """Scripted file dialogs (``paths`` answered in order) and recorded error boxes."""

    class Files:
        paths: list[str] = []
        errors: list[tuple[str, str]] = []

    f = Files()
    f.paths, f.errors = [], []
    answer = lambda *a, **k: (f.paths.pop(0) if f.paths else "", "")  # noqa: E731
    monkeypatch.setattr(QFileDialog, "getOpenFileName", answer)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: answer()[0])
    monkeypatch.setattr(
        QMessageBox, "critical", lambda parent, title, text, *a: f.errors.append((title, text))
    )
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.Discard)
    return f


def trigger(window, text: str) -> None:
    """Trigger the File menu's action called ``text``."""
    actions = window.actions
    next(
        actions[i]
        for i in actions.ids()
        if i.startswith("file.") and actions[i].text().replace("&", "") == text
    ).trigger()


def wait_done(window, qtbot) -> None:
    qtbot.waitUntil(lambda: not window.file_menu.importer.is_running(), timeout=30_000)


def test_idx_import_with_gz_labels_beside_becomes_the_set(window, qtbot, files, tmp_path):
    images, labels = digits(50)
    write_idx(tmp_path / "t10k-images-idx3-ubyte.gz", images, compress=True)
    write_idx(tmp_path / "t10k-labels-idx1-ubyte.gz", labels, compress=True)
    files.paths = [str(tmp_path / "t10k-images-idx3-ubyte.gz")]
    trigger(window, "Import MNIST / IDX…")
    wait_done(window, qtbot)
    g = window.document.glyphs
    assert files.errors == [] and g.pixels.shape == (50, 28, 28)
    np.testing.assert_allclose(g.pixels, images / 255, atol=1e-6)
    assert g.labels == [str(v) for v in labels] and window.glyph_grid.count() == 50
    assert window.editor_panel.editor.pixels().shape == (28, 28)
    assert window.training_panel.arch.text() == "784-256-2"
    assert window.training_panel.start_button.isEnabled()
    assert "Imported 50 glyphs of 28x28" in window.statusBar().currentMessage()
    assert not window.document.modified


def test_idx_labels_picked_when_none_are_beside(window, qtbot, files, tmp_path):
    images, labels = digits(5)
    write_idx(tmp_path / "mine-images-idx3-ubyte", images)
    write_idx(tmp_path / "elsewhere.idx1", labels)
    files.paths = [str(tmp_path / "mine-images-idx3-ubyte"), str(tmp_path / "elsewhere.idx1")]
    trigger(window, "Import MNIST / IDX…")
    wait_done(window, qtbot)
    assert window.document.glyphs.labels == [str(v) for v in labels]


@pytest.mark.parametrize(
    "damage, message",
    [
        (lambda data: b"\x00\x00\x08\x01" + data[4:], "wrong magic number"),
        (lambda data: data[:-100], "truncated"),
        (lambda data: b"", "too short"),
    ],
)
def test_bad_idx_files_show_an_error_and_keep_the_set(
    window, qtbot, files, tmp_path, damage, message
):
    images, _ = digits(3)
    path = tmp_path / "bad-images-idx3-ubyte"
    write_idx(path, images)
    path.write_bytes(damage(path.read_bytes()))
    before = window.document.glyphs
    window.document.relabel(0, "kept")  # unsaved: discarded only by a successful import
    files.paths = [str(path)]
    trigger(window, "Import MNIST / IDX…")
    wait_done(window, qtbot)
    assert len(files.errors) == 1 and message in files.errors[0][1]
    assert "Traceback" not in files.errors[0][1]
    assert window.document.glyphs is before and before.labels[0] == "kept"
    assert window.file_menu.importer.progress is None


def test_labels_that_do_not_match_the_images_are_refused(window, qtbot, files, tmp_path):
    images, labels = digits(4)
    write_idx(tmp_path / "x-images-idx3-ubyte", images)
    write_idx(tmp_path / "x-labels-idx1-ubyte", labels[:3])
    files.paths = [str(tmp_path / "x-images-idx3-ubyte")]
    trigger(window, "Import MNIST / IDX…")
    wait_done(window, qtbot)
    assert "3 labels for 4 images" in files.errors[0][1]
    assert window.document.glyphs.name == "font3"


def test_image_folder_is_scaled_to_the_set_size_in_grey(window, qtbot, files, tmp_path):
    for name, colour in (("dark", "black"), ("light", "white")):
        image = QImage(40, 56, QImage.Format_RGB32)
        image.fill(QColor(colour))
        image.save(str(tmp_path / f"{name}.png"))
    (tmp_path / "notes.txt").write_text("not an image")
    files.paths = [str(tmp_path)]
    trigger(window, "Import images…")
    wait_done(window, qtbot)
    g = window.document.glyphs
    assert files.errors == [] and g.labels == ["dark", "light"]
    assert g.pixels.shape == (2, 7, 5)  # the current set's size
    assert {float(g.pixels[0].min()), float(g.pixels[1].max())} in ({0.0, 1.0}, {1.0, 0.0})


def test_an_unreadable_image_is_a_clear_error(window, qtbot, files, tmp_path):
    (tmp_path / "broken.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 20)
    files.paths = [str(tmp_path)]
    trigger(window, "Import images…")
    wait_done(window, qtbot)
    assert len(files.errors) == 1 and "broken.png" in files.errors[0][1]
    assert window.document.glyphs.name == "font3"


def test_cancel_leaves_the_set_untouched(window, qtbot, files, tmp_path, monkeypatch):
    images, _ = digits(20)
    write_idx(tmp_path / "c-images-idx3-ubyte", images)
    gate = threading.Event()
    real = importer_module.idx_image_steps

    def gated(*args, **kwargs):  # holds the worker until the test has clicked Cancel
        gate.wait(10)
        return (yield from real(*args, **kwargs))

    monkeypatch.setattr(importer_module, "idx_image_steps", gated)
    before = window.document.glyphs
    files.paths = [str(tmp_path / "c-images-idx3-ubyte")]
    trigger(window, "Import MNIST / IDX…")
    progress = window.file_menu.importer.progress
    qtbot.waitUntil(progress.isVisible, timeout=5000)
    cancel = next(b for b in progress.findChildren(QPushButton) if b.text() == "Cancel")
    qtbot.mouseClick(cancel, Qt.LeftButton)
    assert visible_progress_dialogs() == []  # gone at once, the worker still held
    assert window.file_menu.importer.is_running()
    gate.set()
    wait_done(window, qtbot)
    assert window.document.glyphs is before and files.errors == []
    assert "cancelled" in window.statusBar().currentMessage()
    assert window.file_menu.importer.progress is None


def test_a_60k_import_keeps_the_window_responsive(window, qtbot, files, tmp_path):
    images, labels = digits(N_BIG)
    write_idx(tmp_path / "train-images-idx3-ubyte", images)
    write_idx(tmp_path / "train-labels-idx1-ubyte", labels)
    files.paths = [str(tmp_path / "train-images-idx3-ubyte")]
    """The file is read off the GUI thread: its event loop runs while the import does
    (the longest gap is timed in benchmarks/, not here)."""
    ticks_while_importing = []
    ticker = QTimer(interval=5)
    ticker.timeout.connect(
        lambda: ticks_while_importing.append(window.file_menu.importer.is_running())
    )
    ticker.start()
    trigger(window, "Import MNIST / IDX…")
    wait_done(window, qtbot)
    ticker.stop()
    assert len(window.document.glyphs) == N_BIG and window.glyph_grid.count() == N_BIG
    assert any(ticks_while_importing)


def test_closing_during_an_import_cancels_and_joins_the_worker(window, qtbot, files, tmp_path):
    from ae_desktop.gui.background import running_tasks

    images, _ = digits(N_BIG)
    write_idx(tmp_path / "big-images-idx3-ubyte", images)
    files.paths = [str(tmp_path / "big-images-idx3-ubyte")]
    before = window.document.glyphs
    trigger(window, "Import MNIST / IDX…")
    importer = window.file_menu.importer
    assert importer.is_running()
    window.close()
    assert not window.isVisible() and not importer.is_running() and running_tasks() == []
    assert window.document.glyphs is before and files.errors == []


def visible_progress_dialogs() -> list:
    from PySide6.QtWidgets import QApplication, QProgressDialog

    return [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, QProgressDialog) and w.isVisible()
    ]


def test_no_progress_dialog_outlives_a_failed_import(window, qtbot, files, tmp_path, monkeypatch):
    """Random bytes as IDX: the error box's own event loop runs past Qt's 4 s show delay
    of a progress dialog; no "Importing…" dialog may appear over it, or after it."""
    path = tmp_path / "random-images-idx3-ubyte"
    path.write_bytes(np.random.default_rng(0).integers(0, 256, 4096, np.uint8).tobytes())
    seen = []

    def modal_error(parent, title, text, *args):  # a modal box runs the event loop
        files.errors.append((title, text))
        qtbot.wait(4200)
        seen.extend(visible_progress_dialogs())

    monkeypatch.setattr(QMessageBox, "critical", modal_error)
    files.paths = [str(path)]
    trigger(window, "Import MNIST / IDX…")
    wait_done(window, qtbot)
    qtbot.wait(importer_module.SHOW_AFTER_MS + 200)
    assert len(files.errors) == 1 and "wrong magic number" in files.errors[0][1]
    assert seen == [] and visible_progress_dialogs() == []


def test_a_slow_import_shows_its_progress_after_the_show_delay(
    window, qtbot, files, tmp_path, monkeypatch
):
    images, _ = digits(3)
    write_idx(tmp_path / "s-images-idx3-ubyte", images)
    gate = threading.Event()
    real = importer_module.idx_image_steps

    def gated(*args, **kwargs):
        gate.wait(10)
        return (yield from real(*args, **kwargs))

    monkeypatch.setattr(importer_module, "idx_image_steps", gated)
    files.paths = [str(tmp_path / "s-images-idx3-ubyte")]
    trigger(window, "Import MNIST / IDX…")
    qtbot.wait(importer_module.SHOW_AFTER_MS + 300)  # not Qt's default 4 s
    shown = visible_progress_dialogs()
    gate.set()
    wait_done(window, qtbot)
    assert len(shown) == 1 and visible_progress_dialogs() == []
    assert len(window.document.glyphs) == 3


@pytest.mark.parametrize("where", ["idx file", "image in a folder", "device"])
def test_a_fifo_or_device_to_import_is_a_dialog_not_a_hang(window, qtbot, files, tmp_path, where):
    import os

    before = window.document.glyphs
    if where == "idx file":
        os.mkfifo(tmp_path / "pipe-images-idx3-ubyte")
        files.paths = [str(tmp_path / "pipe-images-idx3-ubyte"), ""]
    elif where == "device":
        files.paths = ["/dev/zero", ""]
    else:
        os.mkfifo(tmp_path / "x.png")
        files.paths = [str(tmp_path)]
    trigger(window, "Import images…" if where == "image in a folder" else "Import MNIST / IDX…")
    wait_done(window, qtbot)
    assert len(files.errors) == 1 and "\n" not in files.errors[0][1]
    assert window.document.glyphs is before and visible_progress_dialogs() == []
