"""Randomized GUI run: seeded random clicks, keys, drags, training and file commands,
with the window's invariants checked after every action.

CI runs ACTIONS actions; ``AE_DESKTOP_MONKEY_ACTIONS=5000`` runs a long one and
``AE_DESKTOP_MONKEY_SEED=<n>`` replays a failing run (the failure prints its seed and
the actions that led to it)."""

import os
import sys
import threading
import time
import traceback

import numpy as np
from PySide6.QtCore import QPoint, Qt, QTimer, qInstallMessageHandler
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QInputDialog,
    QMessageBox,
    QPushButton,
    QToolButton,
)

from ae_desktop.data import GlyphSet
from ae_desktop.engine import TrainConfig
from ae_desktop.gui.files import file_menu
from ae_desktop.gui.glyphs.circles_dialog import CirclesDialog

ACTIONS = int(os.environ.get("AE_DESKTOP_MONKEY_ACTIONS", "400"))
SEED = int(os.environ.get("AE_DESKTOP_MONKEY_SEED", str(time.time_ns() % 2**31)))
ARCH_TEXTS = (
    "35-8-2",
    "35-8-2",
    "35-8-2",
    "35-6-2",
    "35-8-3",
    "35-10-6-2",
    "35-x",
    "",
    "30-8-2",
    "35-0-2",
)
WEIGHTS = {"training_button": 5, "paint": 2, "wait": 2, "latent_click": 2}  # others: 1
LABELS = ("a", "Z", "é", "new glyph", "", "?")  # QTest cannot type "é": dialogs only
TYPED_LABELS = ("a", "Z", "new glyph", "", "?")


class Dialogs:
    """Scripted modal dialogs: answers drawn from ``rng``; what they showed is kept."""

    def __init__(self, monkeypatch, rng):
        self.rng, self.path, self.shown = rng, "", []
        monkeypatch.setattr(QFileDialog, "getOpenFileName", self._file)
        monkeypatch.setattr(QFileDialog, "getSaveFileName", self._file)
        monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: self.path)
        monkeypatch.setattr(file_menu, "ask_new_set", self._new_set)
        monkeypatch.setattr(CirclesDialog, "exec", lambda dialog: self._circles(dialog))
        for kind in ("critical", "warning", "information", "about"):
            monkeypatch.setattr(QMessageBox, kind, self._message)
        monkeypatch.setattr(QMessageBox, "question", self._question)
        monkeypatch.setattr(QInputDialog, "getText", self._text)
        monkeypatch.setattr(QDialog, "exec", self._unexpected)

    def _file(self, *args, **kwargs):
        return self.path, ""

    def _new_set(self, parent, width, height):
        size = [None, (width, height), (8, 8)][self.rng.integers(3)]
        return None if size is None else GlyphSet("new", *size)

    def _circles(self, dialog):
        dialog.count.setValue(int(self.rng.integers(1, 40)))
        return [QDialog.Rejected, QDialog.Accepted][self.rng.integers(2)]

    def _message(self, parent, title, text, *args):
        self.shown.append((title, text))

    def _question(self, *args, **kwargs):
        return [QMessageBox.Discard, QMessageBox.Cancel, QMessageBox.Save][self.rng.integers(3)]

    def _text(self, *args, **kwargs):
        return LABELS[self.rng.integers(len(LABELS))], bool(self.rng.integers(4))

    def _unexpected(self, dialog):
        raise AssertionError(f"unexpected modal dialog {dialog.windowTitle()!r}")


class Faults:
    """Collects uncaught exceptions (GUI and worker threads) and Qt warnings."""

    def __init__(self, monkeypatch):
        self.items: list[str] = []
        monkeypatch.setattr(sys, "excepthook", self._exception)
        monkeypatch.setattr(threading, "excepthook", self._thread_exception)
        self._previous = qInstallMessageHandler(self._qt_message)

    def _exception(self, kind, value, tb):
        where = "".join(traceback.format_tb(tb, limit=-4))
        self.items.append(f"{kind.__name__}: {value}\n{where}")

    def _thread_exception(self, args):
        self.items.append(f"in thread: {args.exc_type.__name__}: {args.exc_value}")

    def _qt_message(self, kind, context, text):
        if self._previous is not None:
            self._previous(kind, context, text)  # the conftest's handler fails the test too
        offscreen_note = text.startswith("This plugin does not support")  # conftest's too
        if kind.name not in ("QtDebugMsg", "QtInfoMsg") and not offscreen_note:
            self.items.append(f"Qt {kind.name}: {text}")

    def uninstall(self):
        qInstallMessageHandler(self._previous)


class Ping:
    """Fires on the next event-loop turn; proves the loop is responsive."""

    def __init__(self):
        self.fired = False

    def fire(self):
        self.fired = True


class Monkey:
    """Random user actions on ``window``; each is a method named ``do_*``."""

    def __init__(self, window, qtbot, rng, dialogs, folder):
        self.w, self.bot, self.rng, self.dialogs = window, qtbot, rng, dialogs
        self.folder, self.files = folder, _bad_files(folder)
        self.saved_sets = [str(folder / f"set{i}.json") for i in range(2)]
        self.saved_models = [str(folder / f"model{i}.npz") for i in range(2)]
        self.actions = [
            n
            for n in sorted(dir(self))
            if n.startswith("do_")
            for _ in range(WEIGHTS.get(n[3:], 1))
        ]
        panel = window.editor_panel
        self.tool_buttons = [b for b in panel.findChildren(QToolButton) if b.text()]
        self.push_buttons = panel.findChildren(QPushButton)
        self.grid_buttons = window.glyph_grid.findChildren(QToolButton)

    def pick(self, items):
        return items[self.rng.integers(len(items))]

    def step(self, log: list[str]) -> None:
        """Do one random action; its name goes to ``log`` before it runs, details after."""
        name = self.pick(self.actions)
        log.append(f"{len(log)}: {name[3:]}")
        log[-1] += f" {getattr(self, name)() or ''}"

    def click(self, widget, button=Qt.LeftButton, pos=None):
        self.bot.mouseClick(widget, button, pos=widget.rect().center() if pos is None else pos)

    # -- editor ------------------------------------------------------------------------
    def do_paint(self):
        editor = self.w.editor_panel.editor
        h, w = editor.pixels().shape
        button = self.pick([Qt.LeftButton, Qt.RightButton])
        cells = [(int(self.rng.integers(h)), int(self.rng.integers(w))) for _ in range(3)]
        self.bot.mousePress(editor, button, pos=editor.cell_center(*cells[0]))
        for cell in cells[1:]:
            self.bot.mouseMove(editor, editor.cell_center(*cell))
        self.bot.mouseRelease(editor, button, pos=editor.cell_center(*cells[-1]))
        return f"{button.name} {cells}"

    def do_key(self):
        key = self.pick([Qt.Key_Left, Qt.Key_Right, Qt.Key_Up, Qt.Key_Down, Qt.Key_Space])
        self.bot.keyClick(self.w.editor_panel.editor, key)
        return key.name

    def do_editor_button(self):
        button = self.pick(self.tool_buttons + self.push_buttons)
        self.click(button)
        return button.text()

    # -- glyph grid --------------------------------------------------------------------
    def do_select_glyph(self):
        grid = self.w.glyph_grid
        if grid.count() == 0:
            return "none"
        index = grid.model.index(int(self.rng.integers(grid.count())))
        grid.list.scrollTo(index)
        pos = grid.list.visualRect(index).center()
        if self.rng.integers(4):
            self.click(grid.list.viewport(), pos=pos)
        else:
            self.bot.mouseDClick(grid.list.viewport(), Qt.LeftButton, pos=pos)
        return grid.text(index.row())

    def do_grid_button(self):
        button = self.pick(self.grid_buttons)
        self.click(button)
        return button.text()

    # -- training ----------------------------------------------------------------------
    def do_training_button(self):
        panel = self.w.training_panel
        button = self.pick(
            [panel.start_button, panel.start_button, panel.pause_button, panel.stop_button]
        )
        self.click(button)
        return f"{button.text()} enabled={button.isEnabled()}"

    def do_combo(self):
        panel = self.w.training_panel
        combo = self.pick(
            [
                panel.model,
                panel.activation,
                panel.optimizer,
                panel.subset,
                panel.loss,
                self.w.interpolation.start,
                self.w.interpolation.end,
            ]
        )
        key = self.pick([Qt.Key_Down, Qt.Key_Up])
        self.bot.keyClick(combo, key)
        return f"{combo.currentText()} enabled={combo.isEnabled()}"

    def do_arch_text(self):
        arch = self.w.training_panel.arch
        text = self.pick(ARCH_TEXTS)
        self.bot.keyClick(arch, Qt.Key_A, Qt.ControlModifier)
        self.bot.keyClick(arch, Qt.Key_Backspace)
        self.bot.keyClicks(arch, text)
        return f"{text!r} enabled={arch.isEnabled()}"

    def do_epochs(self):
        spin = self.w.training_panel.epochs
        text = self.pick(["200", "300", "5000"])
        self.bot.keyClick(spin, Qt.Key_A, Qt.ControlModifier)
        self.bot.keyClicks(spin, text)
        return text

    def do_checkbox(self):
        panel = self.w.training_panel
        box = self.pick(
            [
                panel.continue_training,
                panel.stop_when_exact,
                self.w.latent_canvas.show_map,
                self.w.loss_plot.log_scale,
            ]
        )
        self.click(box, pos=QPoint(6, box.height() // 2))
        return box.text()

    def do_wait(self):
        ms = int(self.rng.integers(0, 150))
        self.bot.wait(ms)
        return ms

    # -- latent plane and interpolation --------------------------------------------------
    def do_latent_click(self):
        viewport = self.w.latent_canvas.plot_widget.viewport()
        pos = QPoint(
            int(self.rng.integers(viewport.width())), int(self.rng.integers(viewport.height()))
        )
        self.click(viewport, pos=pos)
        return (pos.x(), pos.y())

    def do_latent_drag(self):
        viewport = self.w.latent_canvas.plot_widget.viewport()
        points = [
            QPoint(
                int(self.rng.integers(viewport.width())), int(self.rng.integers(viewport.height()))
            )
            for _ in range(4)
        ]
        button = self.pick([Qt.LeftButton, Qt.LeftButton, Qt.RightButton])
        self.bot.mousePress(viewport, button, pos=points[0])
        for point in points[1:]:
            self.bot.mouseMove(viewport, point)
        self.bot.mouseRelease(viewport, button, pos=points[-1])
        return f"{button.name} {[(p.x(), p.y()) for p in points]}"

    def do_keep(self):
        canvas = self.w.latent_canvas
        canvas.label_edit.clear()
        self.bot.keyClicks(canvas.label_edit, self.pick(TYPED_LABELS))
        self.click(canvas.keep_button)

    def do_interpolate(self):
        panel = self.w.interpolation
        button = self.pick([panel.run_button, *panel.findChildren(QToolButton)])
        self.click(button)
        return button.text()

    # -- help ----------------------------------------------------------------------------
    def do_help(self):
        """F1 (a real key press), Getting started, About, or closing what they opened."""
        w, choice = self.w, self.pick(["f1", "getting_started", "about", "close"])
        if choice == "f1":
            w.activateWindow()
            self.bot.keyClick(w.editor_panel.editor, Qt.Key_F1)
            assert w.help.guide is not None and w.help.guide.isVisible(), "F1: no guide"
        elif choice == "close":
            if w.help.guide is not None:
                w.help.guide.close()
            w.help.getting_started.close()
        else:
            w.actions[f"help.{choice}"].trigger()
        w.activateWindow()  # the main window's shortcuts work for the next actions
        return choice

    # -- files ---------------------------------------------------------------------------
    def do_file(self):
        actions = _file_actions(self.w)  # anew: "Open recent" is rebuilt after each open
        text = self.pick(sorted(actions))
        if text.startswith("Save model"):
            self.dialogs.path = self.pick(self.saved_models + [self.files["unwritable"]])
        elif text.startswith("Save"):
            self.dialogs.path = self.pick(self.saved_sets + [self.files["unwritable"]])
        elif text.startswith("Import"):
            self.dialogs.path = self.pick(
                [self.files["folder"], self.files["noise.json"], self.files["missing"]]
            )
        elif text.startswith("Open"):
            good = self.saved_models if "model" in text else self.saved_sets
            self.dialogs.path = self.pick(good + list(self.files.values()))
        else:  # exports
            self.dialogs.path = str(self.folder / self.pick(["g.png", "p.svg", "p.png"]))
        actions[text].trigger()
        return f"{text} {os.path.basename(self.dialogs.path)}"


def _file_actions(window) -> dict:
    """The File commands (registered ``file.*`` actions and the recent files, Quit and
    the launch setting left out) by their text."""
    actions = [
        window.actions[i]
        for i in window.actions.ids()
        if i.startswith("file.") and i not in ("file.quit", "file.reopen_last")
    ]
    return {
        action.text().replace("&", ""): action
        for action in actions + window.file_menu.recent_menu.actions()
        if action.text()
    }


def _bad_files(folder) -> dict:
    """Corrupt glyph-set and model files, and a path nothing can be written to."""
    rng = np.random.default_rng(0)
    files = {
        "empty": b"",
        "noise": rng.bytes(300),
        "json_cut": b'{"name": "x", "width": 5',
        "wrong_type": b'{"name": 1, "width": 5, "height": 7, "glyphs": []}',
        "zip_cut": b"PK\x03\x04" + rng.bytes(40),
    }
    paths = {}
    for name, payload in files.items():
        for suffix in (".json", ".npz"):
            path = folder / f"{name}{suffix}"
            path.write_bytes(payload)
            paths[f"{name}{suffix}"] = str(path)
    paths["missing"] = str(folder / "missing.json")
    paths["unwritable"] = str(folder / "no-such-dir" / "x.json")
    paths["folder"] = str(folder)
    return paths


def check_invariants(window, qtbot, faults, dialogs):
    g = window.document.glyphs
    assert len(g.labels) == g.pixels.shape[0], "labels and pixels disagree"
    assert g.pixels.shape[1:] == (g.height, g.width)
    assert (
        np.isfinite(g.pixels).all()
        and g.pixels.min(initial=0) >= 0
        and g.pixels.max(initial=1) <= 1
    )
    assert window.glyph_grid.count() == len(g)
    drawing = window.editor_panel.active_editor().pixels()
    assert drawing.shape == (g.height, g.width) and 0 <= drawing.min() <= drawing.max() <= 1
    model = window.session.model
    if model is not None:
        assert np.isfinite(model.theta).all(), "non-finite weights"
        assert model.theta.size == model.arch.n_params
        assert model.arch.n_inputs == g.n_pixels, "model does not fit the glyphs"
    panel = window.training_panel
    assert panel.stop_button.isEnabled() == window.controller.is_running()
    for title, text in dialogs.shown:
        assert "Traceback" not in text and title != "Training failed", (title, text)
    ping = Ping()
    QTimer.singleShot(0, ping.fire)
    qtbot.waitUntil(lambda: ping.fired, timeout=1000)
    assert not faults.items, "\n".join(faults.items)


def test_random_actions_keep_the_window_consistent(window, qtbot, monkeypatch, tmp_path):
    rng = np.random.default_rng(SEED)
    dialogs = Dialogs(monkeypatch, rng)
    faults = Faults(monkeypatch)
    window.training_panel.set_config(TrainConfig(arch="35-8-2", epochs=300, target_errors=None))
    monkey = Monkey(window, qtbot, rng, dialogs, tmp_path)
    runs = []
    window.controller.finished.connect(runs.append)
    log, errors = [], []
    try:
        for _ in range(ACTIONS):
            monkey.step(log)
            check_invariants(window, qtbot, faults, dialogs)
            errors.extend(text for _, text in dialogs.shown)
            dialogs.shown.clear()
    except BaseException as exc:
        raise AssertionError(
            f"seed {SEED} (AE_DESKTOP_MONKEY_SEED={SEED} replays it), "
            f"failed after:\n" + "\n".join(log[-40:])
        ) from exc
    finally:
        faults.uninstall()
        window.controller.shutdown()
    print(
        f"seed {SEED}: {ACTIONS} actions, training runs ended {sorted(set(runs))} "
        f"({len(runs)}), {len(window.document.glyphs)} glyphs, {len(errors)} error dialogs"
    )
