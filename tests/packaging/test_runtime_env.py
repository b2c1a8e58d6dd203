"""NUMBA_CACHE_DIR is set by the entry point before Numba reads its configuration."""

import os
import subprocess
import sys

import pytest

from ae_desktop.kernel_cache import ENGINE_DIR, sources_hash

CODE = "import ae_desktop.cli, numba.core.config as c; print(c.CACHE_DIR)"


def _cache_dir_seen_by_numba(**env) -> str:
    env = {k: v for k, v in {**os.environ, **env}.items() if v is not None}
    done = subprocess.run(
        [sys.executable, "-c", CODE], env=env, capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


def test_numba_caches_in_the_users_cache_dir(tmp_path):
    seen = _cache_dir_seen_by_numba(NUMBA_CACHE_DIR=None, XDG_CACHE_HOME=str(tmp_path))
    assert seen == str(tmp_path / "ae-desktop" / "numba" / sources_hash())


def test_any_change_to_an_engine_source_moves_the_cache(tmp_path):
    for name in ("kernels.py", "inference.py"):
        (tmp_path / name).write_text("def f():\n    return 1\n")
    before = sources_hash(tmp_path)
    (tmp_path / "inference.py").write_text("def f():\n    return 2\n")
    assert sources_hash(tmp_path) != before and len(before) == 12
    assert sources_hash() == sources_hash(ENGINE_DIR) and sources_hash() != before


def test_a_numba_cache_dir_already_set_is_kept(tmp_path):
    assert _cache_dir_seen_by_numba(NUMBA_CACHE_DIR=str(tmp_path)) == str(tmp_path)


# Asks NumPy's bundled OpenBLAS itself how many threads it runs.
BLAS_THREADS = """
import sys
sys.argv[1:] = {argv!r}
import ae_desktop.cli, ctypes, glob, os, numpy
found = glob.glob(os.path.dirname(numpy.__file__) + ".libs/libscipy_openblas64_*.so")
print(ctypes.CDLL(found[0]).scipy_openblas_get_num_threads64_() if found else "unknown")
"""


@pytest.mark.parametrize(
    "argv, preset",
    [
        ([], None),  # the window
        (["sweep", "--vary", "lr"], None),  # parallel workers: no oversubscription
        (["train", "--epochs", "5"], None),  # one run: same weights as in the window
        (["train"], "2"),  # the environment cannot change the results
    ],
)
def test_openblas_runs_one_thread_in_every_process(argv, preset):
    env = {k: v for k, v in {**os.environ, "OPENBLAS_NUM_THREADS": preset}.items() if v is not None}
    done = subprocess.run(
        [sys.executable, "-c", BLAS_THREADS.format(argv=argv)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    threads = done.stdout.strip()
    if threads == "unknown":
        pytest.skip("this NumPy does not bundle scipy-openblas")
    assert threads == "1"


@pytest.mark.parametrize("preset, seen", [(None, "PASSIVE"), ("ACTIVE", "ACTIVE")])
def test_training_threads_sleep_while_they_wait_unless_told_otherwise(preset, seen):
    """OpenMP (Numba's threading layer) reads OMP_WAIT_POLICY when it loads, after the
    entry point has run runtime_env."""
    code = "import ae_desktop.cli, os; print(os.environ['OMP_WAIT_POLICY'])"
    env = {k: v for k, v in {**os.environ, "OMP_WAIT_POLICY": preset}.items() if v is not None}
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == seen
