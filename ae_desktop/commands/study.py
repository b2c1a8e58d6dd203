"""``ae-desktop study denoise`` and ``study generalize``: the reports' denoising and
generalization studies, averaged over seeds."""

from __future__ import annotations

import argparse
from dataclasses import replace

from ae_desktop.commands.experiment_output import (
    add_scheduler_option,
    check_outputs,
    experiment_runs,
    interrupted_status,
    run_printer,
    summary_lines,
    write_outputs,
)
from ae_desktop.commands.numbers import COUNT, range_type
from ae_desktop.commands.options import add_experiment_options, add_training_options, number_list
from ae_desktop.commands.output import CommandError, check_not_empty
from ae_desktop.commands.train import check_training_memory, config_from_args
from ae_desktop.data import resolve_dataset
from ae_desktop.engine import NOISE_KINDS, check_memory, eval_bytes, model_defaults
from ae_desktop.engine.experiments import (
    DEFAULT_LEVELS,
    HELD_OUT_METRICS,
    RUN_METRICS,
    STUDY_METRICS,
    denoising_models,
    denoising_study,
    generalization_plan,
    generalization_study,
    noise_specs,
)

GENERALIZE_SUMMARY = [
    "learned",
    "mean_errors",
    "held_out_learned",
    "held_out_mean_errors",
    "held_out_max_errors",
    "epochs_run",
]


def add_study_parser(commands) -> None:
    study = commands.add_parser(
        "study", help="the reports' denoising and generalization studies"
    ).add_subparsers(dest="study", metavar="STUDY", required=True)
    p = study.add_parser(
        "denoise",
        help="denoising vs noise level: DAE, plain AE and nearest clean glyph",
        description="Train --repeats denoising models (the training options; --model is "
        "dae, with the dae defaults of ae-desktop train) and as many plain autoencoders "
        "with the same settings, then measure how well each restores noisy glyphs at "
        "every noise level, beside the nearest clean glyph (the best any decoder can do).",
    )
    add_training_options(p)
    p.add_argument(
        "--kind",
        choices=NOISE_KINDS,
        default="saltpepper",
        help="test noise (default: saltpepper, levels = flip probabilities)",
    )
    p.add_argument(
        "--levels",
        type=number_list(float, 0),
        help=f"noise levels (default for saltpepper: {','.join(f'{v:g}' for v in DEFAULT_LEVELS)})",
    )
    p.add_argument(
        "--draws",
        type=range_type(COUNT),
        default=100,
        help="noisy copies of each glyph per level (default: 100)",
    )
    p.add_argument(
        "--train-per-level",
        action="store_true",
        help="also train a denoising model at each level, measured at that level "
        "(rows 'matched'; --repeats of them per level)",
    )
    add_experiment_options(p, STUDY_METRICS)
    add_scheduler_option(p)

    p = study.add_parser(
        "generalize",
        help="train on k glyphs, measure the held-out ones",
        description="For each size k, train --repeats times on a random k of the glyphs "
        "(a different subset per seed) and measure the other glyphs too.",
    )
    add_training_options(p)
    p.add_argument(
        "--sizes",
        type=number_list(int, 1),
        default=[4, 8, 16, 32],
        help="training-set sizes (default: 4,8,16,32)",
    )
    add_experiment_options(p, HELD_OUT_METRICS + RUN_METRICS)
    add_scheduler_option(p)


def run_study(args: argparse.Namespace) -> int:
    return {"denoise": _run_denoise, "generalize": _run_generalize}[args.study](args)


def _run_denoise(args: argparse.Namespace) -> int:
    glyphs = resolve_dataset(args.dataset, args.limit)
    check_not_empty(glyphs, args.dataset)
    if args.model not in (None, "dae"):
        raise CommandError("study denoise trains a dae and a plain ae itself: drop --model")
    check_outputs(args)
    if args.levels is None and args.kind != "saltpepper":
        raise CommandError(f"give --levels for {args.kind} noise")
    unset = {k: v for k, v in model_defaults("dae").items() if getattr(args, k, None) is None}
    dae = replace(config_from_args(args), model="dae", **unset)
    check_training_memory(dae, len(glyphs), glyphs.n_pixels)
    check_memory(
        eval_bytes(dae.architecture(glyphs.n_pixels), len(glyphs), args.draws, True),
        f"study denoise --draws {args.draws}",
    )
    levels = args.levels or DEFAULT_LEVELS
    specs = noise_specs(args.kind, levels) if args.train_per_level else []
    models = denoising_models(dae, args.repeats, specs)
    with experiment_runs(args) as cancel:
        table = denoising_study(
            dae,
            glyphs.matrix(),
            levels,
            args.kind,
            args.draws,
            args.repeats,
            args.workers,
            run_printer(args.quiet, lambda i: _model_name(models[i])),
            cancel,
            per_level=args.train_per_level,
        )
    if table.cancelled:  # the study measures only once every model is trained
        return interrupted_status(table, len(models))
    print("\n".join(summary_lines(table, list(STUDY_METRICS))))
    document = {
        "study": "denoise",
        "dataset": args.dataset,
        "config": dae.to_dict(),
        "kind": args.kind,
        "draws": args.draws,
        "repeats": args.repeats,
        "train_per_level": args.train_per_level,
        "rows": table.rows,
        "summary": {m: table.summary(m) for m in STUDY_METRICS},
    }
    write_outputs(
        args,
        table,
        document,
        "noise",
        "model",
        f"{glyphs.name}: {args.metric} vs {args.kind} noise, {args.draws} draws",
    )
    return 0


def _model_name(model: tuple) -> str:
    name, _, config, level = model
    trained = f" at {config.noise}" if level is not None else ""
    return f"{name}{trained} seed {config.seed}"


def _run_generalize(args: argparse.Namespace) -> int:
    glyphs = resolve_dataset(args.dataset, args.limit)
    check_not_empty(glyphs, args.dataset)
    check_outputs(args)
    base = config_from_args(args)
    check_training_memory(base, len(glyphs), glyphs.n_pixels)
    plan = generalization_plan(base, len(glyphs), args.sizes, args.repeats)
    with experiment_runs(args) as cancel:
        table = generalization_study(
            base,
            glyphs.matrix(),
            args.sizes,
            args.repeats,
            args.workers,
            run_printer(
                args.quiet, lambda i: f"{plan[i][0]['train_size']} glyphs seed {plan[i][1].seed}"
            ),
            cancel,
        )
    if not table.rows:
        return interrupted_status(table, len(plan))
    metrics = list(dict.fromkeys([*GENERALIZE_SUMMARY, args.metric]))
    print("\n".join(summary_lines(table, metrics)))
    document = {
        "study": "generalize",
        "dataset": args.dataset,
        "config": base.to_dict(),
        "labels": glyphs.labels,
        "sizes": args.sizes,
        "repeats": args.repeats,
        "rows": table.rows,
        "summary": {m: table.summary(m) for m in metrics if table.has(m)},
    }
    write_outputs(
        args,
        table,
        document,
        "train_size",
        None,
        f"{glyphs.name}: {args.metric} vs training-set size",
    )
    return interrupted_status(table, len(plan))
