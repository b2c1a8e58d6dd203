"""``eval``, ``encode``, ``decode`` and ``interpolate``: use a saved model from the shell."""

from __future__ import annotations

import argparse
import shutil

import numpy as np

from ae_desktop.commands.output import (
    CommandError,
    check_not_empty,
    check_writable,
    glyphs_side_by_side,
    printable,
    shown_label,
    write_json,
)
from ae_desktop.data import GlyphSet, GlyphSetError, resolve_dataset
from ae_desktop.engine import (
    Autoencoder,
    check_memory,
    denoising_errors,
    eval_bytes,
    inference_bytes,
    interpolate,
    interpolation_bytes,
    learned_count,
    load_model,
    nearest_glyph_baseline,
    parse_noise,
    wrong_pixels,
)
from ae_desktop.safe_io.bounded_json import quote


def model_and_glyphs(args: argparse.Namespace) -> tuple[Autoencoder, GlyphSet]:
    """The model file and the dataset (``--dataset``, else the one it was trained on)."""
    model, meta = load_model(args.model)
    spec = args.dataset or meta["dataset"]
    if not spec:
        raise CommandError(f"{args.model} names no dataset: pass --dataset")
    try:
        glyphs = resolve_dataset(spec)
    except GlyphSetError as exc:
        if args.dataset:
            raise
        raise CommandError(f"{exc} (the model's training set): pass --dataset") from None
    check_not_empty(glyphs, spec)
    if glyphs.n_pixels != model.arch.n_inputs:
        raise CommandError(
            f"dataset {printable(spec)} has {glyphs.n_pixels} pixels per glyph "
            f"but the model takes {model.arch.n_inputs} inputs"
        )
    return model, glyphs


def run_eval(args: argparse.Namespace) -> int:
    noise = parse_noise(args.noise) if args.noise else None
    check_writable(args.json, "JSON file")
    model, glyphs = model_and_glyphs(args)
    n = len(glyphs)
    check_memory(
        eval_bytes(model.arch, n, args.repeats, noise is not None),
        f"eval of {n} glyphs with --repeats {args.repeats}",
    )
    clean = glyphs.matrix()
    errors = wrong_pixels(model.reconstruct(clean), clean)
    print("  ".join(f"{shown_label(label)}:{e}" for label, e in zip(glyphs.labels, errors)))
    print(
        f"{printable(glyphs.name)}: {learned_count(errors)}/{len(errors)} glyphs within 1 "
        f"wrong pixel, max {errors.max()} wrong"
    )
    document = {
        "model": args.model,
        "dataset": glyphs.name,
        "labels": glyphs.labels,
        "errors_per_glyph": errors.tolist(),
        "learned": learned_count(errors),
        "n_glyphs": len(errors),
        "max_errors": int(errors.max()),
    }
    if noise is not None:
        denoised = denoising_errors(
            model, clean, noise, args.repeats, np.random.default_rng(args.seed)
        )
        baseline = nearest_glyph_baseline(
            clean, noise, args.repeats, np.random.default_rng(args.seed)
        )
        print(
            f"noise {printable(noise.text)}, {args.repeats} draws: noisy inputs have "
            f"{denoised['noisy_errors']:.2f} wrong pixels on average"
        )
        for name, stats in (("model", denoised), ("nearest clean glyph", baseline)):
            print(
                f"  {name}: exact {100 * stats['exact_rate']:.1f}%, "
                f"mean {stats['mean_errors']:.3f} wrong pixels"
            )
        document["denoising"] = {
            "noise": noise.text,
            "repeats": args.repeats,
            "seed": args.seed,
            "model": denoised,
            "baseline": baseline,
        }
    if args.json is not None:
        write_json(args.json, document)
    return 0


def run_encode(args: argparse.Namespace) -> int:
    check_writable(args.json, "JSON file")
    model, glyphs = model_and_glyphs(args)
    check_memory(inference_bytes(model.arch, len(glyphs)), f"encoding {len(glyphs)} glyphs")
    mean, log_var = model.encode_distribution(glyphs.matrix())
    labels = [shown_label(label) for label in glyphs.labels]
    width = max(len(label) for label in labels)
    for label, z in zip(labels, mean):
        print(label.ljust(width), " ".join(f"{v:+.5f}" for v in z))
    if args.json is not None:
        document = {"labels": glyphs.labels, "codes": mean}
        if model.arch.kind == "vae":
            document["log_var"] = log_var
        write_json(args.json, document)
    return 0


def parse_point(text: str, dim: int) -> np.ndarray:
    """``"0.1,-0.3"`` -> array of ``dim`` finite floats, or CommandError."""
    try:
        values = np.array([float(v) for v in text.split(",")])
    except ValueError:
        raise CommandError(
            f"bad --z {quote(text)}: expected {dim} comma-separated numbers like 0.1,-0.3"
        ) from None
    if values.size != dim or not np.all(np.isfinite(values)):
        raise CommandError(
            f"bad --z {quote(text)}: the model's latent space has {dim} "
            f"dimensions, give {dim} finite numbers"
        )
    return values


def run_decode(args: argparse.Namespace) -> int:
    model, meta = load_model(args.model)
    points = np.stack([parse_point(z, model.arch.latent_dim) for z in args.z])
    images = model.decode(points)
    captions = [printable(z) for z in args.z]
    print(glyphs_side_by_side(images, meta["image_shape"], captions, terminal_width()))
    return 0


def run_interpolate(args: argparse.Namespace) -> int:
    model, glyphs = model_and_glyphs(args)
    text_per_step = glyphs.n_pixels + 2 * glyphs.height  # ASCII art and line breaks
    check_memory(
        interpolation_bytes(model.arch, args.steps, text_per_step),
        f"interpolate --steps {args.steps}",
    )
    codes = model.encode(glyphs.matrix()[[glyphs.index_of(args.start), glyphs.index_of(args.end)]])
    path, images = interpolate(model, codes[0], codes[1], args.steps)
    captions = [f"t={t:.2f}" for t in np.linspace(0, 1, args.steps)]
    print(f"{printable(args.start)} -> {printable(args.end)}")
    for caption, z in zip(captions, path):
        print(f"  {caption}  z = " + " ".join(f"{v:+.4f}" for v in z))
    print(glyphs_side_by_side(images, (glyphs.height, glyphs.width), captions, terminal_width()))
    return 0


def terminal_width() -> int:
    return shutil.get_terminal_size((80, 24)).columns
