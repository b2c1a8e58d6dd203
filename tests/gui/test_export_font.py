"""File > Export font…: the real action opens the dialog, whose preview types sample text
in the new font; Save writes the set (or the model's reconstructions) in the format of
the chosen extension; errors come in a dialog; the dialog follows edits to the set."""

import numpy as np
import pytest
from fontTools.ttLib import TTFont
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QMenu, QMessageBox

from ae_desktop.data import GlyphSet

SAVE = QDialogButtonBox.Save


@pytest.fixture
def chooser(monkeypatch):
    """The file chooser answers ``chooser.answer`` (path, chosen filter)."""

    class Chooser:
        answer = ("", "")

    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: Chooser.answer)
    return Chooser


@pytest.fixture
def errors(monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append(text))
    return shown


def open_dialog(window):
    """Trigger File > Export font… from the File menu itself; the dialog it shows."""
    file_menu = next(m for m in window.findChildren(QMenu) if m.title().replace("&", "") == "File")
    action = next(a for a in file_menu.actions() if a.objectName() == "file.export_font")
    action.trigger()
    dialog = window.file_menu.font_dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def test_export_the_drawn_set_as_otf(window, qtbot, chooser, errors, tmp_path):
    dialog = open_dialog(window)
    assert "thresholded at 0.5" in dialog.note.text() and "'DEL'" in dialog.note.text()
    assert dialog.family.text() == "font3" and dialog.sample.text().startswith("`abc")
    assert not dialog.preview.pixmap().isNull() and dialog.preview.pixmap().height() == 28
    assert not dialog.source.model().item(1).isEnabled()  # no model yet
    dialog.family.setText("Sketch")
    chooser.answer = (str(tmp_path / "sketch"), "OpenType font (*.otf)")
    qtbot.mouseClick(dialog.buttons.button(SAVE), Qt.LeftButton)
    font = TTFont(tmp_path / "sketch.otf")
    assert font["name"].getDebugName(1) == "Sketch" and len(font.getBestCmap()) == 31
    assert not dialog.isVisible() and errors == []
    assert window.statusBar().currentMessage() == "Exported font sketch.otf"


def test_a_failed_save_shows_an_error_and_stays_open(window, qtbot, chooser, errors, tmp_path):
    dialog = open_dialog(window)
    chooser.answer = (str(tmp_path / "missing" / "f.ttf"), "")
    qtbot.mouseClick(dialog.buttons.button(SAVE), Qt.LeftButton)
    assert len(errors) == 1 and "f.ttf" in errors[0] and dialog.isVisible()
    dialog.family.setText("   ")
    chooser.answer = (str(tmp_path / "f.bdf"), "")
    qtbot.mouseClick(dialog.buttons.button(SAVE), Qt.LeftButton)
    assert "family name" in errors[1] and not (tmp_path / "f.bdf").exists()
    dialog.close()


def test_the_dialog_follows_the_set(window, qtbot, errors):
    dialog = open_dialog(window)
    before = dialog.preview.pixmap().toImage()
    window.document.redraw(1, np.ones((7, 5)))  # "a" becomes a full block
    assert dialog.preview.pixmap().toImage() != before
    window.document.set_glyphs(GlyphSet("words", 5, 7, ["DEL"], np.zeros((1, 7, 5))))
    assert "Cannot export" in dialog.note.text()
    assert not dialog.buttons.button(SAVE).isEnabled()
    dialog.close()
    open_dialog_again = window.actions["file.export_font"]
    open_dialog_again.trigger()
    assert len(errors) == 1 and "single character" in errors[0] and not dialog.isVisible()


def test_export_the_models_reconstructions(window, qtbot, train, chooser, errors, tmp_path):
    train(arch="35-10-2", epochs=50, target_errors=None)
    dialog = open_dialog(window)
    assert dialog.source.model().item(1).isEnabled()
    dialog.source.setCurrentIndex(1)
    chooser.answer = (str(tmp_path / "r.bdf"), "")
    qtbot.mouseClick(dialog.buttons.button(SAVE), Qt.LeftButton)
    glyphs = window.document.glyphs
    rebuilt = window.session.model.reconstruct(glyphs.matrix()[:31]) >= 0.5
    bdf = (tmp_path / "r.bdf").read_text()
    first = bdf.index("BITMAP\n") + len("BITMAP\n")
    rows = [int(v, 16) >> 3 for v in bdf[first:].split("\n")[:7]]
    assert rows == [
        int("".join("1" if p else "0" for p in row), 2) for row in rebuilt[0].reshape(7, 5)
    ]
    assert bdf.count("STARTCHAR") == 31 and errors == []


def test_f1_in_the_open_dialog_shows_the_guide(window, qtbot):
    """F1 is the app's: it opens the guide from a non-modal dialog too, not only from the
    main window."""
    dialog = open_dialog(window)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=5000)
    qtbot.keyClick(dialog, Qt.Key_F1)
    assert window.help.guide is not None and window.help.guide.isVisible()
    window.help.guide.close()
    dialog.close()
