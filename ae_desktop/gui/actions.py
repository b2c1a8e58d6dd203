"""The window's commands as QActions created once and looked up by id
(``"file.open_model"``, ``"edit.redo"``, ``"help.guide"``): menus, toolbars and other
modules find an action by its id, never by a menu's visible title."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget


class ActionRegistry:
    """Every action of a window, by id; each id is registered once."""

    def __init__(self, window: QWidget):
        self._window = window
        self._actions: dict[str, QAction] = {}

    def add(
        self,
        action_id: str,
        text: str,
        triggered: Callable[[], object] | None = None,
        shortcuts: tuple = (),
        tip: str = "",
    ) -> QAction:
        """A new action ``action_id``, active wherever the window has focus; each of
        ``shortcuts`` is a key text or a QKeySequence.StandardKey."""
        self._check_new(action_id)
        action = QAction(text, self._window)
        action.setShortcuts(_key_sequences(shortcuts))
        if tip:
            action.setToolTip(tip)
            action.setStatusTip(tip)
        if triggered is not None:
            action.triggered.connect(lambda _checked=False: triggered())
        self._window.addAction(action)
        return self.register(action_id, action)

    def register(self, action_id: str, action: QAction) -> QAction:
        """Give an action made elsewhere (a panel's undo, a dock's toggle) the id
        ``action_id``; its shortcuts keep the context its owner gave them."""
        self._check_new(action_id)
        action.setObjectName(action_id)
        self._actions[action_id] = action
        return action

    def _check_new(self, action_id: str) -> None:
        if action_id in self._actions:
            raise KeyError(f"action {action_id!r} is already registered")

    def __getitem__(self, action_id: str) -> QAction:
        return self._actions[action_id]

    def __contains__(self, action_id: str) -> bool:
        return action_id in self._actions

    def ids(self) -> list[str]:
        return list(self._actions)

    def fill(self, menu: QMenu, action_ids: list[str | None]) -> None:
        """Add the actions ``action_ids`` to ``menu`` in order; None is a separator."""
        for action_id in action_ids:
            if action_id is None:
                menu.addSeparator()
            else:
                menu.addAction(self._actions[action_id])


def _key_sequences(shortcuts: tuple) -> list[QKeySequence]:
    """Each shortcut once: a text like "Ctrl+Q", or a standard key (QKeySequence.Open)
    with every binding of this platform."""
    keys: list[QKeySequence] = []
    for key in shortcuts:
        for sequence in (
            QKeySequence.keyBindings(key)
            if isinstance(key, QKeySequence.StandardKey)
            else [QKeySequence(key)]
        ):
            if sequence not in keys:
                keys.append(sequence)
    return keys
