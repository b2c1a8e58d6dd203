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

Loading reads only these entries (others are ignored, never decompressed), each within
its limit (MAX_*, checked from its header before its data is decompressed); the JSON
entries go through the bounded JSON parser, and the stored config must pass the same
validation as the command-line flags.
"""

from __future__ import annotations

import dataclasses
import io
import json
import math
from pathlib import Path

import numpy as np

from ae_desktop.engine.architecture import Architecture, ArchitectureError
from ae_desktop.engine.config import ConfigError, TrainConfig
from ae_desktop.engine.model import Autoencoder
from ae_desktop.safe_io.atomic import write_atomic
from ae_desktop.safe_io.bounded_json import SMALL_DOCUMENT, parse_json, quote
from ae_desktop.safe_io.npz_archive import NpzArchive
from ae_desktop.safe_io.regular_file import MIB

MAGIC = "ae-desktop-model"
FORMAT_VERSION = 1
ARCH_TEXT_KEYS = ("kind", "activation", "output_activation", "latent_activation")
REQUIRED_KEYS = (
    "format",
    "format_version",
    "encoder",
    "decoder",
    *ARCH_TEXT_KEYS,
    "theta",
    "optimizer",
    "optimizer_settings",
    "history",
    "dataset",
    "image_shape",
    "config",
)
JSON_KEYS = ("optimizer_settings", "config")
MAX_THETA_BYTES = 1024 * MIB  # 134M float64 parameters
MAX_HISTORY_BYTES = 256 * MIB  # per history: 11M epochs
MAX_JSON_BYTES = 4 * SMALL_DOCUMENT  # stored as UTF-32 text
MAX_TEXT_BYTES = 64 * 1024  # every other entry: short strings, layer sizes
MAX_FILE_BYTES = MAX_THETA_BYTES + 2 * MAX_HISTORY_BYTES + 64 * MIB
MAX_EPOCH = 2**53  # test-history epochs: whole numbers a float holds exactly
METADATA_KEYS = (
    "optimizer",
    "optimizer_settings",
    "history",
    "test_history",
    "dataset",
    "image_shape",
    "config",
)


class ModelFileError(ValueError):
    """A model file that cannot be loaded; the message says exactly what is wrong."""


def _json_object(value, key: str) -> str:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        value = dataclasses.asdict(value)
    if not isinstance(value, dict):
        raise TypeError(f"metadata {key!r} must be a dict, got {type(value).__name__}")
    return json.dumps(value, sort_keys=True)


def _text_array(value) -> np.ndarray:
    """``value`` as the 0-d text array ``np.savez`` stores for ``np.str_(value)``."""
    return np.array(np.str_(value))


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
        "optimizer": _text_array(metadata.get("optimizer", "")),
        "optimizer_settings": _text_array(
            _json_object(metadata.get("optimizer_settings", {}), "optimizer_settings")
        ),
        "history": history,
        "test_history": test_history,
        "dataset": _text_array(metadata.get("dataset", "")),
        "image_shape": np.asarray(shape, dtype=np.int64),
        "config": _text_array(_json_object(metadata.get("config", {}), "config")),
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
        raise ValueError(
            f"image_shape {tuple(arrays['image_shape'])} does not hold {arch.n_inputs} pixels"
        )
    arrays.update(
        format=_text_array(MAGIC),
        format_version=np.array(FORMAT_VERSION, dtype=np.int64),
        encoder=np.array(arch.encoder, dtype=np.int64),
        decoder=np.array(arch.decoder, dtype=np.int64),
        theta=np.asarray(model.theta, dtype=np.float64),
        **{key: _text_array(getattr(arch, key)) for key in ARCH_TEXT_KEYS},
    )
    buffer = io.BytesIO()
    # numpy's stub lets **arrays reach the allow_pickle flag; every value here is an array
    np.savez(buffer, **arrays)  # type: ignore[arg-type]
    write_atomic(Path(path), buffer.getvalue())


def _text(arrays: dict, key: str, where: str) -> str:
    value = arrays[key]
    if value.dtype.kind != "U" or value.shape != ():
        raise ModelFileError(
            f"{where}: entry {key!r} must be a text string, "
            f"got {value.dtype} array of shape {value.shape}"
        )
    text = str(value)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise ModelFileError(
            f"{where}: entry {key!r} holds a lone surrogate, which is not text"
        ) from None
    return text


def _ints(arrays: dict, key: str, where: str, ndim: int = 1) -> np.ndarray:
    value = arrays[key]
    if value.dtype.kind not in "iu" or value.ndim != ndim:
        raise ModelFileError(
            f"{where}: entry {key!r} must be a {ndim}-D integer array, "
            f"got {value.dtype} array of shape {value.shape}"
        )
    return value.astype(np.int64)


def _json(arrays: dict, key: str, where: str) -> dict:
    value = parse_json(_text(arrays, key, where), ModelFileError, f"{where}: entry {key!r}")
    if not isinstance(value, dict):
        raise ModelFileError(f"{where}: entry {key!r} must be a JSON object")
    stack = [value]
    while stack:  # depth is bounded by parse_json
        item = stack.pop()
        if isinstance(item, float) and not math.isfinite(item):
            raise ModelFileError(f"{where}: entry {key!r} holds {item}, not a finite number")
        stack.extend(
            item.values() if isinstance(item, dict) else item if isinstance(item, list) else ()
        )
    return value


def _config(arrays: dict, where: str) -> dict:
    """The stored TrainConfig, checked by the rules of the command-line flags."""
    config = _json(arrays, "config", where)
    try:
        TrainConfig.from_dict(config).validate_settings()
    except ConfigError as exc:
        raise ModelFileError(f"{where}: stored config: {exc}") from None
    return config


def _check_header(arrays: dict, names, where: str) -> None:
    if (
        "format" not in arrays
        or arrays["format"].dtype.kind != "U"
        or str(arrays["format"]) != MAGIC
    ):
        shown = ", ".join(sorted(names)[:6]) or "none"
        raise ModelFileError(
            f"{where} is not an ae-desktop model: a foreign .npz "
            f"(entries: {quote(shown, 100)[1:-1]})"
        )
    if "format_version" not in arrays:
        raise ModelFileError(f"{where}: missing key 'format_version'")
    version = arrays["format_version"]
    if version.dtype.kind not in "iu" or version.shape != ():
        raise ModelFileError(f"{where}: 'format_version' must be an integer")
    if int(version) != FORMAT_VERSION:
        raise ModelFileError(
            f"{where}: unknown format version {int(version)} "
            f"(this ae-desktop reads version {FORMAT_VERSION})"
        )
    for key in REQUIRED_KEYS:
        if key not in names:
            raise ModelFileError(f"{where}: missing key {key!r}")


def _architecture(arrays: dict, where: str) -> Architecture:
    sizes = {
        key: tuple(int(v) for v in _ints(arrays, key, where)) for key in ("encoder", "decoder")
    }
    texts = {key: _text(arrays, key, where) for key in ARCH_TEXT_KEYS}
    for key, value in sizes.items():
        if len(value) < 2 or min(value) < 1:
            raise ModelFileError(
                f"{where}: {key} sizes {quote(list(value))} are not a valid network"
            )
    try:
        arch = Architecture(sizes["encoder"], sizes["decoder"], **texts)
    except ArchitectureError as exc:
        raise ModelFileError(f"{where}: invalid architecture: {exc}") from None
    if arch.n_params * 8 > MAX_THETA_BYTES:
        raise ModelFileError(
            f"{where}: architecture {quote(arch.text)} has {arch.n_params} "
            f"parameters, over the limit of {MAX_THETA_BYTES // 8}"
        )
    return arch


def _theta(theta: np.ndarray, arch: Architecture, where: str) -> np.ndarray:
    if theta.dtype.kind != "f":
        raise ModelFileError(f"{where}: theta must be floating point, got {theta.dtype}")
    if theta.shape != (arch.n_params,):
        raise ModelFileError(
            f"{where}: wrong shape of theta {theta.shape}: expected ({arch.n_params},) for "
            f"architecture {arch.text} ({arch.kind})"
        )
    bad = int(np.count_nonzero(~np.isfinite(theta)))
    if bad:
        raise ModelFileError(f"{where}: theta holds {bad} non-finite weights (NaN or inf)")
    return theta.astype(np.float64)


def _history(arrays: dict, key: str, columns: int, where: str) -> np.ndarray:
    """A loss history: finite losses (a diverged run's may be huge: plots leave out what
    they cannot draw, with a note) and, in a test history, whole epochs from 0."""
    history = arrays[key]
    if history.dtype.kind != "f" or history.ndim != 2 or history.shape[1] != columns:
        rows = "epochs" if key == "history" else "k"
        raise ModelFileError(
            f"{where}: {key} must be a float ({rows}, {columns}) array, "
            f"got {history.dtype} array of shape {history.shape}"
        )
    history = history.astype(np.float64)
    bad = ~np.isfinite(history)
    if bad.any():
        raise ModelFileError(
            f"{where}: {key} holds {quote(float(history[bad][0]))}: values must be finite"
        )
    if key == "test_history":
        epochs = history[:, 0]
        bad = (epochs < 0) | (epochs > MAX_EPOCH) | (epochs != np.round(epochs))
        if bad.any():
            raise ModelFileError(
                f"{where}: test_history epoch {quote(float(epochs[bad][0]))} "
                f"is not a whole number from 0 to 2**53"
            )
    return history


def _metadata(arrays: dict, arch: Architecture, where: str) -> dict:
    shape = _ints(arrays, "image_shape", where)
    if shape.shape != (2,) or int(np.prod(shape)) != arch.n_inputs or shape.min() < 1:
        raise ModelFileError(
            f"{where}: image_shape {quote(shape.tolist())} does not hold "
            f"the {arch.n_inputs} inputs of architecture {arch.text}"
        )
    return {
        "format_version": FORMAT_VERSION,
        "optimizer": _text(arrays, "optimizer", where),
        "optimizer_settings": _json(arrays, "optimizer_settings", where),
        "history": _history(arrays, "history", 3, where),
        "test_history": _history(arrays, "test_history", 2, where),
        "dataset": _text(arrays, "dataset", where),
        "image_shape": (int(shape[0]), int(shape[1])),
        "config": _config(arrays, where),
    }


def _small_arrays(npz: NpzArchive) -> dict[str, np.ndarray]:
    """Every known entry but theta, each read within its limit; unknown entries are
    ignored, never decompressed."""
    arrays = {
        key: npz.array(
            key,
            MAX_HISTORY_BYTES
            if "history" in key
            else MAX_JSON_BYTES
            if key in JSON_KEYS
            else MAX_TEXT_BYTES,
        )
        for key in (*REQUIRED_KEYS, "test_history")
        if key != "theta" and key in npz.names
    }
    arrays.setdefault("test_history", np.zeros((0, 2)))
    return arrays


def load_model(path: str | Path) -> tuple[Autoencoder, dict]:
    """Read a file written by ``save_model``: (model, metadata as passed to save_model,
    plus ``format_version``). Raises ModelFileError naming the first problem found; every
    entry (stored config and histories included) is checked before this returns."""
    path = Path(path)
    where = path.name
    with NpzArchive(path, ModelFileError, "model file", MAX_FILE_BYTES) as npz:
        if "format" not in npz.names:
            _check_header({}, npz.names, where)
        arrays = _small_arrays(npz)
        _check_header(arrays, npz.names, where)
        arch = _architecture(arrays, where)
        theta = npz.array("theta", arch.n_params * 8)
    model = Autoencoder(arch, _theta(theta, arch, where))
    return model, _metadata(arrays, arch, where)
