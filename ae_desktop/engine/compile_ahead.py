"""The first run on two cores: a helper process compiles some of the training kernel's
callees into the shared Numba disk cache while the run compiles ``train_epochs``.

Numba compiles under a process-wide lock, so one process uses one core. A callee that
``train_epochs`` reaches late in its compilation (the loss and gradient pieces, the
optimizer step, the checks) is then loaded from the cache instead of compiled: on an
empty cache the default font3 run took about 30% less wall time on 2 cores, at about the
same CPU. ``ahead_plan`` names them with the argument types ``train_epochs`` calls them with;
a type that no longer matches only costs the helper's work (the run compiles that
callee itself), never a result. The helper writes nothing but the cache, the one its
parent set (NUMBA_CACHE_DIR, inherited).

    ae-desktop --compile-ahead CONFIG_JSON N_INPUTS

(a first argument the command line hands over before parsing, so that the frozen bundle,
whose executable is not a Python interpreter, runs it too)
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import numpy as np
from numba import typeof, types
from numba.core.dispatcher import Dispatcher

from ae_desktop.engine import compiled_evaluate, compiled_layers, compiled_train
from ae_desktop.engine.compute_threads import parallel_argument
from ae_desktop.engine.config import GRADIENT_OPTIMIZERS, TrainConfig
from ae_desktop.engine.train_records import OptimizerState, TrainSettings

FLAG = "--compile-ahead"


def ahead_plan(config: TrainConfig, n_inputs: int) -> list[tuple[Dispatcher, tuple]]:
    """(callee, argument types) of ``train_epochs`` for ``config``, in the order the
    helper compiles them: the ones the run's compilation reaches last, last."""
    theta = np.zeros(1, config.precision)
    real = typeof(theta).dtype
    v, m = types.Array(real, 1, "C"), types.Array(real, 2, "C")
    counts = types.Array(types.int64, 1, "C")
    table = config.architecture(n_inputs).layout.table
    layout, parallel = typeof(table), typeof(parallel_argument(table))
    settings, state = typeof(TrainSettings.of(config)), typeof(OptimizerState.zeros(theta))
    i, f, b = types.int64, types.float64, types.boolean
    floats = types.Array(f, 1, "C")  # the stop check's margins
    return [
        (compiled_layers.activate, (i, m)),
        (compiled_evaluate.fused_output, (layout, i)),
        (compiled_evaluate.loss_delta, (i, b, v, v, v, v, f)),
        (compiled_layers.times_derivative, (i, m, m)),
        (compiled_layers.weight_gradient, (m, m, m, v, parallel)),
        (compiled_train._undo_dropout, (m, m, m)),
        *[(compiled_layers.finite, (x,)) for x in dict.fromkeys((real, f))],
        (compiled_evaluate.count_wrong, (m, m, counts)),
        (compiled_train._optimizer_step, (settings, f, v, v, state)),
        (compiled_evaluate._min_margins, (m, m, floats)),
        (compiled_evaluate.stop_check, (v, layout, m, counts, floats)),  # reached last
    ]


def cache_is_empty() -> bool:
    """Whether the disk cache holds no ``train_epochs`` at all (the first run)."""
    cache = compiled_train.train_epochs._cache  # type: ignore[attr-defined]  # not in the stubs
    return not os.path.exists(cache._cache_file._index_path)


def start_helper(config: TrainConfig, n_inputs: int) -> subprocess.Popen | None:
    """The helper process compiling ``ahead_plan`` for a run of ``train_epochs`` (a
    gradient optimizer) on an empty cache, else None; the caller stops it when the run
    ends (it is usually done long before)."""
    if config.optimizer not in GRADIENT_OPTIMIZERS or not cache_is_empty():
        return None
    return subprocess.Popen(
        helper_command(config, n_inputs),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def helper_command(config: TrainConfig, n_inputs: int) -> list[str]:
    """The command line of the helper: the frozen bundle's executable, or this Python
    running the app's module."""
    app = (
        [sys.executable] if getattr(sys, "frozen", False) else [sys.executable, "-m", "ae_desktop"]
    )
    return [*app, FLAG, json.dumps(config.to_dict()), str(n_inputs)]


def stop_helper(helper: subprocess.Popen | None) -> None:
    """Ends ``helper`` (Numba writes each cache file to a temporary name and renames it,
    so no cache file is left half written)."""
    if helper is not None:
        helper.kill()
        helper.wait()


def main(argv: list[str]) -> int:
    """The helper: compiles ``ahead_plan`` of the config and inputs in ``argv``."""
    config, n_inputs = TrainConfig.from_dict(json.loads(argv[0])), int(argv[1])
    for kernel, signature in ahead_plan(config, n_inputs):
        kernel.compile(signature)
    return 0
