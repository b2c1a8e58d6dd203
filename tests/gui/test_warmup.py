"""The background warm-up touches every inference kernel the latent canvas calls."""

import subprocess
import sys

PROBE = """
from ae_desktop import runtime_env
from ae_desktop.engine.fast_forward import forward_few_rows, forward_row_blocks
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
