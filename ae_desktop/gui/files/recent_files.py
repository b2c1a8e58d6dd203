"""Desktop memory of files: the folder last used for each kind of file, the recently
used glyph sets and models, and whether to reopen the last ones at launch."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from ae_desktop.gui.stored_settings import stored_flag, stored_paths

MAX_RECENT = 8
GLYPH_SETS, MODELS, IMAGES, EXPORTS = "glyph_sets", "models", "images", "exports"
REOPEN_KEY = "startup/reopen_last"


def last_folder(kind: str) -> str:
    """The folder a file dialog for ``kind`` opens in ("" for the current one)."""
    folders = stored_paths(QSettings().value(f"folders/{kind}"), 1)
    return folders[0] if folders and Path(folders[0]).is_dir() else ""


def in_last_folder(kind: str, name: str) -> str:
    """``name`` in the folder last used for ``kind`` (a save dialog's proposal)."""
    folder = last_folder(kind)
    return str(Path(folder) / name) if folder else name


def remember_folder(kind: str, path: str) -> None:
    """``path`` (a file, or for a folder import the folder itself) was used for ``kind``."""
    folder = path if Path(path).is_dir() else str(Path(path).parent)
    QSettings().setValue(f"folders/{kind}", folder)


def recent(kind: str) -> list[str]:
    """The recent files of ``kind`` (GLYPH_SETS or MODELS), newest first."""
    return stored_paths(QSettings().value(f"recent/{kind}"), MAX_RECENT)


def remember(kind: str, path: str) -> None:
    """``path`` was opened or saved: first in the recent list, and its folder is the
    last used for ``kind``."""
    path = str(Path(path).absolute())
    QSettings().setValue(
        f"recent/{kind}", [path] + [p for p in recent(kind) if p != path][: MAX_RECENT - 1]
    )
    remember_folder(kind, path)


def reopen_last() -> bool:
    """Whether the last glyph set and model are reopened at launch (on by default)."""
    return stored_flag(QSettings().value(REOPEN_KEY), True)


def set_reopen_last(on: bool) -> None:
    QSettings().setValue(REOPEN_KEY, on)


def last_open(kind: str) -> str | None:
    """The file of ``kind`` open when the app last closed, if any."""
    paths = stored_paths(QSettings().value(f"startup/{kind}"), 1)
    return paths[0] if paths else None


def set_last_open(kind: str, path: Path | None) -> None:
    QSettings().setValue(f"startup/{kind}", "" if path is None else str(path.absolute()))
