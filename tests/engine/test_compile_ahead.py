"""The first run on two cores: the helper process's kernels, and the run's own first
chain, are loaded or reused by the training kernel, not compiled again."""

import json
import os
import subprocess
import sys

from ae_desktop.engine import TrainConfig
from ae_desktop.engine.compile_ahead import ahead_plan, helper_command, run_plan

N_INPUTS = 64  # an 8x8 set
TRAIN = """
import ae_desktop.runtime_env
import json, sys
import numpy as np
from numba.core import event
from ae_desktop.engine import TrainConfig, TrainingRun
from ae_desktop.engine.compile_ahead import cache_is_empty, run_plan

compiled = []
class Listener(event.Listener):
    def on_start(self, ev):
        compiled.append(ev.data["dispatcher"].py_func.__name__)
    def on_end(self, ev):
        pass

empty = cache_is_empty()
config = TrainConfig.from_dict(json.loads(sys.argv[1]))
for kernel, signature in run_plan(config, 64):  # as compile_progress does first
    kernel.compile(signature)
data = (np.random.default_rng(0).random((6, 64)) > 0.5).astype(float)
with event.install_listener("numba:compile", Listener()):
    list(TrainingRun(config, data).reports())
print(json.dumps({"empty_before": empty, "empty_after": cache_is_empty(), "compiled": compiled}))
"""


def run(args, cache):
    env = {**os.environ, "NUMBA_CACHE_DIR": str(cache)}
    return subprocess.run(
        [sys.executable, *args], env=env, capture_output=True, text=True, timeout=600, check=True
    )


def test_the_helper_compiles_what_train_epochs_then_loads(tmp_path):
    config = TrainConfig(arch="64-8-2", epochs=20)
    settings = json.dumps(config.to_dict())
    command = helper_command(config, N_INPUTS)
    assert command[1:4] == ["-m", "ae_desktop", "--compile-ahead"]  # the app's command line
    helper = run(command[1:], tmp_path)
    assert helper.stdout == helper.stderr == ""
    trained = json.loads(run(["-c", TRAIN, settings], tmp_path).stdout)
    assert trained["empty_before"] and not trained["empty_after"]
    assert "train_epochs" in trained["compiled"]  # the helper leaves train_epochs to the run
    plans = ahead_plan(config, N_INPUTS) + run_plan(config, N_INPUTS)
    planned = {kernel.py_func.__name__ for kernel, _ in plans}
    assert "_batch_loss_gradient" in planned
    assert not planned & set(trained["compiled"])  # a wrong signature compiles a second form
