"""``ae-desktop plot``: a figure of a model as PNG or SVG, drawn offscreen by the window's
own widgets (``ae_desktop.plots.model_figures``); also ``train --plot``'s loss curve.

Every argument is checked before Qt loads; Qt then loads on the offscreen platform, so
no window is shown and no display is needed."""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

from ae_desktop.commands.model_tools import model_and_glyphs
from ae_desktop.commands.numbers import number, parse_number
from ae_desktop.commands.options import DATASET_HELP
from ae_desktop.commands.output import CommandError, check_writable, printable, save_output
from ae_desktop.engine import Range, axis_names, load_model
from ae_desktop.safe_io.bounded_json import quote

WHATS = ("latent", "map", "loss", "reconstructions", "interpolation")
FORMATS = (".png", ".svg")
SIZE_RANGE = (100, 8000)  # pixels per side
DEFAULT_SIZE = (1200, 900)
COORDINATE = Range(float, -1e9, 1e9)  # an --at value: the plane draws codes up to 1e9


def figure_size(text: str) -> tuple[int, int]:
    """``"1200x900"`` -> (1200, 900); argparse's one-line error otherwise."""
    match = re.fullmatch(r"\s*(\d{1,5})\s*[xX]\s*(\d{1,5})\s*", text)
    low, high = SIZE_RANGE
    if not match or not all(low <= int(v) <= high for v in match.groups()):
        raise argparse.ArgumentTypeError(
            f"expected WIDTHxHEIGHT in pixels, each {low} to {high}, got {quote(text)}"
        )
    return int(match[1]), int(match[2])


figure_size.__name__ = "size"


def plane_axes(text: str) -> tuple[int, int] | None:
    """``"1,3"`` -> (1, 3) (axes counted from 1, the first smaller), ``"pca"`` -> None."""
    if text.strip().lower() == "pca":
        return None
    match = re.fullmatch(r"\s*(\d{1,4})\s*,\s*(\d{1,4})\s*", text)
    if not match or not 1 <= int(match[1]) < int(match[2]):
        raise argparse.ArgumentTypeError(
            f"expected two axes counted from 1, the first smaller, like 1,3, "
            f"or pca, got {quote(text)}"
        )
    return int(match[1]), int(match[2])


plane_axes.__name__ = "axes"


def check_figure_path(path: str, flag: str) -> bool:
    """Whether ``path`` names an SVG (else a PNG); CommandError for another extension
    or a place it cannot be written."""
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise CommandError(f"{flag} {printable(quote(path))}: the name must end in .png or .svg")
    check_writable(path, "figure")
    return suffix == ".svg"


def add_plot_parser(commands) -> None:
    p = commands.add_parser(
        "plot",
        help="draw a figure of a model (PNG or SVG), as the window draws it",
        description="Draw the latent plane, the latent map, the loss curves, the "
        "reconstructions or an interpolation strip of a model, offscreen.",
    )
    p.add_argument("model", metavar="MODEL.npz")
    p.add_argument("--what", required=True, choices=WHATS, help="the figure")
    p.add_argument("--out", required=True, metavar="FIG.png|FIG.svg", help="where to write it")
    p.add_argument(
        "--size",
        type=figure_size,
        default=DEFAULT_SIZE,
        metavar="WxH",
        help="pixels (default: 1200x900)",
    )
    p.add_argument("--dataset", help=f"{DATASET_HELP} (default: the training set)")
    p.add_argument("--from", dest="start", metavar="LABEL", help="interpolation: first glyph")
    p.add_argument("--to", dest="end", metavar="LABEL", help="interpolation: last glyph")
    p.add_argument(
        "--steps",
        type=number(int, 2, 64),
        default=10,
        help="interpolation: glyphs, both ends included (default: 10)",
    )
    p.add_argument(
        "--axes",
        type=plane_axes,
        default=(1, 2),
        metavar="I,J|pca",
        help="latent/map of a code above 2-D: the plane of code axes I and J (from 1), "
        "or of the first two principal components of the codes (default: 1,2)",
    )
    p.add_argument(
        "--at",
        metavar="V,...",
        help="latent/map of a code above 2-D: its other coordinates, one per other axis "
        "in order (or principal component 3, 4, ...); write --at=-1,2 for a negative "
        "first value (default: the codes' mean)",
    )


PLATFORM_NOISE = "This plugin does not support"  # the offscreen platform's own notes


def _load_qt_offscreen():
    """The figure module, with Qt on the offscreen platform (unless already running) and
    its notes about missing window-manager features left out of stderr."""
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import qInstallMessageHandler

    from ae_desktop.plots import model_figures

    def handler(kind, context, text):
        if not text.startswith(PLATFORM_NOISE):
            print(text, file=sys.stderr)

    qInstallMessageHandler(handler)
    return model_figures


def run_plot(args: argparse.Namespace) -> int:
    if args.what == "interpolation" and (args.start is None or args.end is None):
        raise CommandError("--what interpolation needs --from LABEL and --to LABEL")
    svg = check_figure_path(args.out, "--out")
    if args.what == "loss":
        model, meta = load_model(args.model)
        if len(meta["history"]) == 0:
            raise CommandError(f"{printable(args.model)} holds no loss history")
        write_loss_figure(
            args.out, meta["history"], meta["test_history"], model.arch.kind == "vae", args.size
        )
    else:
        save_output(args.out, _glyph_figure(args, svg), "figure")
    print(f"wrote {printable(args.out)}")
    return 0


def write_loss_figure(path: str, history, test_history, vae: bool, size=DEFAULT_SIZE) -> None:
    """The loss curves (a VAE's terms too) as the Loss dock draws them, saved atomically
    to ``path`` (checked by ``check_figure_path``)."""
    figures = _load_qt_offscreen()
    svg = Path(path).suffix.lower() == ".svg"
    save_output(path, figures.loss_figure(history, test_history, vae, size, svg), "figure")


def _glyph_figure(args: argparse.Namespace, svg: bool) -> bytes:
    model, glyphs = model_and_glyphs(args)
    view = offsets = None
    if args.what in ("latent", "map"):
        view, offsets = _plane(args, model.arch.latent_dim)
    ends = None
    if args.what == "interpolation":
        ends = (glyphs.index_of(args.start), glyphs.index_of(args.end))
    figures = _load_qt_offscreen()
    common = (glyphs.matrix(), glyphs.labels, (glyphs.height, glyphs.width), glyphs.kind)
    if args.what in ("latent", "map"):
        return figures.latent_figure(
            model, *common, args.size, svg, args.what == "map", view, offsets
        )
    if args.what == "reconstructions":
        return figures.reconstructions_figure(model, *common, args.size, svg)
    return figures.interpolation_figure(model, *common, ends, args.steps, args.size, svg)


def _plane(args: argparse.Namespace, dim: int) -> tuple[str, list[float] | None]:
    """The view (an entry of engine.axis_names) chosen by --axes and the coordinates
    off the plane given by --at; CommandError where they do not fit a ``dim``-D code."""
    if dim < 2:
        raise CommandError(
            f"--what {args.what} needs a latent space of 2-D or more; this model's has 1 dimension"
        )
    if args.axes is None and dim == 2:
        raise CommandError("--axes pca needs a code above 2-D; this model's has 2 dimensions")
    if args.axes is None:
        view = axis_names(dim)[-1]
    elif args.axes[1] > dim:
        raise CommandError(
            f"--axes {args.axes[0]},{args.axes[1]}: this model's code has {dim} dimensions"
        )
    else:
        view = f"z{args.axes[0]} × z{args.axes[1]}"
    if args.at is None:
        return view, None
    parts = args.at.split(",")
    if len(parts) != dim - 2:
        raise CommandError(
            f"--at {printable(quote(args.at))}: this model's code has {dim} dimensions, "
            f"give {dim - 2} numbers (the coordinates off the plane)"
        )
    try:
        return view, [parse_number(COORDINATE, part) for part in parts]
    except ValueError as exc:
        raise CommandError(f"--at {printable(quote(args.at))}: {exc}") from None
