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

from ae_desktop.data.atomic import write_atomic
from ae_desktop.data.glyph_set import GlyphSet, GlyphSetError, load_glyph_set
from ae_desktop.data.glyph_set_npz import load_glyph_set_npz, save_glyph_set_npz

DATA_DIR_ENV = "AE_DESKTOP_DATA_DIR"
LOCK, GLYPHS, DOCUMENT, MODEL = "session.lock", "glyphs.npz", "document.json", "model.npz"
LEGACY_GLYPHS = "glyphs.json"


def data_dir() -> Path:
    """$AE_DESKTOP_DATA_DIR if set, else the per-user data folder (~/.local/share/ae-desktop)."""
    override = os.environ.get(DATA_DIR_ENV)
    return Path(override) if override else Path(user_data_dir("ae-desktop", appauthor=False))


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: it runs
        return True
    return True


@dataclass(frozen=True)
class Recovery:
    """The autosave of a session that did not exit cleanly."""

    folder: Path
    saved_at: float  # seconds since the epoch of the newest autosaved file

    @property
    def model_file(self) -> Path | None:
        path = self.folder / MODEL
        return path if path.is_file() else None

    def has_glyphs(self) -> bool:
        return any((self.folder / name).is_file() for name in (GLYPHS, LEGACY_GLYPHS))

    def glyphs(self) -> tuple[GlyphSet, Path | None]:
        """The autosaved set and the file it came from; GlyphSetError if unreadable."""
        archive = self.folder / GLYPHS
        glyphs = (load_glyph_set_npz(archive) if archive.is_file()
                  else load_glyph_set(self.folder / LEGACY_GLYPHS))
        try:
            path = json.loads((self.folder / DOCUMENT).read_text(encoding="utf-8"))["path"]
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise GlyphSetError(f"autosave of the document's file name unreadable: {exc}")
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
        """Autosaves of sessions no longer running, newest first; folders of crashed
        sessions with nothing to recover are removed."""
        found = []
        for folder in self.root.iterdir() if self.root.is_dir() else ():
            if not folder.is_dir() or folder == self.folder or _lock_pid_running(folder):
                continue
            files = [folder / name for name in (GLYPHS, LEGACY_GLYPHS, MODEL)
                     if (folder / name).is_file()]
            if not files:
                shutil.rmtree(folder, ignore_errors=True)
                continue
            found.append(Recovery(folder, max(f.stat().st_mtime for f in files)))
        return sorted(found, key=lambda r: r.saved_at, reverse=True)

    @staticmethod
    def discard(recovery: Recovery) -> None:
        shutil.rmtree(recovery.folder, ignore_errors=True)


def _lock_pid_running(folder: Path) -> bool:
    try:
        pid = int((folder / LOCK).read_text())
    except (OSError, ValueError):
        return False  # no readable lock: a session killed before it wrote one
    return _running(pid)
