"""``ae-desktop train``: train on a glyph set, print progress, write JSON and a model file."""

from __future__ import annotations

import argparse
import sys
from dataclasses import fields
from pathlib import Path

from ae_desktop.commands.first_run import compile_notice
from ae_desktop.commands.output import (
    CommandError,
    Progress,
    check_not_empty,
    check_writable,
    printable,
    shown_path,
    write_json,
)
from ae_desktop.data import resolve_dataset
from ae_desktop.data.datasets import BUILTIN_NAMES
from ae_desktop.engine import (
    TrainConfig,
    TrainingRun,
    check_memory,
    model_defaults,
    model_metadata,
    save_model,
    training_bytes,
)

EXIT_DIVERGED = 1
NO_TARGET = "none"  # --target-errors none: train all epochs


def config_from_args(args: argparse.Namespace) -> TrainConfig:
    """TrainConfig defaults (a DAE's own where it has them, see config.model_defaults),
    overridden by every option given on the command line."""
    given = {
        f.name: getattr(args, f.name)
        for f in fields(TrainConfig)
        if getattr(args, f.name, None) is not None
    }
    if given.get("target_errors") == NO_TARGET:
        given["target_errors"] = None
    return TrainConfig(**{**model_defaults(given.get("model")), **given})


def check_training_memory(config: TrainConfig, n_samples: int, n_inputs: int) -> None:
    """MemoryBudgetError before training when ``config`` on ``n_samples`` samples would
    need more memory than the limit (also ConfigError for invalid settings)."""
    arch = config.architecture(n_inputs)
    check_memory(
        training_bytes(arch, n_samples, config),
        f"training --arch {printable(config.arch)} on {n_samples} samples",
    )


def result_document(run: TrainingRun, report, labels: list[str], dataset: str) -> dict:
    """What ``--json`` writes: the final state, the per-epoch losses and the settings.

    ``labels``, the errors and the margins are of the training glyphs; the ``test_`` keys of the
    held-out ones (``test_loss_history``: [epoch, loss] pairs; ``final_test_loss``,
    ``best_test_epoch`` and ``best_test_loss``, the lowest test loss and its epoch, are null
    without a test split).
    """
    history = run.history
    best = report.best_test_epoch >= 0
    return {
        "status": report.status,
        "stopped_early": report.status == "stopped_early",
        "dataset": dataset,
        "epochs": report.epoch,
        "seconds": report.seconds,
        "final_loss": report.loss,
        "recon_loss": report.recon_loss,
        "kl_loss": report.kl_loss,
        "labels": [labels[i] for i in run.train_indices],
        "errors_per_glyph": [int(e) for e in report.errors_per_glyph],
        "learned": report.learned,
        "n_glyphs": report.n_glyphs,
        "max_errors": report.max_errors,
        "min_margin": report.min_margin,
        "margin_reached": report.margin_reached,
        "loss_history": history[:, 0],
        "recon_history": history[:, 1],
        "kl_history": history[:, 2],
        "config": run.config.to_dict(),
        "redraw_ambiguous_used": run.config.redraw_used(len(run.data)),
        "n_test": report.n_test,
        "test_indices": run.test_indices,
        "test_labels": [labels[i] for i in run.test_indices],
        "final_test_loss": report.test_loss if report.n_test else None,
        "test_loss_history": [[int(epoch), loss] for epoch, loss in run.test_history],
        "test_errors_per_glyph": report.test_errors_per_glyph,
        "test_learned": report.test_learned,
        "best_test_epoch": report.best_test_epoch if best else None,
        "best_test_loss": report.best_test_loss if best else None,
    }


def _dataset_reference(spec: str) -> str:
    """How a model file names its dataset: a built-in name, or an absolute file path (so
    that ``eval`` finds it from any folder)."""
    return spec if spec in BUILTIN_NAMES else str(Path(spec).resolve())


def _save(path: str, run: TrainingRun, glyphs, dataset: str) -> None:
    config = run.config
    try:
        save_model(
            path,
            run.model,
            model_metadata(
                config, run.history, run.test_history, dataset, (glyphs.height, glyphs.width)
            ),
        )
    except OSError as exc:
        raise CommandError(
            f"cannot write model file {shown_path(path)}: {exc.strerror or exc}"
        ) from None


def run_train(args: argparse.Namespace) -> int:
    glyphs = resolve_dataset(args.dataset, args.limit)
    check_not_empty(glyphs, args.dataset)
    config = config_from_args(args)
    check_training_memory(config, len(glyphs), glyphs.n_pixels)
    check_writable(args.save, "model file")
    check_writable(args.json, "JSON file")
    plot = getattr(args, "plot", None)
    if plot is not None:  # imported here: plot's parser imports options, which imports train
        from ae_desktop.commands.plot import check_figure_path, write_loss_figure

        check_figure_path(plot, "--plot")
    # a view, not matrix()'s copy: the command never edits the set (188 MB for MNIST)
    run = TrainingRun(config, glyphs.pixels.reshape(len(glyphs), glyphs.n_pixels))
    progress = None if args.quiet else Progress(sys.stdout)
    report = None
    # the first run compiles the kernels, on 2 cores (see engine.compile_ahead)
    with compile_notice(sys.stderr, args.quiet, ahead=(config, glyphs.n_pixels)):
        for report in run.reports():
            if progress is not None:
                progress.update(report)
    print(
        f"{printable(glyphs.name)}: {report.learned}/{report.n_glyphs} glyphs within 1 "
        f"wrong pixel, max {report.max_errors} wrong, after {report.epoch} epochs in "
        f"{report.seconds:.2f}s ({report.status})"
    )
    if report.n_test:
        print(
            f"held-out test set: {report.test_learned}/{report.n_test} glyphs within 1 wrong "
            f"pixel, test loss {report.test_loss:.6g}"
        )
    if args.save is not None:  # the model first: a failing JSON write cannot lose it
        _save(args.save, run, glyphs, _dataset_reference(args.dataset))
    if args.json is not None:
        write_json(args.json, result_document(run, report, glyphs.labels, args.dataset))
    if plot is not None:
        write_loss_figure(plot, run.history, run.test_history, config.model == "vae")
    if report.status == "diverged":
        print(
            f"ae-desktop: training diverged at epoch {report.epoch} (non-finite loss); "
            "kept the last finite weights",
            file=sys.stderr,
        )
        return EXIT_DIVERGED
    return 0
