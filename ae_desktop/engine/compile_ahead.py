"""The first run on two cores: the run and a helper process split the compilation of the
training kernel's callees, sharing them through Numba's disk cache.

Numba compiles under a process-wide lock, so one process uses one core. The run first
compiles ``run_plan`` (the batch gradient and the forward pass it calls, the chain it
needs first), while the helper compiles ``ahead_plan`` (the other callees, in the order
the run's compilation of ``train_epochs`` reaches them); the run then loads those from
the cache instead of compiling them. Both name callees with the argument types
``train_epochs`` calls them with; a type that no longer matches only costs work (the run
compiles that callee itself), never a result. The helper writes nothing but the cache,
the one its parent set (NUMBA_CACHE_DIR, inherited).

    ae-desktop --compile-ahead CONFIG_JSON N_INPUTS

(a first argument ``__main__`` and the command line take before anything else, so that
the frozen bundle, whose executable is not a Python interpreter, runs it too)
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import NamedTuple

import numpy as np
from numba import typeof, types
from numba.core.dispatcher import Dispatcher

from ae_desktop.engine import compiled_evaluate, compiled_forward, compiled_layers, compiled_train
from ae_desktop.engine.compute_threads import parallel_argument
from ae_desktop.engine.config import GRADIENT_OPTIMIZERS, TrainConfig
from ae_desktop.engine.train_records import OptimizerState, TrainSettings

FLAG = "--compile-ahead"


class _Types(NamedTuple):
    """Numba types of the arguments ``train_epochs`` hands its callees for a config."""

    v: types.Array  # a flat buffer of the training precision
    m: types.Array  # a (units, rows) block of it
    counts: types.Array
    floats: types.Array  # float64: the KL term, the stop margins
    layout: types.Type
    parallel: types.Type
    settings: types.Type
    state: types.Type
    dtype: types.Type
    real: types.Type


def _types(config: TrainConfig, n_inputs: int) -> _Types:
    theta = np.zeros(1, config.precision)
    real = typeof(theta).dtype
    table = config.architecture(n_inputs).layout.table
    return _Types(
        v=types.Array(real, 1, "C"),
        m=types.Array(real, 2, "C"),
        counts=types.Array(types.int64, 1, "C"),
        floats=types.Array(types.float64, 1, "C"),
        layout=typeof(table),
        parallel=typeof(parallel_argument(table)),
        settings=typeof(TrainSettings.of(config)),
        state=typeof(OptimizerState.zeros(theta)),
        dtype=typeof(theta.dtype),
        real=real,
    )


def run_plan(config: TrainConfig, n_inputs: int) -> list[tuple[Dispatcher, tuple]]:
    """What the run compiles first, while the helper compiles ``ahead_plan``: the batch's
    forward and backward pass, the deepest chain of ``train_epochs``'s callees."""
    t = _types(config, n_inputs)
    v, m, counts, i, f = t.v, t.m, t.counts, types.int64, types.float64
    arguments = (v, v, t.layout, i, f, i, m, m, counts, v, counts, v, v, t.floats, t.parallel)
    return [(compiled_train._batch_loss_gradient, arguments)]


def ahead_plan(config: TrainConfig, n_inputs: int) -> list[tuple[Dispatcher, tuple]]:
    """(callee, argument types) of ``train_epochs`` for ``config``, in the order the
    helper compiles them: the activation first (the run reaches it in its forward pass),
    then the rest of the batch gradient (reached after the forward pass), then
    ``train_epochs``'s other callees; the stop check as late as the run's forward pass is
    likely in the cache (else the helper compiles it again, about 2 s), the optimizer
    step last (the run reaches it about when it reaches the stop check)."""
    t = _types(config, n_inputs)
    v, m, counts, layout = t.v, t.m, t.counts, t.layout
    i, f, b = types.int64, types.float64, types.boolean
    return [
        (compiled_layers.activate, (i, m)),
        (compiled_evaluate.fused_output, (layout, i)),
        (compiled_evaluate.loss_delta, (i, b, v, v, v, v, f)),
        (compiled_layers.times_derivative, (i, m, m)),
        (compiled_layers.weight_gradient, (m, m, m, v, t.parallel)),
        (compiled_train._undo_dropout, (m, m, m)),
        (compiled_train._buffers, (layout, i, t.dtype)),
        (compiled_train.dropout_rows, (layout, i)),
        (compiled_forward.gather_transposed, (m, i, i, counts, m)),
        *[(compiled_layers.finite, (x,)) for x in dict.fromkeys((t.real, f))],
        (compiled_evaluate.count_wrong, (m, m, counts)),
        (compiled_evaluate._min_margins, (m, m, t.floats)),
        (compiled_evaluate.stop_check, (v, layout, m, counts, t.floats)),
        (compiled_train._optimizer_step, (t.settings, f, v, v, t.state, t.parallel)),
    ]


def cache_is_empty() -> bool:
    """Whether the disk cache holds no ``train_epochs`` at all (the first run)."""
    cache = compiled_train.train_epochs._cache  # a private attribute
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


def app_command() -> list[str]:
    """The command that starts this app: the frozen bundle's executable, or this Python
    running the app's module."""
    return (
        [sys.executable] if getattr(sys, "frozen", False) else [sys.executable, "-m", "ae_desktop"]
    )


def helper_command(config: TrainConfig, n_inputs: int) -> list[str]:
    """The command line of the helper."""
    return [*app_command(), FLAG, json.dumps(config.to_dict()), str(n_inputs)]


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
