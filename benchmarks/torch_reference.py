"""PyTorch CPU timings for bench_engine.py, in a process of their own: PyTorch runs as a
user runs it, with its own OpenMP settings and a thread per core, while the engine keeps
its own (runtime_env) in the benchmark's process (one process would share one OpenMP
runtime between them). Prints a JSON object of seconds; exit status 3 without PyTorch.

    python benchmarks/torch_reference.py glyphs EPOCHS
    python benchmarks/torch_reference.py vae random:N|IDX_FILE EPOCHS
    python benchmarks/torch_reference.py decode
    python benchmarks/torch_reference.py version
"""

from __future__ import annotations

import json
import os
import sys

import numpy as np
from timing import TORCH_THREADS, best_of

try:
    import torch
except ImportError:  # the "bench" extra is optional
    sys.exit(3)

from ae_desktop.engine.compute_threads import available_cores
from ae_desktop.engine.latent import grid_points


def mlp(sizes, hidden, output):
    layers = []
    for i, (n_in, n_out) in enumerate(zip(sizes[:-1], sizes[1:])):
        layers.append(torch.nn.Linear(n_in, n_out, dtype=torch.float64))
        last = i == len(sizes) - 2
        layers.append(output() if last else hidden())
    return torch.nn.Sequential(*layers)


def glyph_training(epochs: int) -> dict[str, float]:
    """bench_engine's benchmark 1: font3, 35-20-10-5-2 mirrored, tanh, MSE, Adam."""
    from ae_desktop.data import bundled_font

    sizes = [35, 20, 10, 5, 2, 5, 10, 20, 35]
    enc = mlp(sizes[:5], torch.nn.Tanh, torch.nn.Identity)
    dec = mlp(sizes[4:], torch.nn.Tanh, torch.nn.Sigmoid)
    params = list(enc.parameters()) + list(dec.parameters())
    opt = torch.optim.Adam(params, lr=1e-3)
    x = torch.tensor(bundled_font("font3").matrix())

    def loop():
        for _ in range(epochs):
            opt.zero_grad()
            loss = ((dec(enc(x)) - x) ** 2).sum(dim=1).mean()
            loss.backward()
            opt.step()

    return {"seconds": best_of(loop, 1)}


def images_of(source: str) -> np.ndarray:
    """``random:N``: bench_engine's N random images; else an IDX file's images."""
    if source.startswith("random:"):
        return np.random.default_rng(0).random((int(source[7:]), 784))
    from ae_desktop.data import resolve_dataset

    glyphs = resolve_dataset(source, None)
    return glyphs.pixels.reshape(len(glyphs), glyphs.n_pixels)


def vae_epochs(source: str, epochs: int) -> dict[str, float]:
    """bench_engine's benchmark 2: the 784-256-2 VAE, batch 100, float32; seconds of
    each epoch."""
    torch.manual_seed(0)
    f32 = torch.float32
    enc = torch.nn.Sequential(
        torch.nn.Linear(784, 256, dtype=f32), torch.nn.ReLU(), torch.nn.Linear(256, 4, dtype=f32)
    )
    dec = torch.nn.Sequential(
        torch.nn.Linear(2, 256, dtype=f32), torch.nn.ReLU(), torch.nn.Linear(256, 784, dtype=f32)
    )
    opt = torch.optim.Adam(list(enc.parameters()) + list(dec.parameters()), lr=1e-3)
    x_all = torch.tensor(images_of(source), dtype=f32)

    def epoch():
        order = torch.randperm(len(x_all))
        for start in range(0, len(x_all), 100):
            x = x_all[order[start : start + 100]]
            h = enc(x)
            mu, logvar = h[:, :2], h[:, 2:]
            z = mu + torch.exp(0.5 * logvar) * torch.randn_like(mu)
            logits = dec(z)
            recon = torch.nn.functional.binary_cross_entropy_with_logits(
                logits, x, reduction="sum"
            ) / len(x)
            kl = -0.5 * torch.sum(1 + logvar - mu**2 - logvar.exp()) / len(x)
            opt.zero_grad()
            (recon + kl).backward()
            opt.step()

    times = [best_of(epoch, 1) for _ in range(epochs)]
    return {"seconds": min(times), "mean": sum(times) / len(times)}


def decode() -> dict[str, float]:
    """bench_engine's benchmark 3: a 2-5-10-20-35 decoder on one point and a 64x64 grid
    (best of 200 batches of 50 calls, or of 1)."""
    dec = mlp([2, 5, 10, 20, 35], torch.nn.Tanh, torch.nn.Sigmoid)
    point = torch.tensor(np.array([[0.1, -0.3]]))
    grid = torch.tensor(grid_points((-1, 1), (-1, 1), 64, 64).reshape(-1, 2))

    def per_call(z, reps):
        dec(z)
        return best_of(lambda: [dec(z) for _ in range(reps)], 200) / reps

    with torch.no_grad():
        return {"point": per_call(point, 50), "grid": per_call(grid, 1)}


def main() -> None:
    torch.set_num_threads(int(os.environ.get(TORCH_THREADS, available_cores())))
    kind, *args = sys.argv[1:]
    if kind == "glyphs":
        result = glyph_training(int(args[0]))
    elif kind == "vae":
        result = vae_epochs(args[0], int(args[1]))
    elif kind == "decode":
        result = decode()
    else:  # version: no timing
        result = {}
    print(json.dumps({**result, "version": torch.__version__}))


if __name__ == "__main__":
    main()
