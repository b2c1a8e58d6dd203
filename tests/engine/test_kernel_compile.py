"""First-run compile progress: which engine function compiles, of how many."""

import os
import subprocess
import sys

from ae_desktop.engine.compiled_evaluate import held_out_loss, stop_check
from ae_desktop.engine.compiled_train import train_epochs
from ae_desktop.engine.kernel_compile import TRAINING_KERNELS, called_kernels

COMPILE_ONE = """
import ae_desktop.runtime_env
import sys
import numpy as np
from ae_desktop.commands.first_run import compile_notice
from ae_desktop.engine.compiled_layers import copy_into
with compile_notice(sys.stdout):
    copy_into(np.ones(3, np.int16), np.zeros(3, np.int16))  # types nothing else uses
with compile_notice(sys.stdout):
    copy_into(np.ones(3, np.int16), np.zeros(3, np.int16))  # compiled: silent
"""


def test_training_kernels_call_the_forward_pass_and_not_decoding():
    names = called_kernels(*TRAINING_KERNELS)
    assert {"train_epochs", "forward", "dense", "stop_check", "held_out_loss"} <= names
    assert "forward_row_blocks" not in names and "<lambda>" not in names
    assert called_kernels(train_epochs) > called_kernels(stop_check)
    assert "held_out_loss" not in called_kernels(train_epochs)
    assert called_kernels(held_out_loss) & {"forward", "loss_delta"}


def stdout_on_an_empty_cache(code: str, cache) -> str:
    """What ``code`` prints in a Python of its own with the empty kernel cache ``cache``."""
    env = {**os.environ, "NUMBA_CACHE_DIR": str(cache)}
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_a_compile_is_announced_with_its_name_and_count(tmp_path):
    printed = stdout_on_an_empty_cache(COMPILE_ONE, tmp_path)
    total = len(called_kernels(*TRAINING_KERNELS))
    line = (
        "ae-desktop: compiling kernels for the first run (cached for the next runs): "
        f"1/{total} copy_into"
    )
    assert printed.splitlines() == [line]


FIRST_NOTICE = """
import sys
import ae_desktop.runtime_env
from ae_desktop.engine import TrainConfig, compile_progress

class Seen(Exception):
    pass

def callback(name, done, total):
    # Numba loads its registries (numba.np.arraymath among them) at its first cache lookup
    print(name, done, "numba.np.arraymath" in sys.modules)
    raise Seen

try:
    with compile_progress(callback, ahead=(TrainConfig(epochs=1), 35)):
        pass
except Seen:
    pass
"""


def test_the_first_runs_notice_comes_before_numba_loads_its_registries(tmp_path):
    """On an empty cache the run's first kernel is announced before Numba's first cache
    lookup, which first loads its registries (about 0.4 s)."""
    printed = stdout_on_an_empty_cache(FIRST_NOTICE, tmp_path)
    assert printed.split() == ["_batch_loss_gradient", "1", "False"]
