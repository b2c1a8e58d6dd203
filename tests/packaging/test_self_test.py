"""``ae-desktop --self-test`` and the startup probe, run as the installed app would be."""

import os
import subprocess
import sys

from ae_desktop import self_test


def _run(args, **env):
    # The kernels compile once into the user's cache (as the app does), then load from it.
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **env}
    return subprocess.run(
        [sys.executable, "-m", "ae_desktop", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )


def test_self_test_passes():
    done = _run(["--self-test"])
    assert done.returncode == 0, done.stderr
    assert "trained 300 epochs" in done.stdout
    assert done.stdout.rstrip().endswith("self-test: passed")


def test_self_test_failure_is_one_line_and_status_1(monkeypatch, capsys):
    def broken():
        raise self_test.SelfTestError("no window")

    monkeypatch.setattr(self_test, "run", broken)
    assert self_test.main([]) == 1
    assert capsys.readouterr().err == "ae-desktop: self-test failed: SelfTestError: no window\n"


def test_self_test_takes_no_arguments():
    assert self_test.main(["extra"]) == 2


def test_startup_probe_times_first_paint_then_warm_kernels(tmp_path):
    probe = tmp_path / "probe.txt"
    done = _run([], AE_DESKTOP_STARTUP_PROBE=str(probe), XDG_CONFIG_HOME=str(tmp_path))
    assert done.returncode == 0, done.stderr
    times = dict(line.split() for line in probe.read_text().splitlines())
    assert set(times) == {"painted", "ready"}
    assert float(times["painted"]) <= float(times["ready"])


def test_startup_probe_can_press_start_at_the_first_paint(tmp_path):
    probe = tmp_path / "probe.txt"
    done = _run(
        [],
        AE_DESKTOP_STARTUP_PROBE=str(probe),
        AE_DESKTOP_STARTUP_PROBE_START="1",
        XDG_CONFIG_HOME=str(tmp_path),
        AE_DESKTOP_DATA_DIR=str(tmp_path),
    )
    assert done.returncode == 0, done.stderr  # exits: no dialog about the trained model
    times = dict(line.split() for line in probe.read_text().splitlines())
    assert set(times) == {"painted", "ready", "trained"}
    assert float(times["painted"]) <= float(times["trained"])
