"""``train --json``: whether the run stopped early, and the epoch and value of the lowest
test loss (null without a test split)."""

import json

from ae_desktop.cli import main


def train(tmp_path, *options):
    out = tmp_path / "out.json"
    assert main(["train", "--quiet", "--json", str(out), *options]) == 0
    return json.loads(out.read_text())


def test_an_early_stop_names_the_best_test_epoch_and_loss(tmp_path):
    options = ["--early-stop", "30", "--test-fraction", "0.25", "--target-errors", "none"]
    result = train(tmp_path, *options, "--seed", "1")
    assert result["stopped_early"] is True and result["status"] == "stopped_early"
    best_epoch, best_loss = min(result["test_loss_history"], key=lambda pair: pair[1])
    assert (result["best_test_epoch"], result["best_test_loss"]) == (best_epoch, best_loss)
    assert result["epochs"] - result["best_test_epoch"] >= 30


def test_without_a_test_split_the_best_test_keys_are_null(tmp_path):
    result = train(tmp_path, "--arch", "35-8-2", "--epochs", "5")
    assert result["stopped_early"] is False and result["status"] == "done"
    assert result["best_test_epoch"] is None and result["best_test_loss"] is None


def test_a_run_to_its_last_epoch_with_a_test_split_has_a_best_test_epoch(tmp_path):
    result = train(tmp_path, "--arch", "35-8-2", "--epochs", "20", "--test-fraction", "0.25")
    assert result["stopped_early"] is False
    assert 0 <= result["best_test_epoch"] <= 20 and result["best_test_loss"] > 0
