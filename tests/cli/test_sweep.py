"""``ae-desktop sweep`` and ``study``: options, bad specs, CSV / JSON / PNG outputs."""

import csv
import json
import struct
import subprocess
import sys

import pytest

from ae_desktop.cli import build_parser, main
from ae_desktop.commands.train import config_from_args

TINY = ["--arch", "35-6-2", "--epochs", "40", "--target-errors", "none", "--workers", "1"]


def png_size(path):
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n" and header[12:16] == b"IHDR"
    return struct.unpack(">II", header[16:24])


@pytest.mark.parametrize(
    "vary, message",
    [
        ("speed=1,2", "cannot vary unknown setting 'speed': use one of model, arch"),
        ("lr=", "bad variation 'lr=': no values after '='"),
        ("lr=0.1,oops", "--vary lr: expected a finite number > 0, got 'oops'"),
        ("lr=0.1,nan", "--vary lr: expected a finite number > 0, got 'nan'"),
        ("epochs=" + "9" * 5000, "--vary epochs: expected a whole number from 1 to 10000000"),
        ("seed=0,1", "cannot vary seed: runs use base seed + repeat index"),
        ("lr=0.1,-2", "--vary lr: expected a finite number > 0, got '-2'"),
        ("arch=35-4-2,30-4-2", "architecture 30-4-2 takes 30 inputs but the data has 35"),
    ],
)
def test_bad_vary_specs(run_fails, vary, message):
    assert message in run_fails(["sweep", *TINY, "--vary", vary])


def test_bad_experiment_options(run_fails, tmp_path):
    sweep = ["sweep", *TINY, "--vary", "lr=0.1"]
    assert "vary one or two settings, got 3" in run_fails(
        [*sweep, "--vary", "epochs=5", "--vary", "init=he"]
    )
    assert "argument --repeats: expected a whole number from 1" in run_fails(
        [*sweep, "--repeats", "0"]
    )
    assert "argument --metric: invalid choice: 'speed'" in run_fails([*sweep, "--metric", "speed"])
    assert "needs a denoising model" in run_fails([*sweep, "--metric", "denoise_exact_rate"])
    assert "folder" in run_fails([*sweep, "--csv", str(tmp_path / "no" / "x.csv")])
    assert "required: --vary" in run_fails(["sweep"])


def test_sweep_shares_trains_options():
    args = build_parser().parse_args(
        "sweep --vary lr=1 --model dae --arch 35-9-3 --noise flip:2 --seed 4 "
        "--target-errors none".split()
    )
    train = build_parser().parse_args(
        "train --model dae --arch 35-9-3 --noise flip:2 --seed 4 --target-errors none".split()
    )
    assert config_from_args(args) == config_from_args(train)


def test_sweep_writes_csv_json_and_png(tmp_path, capsys):
    out = {ext: tmp_path / f"out.{ext}" for ext in ("csv", "json", "png")}
    assert (
        main(
            [
                "sweep",
                *TINY,
                "--vary",
                "lr=0.005,0.05",
                "--vary",
                "model=ae,dae",
                "--repeats",
                "2",
                "--csv",
                str(out["csv"]),
                "--json",
                str(out["json"]),
                "--plot",
                str(out["png"]),
            ]
        )
        == 0
    )
    printed = capsys.readouterr().out
    assert "[8/8]" in printed and printed.count("\n0.05 ") == 2
    with out["csv"].open(newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert len(rows) == 8 and rows[0]["lr"] == "0.005" and rows[0]["seed"] == "0"
    assert rows[2]["model"] == "dae" and rows[2]["denoise_exact_rate"] != ""
    assert rows[0]["denoise_exact_rate"] == ""
    document = json.loads(out["json"].read_text())
    assert document["vary"] == {"lr": [0.005, 0.05], "model": ["ae", "dae"]}
    assert len(document["rows"][0]["loss_curve"]) == 40
    assert [s["n"] for s in document["summary"]["learned"]] == [2, 2, 2, 2]
    assert png_size(out["png"]) == (800, 500)


def test_study_denoise(tmp_path, capsys, run_fails):
    out = tmp_path / "denoise.csv"
    assert (
        main(
            [
                "study",
                "denoise",
                *TINY,
                "--levels",
                "0,0.1",
                "--draws",
                "3",
                "--repeats",
                "1",
                "--quiet",
                "--csv",
                str(out),
            ]
        )
        == 0
    )
    with out.open(newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert [(r["model"], r["noise"]) for r in rows] == [
        ("dae", "0.0"),
        ("ae", "0.0"),
        ("nearest", "0.0"),
        ("dae", "0.1"),
        ("ae", "0.1"),
        ("nearest", "0.1"),
    ]
    assert "exact_rate" in capsys.readouterr().out
    assert "give --levels for flip noise" in run_fails(
        ["study", "denoise", *TINY, "--kind", "flip"]
    )
    assert "drop --model" in run_fails(["study", "denoise", *TINY, "--model", "vae"])


def test_study_generalize(tmp_path, capsys, run_fails):
    out = tmp_path / "general.json"
    assert (
        main(
            [
                "study",
                "generalize",
                *TINY,
                "--sizes",
                "4,8",
                "--repeats",
                "1",
                "--quiet",
                "--json",
                str(out),
            ]
        )
        == 0
    )
    document = json.loads(out.read_text())
    assert [r["train_size"] for r in document["rows"]] == [4, 8]
    assert document["rows"][0]["held_out_n"] == 28
    assert "held_out_mean_errors" in capsys.readouterr().out
    assert "sizes must be from 1 to 32" in run_fails(
        ["study", "generalize", *TINY, "--sizes", "40"]
    )
    assert "comma-separated values: expected a whole number >= 1, got 'x'" in run_fails(
        ["study", "generalize", *TINY, "--sizes", "4,x"]
    )


def test_sweep_in_a_pool_from_a_fresh_interpreter(tmp_path):
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "ae_desktop",
            "sweep",
            "--arch",
            "35-6-2",
            "--epochs",
            "30",
            "--vary",
            "lr=0.01,0.02",
            "--workers",
            "2",
            "--quiet",
            "--csv",
            "out.csv",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert done.returncode == 0, done.stderr
    assert len((tmp_path / "out.csv").read_text().splitlines()) == 1 + 2 * 3


def test_ctrl_c_stops_a_local_sweep_and_writes_the_finished_runs(tmp_path, ctrl_c_after):
    """Two short runs, then two endless ones; Ctrl+C once the short ones are done."""
    status, err = ctrl_c_after(
        ["sweep", *TINY, "--vary", "epochs=5,10000000"]
        + ["--repeats", "2", "--json", str(tmp_path / "out.json")],
        "[2/4]",
    )
    assert status == 130, err
    assert err.splitlines()[-1] == "ae-desktop: interrupted: 2 of 4 runs finished"
    rows = json.loads((tmp_path / "out.json").read_text())["rows"]
    assert [(row["epochs"], row["repeat"]) for row in rows] == [(5, 0), (5, 1)]
