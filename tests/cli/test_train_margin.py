"""``ae-desktop train --target-margin``: the flag reaches the config, its range is that of
stored configs, and the JSON reports the margin."""

import json

import pytest

from ae_desktop.cli import build_parser, main
from ae_desktop.commands.train import config_from_args


def test_the_flag_reaches_the_config():
    args = build_parser().parse_args(["train", "--target-margin", "0.1"])
    assert config_from_args(args).target_margin == 0.1
    assert config_from_args(build_parser().parse_args(["train"])).target_margin == 0.25


@pytest.mark.parametrize("value", ["0.6", "-0.1", "nan", "inf", "wide", "1" * 50])
def test_out_of_range_margins_are_refused(run_fails, value):
    line = run_fails(["train", "--quiet", "--target-margin", value])
    assert "--target-margin" in line


def test_json_reports_the_margin(tmp_path):
    out = tmp_path / "out.json"
    assert (
        main(["train", "--quiet", "--dataset", "font1", "--arch", "35-30-15-4", "--json", str(out)])
        == 0
    )
    result = json.loads(out.read_text())
    assert result["status"] == "target_reached" and result["max_errors"] == 0
    assert result["min_margin"] >= 0.25 and result["margin_reached"] is True
    assert result["config"]["target_margin"] == 0.25


def test_json_without_a_target_reports_the_margin_reached_or_not(tmp_path):
    out = tmp_path / "out.json"
    assert (
        main(
            [
                "train",
                "--quiet",
                "--arch",
                "35-10-2",
                "--epochs",
                "5",
                "--target-errors",
                "none",
                "--json",
                str(out),
            ]
        )
        == 0
    )
    result = json.loads(out.read_text())
    assert isinstance(result["min_margin"], float) and result["margin_reached"] is False
