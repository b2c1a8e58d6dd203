"""``ae-desktop sample``: generate glyphs from a model, printed as ASCII art.

A VAE's codes are drawn from its prior N(0, I); a plain or denoising autoencoder's from
the Gaussian fitted to its training codes (see ``ae_desktop.engine.sampling``)."""

from __future__ import annotations

import argparse
import secrets

import numpy as np

from ae_desktop.commands.model_tools import model_and_glyphs, terminal_width
from ae_desktop.commands.numbers import FLAG_RANGES, number, range_type
from ae_desktop.commands.options import DATASET_HELP
from ae_desktop.commands.output import (
    CommandError,
    check_writable,
    glyphs_side_by_side,
    write_json,
)
from ae_desktop.engine import (
    CURVE,
    MAX_SAMPLES,
    PIXELS,
    check_memory,
    inference_bytes,
    latent_gaussian,
    load_model,
    sample_glyphs,
)

CURVE_GRID = (11, 21)  # rows, columns of the ASCII drawing of one sampled curve


def add_sample_parser(commands) -> None:
    p = commands.add_parser(
        "sample",
        help="generate glyphs from a model's latent space",
        description="Decode codes drawn from a VAE's prior N(0, I), or for a plain or "
        "denoising autoencoder from the Gaussian fitted to its training codes.",
    )
    p.add_argument("model", metavar="MODEL.npz")
    p.add_argument(
        "-n",
        type=number(int, 1, MAX_SAMPLES),
        default=16,
        help=f"glyphs to draw, 1 to {MAX_SAMPLES} (default: 16)",
    )
    p.add_argument(
        "--seed",
        type=range_type(FLAG_RANGES["seed"]),
        help="random seed (default: a fresh one, printed and in the JSON)",
    )
    p.add_argument(
        "--dataset",
        help=f"{DATASET_HELP}; the training codes of a plain autoencoder come from it "
        "(default: the training set)",
    )
    p.add_argument("--json", metavar="OUT.json", help="write codes, pixels and the distribution")


def run_sample(args: argparse.Namespace) -> int:
    check_writable(args.json, "JSON file")
    model, meta = load_model(args.model)
    shape = meta["image_shape"]
    training, kind = None, CURVE if shape[1] == 2 else PIXELS
    if model.arch.kind != "vae" or args.dataset:
        model, glyphs = model_and_glyphs(args)
        training, kind, shape = glyphs.matrix(), glyphs.kind, (glyphs.height, glyphs.width)
    check_memory(inference_bytes(model.arch, args.n), f"sample -n {args.n}")
    try:
        gaussian = latent_gaussian(model, training)
    except ValueError as exc:
        raise CommandError(f"cannot sample {args.model}: {exc}") from None
    seed = secrets.randbits(32) if args.seed is None else args.seed
    codes, images = sample_glyphs(model, gaussian, args.n, seed)
    print(f"{args.n} samples from {gaussian.describe()}, seed {seed}")
    captions = [f"#{i + 1}" for i in range(args.n)]
    for caption, z in zip(captions, codes):
        print(f"  {caption:>5}  z = " + " ".join(f"{v:+.4f}" for v in z))
    if kind is CURVE:
        drawn = np.stack([curve_raster(image) for image in images])
        print(glyphs_side_by_side(drawn, CURVE_GRID, captions, terminal_width()))
    else:
        print(glyphs_side_by_side(images, shape, captions, terminal_width()))
    if args.json is not None:
        write_json(
            args.json,
            {
                "model": args.model,
                "kind": kind.value,
                "seed": seed,
                "n": args.n,
                "distribution": {
                    "source": gaussian.source,
                    "description": gaussian.describe(),
                    "mean": gaussian.mean,
                    "cov": gaussian.cov,
                },
                "codes": codes,
                "pixels": images.reshape(args.n, *shape),
            },
        )
    return 0


def curve_raster(values: np.ndarray, grid: tuple[int, int] = CURVE_GRID) -> np.ndarray:
    """A CURVE glyph, ``values`` (points*2,) of (x, y) in [0, 1], drawn as a closed
    polyline into a (rows, columns) 0/1 grid, y up."""
    points = np.clip(np.asarray(values, dtype=np.float64).reshape(-1, 2), 0.0, 1.0)
    ends = np.roll(points, -1, axis=0)
    t = np.linspace(0.0, 1.0, 2 * max(grid), endpoint=False)[:, None, None]
    traced = (points + t * (ends - points)).reshape(-1, 2)
    rows, columns = grid
    image = np.zeros(grid)
    image[
        np.rint((1.0 - traced[:, 1]) * (rows - 1)).astype(int),
        np.rint(traced[:, 0] * (columns - 1)).astype(int),
    ] = 1.0
    return image.reshape(-1)
