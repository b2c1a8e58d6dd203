"""Reading ``.npz`` archives that may be damaged or forged: never pickles, never
allocates what a header merely claims, and every failure is one error naming the file."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import numpy as np


def read_npz(path: Path, error: type[Exception], what: str) -> dict[str, np.ndarray]:
    """Every array of the archive at ``path``, read eagerly so that late zip errors surface
    here; a problem raises ``error`` with a message that calls the file a ``what``."""
    try:
        payload = path.read_bytes()
    except OSError as exc:
        raise error(f"cannot read {what} {path}: {exc.strerror or exc}") from None
    if not payload.startswith(b"PK"):
        raise error(f"{path.name} is not a {what}: not a .npz (zip) archive")
    try:
        with np.load(io.BytesIO(payload), allow_pickle=False) as npz:
            arrays = {}
            for name in list(npz.files):
                _check_declared_size(npz.zip, name, path.name, error)
                try:
                    arrays[name] = npz[name]
                except ValueError as exc:
                    if "pickle" in str(exc) or "Object arrays" in str(exc):
                        raise error(f"{path.name}: entry {name!r} holds pickled Python "
                                    "objects, which are never loaded") from None
                    raise
                if not isinstance(arrays[name], np.ndarray):  # a zip member that is no .npy
                    raise error(f"{path.name} is not a {what}: a zip archive whose entry "
                                f"{name!r} is not a NumPy array")
    except error:
        raise
    except Exception as exc:  # noqa: BLE001 - zip, zlib, header parsing: all mean "damaged"
        raise error(f"{path.name} is not a {what}: damaged or truncated .npz ({exc})") from None
    return arrays


def _check_declared_size(archive: zipfile.ZipFile, name: str, where: str,
                         error: type[Exception]) -> None:
    """Refuse an entry whose .npy header claims more data than the entry holds (a forged
    or truncated header would otherwise make NumPy allocate whatever it claims)."""
    member = f"{name}.npy"
    if member not in archive.namelist():
        return
    info = archive.getinfo(member)
    with archive.open(member) as handle:
        try:
            major, _ = np.lib.format.read_magic(handle)
            read_header = (np.lib.format.read_array_header_1_0 if major == 1
                           else np.lib.format.read_array_header_2_0)
            shape, _, dtype = read_header(handle)
        except ValueError:
            return  # not a plain array header: np.load reports it
    declared = int(np.prod(shape, dtype=object)) * dtype.itemsize
    if declared > info.file_size:
        raise error(f"{where}: entry {name!r} declares {declared} bytes of data "
                    f"but holds {info.file_size}: truncated or forged")
