"""The background warm-up touches every inference kernel the latent canvas calls."""

import subprocess
import sys

PROBE = """
from ae_desktop import runtime_env
from ae_desktop.engine.compiled_forward import forward_few_rows, forward_row_blocks
from ae_desktop.engine import warm_up_kernels
warm_up_kernels()
for kernel in (forward_few_rows, forward_row_blocks):
    print(sorted({str(sig[0].dtype) for sig in kernel.signatures}))
"""


def test_warm_up_compiles_point_and_map_kernels_in_both_precisions():
    # a fresh process: kernels that this test session already ran would hide a gap
    result = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=600, check=True
    )
    points, maps = result.stdout.split("\n")[:2]
    assert points == "['float64']"  # a few rows are decoded in float64 in any precision
    assert maps == "['float32', 'float64']"


def test_closing_mid_warm_up_waits_for_it_and_leaves_nothing_running(qtbot, monkeypatch):
    import threading
    import time

    from ae_desktop.gui.background import running_tasks
    from ae_desktop.gui.training import warmup as warmup_module

    running, done = threading.Event(), []

    def warm_up_slowly():
        running.set()
        time.sleep(0.1)
        done.append(True)

    monkeypatch.setattr(warmup_module, "warm_up_kernels", warm_up_slowly)
    warmup = warmup_module.KernelWarmup()
    warmup.start()
    assert running.wait(10)
    warmup.wait()
    assert done and not warmup.is_running() and running_tasks() == []
