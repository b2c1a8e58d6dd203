"""Compile (or load from Numba's disk cache) the kernels the app uses, the default
training settings' first: the window runs this off the GUI thread at launch, and
``ae-desktop --install-kernels`` (the .deb's install script) once for the machine."""

from __future__ import annotations

import numpy as np

from ae_desktop.engine.activations_trace import layer_activations
from ae_desktop.engine.config import TrainConfig
from ae_desktop.engine.kernel_compile import Progress, compile_progress
from ae_desktop.engine.training import TrainingRun

# a set of digit images' float32 VAE: layers wide enough for threaded products
BIG_SET = TrainConfig(
    model="vae", arch="100-64-2", precision="float32", epochs=2, batch_size=50, test_fraction=0.25
)


def warm_up_kernels(big_sets: bool = False, progress: Progress | None = None) -> None:
    """Touch every kernel the GUI uses, the default configuration's first: a Start
    right after the first launch waits only for those (Numba compiles one kernel at a
    time, and a kernel already compiled runs at once while the others compile), then the
    Network dock's per-layer activations, the latent map's and the points' decoding, then
    a variational model with a test split and a quasi-Newton run; with ``big_sets``, last,
    the float32 kernels of image sets (threaded products). ``progress``: called as the
    training runs' kernels compile (see compile_progress; the count starts again at each
    run)."""
    data = np.random.default_rng(0).integers(0, 2, size=(4, 35)).astype(np.float64)
    runs: list[tuple[TrainConfig, np.ndarray]] = [
        (TrainConfig(arch="35-4-2", epochs=2), data),  # the settings' defaults
        (TrainConfig(model="vae", arch="35-4-2", epochs=2, test_fraction=0.25), data),
        (TrainConfig(arch="35-4-2", optimizer="lbfgs", epochs=2), data),
    ]
    if big_sets:
        images = np.random.default_rng(0).random((200, 100)).astype(np.float32)
        runs.append((BIG_SET, images))
    for index, (config, rows) in enumerate(runs):
        run = TrainingRun(config, rows)
        # the default's first: on an empty cache a helper process compiles part of it
        ahead = (config, rows.shape[1]) if index == 0 else None
        with compile_progress(progress or (lambda *_: None), ahead=ahead):
            for _ in run.reports():
                pass
        if index == 0:
            layer_activations(run.model, rows[0])  # the Network dock's first update
            for precision, n in (("float32", 64), ("float64", 1), ("float64", 64)):
                run.model.decode(np.zeros((n, 2)), precision)  # maps, points
