"""Peak memory of training on 60,000 MNIST-sized images, through the command line.

Writes a synthetic ``train-images-idx3-ubyte`` (60,000 28x28 digit-like blobs and
strokes, with a labels file) to a temporary folder, then runs ``ae-desktop train`` on it
in a child process per case and prints the child's peak resident memory (``ru_maxrss``
from ``os.wait4``). Issue 6 asks for under 1 GB.

    python benchmarks/bench_memory.py [--images 60000] [--epochs 1]

1. VAE 784-256-2 (relu), batch 100, float32 (report 002's MNIST setup, issue 6's command;
   the default target check runs every 10 epochs: try --epochs 10).
2. Plain autoencoder 784-64-784, batch 100, float32, dropout 0.2 (report 004's setup;
   with a held-out test split when the CLI has ``--test-fraction``).
"""

from __future__ import annotations

import argparse
import os
import struct
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import ae_desktop.runtime_env  # noqa: F401 - first, as in the app: Numba cache, BLAS threads

import numpy as np

SIDE = 28
LIMIT_MIB = 1000  # "under 1 GB"


def digit_like_images(n: int, rng: np.random.Generator, chunk: int = 5000) -> np.ndarray:
    """(n, 28, 28) uint8: each image a thick stroke between two points plus a blob."""
    axis = np.arange(SIDE, dtype=np.float32)
    yy, xx = np.meshgrid(axis, axis, indexing="ij")
    out = np.empty((n, SIDE, SIDE), np.uint8)
    for start in range(0, n, chunk):
        m = min(chunk, n - start)
        a, b, c = (rng.uniform(6, 22, (m, 2, 1, 1)).astype(np.float32) for _ in range(3))
        t = np.clip(
            ((xx - a[:, 0]) * (b[:, 0] - a[:, 0]) + (yy - a[:, 1]) * (b[:, 1] - a[:, 1]))
            / ((b[:, 0] - a[:, 0]) ** 2 + (b[:, 1] - a[:, 1]) ** 2 + 1e-3),
            0,
            1,
        )
        stroke = (xx - a[:, 0] - t * (b[:, 0] - a[:, 0])) ** 2 + (
            yy - a[:, 1] - t * (b[:, 1] - a[:, 1])
        ) ** 2
        blob = (xx - c[:, 0]) ** 2 + (yy - c[:, 1]) ** 2
        ink = np.exp(-stroke / 3.0) + np.exp(-blob / 6.0)
        out[start : start + m] = np.clip(ink * 255, 0, 255).astype(np.uint8)
    return out


def write_idx(path: Path, array: np.ndarray) -> None:
    header = struct.pack(">HBB", 0, 8, array.ndim) + struct.pack(f">{array.ndim}I", *array.shape)
    with open(path, "wb") as handle:
        handle.write(header)
        handle.write(array.astype(np.uint8, copy=False).tobytes())


def peak_mib(command: list[str]) -> tuple[float, float, int]:
    """Run ``command``; (peak RSS in MiB, seconds, exit code)."""
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    error = child.stderr.read().decode(errors="replace").strip()
    if child.returncode:
        print(f"   exit {child.returncode}: {error.splitlines()[-1] if error else ''}")
    return usage.ru_maxrss / 1024, time.perf_counter() - start, child.returncode


def cases(images: Path, epochs: int) -> list[tuple[str, list[str]]]:
    train = [
        sys.executable,
        "-m",
        "ae_desktop",
        "train",
        "--dataset",
        str(images),
        "--batch-size",
        "100",
        "--epochs",
        str(epochs),
        "--precision",
        "float32",
        "--quiet",
    ]
    help_text = subprocess.run(train[:4] + ["--help"], capture_output=True, text=True).stdout
    ae = ["--arch", "784-64", "--dropout", "0.2"]
    if "--test-fraction" in help_text:
        ae += ["--test-fraction", "0.1"]
    return [
        (
            "1. VAE 784-256-2",
            train + ["--model", "vae", "--arch", "784-256-2", "--activation", "relu"],
        ),
        ("2. AE 784-64-784 " + " ".join(ae[2:]), train + ["--model", "ae"] + ae),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--images", type=int, default=60_000)
    parser.add_argument("--epochs", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="ae-desktop-memory-") as folder:
        rng = np.random.default_rng(0)
        images = Path(folder) / "train-images-idx3-ubyte"
        write_idx(images, digit_like_images(args.images, rng))
        write_idx(Path(folder) / "train-labels-idx1-ubyte", rng.integers(0, 10, args.images))
        print(
            f"{args.images} images of {SIDE}x{SIDE}, {args.epochs} epoch(s); "
            f"peak resident memory of the training process:"
        )
        worst = 0.0
        for name, command in cases(images, args.epochs):
            mib, seconds, code = peak_mib(command)
            worst = max(worst, mib)
            print(f"{name}: {mib:.0f} MiB peak in {seconds:.1f} s (exit {code})", flush=True)
    print(f"worst {worst:.0f} MiB: {'under' if worst < LIMIT_MIB else 'OVER'} {LIMIT_MIB} MiB")
    return 0 if worst < LIMIT_MIB else 1


if __name__ == "__main__":
    sys.exit(main())
