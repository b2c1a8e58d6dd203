"""``font``: a glyph set (or a model's reconstructions of it) as a TrueType, OpenType or
BDF font file."""

from __future__ import annotations

import argparse
from pathlib import Path

from ae_desktop.commands.output import (
    CommandError,
    check_writable,
    printable,
    save_output,
    shown_label,
)
from ae_desktop.data import FONT_NAMES, GlyphSet, resolve_dataset
from ae_desktop.data.font_file import FONT_FORMATS, font_bytes, font_format
from ae_desktop.data.font_glyphs import default_family, family_name, font_glyphs
from ae_desktop.data.glyph_set_npz import load_glyph_set_npz
from ae_desktop.engine import check_memory, inference_bytes, load_model

SHOWN = 20  # skipped labels listed by name


def add_font_parser(commands) -> None:
    p = commands.add_parser(
        "font",
        help="export a glyph set as a font file",
        description="Write a font of the glyphs labelled with one character (other labels "
        "are skipped and listed); grey pixels are thresholded at 0.5. The format follows "
        f"the extension of --out: {', '.join(f'{s} ({t})' for s, t in FONT_FORMATS.items())}.",
    )
    p.add_argument(
        "source",
        metavar="SOURCE",
        help=f"bundled font ({', '.join(FONT_NAMES)}), glyph-set .json file or glyph archive .npz",
    )
    p.add_argument(
        "--out", required=True, metavar="NAME.ttf|NAME.otf|NAME.bdf", help="the font file"
    )
    p.add_argument("--name", metavar="FAMILY", help="family name (default: the set's name)")
    p.add_argument(
        "--reconstruct",
        metavar="MODEL.npz",
        help="export this model's reconstructions of the glyphs instead of the glyphs",
    )


def _source(spec: str) -> GlyphSet:
    if spec.lower().endswith(".npz") and spec not in FONT_NAMES:
        return load_glyph_set_npz(spec)
    return resolve_dataset(spec)


def run_font(args: argparse.Namespace) -> int:
    suffix = font_format(args.out)
    family = None if args.name is None else family_name(args.name)
    check_writable(args.out, "font file")
    glyphs = _source(args.source)
    reconstruct = None
    if args.reconstruct is not None:
        model, _ = load_model(args.reconstruct)
        if glyphs.n_pixels != model.arch.n_inputs:
            raise CommandError(
                f"{printable(args.source)} has {glyphs.n_pixels} pixels per glyph "
                f"but the model takes {model.arch.n_inputs} inputs"
            )
        check_memory(
            inference_bytes(model.arch, len(glyphs)), f"reconstructing {len(glyphs)} glyphs"
        )
        reconstruct = model.reconstruct
    exported = font_glyphs(glyphs, reconstruct)
    family = family or default_family(glyphs.name)
    save_output(args.out, font_bytes(exported, suffix, family), "font file")
    what = "reconstructions" if reconstruct else "glyphs"
    print(
        f"wrote {printable(Path(args.out).name)}: {len(exported.chars)} {what} of "
        f"{printable(glyphs.name)}, family {printable(family)!r}"
    )
    skipped = exported.skipped
    if skipped:
        labels = " ".join(shown_label(label) for label in skipped[:SHOWN])
        more = f" and {len(skipped) - SHOWN} more" if len(skipped) > SHOWN else ""
        plural = "s" * (len(skipped) > 1)
        print(
            f"skipped {len(skipped)} label{plural} (not one character, or repeated): {labels}{more}"
        )
    return 0
