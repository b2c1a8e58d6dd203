"""Crafted flags (issue 17): nan, inf, 5,000-digit numbers, memory bombs, unknown options
and huge values all end in one short ``ae-desktop: error:`` line with exit status 2."""

import resource
import subprocess
import sys

import pytest

TRAIN = ["train", "--epochs", "2", "--quiet"]
HUGE = "9" * 5000
ADDRESS_SPACE = 3 << 29  # 1.5 GiB: an attempted multi-GiB allocation fails the test


def run_limited(argv: list[str]) -> subprocess.CompletedProcess:
    """``ae-desktop ARGV`` in a process that cannot map more than 1.5 GiB."""

    def limit():
        resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))

    return subprocess.run(
        [sys.executable, "-m", "ae_desktop", *argv],
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=limit,
    )


def assert_one_line_exit_2(result: subprocess.CompletedProcess) -> str:
    lines = result.stderr.splitlines()
    assert result.returncode == 2 and len(lines) == 1, result.stderr[-2000:]
    assert lines[0].startswith("ae-desktop: error: ") and "Traceback" not in result.stderr
    return lines[0]


@pytest.mark.parametrize(
    "options, message",
    [
        (["--lr", "nan"], "argument --lr: expected a finite number > 0, got 'nan'"),
        (["--lr", "inf"], "argument --lr: expected a finite number > 0, got 'inf'"),
        (["--lr", "1e400"], "argument --lr: expected a finite number > 0"),
        (["--epochs", HUGE], "argument --epochs: expected a whole number from 1 to 10000000"),
        (["--epochs", "10000001"], "argument --epochs: expected a whole number"),
        (["--batch-size", HUGE], "argument --batch-size: expected a whole number"),
        (["--augment", "1001"], "argument --augment: expected a whole number from 1 to 1000"),
        (["--seed", str(2**70)], "argument --seed: expected a whole number from 0"),
        (["--beta", "inf"], "argument --beta: expected a finite number >= 0"),
        (["--dropout", "nan"], "argument --dropout: expected a finite number from 0 to 0.9"),
        (["--momentum=-inf"], "argument --momentum: expected a finite number"),
        (["--test-fraction", "inf"], "argument --test-fraction: expected a finite number"),
        (["--limit", "0"], "argument --limit: expected a whole number from 1"),
        (["--limit", HUGE], "argument --limit: expected a whole number from 1"),
        (["--target-errors", HUGE], "argument --target-errors: expected a whole number"),
        (["--optimizer", "x" * 100_000], "argument --optimizer: invalid choice"),
    ],
)
def test_train_numbers_are_checked_by_flag(run_fails, options, message):
    assert message in run_fails(TRAIN + options)


@pytest.mark.parametrize(
    "argv, message",
    [
        (["sweep", "--vary", "lr=0.1,inf"], "--vary lr: expected a finite number > 0, got 'inf'"),
        (["sweep", "--vary", f"augment=1,{HUGE}"], "--vary augment: expected a whole number"),
        (["sweep", "--vary", "lr=0.1", "--repeats", HUGE], "argument --repeats: expected"),
        (["sweep", "--vary", "lr=0.1", "--workers", "0"], "argument --workers: expected"),
        (["study", "denoise", "--levels", "0.1,nan"], "argument --levels: comma-separated"),
        (["study", "generalize", "--sizes", f"4,{HUGE}"], "argument --sizes: comma-separated"),
        (["study", "denoise", "--draws", "inf"], "argument --draws: expected a whole number"),
        (["eval", "m.npz", "--repeats", "nan"], "argument --repeats: expected a whole number"),
        (["eval", "m.npz", "--seed", HUGE], "argument --seed: expected a whole number"),
        (
            ["interpolate", "m.npz", "--from", "a", "--to", "b", "--steps", "1e9"],
            "argument --steps: expected a whole number from 2",
        ),
    ],
)
def test_experiment_and_model_numbers(run_fails, argv, message):
    assert message in run_fails(argv)


def test_unknown_option_is_one_line_and_opens_no_window(run_fails, gui_runs):
    assert "unrecognized arguments: --bogus" in run_fails(["--bogus"])
    assert "argument --screenshot: expected one argument" in run_fails(["--screenshot"])
    assert "unrecognized arguments: --bogus" in run_fails(["--screenshot", "x.png", "--bogus"])
    assert gui_runs == []


def test_unknown_option_subprocess():
    result = subprocess.run(
        [sys.executable, "-m", "ae_desktop", "--bogus"], capture_output=True, text=True, timeout=60
    )
    assert "--bogus" in assert_one_line_exit_2(result)


@pytest.mark.parametrize(
    "argv, what",
    [
        (
            ["train", "--quiet", "--arch", "35-100000-100000-2"],
            "training --arch 35-100000-100000-2",
        ),
        (["eval", "{model}", "--repeats", "1000000000"], "eval of 32 glyphs with --repeats"),
        (["eval", "{model}", "--noise", "flip:1", "--repeats", "1000000000"], "eval of 32 glyphs"),
        (
            ["interpolate", "{model}", "--from", "a", "--to", "o", "--steps", "1000000000"],
            "interpolate --steps 1000000000",
        ),
        (["sweep", "--quiet", "--vary", "arch=35-2,35-100000-100000-2"], "training --arch"),
    ],
)
def test_memory_bombs_are_refused_up_front(model_file, argv, what):
    line = assert_one_line_exit_2(run_limited([a.format(model=model_file) for a in argv]))
    assert what in line and "of memory, over the limit of" in line
    assert "half of this machine's" in line
