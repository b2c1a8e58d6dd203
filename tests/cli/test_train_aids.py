"""``ae-desktop train`` with the training aids: --weight-decay, --lr-schedule,
--kl-warmup, --early-stop, and the bfgs and powell optimizers."""

import json

import pytest

from ae_desktop.cli import build_parser, main
from ae_desktop.commands.train import config_from_args
from ae_desktop.engine import TrainConfig
from ae_desktop.engine.model_metadata import model_metadata
from ae_desktop.engine.persistence import load_model, save_model


def train(tmp_path, *options):
    out = tmp_path / "out.json"
    assert main(["train", "--quiet", "--json", str(out), *options]) == 0
    return json.loads(out.read_text())


def test_the_aids_reach_the_config():
    args = build_parser().parse_args(
        "train --model vae --weight-decay 0.01 --lr-schedule Step:100:0.5 --kl-warmup 50 "
        "--early-stop 20 --test-fraction 0.2".split()
    )
    assert config_from_args(args) == TrainConfig(
        model="vae",
        weight_decay=0.01,
        lr_schedule="step:100:0.5",
        kl_warmup=50,
        early_stop=20,
        test_fraction=0.2,
    )


def test_early_stop_says_so_in_the_json_and_the_model_file(tmp_path, capsys):
    options = ["--early-stop", "30", "--test-fraction", "0.25", "--target-errors", "none"]
    result = train(tmp_path, *options, "--seed", "1", "--save", str(tmp_path / "m.npz"))
    assert result["status"] == "stopped_early" and result["epochs"] < 20000
    assert "(stopped_early)" in capsys.readouterr().out
    best_epoch, _ = min(result["test_loss_history"], key=lambda pair: pair[1])
    assert result["epochs"] - best_epoch >= 30
    _, meta = load_model(tmp_path / "m.npz")
    assert meta["config"]["early_stop"] == 30 and meta["config"] == result["config"]
    assert meta["optimizer_settings"]["weight_decay"] == 0.0


def test_schedule_decay_and_warm_up_are_saved_and_in_the_json(tmp_path):
    result = train(
        tmp_path,
        *"--model vae --arch 35-8-2 --epochs 30 --batch-size 8 --weight-decay 0.001".split(),
        *"--lr-schedule cosine --kl-warmup 10".split(),
        "--save",
        str(tmp_path / "m.npz"),
    )
    assert result["status"] == "done"
    _, meta = load_model(tmp_path / "m.npz")
    assert meta["optimizer_settings"]["lr_schedule"] == "cosine"
    for config in (result["config"], meta["config"]):
        assert (config["weight_decay"], config["lr_schedule"], config["kl_warmup"]) == (
            0.001,
            "cosine",
            10,
        )
    assert result["kl_history"][0] > 0 and result["loss_history"][0] == result["recon_history"][0]


def test_a_model_file_without_the_aids_loads_with_their_defaults(tmp_path, model_file):
    model, meta = load_model(model_file)
    aids = ("weight_decay", "lr_schedule", "kl_warmup", "early_stop")
    old = {k: v for k, v in meta["config"].items() if k not in aids}  # as written before
    save_model(
        tmp_path / "old.npz",
        model,
        {**model_metadata(None, meta["history"], meta["test_history"], "font3"), "config": old},
    )
    _, loaded = load_model(tmp_path / "old.npz")
    config = TrainConfig.from_dict(loaded["config"])
    assert (config.weight_decay, config.lr_schedule, config.kl_warmup, config.early_stop) == (
        0.0,
        "constant",
        0,
        0,
    )


@pytest.mark.parametrize("optimizer", ["bfgs", "powell"])
def test_bfgs_and_powell_train_from_the_command_line(tmp_path, optimizer):
    epochs = "20" if optimizer == "bfgs" else "2"
    result = train(
        tmp_path,
        "--optimizer",
        optimizer,
        "--arch",
        "35-3-2",
        "--epochs",
        epochs,
        "--target-errors",
        "none",
        "--limit",
        "4",
    )
    assert result["config"]["optimizer"] == optimizer and result["epochs"] == int(epochs)
    assert result["loss_history"][-1] < result["loss_history"][0]


@pytest.mark.parametrize(
    "argv, message",
    [
        (["--early-stop", "10"], "early stopping watches the test loss: give a test fraction"),
        (["--kl-warmup", "10"], "KL warm-up is for a variational (vae) model only"),
        (["--lr-schedule", "linear"], "argument --lr-schedule: unknown lr schedule 'linear'"),
        (["--lr-schedule", "step:0:2"], "argument --lr-schedule: lr schedule step:EVERY:FACTOR"),
        (["--weight-decay", "-1"], "argument --weight-decay: expected a finite number from 0"),
        (["--optimizer", "bfgs", "--arch", "35-80-2"], "at most 4,000 weights and biases"),
    ],
)
def test_bad_aid_settings_exit_2_with_one_line(run_fails, argv, message):
    assert message in run_fails(["train", "--epochs", "1", *argv])
