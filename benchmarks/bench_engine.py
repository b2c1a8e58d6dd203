"""Engine speed against the NumPy reference and PyTorch CPU (when installed), in one run.

    python benchmarks/bench_engine.py [--quick] [--only glyphs|vae|e2e|decode]
                                      [--digits DIR]

1. font3, 35-20-10-5-2 mirrored, tanh, sigmoid output, MSE, full-batch Adam lr 1e-3,
   10,000 epochs (report 000's setup): training seconds.
2. VAE 784-256-2 / 2-256-784 (relu), BCE + KL, Adam, batch 100, one epoch over 60,000
   random 28x28 images (report 002's MNIST setup), float32 in both: seconds per epoch,
   the engine on a training thread per core (the default) and on one (the same
   weights), PyTorch with a thread per core. PyTorch runs in a process of its own
   (torch_reference.py) with its own OpenMP settings.
2e. The same VAE end to end: ``ae-desktop train`` (a subprocess, as a user runs it, its
   kernels already cached) for 3 epochs on 60,000 digits from make_digits.py (``--digits``
   names a folder holding them, else they are drawn into a temporary one): wall seconds
   per epoch, start-up and the final evaluation included, and its CPU seconds; beside it
   the kernel alone (one epoch of the same images in this process) and PyTorch training
   the same images for 3 epochs (no PyTorch figure without torch installed).
2p. Progress on that set: a 3-epoch TrainingRun with a tenth held out, seconds spent
   evaluating (wrong pixels after each epoch, test loss at each epoch, the one full-set
   count at the end) as a share of the training's seconds.
3. Decoding latency for the latent canvas with benchmark 1's decoder: one point
   (``Autoencoder.decode``), and a 64x64 grid (``decode_grid``), in float64 and in float32
   (as the latent map draws it); the references decode the same points in float64.
   Figures are the best of 200 batches (of 50 calls for a point, 1 for a grid).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections import deque
from dataclasses import replace
from pathlib import Path

import ae_desktop.runtime_env  # first, as in the app: one OpenBLAS thread, sleeping waits

import numpy as np
from timing import TORCH_THREADS, best_of

from ae_desktop.data import bundled_font
from ae_desktop.engine import TrainConfig, TrainingRun, decode_grid, limit_threads
from ae_desktop.engine.batch_plan import BatchPlan
from ae_desktop.engine.compute_threads import available_cores
from ae_desktop.engine.latent import grid_points
from ae_desktop.engine.reference import forward, run_epochs
from ae_desktop.engine.train_records import OptimizerState, TrainSettings
from ae_desktop.engine.training import _GradientStepper

CORES = available_cores()
# PyTorch's process: without the thread settings runtime_env made for the engine
TORCH_ENV = {
    k: v
    for k, v in os.environ.items()
    if k not in (*ae_desktop.runtime_env.BLAS_THREAD_VARIABLES, "OMP_WAIT_POLICY")
}


def engine_epochs(config: TrainConfig, data: np.ndarray, epochs: int, repeats: int) -> float:
    run = TrainingRun(config, data)
    stepper = _GradientStepper(run.model, data, config, run.rng)
    stepper.advance(1)  # compile / load the cached kernel outside the clock
    return best_of(lambda: stepper.advance(epochs), repeats)


def reference_epochs(config: TrainConfig, data: np.ndarray, epochs: int) -> float:
    run = TrainingRun(config, data)
    arch, theta = run.model.arch, run.model.theta
    plan = BatchPlan(data, config, arch, run.rng)
    batches, state = plan.batches(epochs), OptimizerState.zeros(theta)
    return best_of(
        lambda: run_epochs(arch, theta, state, TrainSettings.of(config), batches, epochs), 1
    )


def torch_times(*args: str, threads: int | None = None) -> dict | None:
    """PyTorch's figures from torch_reference.py (its own process, on ``threads``
    threads, default one per core), None without it."""
    env = TORCH_ENV if threads is None else {**TORCH_ENV, TORCH_THREADS: str(threads)}
    done = subprocess.run(
        [sys.executable, str(Path(__file__).with_name("torch_reference.py")), *args],
        env=env,
        capture_output=True,
        text=True,
    )
    if done.returncode == 3:
        return None
    done.check_returncode()
    return json.loads(done.stdout)


def torch_seconds(*args: str) -> float | None:
    times = torch_times(*args)
    return None if times is None else times["seconds"]


def ratio_line(name: str, ours: float, others: dict[str, float | None], unit: str) -> str:
    parts = [f"{name}: engine {ours * unit[1]:.3g} {unit[0]}"]
    for other, value in others.items():
        if value is not None:
            parts.append(f"{other} {value * unit[1]:.3g} {unit[0]} ({value / ours:.1f}x)")
    return " | ".join(parts)


def bench_glyphs(epochs: int) -> None:
    data = bundled_font("font3").matrix()
    config = TrainConfig(
        arch="35-20-10-5-2",
        activation="tanh",
        loss="mse",
        lr=1e-3,
        epochs=epochs,
        target_errors=None,
    )
    ours = engine_epochs(config, data, epochs, repeats=3)
    ref = reference_epochs(config, data, epochs)
    tch = torch_seconds("glyphs", str(epochs))
    print(
        ratio_line(
            f"1. glyph training, {epochs} epochs", ours, {"numpy": ref, "torch": tch}, ("s", 1)
        )
    )


def bench_vae(n_images: int) -> None:
    """The engine on a thread per core (the default), beside one thread and PyTorch."""
    images = np.random.default_rng(0).random((n_images, 784))
    timed: dict[str, float | None] = {}
    for threads in dict.fromkeys((CORES, 1)):  # the same weights either way (compute_threads.py)
        limit_threads(threads)
        timed[f"engine {threads} threads"] = engine_epochs(vae_config(1), images, 1, repeats=2)
    limit_threads(None)
    ours = timed.pop(f"engine {CORES} threads")
    timed["torch"] = torch_seconds("vae", f"random:{n_images}", "1")
    name = f"2. VAE epoch, {n_images} images, batch 100, engine {CORES} threads"
    print(ratio_line(name, ours, timed, ("s", 1)))


def digits_file(folder: str | None, count: int) -> Path:
    """The IDX images of ``count`` digits in ``folder``, drawn there first if missing."""
    folder = Path(folder or tempfile.mkdtemp(prefix="ae-digits-"))
    images = folder / "train-images-idx3-ubyte"
    if not images.exists():
        subprocess.run(
            [
                sys.executable,
                str(Path(__file__).with_name("make_digits.py")),
                str(folder),
                "--count",
                str(count),
            ],
            check=True,
        )
    return images


def children_cpu() -> float:
    """CPU seconds (user + system) of the finished child processes so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def vae_config(epochs: int) -> TrainConfig:
    """The VAE of benchmarks 2 and 2e, as ``ae-desktop train``'s flags below set it."""
    return TrainConfig(
        model="vae",
        arch="784-256-2",
        activation="relu",
        loss="bce",
        lr=1e-3,
        epochs=epochs,
        batch_size=100,
        target_errors=None,
        precision="float32",
    )


def bench_end_to_end(images: Path, epochs: int = 3) -> None:
    command = [
        sys.executable,
        "-m",
        "ae_desktop",
        "train",
        "--dataset",
        str(images),
        "--model",
        "vae",
        "--arch",
        "784-256-2",
        "--activation",
        "relu",
        "--batch-size",
        "100",
        "--precision",
        "float32",
        "--target-errors",
        "none",
        "--quiet",
    ]
    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    subprocess.run(
        command + ["--epochs", "1", "--limit", "200"], env=env, check=True, capture_output=True
    )  # kernels compiled and cached outside the clock
    t0, cpu0 = time.perf_counter(), children_cpu()
    subprocess.run(command + ["--epochs", str(epochs)], env=env, check=True, capture_output=True)
    ours = (time.perf_counter() - t0) / epochs
    cpu = (children_cpu() - cpu0) / epochs
    from ae_desktop.data import resolve_dataset

    glyphs = resolve_dataset(str(images), None)
    pixels = glyphs.pixels.reshape(len(glyphs), glyphs.n_pixels)
    others = {"kernel only": engine_epochs(vae_config(1), pixels, 1, repeats=1)}
    torch_epochs = torch_times("vae", str(images), str(epochs))
    others["torch"] = None if torch_epochs is None else torch_epochs["mean"]
    print(
        ratio_line(
            f"2e. VAE end to end, ae-desktop train, {epochs} epochs of "
            f"{idx_count(images)} digits, per epoch",
            ours,
            others,
            ("s", 1),
        )
        + f" | engine CPU {cpu:.3g} s"
        + ("" if torch_epochs else " | torch not installed: no PyTorch figure")
    )
    bench_progress(pixels, epochs)


def bench_progress(pixels: np.ndarray, epochs: int) -> None:
    """Seconds a big-set run spends evaluating progress, against its training seconds."""
    run = TrainingRun(replace(vae_config(epochs), test_fraction=0.1), pixels)
    spent = {"reports": 0.0, "final": 0.0}

    def timed(fn):
        def call(*args):
            t0 = time.perf_counter()
            result = fn(*args)
            spent["final" if run.epoch == epochs and fn == errors else "reports"] += (
                time.perf_counter() - t0
            )
            return result

        return call

    errors = run.errors
    run.errors = timed(errors)  # type: ignore[method-assign]
    run.held_out.evaluate = timed(run.held_out.evaluate)  # type: ignore[method-assign]
    total = deque(run.reports(), maxlen=1).pop().seconds
    training = total - spent["reports"] - spent["final"]
    print(
        f"2p. progress of {epochs} epochs of {len(run.data)} digits, {len(run.held_out)} held "
        f"out: training {training:.3g} s, reports {spent['reports']:.3g} s "
        f"({spent['reports'] / training:.1%}), final full-set count {spent['final']:.3g} s "
        f"({spent['final'] / training:.1%})"
    )


def idx_count(images: Path) -> int:
    """The number of images an IDX file's header gives."""
    with open(images, "rb") as file:
        return int.from_bytes(file.read(8)[4:], "big")


def bench_decode() -> None:
    data = bundled_font("font3").matrix()
    config = TrainConfig(arch="35-20-10-5-2", epochs=1, target_errors=None)
    model = TrainingRun(config, data).model
    arch = model.arch
    point = np.array([[0.1, -0.3]])
    grid = grid_points((-1, 1), (-1, 1), 64, 64).reshape(-1, 2)

    def per_call(fn, z, reps):
        """Best of many short batches: on a busy machine some run without preemption."""
        fn(z)  # compile / load the cached kernel outside the clock
        return best_of(lambda: [fn(z) for _ in range(reps)], 200) / reps

    def numpy_decode(z):
        x = z
        for (w, b), code in zip(
            arch.unflatten(model.theta)[arch.n_encoder_layers :],
            arch.activation_codes[arch.n_encoder_layers :],
        ):
            x = np.tanh(x @ w + b) if code == 2 else 1 / (1 + np.exp(-(x @ w + b)))
        return x

    assert np.allclose(numpy_decode(grid), model.decode(grid))
    assert np.allclose(forward(arch, model.theta, data)[2], model.reconstruct(data))
    others_point = {"numpy": per_call(numpy_decode, point, 50)}
    others_grid = {"numpy": per_call(numpy_decode, grid, 1)}
    torch_decode = torch_times("decode")
    if torch_decode is not None:
        others_point["torch"], others_grid["torch"] = torch_decode["point"], torch_decode["grid"]
    for precision in ("float64", "float32"):
        ours = per_call(lambda z, p=precision: model.decode(z, p), point, 50)
        print(ratio_line(f"3a. decode one point in {precision}", ours, others_point, ("us", 1e6)))
    for precision in ("float64", "float32"):
        ours = per_call(
            lambda z, p=precision: decode_grid(model, (-1, 1), (-1, 1), 64, 64, p), None, 1
        )
        print(ratio_line(f"3b. decode_grid 64x64 in {precision}", ours, others_grid, ("ms", 1e3)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer epochs and images")
    parser.add_argument(
        "--only",
        choices=("glyphs", "vae", "e2e", "decode"),
        help="run one benchmark (1, 2, 2e with 2p, or 3) instead of all",
    )
    parser.add_argument("--digits", help="folder of make_digits.py's output for 2e")
    args = parser.parse_args()
    version = torch_times("version")
    print(f"torch: {version['version'] if version else 'not installed (pip install .[bench])'}")
    if args.only in (None, "glyphs"):
        bench_glyphs(1000 if args.quick else 10_000)
    if args.only in (None, "vae"):
        bench_vae(6000 if args.quick else 60_000)
    if args.only in (None, "e2e"):
        bench_end_to_end(digits_file(args.digits, 6000 if args.quick else 60_000))
    if args.only in (None, "decode"):
        bench_decode()


if __name__ == "__main__":
    main()
