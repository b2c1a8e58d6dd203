"""Quality figures for the README: exact reconstruction with the CLI defaults, and denoising
at 10% salt-and-pepper noise with the DAE defaults next to the best any decoder can do
(every level: benchmarks/denoising.py).

    python benchmarks/quality.py [--seeds 10] [--skip-defaults] [--skip-denoising]
                                 [--dae-epochs N]
"""

from __future__ import annotations

import argparse

import ae_desktop.runtime_env  # noqa: F401 - first, as in the app: Numba cache, BLAS threads

import numpy as np
from denoising import denoising_row  # benchmarks/denoising.py, beside this script

from ae_desktop.data import FONT_NAMES, bundled_font
from ae_desktop.engine import TrainConfig, train
from ae_desktop.engine.config import model_defaults


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


def denoising_table(epochs: int | None, repeats: int) -> None:
    for font in FONT_NAMES:
        row = denoising_row(font, 0.1, repeats, epochs)
        print(
            f"{font}: DAE exact {row['dae']:.1f}% | nearest clean glyph {row['nearest']:.1f}% "
            f"| gap {row['gap']:.1f} points | trained {row['cpu']:.1f} CPU s "
            f"({row['wall']:.1f} s wall) | ambiguous copies redrawn: "
            f"{'yes' if row['redraw'] else 'no'}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=10)
    parser.add_argument("--skip-defaults", action="store_true")
    parser.add_argument("--skip-denoising", action="store_true")
    parser.add_argument("--dae-epochs", type=int, help="default: the DAE default")
    parser.add_argument("--repeats", type=int, default=200)
    args = parser.parse_args()
    if not args.skip_defaults:
        defaults_table(args.seeds)
    if not args.skip_denoising:
        print(f"DAE defaults: {model_defaults('dae')}, noise saltpepper:0.1")
        denoising_table(args.dae_epochs, args.repeats)


if __name__ == "__main__":
    main()
