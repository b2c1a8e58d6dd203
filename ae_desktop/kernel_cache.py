"""Where Numba's compiled kernels are cached: a folder per user named by a hash of the
engine's sources (see runtime_env), seeded on its first use from the kernels compiled for
the whole machine when the app was installed (``ae-desktop --install-kernels``, which the
.deb's install script runs), so that a first launch loads them instead of compiling.

Numba names a kernel's cache files after its source file's folder and finds them again
by the source file's path and time stamp, which are the same for every user of one
installation: copied files are found. Imports neither NumPy nor Numba (runtime_env uses
this before either loads)."""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

from platformdirs import user_cache_dir

from ae_desktop.safe_io.regular_file import read_regular

APP_NAME = "ae-desktop"
ENGINE_DIR = Path(__file__).parent / "engine"
SYSTEM_ROOT = Path("/var/cache") / APP_NAME / "numba"  # the .deb's kernels (Linux)
CACHE_SUFFIXES = (".nbi", ".nbc")  # Numba's index and data files
MAX_SEED_FILES = 4096
MAX_SEED_BYTES = 512 << 20


class _NotSeeded(Exception):
    """The machine's kernels are not copied (the user's cache then fills as it compiles)."""


def sources_hash(folder: Path = ENGINE_DIR) -> str:
    """Twelve hex digits that change whenever any ``*.py`` file of ``folder`` changes."""
    digest = hashlib.sha256()
    for source in sorted(folder.glob("*.py")):
        digest.update(source.name.encode() + b"\0" + source.read_bytes() + b"\0")
    return digest.hexdigest()[:12]


def numba_cache_dir(digest: str | None = None) -> str:
    """The per-user folder of this engine's compiled kernels (``digest``: its
    sources_hash), e.g. ~/.cache/ae-desktop/numba/3f2a9c01b7de."""
    folder = os.path.join(user_cache_dir(APP_NAME, appauthor=False), "numba")
    return os.path.join(folder, digest or sources_hash())


def system_cache_dir(digest: str | None = None) -> Path:
    """The machine-wide folder of this engine's kernels, filled at install time."""
    return SYSTEM_ROOT / (digest or sources_hash())


def seed_user_cache(user_dir: Path, system_dir: Path) -> bool:
    """Copy the kernels in ``system_dir`` to ``user_dir`` where the latter does not exist
    yet; True when copied. Only Numba's cache files are taken (regular files, links not
    followed, in ``system_dir``'s sub-folders, at most MAX_SEED_FILES and MAX_SEED_BYTES
    in all), through a temporary folder renamed into place, so that a second process
    never sees half a copy; on any doubt nothing is copied."""
    if os.path.lexists(user_dir) or not _is_real_dir(system_dir):
        return False
    staging = user_dir.with_name(f".{user_dir.name}.{os.getpid()}.seeding")
    try:
        files = _cache_files(system_dir)
        staging.mkdir(parents=True)
    except (OSError, _NotSeeded):
        return False
    try:
        for relative in files:
            payload = read_regular(system_dir / relative, MAX_SEED_BYTES, _NotSeeded, "kernel")
            (staging / relative).parent.mkdir(exist_ok=True)
            (staging / relative).write_bytes(payload)
        os.rename(staging, user_dir)  # fails where another process seeded it first
        return True
    except (OSError, _NotSeeded):
        shutil.rmtree(staging, ignore_errors=True)  # the folder this call made
        return False


def _is_real_dir(path: Path) -> bool:
    return path.is_dir() and not path.is_symlink()


def _cache_files(system_dir: Path) -> list[Path]:
    """Numba's cache files one folder below ``system_dir``, relative to it; _NotSeeded
    past the bounds."""
    files, total = [], 0
    with os.scandir(system_dir) as folders:
        for folder in folders:
            if not folder.is_dir(follow_symlinks=False):
                continue
            with os.scandir(folder.path) as entries:
                for entry in entries:
                    if entry.name.endswith(CACHE_SUFFIXES) and entry.is_file(follow_symlinks=False):
                        total += entry.stat(follow_symlinks=False).st_size
                        files.append(Path(folder.name, entry.name))
                    if len(files) > MAX_SEED_FILES or total > MAX_SEED_BYTES:
                        raise _NotSeeded(f"{system_dir} holds more than a kernel cache")
    return files
