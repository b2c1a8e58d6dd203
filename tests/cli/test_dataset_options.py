"""``--dataset`` with IDX files, ``--limit``, ``--dropout`` and ``--precision`` end to end."""

import gzip
import json
import struct

import numpy as np

from ae_desktop.cli import main


def write_idx(path, array: np.ndarray) -> None:
    header = struct.pack(">HBB", 0, 8, array.ndim) + struct.pack(f">{array.ndim}I", *array.shape)
    path.write_bytes(gzip.compress(header + array.astype(np.uint8).tobytes()))


def test_train_on_an_idx_file_with_limit_dropout_and_float32(tmp_path):
    rng = np.random.default_rng(3)
    images = (rng.random((40, 8, 8)) > 0.6) * 255
    write_idx(tmp_path / "t-images-idx3-ubyte.gz", images)
    write_idx(tmp_path / "t-labels-idx1-ubyte.gz", rng.integers(0, 10, 40))
    out = tmp_path / "out.json"
    assert (
        main(
            [
                "train",
                "--dataset",
                str(tmp_path / "t-images-idx3-ubyte.gz"),
                "--limit",
                "16",
                "--arch",
                "64-32-2",
                "--dropout",
                "0.2",
                "--precision",
                "float32",
                "--batch-size",
                "8",
                "--epochs",
                "50",
                "--target-errors",
                "none",
                "--quiet",
                "--json",
                str(out),
            ]
        )
        == 0
    )
    result = json.loads(out.read_text())
    assert result["n_glyphs"] == 16 and len(result["errors_per_glyph"]) == 16
    assert result["config"]["dropout"] == 0.2 and result["config"]["precision"] == "float32"
    assert len(result["loss_history"]) == 50
    assert result["loss_history"][-1] < result["loss_history"][0]


def test_bad_dataset_options_exit_2(tmp_path, capsys):
    bad = tmp_path / "b-images-idx3-ubyte"
    bad.write_bytes(b"\x00\x00\x09\x03" + b"\x00" * 12)
    assert main(["train", "--dataset", str(bad)]) == 2
    assert "wrong magic number" in capsys.readouterr().err
    assert main(["train", "--dropout", "0.95"]) == 2
    assert "dropout" in capsys.readouterr().err
    assert main(["train", "--limit", "0"]) == 2
    assert "--limit" in capsys.readouterr().err
