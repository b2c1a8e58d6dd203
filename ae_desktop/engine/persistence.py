"""Save and load trained models as ``.npz`` files (no pickled objects, every shape checked).

File layout (format version 1), every entry a plain NumPy array::

    format              "ae-desktop-model" (tells our files from foreign .npz files)
    format_version      int, 1
    encoder, decoder    int64 layer sizes
    kind, activation, output_activation, latent_activation   strings
    theta               float64 (n_params,), the flat parameter vector
    optimizer           string; optimizer_settings: JSON object text
    history             float64 (epochs, 3): total, reconstruction and KL loss per epoch
    test_history        float64 (k, 2): [epoch, held-out loss]; optional (older files
                        lack it and load with an empty one)
    dataset             string; image_shape: int64 (height, width) of one glyph
    config              JSON object text (the TrainConfig)
"""

from __future__ import annotations

import dataclasses
import io
import json
from pathlib import Path

import numpy as np

from ae_desktop.data.atomic import write_atomic
from ae_desktop.data.npz_archive import read_npz
from ae_desktop.engine.architecture import Architecture, ArchitectureError
from ae_desktop.engine.model import Autoencoder

MAGIC = "ae-desktop-model"
FORMAT_VERSION = 1
ARCH_TEXT_KEYS = ("kind", "activation", "output_activation", "latent_activation")
REQUIRED_KEYS = ("format", "format_version", "encoder", "decoder", *ARCH_TEXT_KEYS, "theta",
                 "optimizer", "optimizer_settings", "history", "dataset", "image_shape",
                 "config")
METADATA_KEYS = ("optimizer", "optimizer_settings", "history", "test_history", "dataset",
                 "image_shape", "config")


class ModelFileError(ValueError):
    """A model file that cannot be loaded; the message says exactly what is wrong."""


def _json_object(value, key: str) -> str:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        value = dataclasses.asdict(value)
    if not isinstance(value, dict):
        raise TypeError(f"metadata {key!r} must be a dict, got {type(value).__name__}")
    return json.dumps(value, sort_keys=True)


def _metadata_arrays(model: Autoencoder, metadata: dict) -> dict[str, np.ndarray]:
    unknown = sorted(set(metadata) - set(METADATA_KEYS))
    if unknown:
        raise TypeError(f"unknown metadata keys {unknown}: use {', '.join(METADATA_KEYS)}")
    history = np.asarray(metadata.get("history", np.zeros((0, 3))), dtype=np.float64)
    if history.ndim != 2 or history.shape[1] != 3:
        raise ValueError(f"history must have shape (epochs, 3), got {history.shape}")
    test_history = np.asarray(metadata.get("test_history", np.zeros((0, 2))), dtype=np.float64)
    if test_history.ndim != 2 or test_history.shape[1] != 2:
        raise ValueError(f"test_history must have shape (k, 2), got {test_history.shape}")
    shape = metadata.get("image_shape", (1, model.arch.n_inputs))
    return {
        "optimizer": np.str_(metadata.get("optimizer", "")),
        "optimizer_settings": np.str_(_json_object(metadata.get("optimizer_settings", {}),
                                                   "optimizer_settings")),
        "history": history,
        "test_history": test_history,
        "dataset": np.str_(metadata.get("dataset", "")),
        "image_shape": np.asarray(shape, dtype=np.int64),
        "config": np.str_(_json_object(metadata.get("config", {}), "config")),
    }


def save_model(path: str | Path, model: Autoencoder, metadata: dict) -> None:
    """Write ``model`` and ``metadata`` (keys from METADATA_KEYS, all optional) atomically.

    ``optimizer_settings`` and ``config`` are dicts (or dataclasses) stored as JSON text;
    ``history`` is (epochs, 3), ``test_history`` (k, 2); ``image_shape`` is (height, width) with
    height * width == n_inputs.
    """
    arch = model.arch
    arrays = _metadata_arrays(model, metadata)
    if int(np.prod(arrays["image_shape"])) != arch.n_inputs or arrays["image_shape"].shape != (2,):
        raise ValueError(f"image_shape {tuple(arrays['image_shape'])} does not hold "
                         f"{arch.n_inputs} pixels")
    arrays.update(
        format=np.str_(MAGIC),
        format_version=np.int64(FORMAT_VERSION),
        encoder=np.array(arch.encoder, dtype=np.int64),
        decoder=np.array(arch.decoder, dtype=np.int64),
        theta=np.asarray(model.theta, dtype=np.float64),
        **{key: np.str_(getattr(arch, key)) for key in ARCH_TEXT_KEYS},
    )
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)
    write_atomic(Path(path), buffer.getvalue())


def _text(arrays: dict, key: str, where: str) -> str:
    value = arrays[key]
    if value.dtype.kind != "U" or value.shape != ():
        raise ModelFileError(f"{where}: entry {key!r} must be a text string, "
                             f"got {value.dtype} array of shape {value.shape}")
    return str(value)


def _ints(arrays: dict, key: str, where: str, ndim: int = 1) -> np.ndarray:
    value = arrays[key]
    if value.dtype.kind not in "iu" or value.ndim != ndim:
        raise ModelFileError(f"{where}: entry {key!r} must be a {ndim}-D integer array, "
                             f"got {value.dtype} array of shape {value.shape}")
    return value.astype(np.int64)


def _json(arrays: dict, key: str, where: str) -> dict:
    text = _text(arrays, key, where)
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ModelFileError(f"{where}: entry {key!r} is not valid JSON ({exc})") from None
    if not isinstance(value, dict):
        raise ModelFileError(f"{where}: entry {key!r} must be a JSON object")
    return value


def _check_header(arrays: dict, where: str) -> None:
    if "format" not in arrays or arrays["format"].dtype.kind != "U" or str(
            arrays["format"]) != MAGIC:
        shown = ", ".join(sorted(arrays)[:6]) or "none"
        raise ModelFileError(f"{where} is not an ae-desktop model: a foreign .npz "
                             f"(entries: {shown})")
    if "format_version" not in arrays:
        raise ModelFileError(f"{where}: missing key 'format_version'")
    version = arrays["format_version"]
    if version.dtype.kind not in "iu" or version.shape != ():
        raise ModelFileError(f"{where}: 'format_version' must be an integer")
    if int(version) != FORMAT_VERSION:
        raise ModelFileError(f"{where}: unknown format version {int(version)} "
                             f"(this ae-desktop reads version {FORMAT_VERSION})")
    for key in REQUIRED_KEYS:
        if key not in arrays:
            raise ModelFileError(f"{where}: missing key {key!r}")


def _architecture(arrays: dict, where: str) -> Architecture:
    sizes = {key: tuple(int(v) for v in _ints(arrays, key, where))
             for key in ("encoder", "decoder")}
    texts = {key: _text(arrays, key, where) for key in ARCH_TEXT_KEYS}
    for key, value in sizes.items():
        if len(value) < 2 or min(value) < 1:
            raise ModelFileError(f"{where}: {key} sizes {list(value)} are not a valid network")
    try:
        return Architecture(sizes["encoder"], sizes["decoder"], **texts)
    except ArchitectureError as exc:
        raise ModelFileError(f"{where}: invalid architecture: {exc}") from None


def _theta(arrays: dict, arch: Architecture, where: str) -> np.ndarray:
    theta = arrays["theta"]
    if theta.dtype.kind != "f":
        raise ModelFileError(f"{where}: theta must be floating point, got {theta.dtype}")
    if theta.shape != (arch.n_params,):
        raise ModelFileError(
            f"{where}: wrong shape of theta {theta.shape}: expected ({arch.n_params},) for "
            f"architecture {arch.text} ({arch.kind})")
    bad = int(np.count_nonzero(~np.isfinite(theta)))
    if bad:
        raise ModelFileError(f"{where}: theta holds {bad} non-finite weights (NaN or inf)")
    return theta.astype(np.float64)


def _metadata(arrays: dict, arch: Architecture, where: str) -> dict:
    history = arrays["history"]
    if history.dtype.kind != "f" or history.ndim != 2 or history.shape[1] != 3:
        raise ModelFileError(f"{where}: history must be a float (epochs, 3) array, "
                             f"got {history.dtype} array of shape {history.shape}")
    test_history = arrays.get("test_history", np.zeros((0, 2)))
    if test_history.dtype.kind != "f" or test_history.ndim != 2 or test_history.shape[1] != 2:
        raise ModelFileError(f"{where}: test_history must be a float (k, 2) array, "
                             f"got {test_history.dtype} array of shape {test_history.shape}")
    shape = _ints(arrays, "image_shape", where)
    if shape.shape != (2,) or int(np.prod(shape)) != arch.n_inputs or shape.min() < 1:
        raise ModelFileError(f"{where}: image_shape {shape.tolist()} does not hold the "
                             f"{arch.n_inputs} inputs of architecture {arch.text}")
    return {
        "format_version": FORMAT_VERSION,
        "optimizer": _text(arrays, "optimizer", where),
        "optimizer_settings": _json(arrays, "optimizer_settings", where),
        "history": history.astype(np.float64),
        "test_history": test_history.astype(np.float64),
        "dataset": _text(arrays, "dataset", where),
        "image_shape": (int(shape[0]), int(shape[1])),
        "config": _json(arrays, "config", where),
    }


def load_model(path: str | Path) -> tuple[Autoencoder, dict]:
    """Read a file written by ``save_model``: (model, metadata as passed to save_model,
    plus ``format_version``). Raises ModelFileError naming the first problem found."""
    path = Path(path)
    arrays = read_npz(path, ModelFileError, "model file")
    where = path.name
    _check_header(arrays, where)
    arch = _architecture(arrays, where)
    model = Autoencoder(arch, _theta(arrays, arch, where))
    return model, _metadata(arrays, arch, where)
