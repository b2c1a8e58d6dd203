"""``ae-desktop train``: options reach the TrainConfig, JSON and model files come out."""

import json

import numpy as np
import pytest

from ae_desktop.cli import build_parser, main
from ae_desktop.commands.train import config_from_args
from ae_desktop.engine import TrainConfig
from ae_desktop.engine.persistence import load_model


def train(tmp_path, *options):
    out = tmp_path / "out.json"
    assert main(["train", "--quiet", "--json", str(out), *options]) == 0
    return json.loads(out.read_text())


def test_unset_options_take_train_config_defaults():
    assert config_from_args(build_parser().parse_args(["train"])) == TrainConfig()


def test_every_option_reaches_the_config():
    args = build_parser().parse_args(
        "train --model dae --arch 35-9-3 --decoder 3-7-35 --activation leaky-relu "
        "--output-activation sigmoid --latent-activation tanh --loss mse --optimizer momentum "
        "--lr 0.5 --momentum 0.8 --epochs 7 --batch-size 8 --seed 4 --init normal:0.5 "
        "--noise flip:2 --augment 3 --beta 0.25 --target-errors none --redraw-ambiguous".split()
    )
    assert config_from_args(args) == TrainConfig(
        model="dae",
        arch="35-9-3",
        decoder="3-7-35",
        activation="leaky_relu",
        output_activation="sigmoid",
        latent_activation="tanh",
        loss="mse",
        optimizer="momentum",
        lr=0.5,
        momentum=0.8,
        epochs=7,
        batch_size=8,
        seed=4,
        init="normal:0.5",
        noise="flip:2",
        augment=3,
        beta=0.25,
        target_errors=None,
        redraw_ambiguous=True,
    )


def test_json_result(tmp_path, capsys):
    result = train(
        tmp_path,
        "--dataset",
        "font2",
        "--arch",
        "35-10-2",
        "--epochs",
        "40",
        "--target-errors",
        "none",
    )
    assert {
        "epochs",
        "seconds",
        "final_loss",
        "errors_per_glyph",
        "learned",
        "max_errors",
        "loss_history",
        "status",
        "labels",
        "recon_loss",
        "kl_loss",
        "config",
    } <= set(result)
    errors = result["errors_per_glyph"]
    assert len(errors) == 32 == len(result["labels"]) and all(isinstance(e, int) for e in errors)
    assert result["learned"] == sum(e <= 1 for e in errors)
    assert result["max_errors"] == max(errors)
    assert result["epochs"] == 40 == len(result["loss_history"])
    assert result["final_loss"] == result["loss_history"][-1]
    assert result["status"] == "done" and result["config"]["arch"] == "35-10-2"
    assert "font2:" in capsys.readouterr().out


def test_vae_reports_both_loss_terms(tmp_path):
    result = train(
        tmp_path,
        "--model",
        "vae",
        "--arch",
        "35-10-2",
        "--epochs",
        "5",
        "--beta",
        "0.5",
        "--batch-size",
        "8",
    )
    assert result["kl_loss"] > 0 and result["recon_loss"] > 0
    assert result["final_loss"] == pytest.approx(result["recon_loss"] + 0.5 * result["kl_loss"])


def test_denoising_training_runs(tmp_path):
    result = train(
        tmp_path,
        "--model",
        "dae",
        "--noise",
        "flip:2",
        "--augment",
        "2",
        "--arch",
        "35-10-2",
        "--epochs",
        "5",
    )
    assert result["config"]["noise"] == "flip:2" and result["epochs"] == 5


def test_saved_model_matches_the_run(tmp_path):
    result = train(
        tmp_path,
        "--dataset",
        "font1",
        "--arch",
        "35-10-2",
        "--epochs",
        "20",
        "--save",
        str(tmp_path / "m.npz"),
    )
    model, meta = load_model(tmp_path / "m.npz")
    assert meta["dataset"] == "font1" and meta["image_shape"] == (7, 5)
    assert meta["optimizer"] == "adam" and meta["config"] == result["config"]
    assert np.allclose(meta["history"][:, 0], result["loss_history"])


def test_glyph_set_file_as_dataset(tmp_path):
    glyphs = {
        "name": "tiny",
        "width": 2,
        "height": 2,
        "glyphs": [
            {"label": "x", "pixels": [[1, 0], [0, 1]]},
            {"label": "y", "pixels": [[0, 1], [1, 0]]},
        ],
    }
    path = tmp_path / "tiny.json"
    path.write_text(json.dumps(glyphs))
    result = train(
        tmp_path,
        "--dataset",
        str(path),
        "--arch",
        "4-2-1",
        "--epochs",
        "5",
        "--save",
        str(tmp_path / "m.npz"),
    )
    assert result["labels"] == ["x", "y"]
    assert load_model(tmp_path / "m.npz")[1]["dataset"] == str(path.resolve())


def test_progress_lines_when_not_a_terminal(capsys):
    assert main(["train", "--arch", "35-10-2", "--epochs", "200", "--target-errors", "none"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[-2].startswith("epoch 200/200") and lines[-1].startswith("font3: ")
    assert 2 <= len(lines) <= 13 and "\r" not in "".join(lines)


def test_divergence_exits_1_and_keeps_finite_weights(tmp_path, capsys):
    path = tmp_path / "m.npz"
    assert (
        main(
            [
                "train",
                "--optimizer",
                "sgd",
                "--lr",
                "1e12",
                "--activation",
                "relu",
                "--output-activation",
                "linear",
                "--loss",
                "mse",
                "--epochs",
                "200",
                "--quiet",
                "--save",
                str(path),
            ]
        )
        == 1
    )
    assert "training diverged at epoch" in capsys.readouterr().err
    model, _ = load_model(path)
    assert np.all(np.isfinite(model.theta))
