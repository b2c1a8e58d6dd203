"""Command-line options shared by the commands that train: ``train``, ``sweep``, ``study``."""

from __future__ import annotations

import argparse

from ae_desktop.commands.numbers import (
    COUNT,
    FLAG_RANGES,
    flag_type,
    number,
    parse_number,
    range_type,
)
from ae_desktop.commands.train import NO_TARGET
from ae_desktop.data import FONT_NAMES
from ae_desktop.engine import (
    ACTIVATIONS,
    DEFAULT_DAE_NOISE,
    LOSSES,
    MODEL_KINDS,
    OPTIMIZERS,
    PRECISIONS,
    SCHEDULE_FORMS,
    Range,
    TrainConfig,
    parse_schedule,
)

DATASET_HELP = (
    f"bundled font ({', '.join(FONT_NAMES)}), circles (100 curves of 21 "
    "points, report 003), glyph-set .json file, IDX images "
    "file (*-images-idx3-ubyte[.gz], labels file beside it) or folder of images"
)


def _activation(text: str) -> str:
    return text.replace("-", "_")


def _target_errors(text: str) -> int | str:
    """A whole number, or ``none``: train all epochs."""
    if text.strip().lower() == NO_TARGET:
        return NO_TARGET
    try:
        return parse_number(FLAG_RANGES["target_errors"], text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{exc} or {NO_TARGET!r}") from None


def _schedule(text: str) -> str:
    """A learning-rate schedule text, checked as the stored config is."""
    try:
        parse_schedule(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    return text.strip().lower()


def add_training_options(p: argparse.ArgumentParser) -> None:
    """``--dataset`` and one option per TrainConfig setting; unset options stay None so
    that ``config_from_args`` keeps the TrainConfig default."""
    d = TrainConfig()
    p.add_argument("--dataset", default="font3", help=f"{DATASET_HELP} (default: font3)")
    p.add_argument(
        "--limit", type=number(int, 1, 10**9), metavar="N", help="use only the first N glyphs"
    )
    p.add_argument("--model", choices=MODEL_KINDS, help=f"model kind (default: {d.model})")
    p.add_argument("--arch", help=f"encoder layer sizes (default: {d.arch})")
    p.add_argument("--decoder", help="decoder layer sizes (default: the encoder mirrored)")
    for flag, value in (
        ("activation", d.activation),
        ("output-activation", d.output_activation),
        ("latent-activation", d.latent_activation),
    ):
        p.add_argument(f"--{flag}", type=_activation, choices=ACTIVATIONS, help=f"default: {value}")
    p.add_argument("--loss", choices=LOSSES, help=f"default: {d.loss}")
    p.add_argument("--optimizer", choices=OPTIMIZERS, help=f"default: {d.optimizer}")
    p.add_argument("--lr", type=flag_type("lr"), help=f"learning rate (default: {d.lr})")
    p.add_argument(
        "--momentum", type=flag_type("momentum"), help=f"momentum rate (default: {d.momentum})"
    )
    p.add_argument("--epochs", type=flag_type("epochs"), help=f"default: {d.epochs}")
    p.add_argument(
        "--batch-size",
        type=flag_type("batch_size"),
        help=f"0 = full batch (default: {d.batch_size})",
    )
    p.add_argument("--seed", type=flag_type("seed"), help=f"default: {d.seed}")
    p.add_argument("--init", help=f"glorot, he or normal:STD (default: {d.init})")
    p.add_argument(
        "--noise",
        help="input noise for dae/vae: flip:K, saltpepper:P, gauss:SIGMA "
        f"or uniform:A (dae default: {DEFAULT_DAE_NOISE})",
    )
    p.add_argument(
        "--augment",
        type=flag_type("augment"),
        help=f"noisy copies per glyph per epoch (default: {d.augment})",
    )
    p.add_argument(
        "--redraw-ambiguous",
        action=argparse.BooleanOptionalAction,
        help="draw again each noisy copy whose nearest clean glyph is another one, so that "
        "a dae learns the nearest-glyph decision (dae default: on for sets of up to "
        f"{TrainConfig.redraw_max_glyphs:,} glyphs)",
    )
    p.add_argument("--beta", type=flag_type("beta"), help=f"VAE KL weight (default: {d.beta})")
    p.add_argument(
        "--dropout",
        type=flag_type("dropout"),
        help=f"probability of zeroing each hidden unit in training (default: {d.dropout})",
    )
    p.add_argument(
        "--precision", choices=PRECISIONS, help=f"training arithmetic (default: {d.precision})"
    )
    p.add_argument(
        "--target-errors",
        type=_target_errors,
        help="stop once every glyph has at most this many wrong pixels; "
        f"none = run all epochs (default: {d.target_errors})",
    )
    p.add_argument(
        "--target-margin",
        type=flag_type("target_margin"),
        metavar="M",
        help="with a target, also wait until every right output pixel is at "
        f"least M from 0.5 (default: {d.target_margin})",
    )
    p.add_argument(
        "--test-fraction",
        type=flag_type("test_fraction"),
        metavar="F",
        help="hold out this fraction of the glyphs (drawn from --seed) as a test "
        f"set: never trained on, its loss recorded (default: {d.test_fraction})",
    )
    _add_training_aids(p, d)


def _add_training_aids(p: argparse.ArgumentParser, d: TrainConfig) -> None:
    """Weight decay, learning-rate schedule, KL warm-up and early stopping."""
    p.add_argument(
        "--weight-decay",
        type=flag_type("weight_decay"),
        metavar="L2",
        help="decoupled weight decay for adam (AdamW), an L2 term in the gradient for "
        f"sgd and momentum, an L2 penalty for the scipy optimizers (default: {d.weight_decay})",
    )
    p.add_argument(
        "--lr-schedule",
        type=_schedule,
        metavar="SCHEDULE",
        help=f"{' | '.join(SCHEDULE_FORMS)}: the learning rate times FACTOR every EVERY "
        f"epochs, or down to 0 along half a cosine over the epochs (default: {d.lr_schedule})",
    )
    p.add_argument(
        "--kl-warmup",
        type=flag_type("kl_warmup"),
        metavar="EPOCHS",
        help=f"vae: beta rises linearly from 0 to --beta over EPOCHS (default: {d.kl_warmup})",
    )
    p.add_argument(
        "--early-stop",
        type=flag_type("early_stop"),
        metavar="PATIENCE",
        help="with --test-fraction: stop once the test loss has not improved for "
        f"PATIENCE epochs; 0 = never (default: {d.early_stop})",
    )


def add_experiment_options(
    p: argparse.ArgumentParser, metrics: tuple[str, ...], repeats: int = 3
) -> None:
    """Repeats, workers and outputs of ``sweep`` and ``study``; one of ``metrics`` (by
    default the first) is plotted."""
    p.add_argument(
        "--repeats",
        type=range_type(COUNT),
        default=repeats,
        help=f"runs per setting, seeds SEED, SEED+1, ... (default: {repeats})",
    )
    p.add_argument(
        "--workers", type=number(int, 1, 1024), help="processes in parallel (default: one per core)"
    )
    p.add_argument(
        "--metric",
        default=metrics[0],
        choices=metrics,
        metavar="METRIC",
        help=f"the metric to plot: {', '.join(metrics)} (default: {metrics[0]})",
    )
    p.add_argument("--csv", metavar="OUT.csv", help="write one row per run")
    p.add_argument("--json", metavar="OUT.json", help="write rows, loss curves and statistics")
    p.add_argument(
        "--plot",
        metavar="OUT.png",
        help="write a chart of the metric: mean "
        "over repeats with min-max bars (SVG "
        "for a .svg name, else PNG)",
    )
    p.add_argument("--quiet", action="store_true", help="no line per finished run")


def number_list(kind: type, low=None):
    """An argparse type: ``"4,8,16"`` -> [4, 8, 16] of ``kind`` (finite, at least
    ``low``)."""
    limits = Range(kind, low)

    def parse(text: str) -> list:
        try:
            return [parse_number(limits, v) for v in text.split(",")]
        except ValueError as exc:
            raise argparse.ArgumentTypeError(f"comma-separated values: {exc}") from None

    return parse
