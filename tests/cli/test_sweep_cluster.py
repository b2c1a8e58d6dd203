"""``sweep`` / ``study --scheduler`` on a real Dask LocalCluster (two worker processes,
loopback only): the same results as a local sweep, Ctrl+C, bad addresses, a lost worker."""

import json
import os
import signal
import socket
import subprocess
import sys
import time

import numpy as np
import pytest
from distributed import Client, LocalCluster

from ae_desktop.cli import main
from ae_desktop.data import bundled_font
from ae_desktop.engine import TrainConfig
from ae_desktop.engine.experiments import cluster as dask_runs
from ae_desktop.engine.experiments import parse_variation, run_sweep
from ae_desktop.engine.experiments.cluster import ClusterError, on_scheduler

TINY = ["--arch", "35-6-2", "--epochs", "40", "--target-errors", "none", "--quiet"]
FONT = bundled_font("font3").matrix()


@pytest.fixture(scope="module")
def scheduler():
    """The address of a LocalCluster shared by the module's tests."""
    with LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
    ) as cluster:
        yield cluster.scheduler_address


def without_seconds(rows):
    return [{k: v for k, v in row.items() if k != "seconds"} for row in rows]


def assert_same_sweep(result, expected):
    assert without_seconds(result.rows) == without_seconds(expected.rows)
    for got, want in zip(
        result.thetas + result.loss_curves, expected.thetas + expected.loss_curves
    ):
        assert np.array_equal(got, want)  # bit for bit


def test_runs_on_the_cluster_equal_the_local_runs_bit_for_bit(scheduler):
    base = TrainConfig(arch="35-6-2", epochs=40, target_errors=None)
    variations = [parse_variation("model=ae,dae")]
    local = run_sweep(base, variations, FONT, repeats=2, workers=1)
    with on_scheduler(scheduler):
        remote = run_sweep(base, variations, FONT, repeats=2)
    assert len(remote.rows) == 4 and not remote.cancelled
    assert remote.rows[2]["denoise_exact_rate"] == local.rows[2]["denoise_exact_rate"]
    assert_same_sweep(remote, local)


def test_study_with_scheduler_writes_the_local_rows(scheduler, tmp_path):
    study = ["study", "generalize", *TINY, "--sizes", "4,32", "--repeats", "1", "--json"]
    assert main([*study, str(tmp_path / "local.json"), "--workers", "1"]) == 0
    assert main([*study, str(tmp_path / "remote.json"), "--scheduler", scheduler]) == 0
    local, remote = (json.loads((tmp_path / f"{n}.json").read_text()) for n in ("local", "remote"))
    assert [r["train_size"] for r in remote["rows"]] == [4, 32]
    assert remote["rows"][0]["held_out_n"] == 28
    assert without_seconds(remote["rows"]) == without_seconds(local["rows"])


def test_workers_share_this_version_and_numba_cache_or_are_refused(scheduler, monkeypatch):
    with on_scheduler(scheduler) as client:
        infos = dask_runs.check_workers(client, scheduler)
    assert (
        infos
        == [
            {
                "version": dask_runs.package_version(),
                "numba_cache_dir": os.environ["NUMBA_CACHE_DIR"],
            }
        ]
        * 2
    )
    ours = dask_runs.package_version()
    monkeypatch.setattr(dask_runs, "package_version", lambda: "9.9.9")
    with pytest.raises(ClusterError, match=f"run ae-desktop {ours} but this is ae-desktop 9.9.9"):
        dask_runs.connect(scheduler)


def test_bad_addresses_and_a_missing_distributed_exit_2_with_one_line(run_fails, monkeypatch):
    sweep = ["sweep", *TINY, "--vary", "lr=0.01", "--scheduler"]
    assert "bad scheduler address 'nonsense'" in run_fails([*sweep, "nonsense"])
    with socket.socket() as closed:  # bound, not listening: connections are refused
        closed.bind(("127.0.0.1", 0))
        address = f"tcp://127.0.0.1:{closed.getsockname()[1]}"
        done = subprocess.run(
            [sys.executable, "-m", "ae_desktop", *sweep, address],
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert done.returncode == 2
    assert done.stderr.startswith(
        f"ae-desktop: error: cannot reach the Dask scheduler at {address}"
    )
    assert len(done.stderr.splitlines()) == 1
    monkeypatch.setitem(sys.modules, "distributed", None)  # as if not installed
    assert 'pip install "ae-desktop[cluster]"' in run_fails([*sweep, address])


def test_ctrl_c_cancels_the_pending_runs_and_writes_the_finished_ones(
    scheduler, tmp_path, ctrl_c_after
):
    """Two short runs, then two endless ones; Ctrl+C once the short ones are done."""
    status, err = ctrl_c_after(
        ["sweep", *TINY[:2], "--target-errors", "none"]
        + ["--vary", "epochs=5,10000000", "--repeats", "2", "--scheduler", scheduler]
        + ["--csv", str(tmp_path / "out.csv")],
        "[2/4]",
    )
    assert status == 130, err
    assert err.splitlines()[-1] == "ae-desktop: interrupted: 2 of 4 runs finished"
    rows = (tmp_path / "out.csv").read_text().splitlines()
    assert len(rows) == 3 and all(row.startswith("5,") for row in rows[1:])
    with Client(scheduler, set_as_default=False) as client:  # the endless runs stopped too
        for _ in range(300):  # polls: about 30 s before calling it a hang
            if not any(client.processing().values()):
                break
            time.sleep(0.1)
        assert not any(client.processing().values()), client.processing()


def test_a_worker_killed_mid_sweep_loses_no_run(scheduler):
    """Last in the module: the killed worker's nanny starts a new one."""
    base = TrainConfig(arch="35-6-2", epochs=1500, target_errors=None)
    variations = [parse_variation("lr=0.005,0.01,0.02,0.04")]
    expected = run_sweep(base, variations, FONT, repeats=1, workers=1)
    killed = []

    def kill_a_worker(done, total, index, outcome):
        if not killed:  # the other worker is mid-run, this one starts the next
            killed.append(pids[0])
            os.kill(pids[0], signal.SIGKILL)

    with on_scheduler(scheduler) as client:
        pids = sorted(client.run(os.getpid).values())
        result = run_sweep(base, variations, FONT, repeats=1, progress=kill_a_worker)
    assert killed and not result.cancelled
    assert_same_sweep(result, expected)
