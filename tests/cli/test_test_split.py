"""``ae-desktop train --test-fraction``: the held-out glyphs in the JSON, the model file
and the progress lines; bad fractions are one-line usage errors; ``eval`` is unaffected."""

import json

import numpy as np
import pytest

from ae_desktop.cli import build_parser, main
from ae_desktop.commands.train import config_from_args
from ae_desktop.data import bundled_font
from ae_desktop.engine.held_out import HeldOutSet
from ae_desktop.engine.persistence import load_model

FONT3 = bundled_font("font3")
TRAIN = ["train", "--arch", "35-10-2", "--epochs", "200", "--target-errors", "none", "--seed", "1"]


def test_flag_reaches_the_config():
    args = build_parser().parse_args(["train", "--test-fraction", "0.2"])
    assert config_from_args(args).test_fraction == 0.2


def test_json_has_test_keys_and_the_model_file_the_test_history(tmp_path, capsys):
    out, path = tmp_path / "out.json", tmp_path / "m.npz"
    assert main([*TRAIN, "--test-fraction", "0.25", "--json", str(out), "--save", str(path)]) == 0
    result = json.loads(out.read_text())
    test_rows = result["test_indices"]
    assert result["n_test"] == len(test_rows) == 8 == len(result["test_labels"])
    assert result["test_labels"] == [FONT3.labels[i] for i in test_rows]
    assert len(result["labels"]) == 24 == len(result["errors_per_glyph"])
    assert not set(result["labels"]) & set(result["test_labels"])
    history = result["test_loss_history"]
    assert history[-1][0] == 200 and all(isinstance(e, int) for e, _ in history)
    assert result["final_test_loss"] == history[-1][1]
    errors = result["test_errors_per_glyph"]
    assert len(errors) == 8 and result["test_learned"] == sum(e <= 1 for e in errors)
    assert result["config"]["test_fraction"] == 0.25
    assert len(result["loss_history"]) == 200  # existing keys keep their meaning

    model, meta = load_model(path)
    np.testing.assert_array_equal(meta["test_history"], np.array(history, dtype=float))
    held_out = HeldOutSet(FONT3.matrix()[test_rows], model.arch, "bce", 1.0)
    assert held_out.evaluate(model.theta)[0] == pytest.approx(result["final_test_loss"], rel=1e-12)
    lines = capsys.readouterr().out.splitlines()
    assert "test loss" in lines[-3] and lines[-3].startswith("epoch 200/200")
    assert lines[-1].startswith("held-out test set: ") and "/8 glyphs" in lines[-1]


def test_without_a_split_the_test_keys_are_empty(tmp_path):
    out = tmp_path / "out.json"
    assert main([*TRAIN, "--quiet", "--json", str(out)]) == 0
    result = json.loads(out.read_text())
    assert result["final_test_loss"] is None and result["test_loss_history"] == []
    assert result["n_test"] == 0 and result["test_errors_per_glyph"] == []
    assert len(result["labels"]) == 32


@pytest.mark.parametrize(
    "value, message",
    [
        ("1", "argument --test-fraction: expected a finite number >= 0 and < 1, got '1'"),
        ("-0.2", "argument --test-fraction: expected a finite number >= 0 and < 1, got '-0.2'"),
        ("nan", "argument --test-fraction: expected a finite number >= 0 and < 1, got 'nan'"),
        ("half", "argument --test-fraction: expected a finite number >= 0 and < 1, got 'half'"),
        ("0.99", "a test fraction of 0.99 of 32 glyphs leaves no glyph to train on"),
    ],
)
def test_bad_fraction_exits_2_with_one_line(capsys, value, message):
    assert main(["train", "--epochs", "2", "--quiet", "--test-fraction", value]) == 2
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("ae-desktop: error: ")
    assert message in lines[0]


def test_eval_of_a_split_model_is_unchanged(tmp_path, capsys):
    path = tmp_path / "m.npz"
    assert main([*TRAIN, "--quiet", "--test-fraction", "0.25", "--save", str(path)]) == 0
    capsys.readouterr()
    assert main(["eval", str(path), "--json", str(tmp_path / "e.json")]) == 0
    result = json.loads((tmp_path / "e.json").read_text())
    assert result["n_glyphs"] == 32 and len(result["errors_per_glyph"]) == 32


def test_sweep_records_the_test_metrics(tmp_path, capsys):
    out = tmp_path / "sweep.json"
    assert (
        main(
            [
                "sweep",
                "--arch",
                "35-6-2",
                "--epochs",
                "60",
                "--target-errors",
                "none",
                "--workers",
                "1",
                "--repeats",
                "1",
                "--vary",
                "dropout=0,0.2",
                "--test-fraction",
                "0.25",
                "--metric",
                "final_test_loss",
                "--quiet",
                "--json",
                str(out),
            ]
        )
        == 0
    )
    rows = json.loads(out.read_text())["rows"]
    assert len(rows) == 2 and all(row["final_test_loss"] > 0 for row in rows)
    assert all(0 <= row["test_learned"] <= 8 and row["n_glyphs"] == 24 for row in rows)
    assert "final_test_loss" in capsys.readouterr().out
    assert (
        main(
            [
                "sweep",
                "--arch",
                "35-6-2",
                "--epochs",
                "5",
                "--vary",
                "lr=0.1",
                "--metric",
                "test_learned",
            ]
        )
        == 2
    )
    assert "needs a test split: add --test-fraction" in capsys.readouterr().err
