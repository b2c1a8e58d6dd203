"""Same settings and seed, same weights, whatever BLAS's thread count: the app (window,
command line, sweep workers) runs the engine after ``ae_desktop.runtime_env``, which
pins BLAS to one thread; OpenBLAS's float32 products with a 784 x 256 layer differ
between 1 and 2 threads otherwise."""

import os
import subprocess
import sys

import pytest

TRAIN = """
import ae_desktop.runtime_env
import hashlib, numpy as np
from ae_desktop.engine import TrainConfig, train
data = np.random.default_rng(0).random((200, 784)).astype(np.float32)
config = TrainConfig(model="vae", arch="784-256-2", activation="relu", batch_size=100,
                     precision="float32", epochs=1, target_errors=None)
print(hashlib.sha256(train(config, data)[0].theta.tobytes()).hexdigest())
"""


def weights_digest(threads: str) -> str:
    env = {**os.environ, "OPENBLAS_NUM_THREADS": threads, "MKL_NUM_THREADS": threads}
    done = subprocess.run(
        [sys.executable, "-c", TRAIN],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    return done.stdout.strip()


@pytest.mark.skipif(os.cpu_count() == 1, reason="one core: BLAS runs one thread anyway")
def test_float32_vae_weights_do_not_depend_on_blas_threads():
    assert weights_digest("1") == weights_digest("2")
