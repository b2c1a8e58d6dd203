"""The ``ae-desktop`` command: the GUI without a subcommand, else train / eval / encode /
decode / interpolate / sweep / study / font. Bad input prints one ``ae-desktop: error: ...``
line, exit status 2."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from importlib.metadata import PackageNotFoundError, version

from ae_desktop import runtime_env  # noqa: F401 - first: sets NUMBA_CACHE_DIR before numba loads
from ae_desktop.commands.font import add_font_parser, run_font
from ae_desktop.commands.model_tools import run_decode, run_encode, run_eval, run_interpolate
from ae_desktop.commands.numbers import COUNT, FLAG_RANGES, number, range_type
from ae_desktop.commands.options import DATASET_HELP, add_training_options
from ae_desktop.commands.output import CommandError
from ae_desktop.commands.parser import EXIT_USAGE, PROG, OneLineParser, gui_parser, one_line
from ae_desktop.commands.plot import add_plot_parser, run_plot
from ae_desktop.commands.sample import add_sample_parser, run_sample
from ae_desktop.commands.study import add_study_parser, run_study
from ae_desktop.commands.sweep import add_sweep_parser, run_sweep_command
from ae_desktop.commands.train import run_train
from ae_desktop.data import GlyphSetError
from ae_desktop.engine import (
    COMPILE_AHEAD_FLAG,
    ArchitectureError,
    ConfigError,
    MemoryBudgetError,
    ModelFileError,
    NoiseError,
    app_command,
    run_compile_ahead,
)
from ae_desktop.install_kernels import FLAG as INSTALL_KERNELS_FLAG

RUNNERS = {
    "train": run_train,
    "eval": run_eval,
    "encode": run_encode,
    "decode": run_decode,
    "interpolate": run_interpolate,
    "sweep": run_sweep_command,
    "study": run_study,
    "font": run_font,
    "sample": run_sample,
    "plot": run_plot,
}
USAGE_ERRORS = (
    CommandError,
    ConfigError,
    GlyphSetError,
    ModelFileError,
    NoiseError,
    ArchitectureError,
    MemoryBudgetError,
)
EXIT_INTERRUPTED, EXIT_BROKEN_PIPE = 130, 141
GUI_OPTIONS = ("--screenshot", "--demo")
NUMBER_LIST_FLAGS = ("--z", "--at")  # comma-separated numbers, the first may be negative


def _add_train(commands) -> None:
    p = commands.add_parser(
        "train",
        help="train a model on a glyph set",
        description="Train an autoencoder. Unset options take the "
        "defaults shown, which learn every bundled font exactly.",
    )
    add_training_options(p)
    p.add_argument("--save", metavar="MODEL.npz", help="write the trained model")
    p.add_argument("--json", metavar="OUT.json", help="write results and loss history")
    p.add_argument("--plot", metavar="LOSS.png", help="write the loss curves (.png or .svg)")
    p.add_argument("--quiet", action="store_true", help="no progress lines")


def _add_model_commands(commands) -> None:
    p = commands.add_parser("eval", help="reconstruction (and denoising) errors of a model")
    p.add_argument("model", metavar="MODEL.npz")
    p.add_argument("--dataset", help=f"{DATASET_HELP} (default: the training set)")
    p.add_argument("--noise", help="also measure denoising: flip:K, saltpepper:P, ...")
    p.add_argument(
        "--repeats", type=range_type(COUNT), default=20, help="noise draws (default: 20)"
    )
    p.add_argument(
        "--seed", type=range_type(FLAG_RANGES["seed"]), default=0, help="noise seed (default: 0)"
    )
    p.add_argument("--json", metavar="OUT.json")

    p = commands.add_parser("encode", help="latent coordinates of every glyph")
    p.add_argument("model", metavar="MODEL.npz")
    p.add_argument("--dataset", help=f"{DATASET_HELP} (default: the training set)")
    p.add_argument("--json", metavar="OUT.json")

    p = commands.add_parser("decode", help="draw the glyph decoded from latent points")
    p.add_argument("model", metavar="MODEL.npz")
    p.add_argument(
        "--z",
        action="append",
        required=True,
        metavar="Z1,Z2",
        help="a latent point, e.g. 0.1,-0.3 (repeat for several)",
    )

    p = commands.add_parser("interpolate", help="glyphs along the line between two codes")
    p.add_argument("model", metavar="MODEL.npz")
    p.add_argument("--from", dest="start", required=True, metavar="LABEL")
    p.add_argument("--to", dest="end", required=True, metavar="LABEL")
    p.add_argument(
        "--steps",
        type=number(int, 2, 10**12),
        default=10,
        help="points, both ends included (default: 10)",
    )
    p.add_argument("--dataset", help=f"{DATASET_HELP} (default: the training set)")


def build_parser() -> argparse.ArgumentParser:
    parser = OneLineParser(
        prog=PROG,
        description="Autoencoders on small glyphs.",
        epilog="Without a command, opens the desktop app "
        "(ae-desktop --screenshot PNG [--demo] grabs it headless; "
        "ae-desktop --self-test checks an installation; "
        "ae-desktop --install-kernels [--user] compiles the kernels ahead of the first run, "
        "for every user or for you). "
        "Run 'ae-desktop COMMAND --help' for a command's options.",
    )
    try:
        parser.add_argument("--version", action="version", version=version("ae-desktop"))
    except PackageNotFoundError:
        pass
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    _add_train(commands)
    _add_model_commands(commands)
    add_sweep_parser(commands)
    add_study_parser(commands)
    add_font_parser(commands)
    add_sample_parser(commands)
    add_plot_parser(commands)
    return parser


def _join_negative_values(argv: list[str]) -> list[str]:
    """``--z -0.3,1`` -> ``--z=-0.3,1``, and ``--at`` alike (argparse would take -0.3,1
    for an option)."""
    out = []
    for arg in argv:
        if out and out[-1] in NUMBER_LIST_FLAGS and arg.startswith("-"):
            out[-1] = f"{out[-1]}={arg}"
        else:
            out.append(arg)
    return out


def _run_gui(argv: list[str]) -> int:
    try:
        gui_parser().parse_args(argv)  # an unknown option: one line, no window
    except SystemExit as exc:
        return exc.code
    try:
        from ae_desktop.gui.app import run
    except ImportError as exc:  # e.g. a headless install without Qt
        print(f"{PROG}: error: cannot open the desktop app: {exc}", file=sys.stderr)
        return 1
    return run(argv)


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``ae-desktop``; returns the exit status."""
    argv = sys.argv[1:] if argv is None else list(argv)
    for stream in (sys.stdout, sys.stderr):  # text that cannot be encoded never raises
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    if argv[:1] == ["--self-test"]:
        from ae_desktop.self_test import main as self_test

        return self_test(argv[1:])
    if argv[:1] == [COMPILE_AHEAD_FLAG]:  # the helper, as `ae-desktop` (see __main__.py)
        return run_compile_ahead(argv[1:])
    if argv[:1] == [INSTALL_KERNELS_FLAG]:  # its own process: Numba's cache folder is chosen
        return subprocess.call([*app_command(), *argv])
    if not argv or argv[0].split("=")[0] in GUI_OPTIONS:
        return _run_gui(argv)
    try:
        args = build_parser().parse_args(_join_negative_values(argv))
    except SystemExit as exc:  # --help, --version, or a usage error already printed
        return exc.code
    if args.command is None:  # e.g. a lone "--"
        return _run_gui([])
    try:
        return RUNNERS[args.command](args)
    except USAGE_ERRORS as exc:
        print(f"{PROG}: error: {one_line(exc)}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # output piped into e.g. head, which has exited
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_BROKEN_PIPE
