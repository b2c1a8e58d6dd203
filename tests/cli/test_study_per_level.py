"""``study denoise``: the DAE defaults and --train-per-level's matched models."""

import json

from ae_desktop.cli import main


def test_train_per_level_adds_a_matched_model_at_each_level(tmp_path, capsys):
    out = tmp_path / "denoise.json"
    argv = ["study", "denoise", "--arch", "35-6-2", "--epochs", "20", "--workers", "1"]
    argv += ["--levels", "0.05,0.2", "--draws", "2", "--repeats", "1", "--quiet"]
    assert main([*argv, "--train-per-level", "--json", str(out)]) == 0
    document = json.loads(out.read_text())
    rows = [(r["model"], r["noise"]) for r in document["rows"]]
    assert rows == [
        ("dae", 0.05),
        ("ae", 0.05),
        ("matched", 0.05),
        ("nearest", 0.05),
        ("dae", 0.2),
        ("ae", 0.2),
        ("matched", 0.2),
        ("nearest", 0.2),
    ]
    assert document["train_per_level"] is True
    config = document["config"]  # the DAE defaults under the flags given
    assert (config["model"], config["arch"], config["activation"]) == ("dae", "35-6-2", "relu")
    assert (config["augment"], config["target_errors"]) == (30, None)
    assert "matched" in capsys.readouterr().out


def test_an_explicit_redraw_reaches_the_dae_and_not_the_plain_ae(tmp_path):
    """--redraw-ambiguous is the DAE's; the plain AE the study compares has no noise to
    redraw (it would be refused as a setting without noise)."""
    out = tmp_path / "study.json"
    argv = ["study", "denoise", "--arch", "35-6-2", "--epochs", "20", "--workers", "1"]
    argv += ["--levels", "0.1", "--draws", "2", "--repeats", "1", "--quiet"]
    assert main([*argv, "--redraw-ambiguous", "--json", str(out)]) == 0
    assert {row["model"] for row in json.loads(out.read_text())["rows"]} >= {"dae", "ae"}
