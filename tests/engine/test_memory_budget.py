"""Memory estimates from sizes alone: real runs fit, bombs are refused with both sizes."""

import subprocess
import sys

import pytest

from ae_desktop.engine import TrainConfig, memory_budget
from ae_desktop.engine.memory_budget import (
    MemoryBudgetError,
    check_memory,
    eval_bytes,
    interpolation_bytes,
    training_bytes,
)

GIB = 1 << 30


def test_real_runs_are_estimated_small_and_bombs_huge():
    vae = TrainConfig(model="vae", arch="784-256-2", batch_size=128, precision="float32")
    assert training_bytes(vae.architecture(784), 60_000, vae) < GIB
    wide = TrainConfig(arch="35-100000-100000-2")
    assert training_bytes(wide.architecture(35), 32, wide) > 100 * GIB
    augmented = TrainConfig(model="dae", arch="35-10-2", augment=1000, batch_size=32)
    small = TrainConfig(model="dae", arch="35-10-2", batch_size=32)
    arch = small.architecture(35)
    assert training_bytes(arch, 32, augmented) > 100 * training_bytes(arch, 32, small)
    assert eval_bytes(arch, 32, 10**9, noisy=False) > 100 * GIB
    assert interpolation_bytes(arch, 10**9, 49) > 100 * GIB


def test_the_limit_is_half_the_memory_and_named(monkeypatch):
    monkeypatch.setattr(memory_budget, "physical_memory", lambda: 4 * GIB)
    check_memory(2 * GIB, "a run")
    with pytest.raises(
        MemoryBudgetError,
        match=r"^a run needs about 2\.0 GiB of memory, over "
        r"the limit of 2\.0 GiB \(half of this "
        r"machine's 4\.0 GiB\)$",
    ):
        check_memory(2 * GIB + 1, "a run")


def test_the_module_loads_no_qt():
    code = (
        "import sys, ae_desktop.engine.memory_budget; "
        "sys.exit(any(m.startswith(('PySide6', 'pyqtgraph')) for m in sys.modules))"
    )
    assert subprocess.run([sys.executable, "-c", code], timeout=60).returncode == 0
