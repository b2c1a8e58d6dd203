"""Shared by the command-line tests: a tiny model trained once through the CLI, the
check of a refused command, a stand-in for the desktop app, and ``python -m ae_desktop``
in a fresh interpreter (run to the end, or stopped with Ctrl+C)."""

import signal
import subprocess
import sys
import types

import pytest

from ae_desktop.cli import main


@pytest.fixture(scope="session")
def model_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("model") / "tiny.npz"
    assert (
        main(
            [
                "train",
                "--dataset",
                "font3",
                "--arch",
                "35-12-2",
                "--epochs",
                "300",
                "--seed",
                "1",
                "--quiet",
                "--save",
                str(path),
            ]
        )
        == 0
    )
    return path


@pytest.fixture
def run_fails(capsys):
    """``run_fails(argv)``: asserts ``ae-desktop ARGV`` exits 2 with one short
    ``ae-desktop: error:`` line and no traceback, and returns that line."""

    def run(argv) -> str:
        assert main(argv) == 2
        captured = capsys.readouterr()
        lines = captured.err.splitlines()
        assert len(lines) == 1 and lines[0].startswith("ae-desktop: error: "), captured.err
        assert len(lines[0]) < 300 and "Traceback" not in captured.err
        return lines[0]

    return run


@pytest.fixture
def gui_runs(monkeypatch):
    """The argument lists the desktop app was started with; a stand-in replaces it."""
    calls = []
    app = types.ModuleType("ae_desktop.gui.app")
    app.run = lambda argv: calls.append(argv) or 0
    monkeypatch.setitem(sys.modules, "ae_desktop.gui.app", app)
    return calls


@pytest.fixture
def fresh_cli():
    """``fresh_cli(*args, cwd, env=None)``: ``python -m ae_desktop ARGS`` in a fresh
    interpreter, run to the end (CompletedProcess, text output)."""

    def run(*args, cwd, env=None) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "ae_desktop", *args],
            cwd=cwd,
            capture_output=True,
            text=True,
            timeout=240,
            env=env,
        )

    return run


@pytest.fixture
def ctrl_c_after():
    """``ctrl_c_after(args, line)``: ``python -m ae_desktop ARGS``, sent SIGINT once a
    line of its output holds ``line``; returns its exit status and stderr."""

    def run(args, line) -> tuple[int, str]:
        cli = subprocess.Popen(
            [sys.executable, "-m", "ae_desktop", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            while line not in cli.stdout.readline():
                assert cli.poll() is None, cli.stderr.read()
            cli.send_signal(signal.SIGINT)
            _, err = cli.communicate(timeout=60)
        finally:
            cli.kill()
        return cli.returncode, err

    return run
