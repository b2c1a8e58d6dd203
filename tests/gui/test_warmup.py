"""The background warm-up touches every inference kernel the latent canvas calls."""

import subprocess
import sys

PROBE = """
from ae_desktop import runtime_env
from ae_desktop.engine.compiled_forward import forward_few_rows, forward_row_blocks
from ae_desktop.gui.warmup import warm_up_kernels
warm_up_kernels()
for kernel in (forward_few_rows, forward_row_blocks):
    print(sorted({str(sig[0].dtype) for sig in kernel.signatures}))
"""


def test_warm_up_compiles_point_and_map_kernels_in_both_precisions():
    # a fresh process: kernels that this test session already ran would hide a gap
    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True,
                            timeout=600, check=True)
    points, maps = result.stdout.split("\n")[:2]
    assert points == "['float64']"  # a few rows are decoded in float64 in any precision
    assert maps == "['float32', 'float64']"


def test_closing_mid_warm_up_lets_its_worker_go_only_after_the_join(qtbot, monkeypatch):
    """The pattern that segfaulted: a worker whose last reference vanished in its own
    thread, after run(), because the owner had dropped it before joining the thread."""
    import threading
    import weakref

    from PySide6.QtCore import QThread

    from ae_desktop.gui import warmup as warmup_module

    running, gate = threading.Event(), threading.Event()

    def warm_up_slowly():
        running.set()
        gate.wait(10)

    monkeypatch.setattr(warmup_module, "warm_up_kernels", warm_up_slowly)
    warmup = warmup_module.KernelWarmup()
    warmup.start()
    assert running.wait(10)
    released_in = []
    weakref.finalize(warmup._worker, lambda: released_in.append(threading.current_thread()))
    join = QThread.wait

    def finish_then_join(thread, *args):
        gate.set()  # the warm-up ends while the window waits for it
        return join(thread, *args)

    monkeypatch.setattr(QThread, "wait", finish_then_join)
    warmup.wait()
    assert not warmup.is_running()
    assert released_in == [threading.main_thread()]
