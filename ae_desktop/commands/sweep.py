"""``ae-desktop sweep``: train over the values (or a grid) of one or two settings, several
seeds each, in parallel; print a summary and write CSV, JSON and a PNG chart."""

from __future__ import annotations

import argparse

from ae_desktop.commands.experiment_output import (
    add_scheduler_option,
    check_outputs,
    experiment_runs,
    interrupted_status,
    run_printer,
    summary_lines,
    write_outputs,
)
from ae_desktop.commands.numbers import check_setting
from ae_desktop.commands.options import add_experiment_options, add_training_options
from ae_desktop.commands.output import CommandError, check_not_empty
from ae_desktop.commands.train import check_training_memory, config_from_args
from ae_desktop.data import resolve_dataset
from ae_desktop.engine.experiments import (
    DENOISE_METRICS,
    RUN_METRICS,
    TEST_METRICS,
    parse_variation,
    plan_sweep,
    run_sweep,
)

SUMMARY_METRICS = [
    "learned",
    "max_errors",
    "mean_errors",
    "final_loss",
    "epochs_run",
    "seconds",
    *DENOISE_METRICS,
    *TEST_METRICS,
]


def add_sweep_parser(commands) -> None:
    p = commands.add_parser(
        "sweep",
        help="train over values of one or two settings, several seeds each",
        description="Train every value of a setting (a second --vary makes a grid) "
        "--repeats times, with seeds SEED, SEED+1, ..., in parallel. Other "
        "options set the fixed settings, as for 'train'.",
    )
    add_training_options(p)
    p.add_argument(
        "--vary",
        action="append",
        required=True,
        metavar="SETTING=V1,V2,...",
        help="a training setting and its values, e.g. lr=0.0005,0.005,0.05 or "
        "arch=35-20-2,35-30-2; 'none' for an unset optional value",
    )
    add_experiment_options(p, RUN_METRICS + DENOISE_METRICS + TEST_METRICS)
    add_scheduler_option(p)


def run_sweep_command(args: argparse.Namespace) -> int:
    glyphs = resolve_dataset(args.dataset, args.limit)
    check_not_empty(glyphs, args.dataset)
    base = config_from_args(args)
    variations = [parse_variation(_checked_numbers(text)) for text in args.vary]
    check_outputs(args)
    plan = plan_sweep(base, variations, args.repeats, glyphs.n_pixels)
    for _, _, config in plan:
        check_training_memory(config, len(glyphs), glyphs.n_pixels)
    if args.metric in DENOISE_METRICS and all(c.model != "dae" for _, _, c in plan):
        raise CommandError(f"--metric {args.metric} needs a denoising model: add --model dae")
    if args.metric in TEST_METRICS and all(c.test_fraction == 0 for _, _, c in plan):
        raise CommandError(f"--metric {args.metric} needs a test split: add --test-fraction")

    def describe(index: int) -> str:
        point, _, config = plan[index]
        return " ".join(f"{k}={v}" for k, v in point.items()) + f" seed {config.seed}"

    with experiment_runs(args) as cancel:
        result = run_sweep(
            base,
            variations,
            glyphs.matrix(),
            args.repeats,
            args.workers,
            run_printer(args.quiet, describe),
            cancel,
        )
    if not result.rows:
        return interrupted_status(result, len(plan))
    metrics = list(dict.fromkeys([*SUMMARY_METRICS, args.metric]))
    print("\n".join(summary_lines(result, metrics)))
    document = {
        "dataset": args.dataset,
        "base_config": base.to_dict(),
        "vary": {v.field: list(v.values) for v in variations},
        "repeats": args.repeats,
        "rows": [
            {**row, "loss_curve": curve} for row, curve in zip(result.rows, result.loss_curves)
        ],
        "summary": {m: result.summary(m) for m in metrics if result.has(m)},
    }
    series = result.group_by[1] if len(result.group_by) > 1 else None
    write_outputs(
        args,
        result,
        document,
        result.group_by[0],
        series,
        f"{glyphs.name}: {args.metric}, {args.repeats} seeds per point",
    )
    return interrupted_status(result, len(plan))


def _checked_numbers(text: str) -> str:
    """``text`` (a --vary) once each number in it passed its flag's check."""
    name, _, values = text.partition("=")
    setting = name.strip().replace("-", "_")
    for value in filter(str.strip, values.split(",")):  # empty ones: parse_variation's
        check_setting(setting, value, CommandError, f"--vary {setting}")
    return text
