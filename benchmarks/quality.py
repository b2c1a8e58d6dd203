"""Quality figures for the README: exact reconstruction with the CLI defaults, and denoising
at 10% per-pixel flip noise next to the best any decoder can do.

    python benchmarks/quality.py [--seeds 10] [--skip-defaults] [--skip-denoising]
                                 [--dae-epochs 15000]
"""

from __future__ import annotations

import argparse
import time

import ae_desktop.runtime_env  # noqa: F401 - first, as in the app: Numba cache, BLAS threads

import numpy as np

from ae_desktop.data import FONT_NAMES, bundled_font
from ae_desktop.engine import TrainConfig, parse_noise, train
from ae_desktop.engine.denoising import denoising_errors, nearest_glyph_baseline

DAE_SETTINGS = dict(
    model="dae",
    arch="35-64-32-8",
    noise="saltpepper:0.1",
    augment=10,
    batch_size=64,
    lr=0.001,
    target_errors=None,
)


def defaults_table(seeds: int) -> None:
    """Every font, seeds 0..seeds-1, CLI defaults: a line per run (epochs, seconds, min
    margin), then per font the runs with all glyphs exact and the margin reached."""
    margin = TrainConfig().target_margin
    for font in FONT_NAMES:
        data = bundled_font(font).matrix()
        exact, reached, epochs, seconds, margins = 0, 0, [], [], []
        for seed in range(seeds):
            _, report, _ = train(TrainConfig(seed=seed), data)
            exact += report.max_errors == 0
            reached += report.max_errors == 0 and report.margin_reached
            epochs.append(report.epoch)
            seconds.append(report.seconds)
            margins.append(report.min_margin)
            print(
                f"  {font} seed {seed}: {report.status}, {report.epoch} epochs, "
                f"{report.seconds:.2f} s, max {report.max_errors} wrong, "
                f"min margin {report.min_margin:.3f}"
            )
        print(
            f"{font}: {exact}/{seeds} seeds with all {len(data)} glyphs exact, "
            f"{reached}/{seeds} also with margin {margin}; epochs median "
            f"{int(np.median(epochs))} max {max(epochs)}; seconds median "
            f"{np.median(seconds):.2f} max {max(seconds):.2f}; min margin "
            f"lowest {min(margins):.3f}"
        )


def denoising_table(epochs: int, repeats: int) -> None:
    spec = parse_noise("saltpepper:0.1")
    for font in FONT_NAMES:
        data = bundled_font(font).matrix()
        t0 = time.perf_counter()
        model, _, _ = train(TrainConfig(epochs=epochs, **DAE_SETTINGS), data)
        seconds = time.perf_counter() - t0
        ours = denoising_errors(model, data, spec, repeats, np.random.default_rng(123))
        best = nearest_glyph_baseline(data, spec, repeats, np.random.default_rng(123))
        print(
            f"{font}: DAE exact {ours['exact_rate']:.1%} (mean wrong px "
            f"{ours['mean_errors']:.2f}) | nearest clean glyph {best['exact_rate']:.1%} "
            f"({best['mean_errors']:.2f}) | noisy input {ours['noisy_errors']:.2f} px | "
            f"trained {seconds:.1f} s"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=10)
    parser.add_argument("--skip-defaults", action="store_true")
    parser.add_argument("--skip-denoising", action="store_true")
    parser.add_argument("--dae-epochs", type=int, default=15000)
    parser.add_argument("--repeats", type=int, default=200)
    args = parser.parse_args()
    if not args.skip_defaults:
        defaults_table(args.seeds)
    if not args.skip_denoising:
        print(f"DAE settings: {DAE_SETTINGS}, epochs {args.dae_epochs}")
        denoising_table(args.dae_epochs, args.repeats)


if __name__ == "__main__":
    main()
