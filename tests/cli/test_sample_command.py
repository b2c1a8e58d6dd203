"""``ae-desktop sample``: seeded draws decoded as ASCII art and JSON, for a VAE from its
prior, for a plain autoencoder from the Gaussian fitted to its training codes."""

import json
import subprocess
import sys

import numpy as np
import pytest

from ae_desktop.cli import main
from ae_desktop.commands.output import glyph_rows
from ae_desktop.data import bundled_font
from ae_desktop.engine.persistence import load_model

FONT = bundled_font("font3")


@pytest.fixture(scope="module")
def vae_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("vae") / "vae.npz"
    argv = ["train", "--model", "vae", "--arch", "35-12-2", "--epochs", "50", "--quiet"]
    assert main([*argv, "--save", str(path)]) == 0
    return path


def test_vae_samples_the_prior_with_the_seed(vae_file, tmp_path, capsys):
    out = tmp_path / "samples.json"
    assert main(["sample", str(vae_file), "-n", "4", "--seed", "5", "--json", str(out)]) == 0
    lines = capsys.readouterr().out.splitlines()
    document = json.loads(out.read_text())
    codes = np.random.default_rng(5).standard_normal((4, 2))
    model, _ = load_model(vae_file)
    images = model.decode(codes)
    assert lines[0] == "4 samples from the VAE's prior N(0, I), seed 5"
    assert document["distribution"]["source"] == "prior" and document["seed"] == 5
    assert np.allclose(document["codes"], codes)
    assert np.allclose(document["pixels"], images.reshape(4, 7, 5))
    assert document["kind"] == "pixels" and document["distribution"]["cov"] == [[1, 0], [0, 1]]
    art = lines[-7:]  # the four glyphs side by side, under their captions
    assert lines[-8].split() == ["#1", "#2", "#3", "#4"]
    assert [row.split() for row in art] == [
        list(rows) for rows in zip(*(glyph_rows(image, (7, 5)) for image in images))
    ]


def test_autoencoder_samples_a_gaussian_fitted_to_the_training_codes(model_file, tmp_path, capsys):
    out = tmp_path / "samples.json"
    assert main(["sample", str(model_file), "-n", "3", "--seed", "1", "--json", str(out)]) == 0
    assert "fitted to the training codes" in capsys.readouterr().out
    distribution = json.loads(out.read_text())["distribution"]
    codes = load_model(model_file)[0].encode(FONT.matrix())
    assert distribution["source"] == "fitted"
    assert np.allclose(distribution["mean"], codes.mean(axis=0))
    assert np.allclose(distribution["cov"], np.cov(codes, rowvar=False))


def test_curve_models_draw_curves(tmp_path, capsys):
    path = tmp_path / "circles.npz"
    argv = ["train", "--dataset", "circles", "--arch", "42-8-2", "--epochs", "20", "--quiet"]
    assert main([*argv, "--save", str(path)]) == 0
    out = tmp_path / "samples.json"
    assert main(["sample", str(path), "-n", "2", "--seed", "0", "--json", str(out)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines[-1]) > 20 and "#" in "".join(lines[-11:])  # an 11x21 drawing each
    document = json.loads(out.read_text())
    assert document["kind"] == "curve" and np.shape(document["pixels"]) == (2, 21, 2)


@pytest.mark.parametrize(
    "argv, message",
    [
        (["-n", "0"], "argument -n"),
        (["-n", "10001"], "argument -n"),
        (["--seed", "x"], "argument --seed"),
        (["--dataset", "circles"], "circles has 42 pixels"),
        (["--dataset", "nope"], "nope"),
    ],
)
def test_bad_input_exits_2_with_one_line(model_file, argv, message, run_fails):
    line = run_fails(["sample", str(model_file), *argv])
    assert message in line or "unknown dataset" in line


def test_bad_model_file_in_a_fresh_interpreter(tmp_path):
    (tmp_path / "bad.npz").write_bytes(b"not a zip")
    done = subprocess.run(
        [sys.executable, "-m", "ae_desktop", "sample", "bad.npz", "--json", "o.json"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.startswith("ae-desktop: error: ") and len(done.stderr.splitlines()) == 1
    assert not (tmp_path / "o.json").exists()
