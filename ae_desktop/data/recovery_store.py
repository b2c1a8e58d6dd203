"""Where unsaved work is autosaved, and what a session that did not exit cleanly left.

Each running app owns a folder ``<data dir>/autosave/<pid>-<start ms>/`` holding
``session.lock`` (its PID, written at start; the whole folder is removed at a clean exit),
and, while there is unsaved work, ``glyphs.npz`` (the glyph set: an archive, quick to
write even for 60,000 images; ``glyphs.json`` from older versions is read too), ``document.json``
(``{"path": file the set came from or null}``) and ``model.npz``. A folder whose PID no
longer runs was left by a crash or a kill: its files are offered for recovery.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_dir

from ae_desktop.data.glyph_set import GlyphSet, GlyphSetError, load_glyph_set
from ae_desktop.data.glyph_set_npz import load_glyph_set_npz, save_glyph_set_npz
from ae_desktop.safe_io.atomic import write_atomic
from ae_desktop.safe_io.bounded_json import quote, read_json
from ae_desktop.safe_io.regular_file import read_regular

DATA_DIR_ENV = "AE_DESKTOP_DATA_DIR"
LOCK, GLYPHS, DOCUMENT, MODEL = "session.lock", "glyphs.npz", "document.json", "model.npz"
LEGACY_GLYPHS = "glyphs.json"
MAX_PID = 2**31 - 1  # a lock holding anything else (-1, 0, 20 digits) names no process


def data_dir() -> Path:
    """$AE_DESKTOP_DATA_DIR if set, else the per-user data folder (~/.local/share/ae-desktop)."""
    override = os.environ.get(DATA_DIR_ENV)
    return Path(override) if override else Path(user_data_dir("ae-desktop", appauthor=False))


def _running(pid: int) -> bool:
    if not 0 < pid <= MAX_PID:  # os.kill(-1, 0) would signal every process: "running"
        return False
    try:
        os.kill(pid, 0)
    except PermissionError:  # someone else's process: it runs
        return True
    except (OSError, OverflowError):
        return False
    return True


def _present(path: Path) -> bool:
    """Whether ``path`` exists as anything (a FIFO there is damage to report, not absence)."""
    return os.path.lexists(path)


@dataclass(frozen=True)
class Recovery:
    """The autosave of a session that did not exit cleanly."""

    folder: Path
    saved_at: float  # seconds since the epoch of the newest autosaved file

    @property
    def model_file(self) -> Path | None:
        path = self.folder / MODEL
        return path if _present(path) else None

    def has_glyphs(self) -> bool:
        return any(_present(self.folder / name) for name in (GLYPHS, LEGACY_GLYPHS))

    def glyphs(self) -> tuple[GlyphSet, Path | None]:
        """The autosaved set and the file it came from; GlyphSetError if unreadable."""
        archive = self.folder / GLYPHS
        glyphs = (
            load_glyph_set_npz(archive)
            if _present(archive)
            else load_glyph_set(self.folder / LEGACY_GLYPHS)
        )
        document = read_json(self.folder / DOCUMENT, GlyphSetError, "autosave metadata")
        path = document.get("path", 5) if isinstance(document, dict) else 5
        if path is not None and not (isinstance(path, str) and path and "\0" not in path):
            raise GlyphSetError(
                f"autosave metadata {DOCUMENT}: the set's file name "
                f"{quote(path)} is not a file name"
            )
        return glyphs, None if path is None else Path(path)


class RecoveryStore:
    """This session's autosave folder under ``root``, and the ones crashed sessions left."""

    def __init__(self, root: Path, pid: int | None = None):
        self.pid = os.getpid() if pid is None else pid
        self.root = Path(root) / "autosave"
        self.folder = self.root / f"{self.pid}-{time.time_ns() // 1_000_000}"

    @property
    def model_file(self) -> Path:
        return self.folder / MODEL

    def begin_session(self) -> None:
        """Create this session's folder and its lock (OSError if the folder is unwritable)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        write_atomic(self.folder / LOCK, str(self.pid).encode())

    def end_session(self) -> None:
        """A clean exit: nothing of this session needs recovering."""
        shutil.rmtree(self.folder, ignore_errors=True)

    def save_glyphs(self, glyphs: GlyphSet, path: Path | None) -> None:
        save_glyph_set_npz(glyphs, self.folder / GLYPHS)
        document = {"path": None if path is None else str(path)}
        write_atomic(self.folder / DOCUMENT, json.dumps(document).encode("utf-8"))

    def clear_glyphs(self) -> None:
        for name in (GLYPHS, DOCUMENT):
            (self.folder / name).unlink(missing_ok=True)

    def clear_model(self) -> None:
        self.model_file.unlink(missing_ok=True)

    def crashed_sessions(self) -> list[Recovery]:
        """Autosaves of sessions no longer running, newest first, each judged on its own
        (whether its files can be read is found when they are read); folders of crashed
        sessions with nothing to recover are removed."""
        try:
            folders = [f for f in self.root.iterdir() if f.is_dir() and not f.is_symlink()]
        except OSError:
            return []
        found = []
        for folder in folders:
            if folder == self.folder or _lock_pid_running(folder):
                continue
            files = [
                folder / name for name in (GLYPHS, LEGACY_GLYPHS, MODEL) if _present(folder / name)
            ]
            if not files:
                shutil.rmtree(folder, ignore_errors=True)
                continue
            found.append(Recovery(folder, _newest(files + [folder])))
        return sorted(found, key=lambda r: r.saved_at, reverse=True)

    @staticmethod
    def discard(recovery: Recovery) -> None:
        shutil.rmtree(recovery.folder, ignore_errors=True)


def _newest(paths: list[Path]) -> float:
    """The latest modification time of ``paths`` (0 when none can be read)."""
    times = []
    for path in paths:
        try:
            times.append(path.lstat().st_mtime)
        except OSError:
            pass
    return max(times, default=0.0)


def _lock_pid_running(folder: Path) -> bool:
    """Whether the lock names a running process; an unreadable, non-regular or garbled
    lock (a session killed while writing it, or damage) names none."""
    try:
        pid = int(read_regular(folder / LOCK, 32, ValueError, "session lock").strip())
    except (OSError, ValueError):
        return False
    return _running(pid)
