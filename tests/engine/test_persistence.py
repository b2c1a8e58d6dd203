"""Model files: exact round trip, and a precise error for every kind of bad file."""

import io
import json
import pickle
import zipfile

import numpy as np
import pytest

from ae_desktop.engine.architecture import Architecture
from ae_desktop.engine.model import Autoencoder
from ae_desktop.engine.persistence import ModelFileError, load_model, save_model

METADATA = {
    "optimizer": "adam",
    "optimizer_settings": {"lr": 0.001, "beta1": 0.9},
    "history": np.arange(12, dtype=float).reshape(4, 3),
    "dataset": "font3",
    "image_shape": (7, 5),
    "config": {"arch": "35-10-2", "epochs": 4, "noise": None},
}


def make_model(kind="ae"):
    arch = Architecture.parse("35-10-2", kind=kind, activation="relu", output_activation="sigmoid")
    return Autoencoder.initialize(arch, "glorot", np.random.default_rng(3))


def saved_arrays(tmp_path):
    path = tmp_path / "m.npz"
    save_model(path, make_model(), METADATA)
    with np.load(path) as npz:
        return {k: npz[k] for k in npz.files}


def write_npz(path, arrays):
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)
    path.write_bytes(buffer.getvalue())
    return path


@pytest.mark.parametrize("kind", ["ae", "dae", "vae"])
def test_round_trip_is_exact(tmp_path, kind):
    model = make_model(kind)
    save_model(tmp_path / "m.npz", model, METADATA)
    loaded, meta = load_model(tmp_path / "m.npz")
    assert loaded.arch == model.arch
    assert np.array_equal(loaded.theta, model.theta)
    assert meta["format_version"] == 1
    assert np.array_equal(meta["history"], METADATA["history"])
    for key in ("optimizer", "optimizer_settings", "dataset", "image_shape", "config"):
        assert meta[key] == METADATA[key]
    x = np.random.default_rng(0).random((3, 35))
    assert np.array_equal(loaded.reconstruct(x), model.reconstruct(x))


def test_defaults_and_no_object_arrays(tmp_path):
    save_model(tmp_path / "m.npz", make_model(), {})
    _, meta = load_model(tmp_path / "m.npz")
    assert meta["history"].shape == (0, 3) and meta["image_shape"] == (1, 35)
    with np.load(tmp_path / "m.npz", allow_pickle=False) as npz:
        assert all(npz[k].dtype != object for k in npz.files)


def test_save_rejects_unknown_metadata(tmp_path):
    with pytest.raises(TypeError, match="unknown metadata keys"):
        save_model(tmp_path / "m.npz", make_model(), {"colour": "red"})


def test_missing_file(tmp_path):
    with pytest.raises(ModelFileError, match="cannot read model file"):
        load_model(tmp_path / "absent.npz")


def test_random_bytes(tmp_path):
    path = tmp_path / "m.npz"
    path.write_bytes(np.random.default_rng(0).bytes(500))
    with pytest.raises(ModelFileError, match=r"not a \.npz \(zip\) archive"):
        load_model(path)


def test_truncated_file(tmp_path):
    save_model(tmp_path / "m.npz", make_model(), METADATA)
    payload = (tmp_path / "m.npz").read_bytes()
    (tmp_path / "m.npz").write_bytes(payload[: len(payload) // 2])
    with pytest.raises(ModelFileError, match="damaged or truncated"):
        load_model(tmp_path / "m.npz")


def test_foreign_npz(tmp_path):
    path = write_npz(tmp_path / "m.npz", {"weights": np.zeros(3)})
    with pytest.raises(ModelFileError, match=r"foreign \.npz \(entries: weights\)"):
        load_model(path)


def test_plain_zip_archive(tmp_path):
    path = tmp_path / "m.npz"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("format", "ae-desktop-model")
    with pytest.raises(ModelFileError, match="entry 'format' is not a NumPy array"):
        load_model(path)


def test_missing_key(tmp_path):
    arrays = saved_arrays(tmp_path)
    del arrays["theta"]
    with pytest.raises(ModelFileError, match="missing key 'theta'"):
        load_model(write_npz(tmp_path / "bad.npz", arrays))


def test_wrong_theta_shape(tmp_path):
    arrays = saved_arrays(tmp_path)
    arrays["theta"] = arrays["theta"][:-1]
    n = make_model().arch.n_params
    with pytest.raises(
        ModelFileError,
        match=rf"wrong shape of theta \({n - 1},\): expected "
        rf"\({n},\) for architecture 35-10-2-10-35",
    ):
        load_model(write_npz(tmp_path / "bad.npz", arrays))


def test_non_finite_weights(tmp_path):
    arrays = saved_arrays(tmp_path)
    arrays["theta"][[0, 5]] = [np.nan, np.inf]
    with pytest.raises(ModelFileError, match="2 non-finite weights"):
        load_model(write_npz(tmp_path / "bad.npz", arrays))


def test_pickled_object_array(tmp_path):
    arrays = saved_arrays(tmp_path)
    arrays["config"] = np.array([{"evil": 1}], dtype=object)
    with pytest.raises(ModelFileError, match="'config' holds pickled Python objects"):
        load_model(write_npz(tmp_path / "bad.npz", arrays))


def test_pickle_file_is_not_unpickled(tmp_path):
    path = tmp_path / "m.npz"
    path.write_bytes(pickle.dumps({"theta": [1, 2]}))
    with pytest.raises(ModelFileError, match="not a .npz"):
        load_model(path)


@pytest.mark.parametrize(
    "key,value,message",
    [
        ("format_version", np.int64(7), "unknown format version 7"),
        ("decoder", np.array([3, 10, 35]), "invalid architecture: encoder ends in 2 units"),
        ("activation", np.str_("swish"), "unknown activation 'swish'"),
        ("encoder", np.array(["35", "2"]), "'encoder' must be a 1-D integer array"),
        ("config", np.str_("{not json"), "'config' is not valid JSON"),
        ("history", np.zeros((4, 2)), r"history must be a float \(epochs, 3\) array"),
    ],
)
def test_bad_entry_is_named(tmp_path, key, value, message):
    arrays = saved_arrays(tmp_path)
    arrays[key] = value
    with pytest.raises(ModelFileError, match=message):
        load_model(write_npz(tmp_path / "bad.npz", arrays))


def test_corrupted_member_crc(tmp_path):
    path = tmp_path / "m.npz"
    save_model(path, make_model(), METADATA)
    payload = bytearray(path.read_bytes())
    with zipfile.ZipFile(io.BytesIO(bytes(payload))) as archive:
        info = archive.getinfo("theta.npy")
    start = info.header_offset + 30 + len(info.filename) + 200
    payload[start] ^= 0xFF
    path.write_bytes(bytes(payload))
    with pytest.raises(ModelFileError, match="damaged or truncated"):
        load_model(path)


def test_save_is_atomic_and_leaves_no_temp_files(tmp_path):
    save_model(tmp_path / "m.npz", make_model(), METADATA)
    save_model(tmp_path / "m.npz", make_model(), METADATA)
    assert [p.name for p in tmp_path.iterdir()] == ["m.npz"]
    with np.load(tmp_path / "m.npz") as npz:
        assert json.loads(str(npz["config"]))["epochs"] == 4
