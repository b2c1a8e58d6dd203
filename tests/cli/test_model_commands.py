"""``eval``, ``encode``, ``decode``, ``interpolate`` on a saved model, and the GUI default."""

import json

import numpy as np

from ae_desktop.cli import main
from ae_desktop.commands.output import glyph_rows
from ae_desktop.data import bundled_font
from ae_desktop.engine import wrong_pixels
from ae_desktop.engine.persistence import load_model

FONT = bundled_font("font3")


def test_eval_reconstruction(model_file, tmp_path, capsys):
    out = tmp_path / "eval.json"
    assert main(["eval", str(model_file), "--json", str(out)]) == 0
    result = json.loads(out.read_text())
    model, _ = load_model(model_file)
    expected = wrong_pixels(model.reconstruct(FONT.matrix()), FONT.matrix())
    assert result["errors_per_glyph"] == expected.tolist()
    assert result["dataset"] == "font3" and "denoising" not in result
    assert f"{result['learned']}/32 glyphs" in capsys.readouterr().out


def test_eval_denoising_against_baseline(model_file, tmp_path, capsys):
    out = tmp_path / "eval.json"
    assert (
        main(
            [
                "eval",
                str(model_file),
                "--dataset",
                "font3",
                "--noise",
                "saltpepper:0.1",
                "--repeats",
                "3",
                "--json",
                str(out),
            ]
        )
        == 0
    )
    denoising = json.loads(out.read_text())["denoising"]
    assert denoising["noise"] == "saltpepper:0.1" and denoising["repeats"] == 3
    for stats in (denoising["model"], denoising["baseline"]):
        assert 0 <= stats["exact_rate"] <= 1 and len(stats["per_glyph_errors"]) == 32
    assert denoising["model"]["noisy_errors"] == denoising["baseline"]["noisy_errors"]
    assert "nearest clean glyph: exact" in capsys.readouterr().out


def test_encode_prints_every_label(model_file, tmp_path, capsys):
    out = tmp_path / "codes.json"
    assert main(["encode", str(model_file), "--json", str(out)]) == 0
    lines = capsys.readouterr().out.splitlines()
    model, _ = load_model(model_file)
    codes = model.encode(FONT.matrix())
    assert len(lines) == 32 and lines[1].split() == [FONT.labels[1]] + [
        f"{v:+.5f}" for v in codes[1]
    ]
    assert np.allclose(json.loads(out.read_text())["codes"], codes)


def test_decode_draws_ascii_glyphs(model_file, capsys):
    assert main(["decode", str(model_file), "--z", "-0.3,0.1", "--z", "1,2"]) == 0
    lines = capsys.readouterr().out.splitlines()
    model, _ = load_model(model_file)
    images = model.decode([[-0.3, 0.1], [1, 2]])
    assert lines[0].split() == ["-0.3,0.1", "1,2"]
    assert [line.split() for line in lines[1:]] == [
        list(pair) for pair in zip(glyph_rows(images[0], (7, 5)), glyph_rows(images[1], (7, 5)))
    ]


def test_interpolate_ends_at_both_glyphs(model_file, capsys):
    assert main(["interpolate", str(model_file), "--from", "a", "--to", "o", "--steps", "3"]) == 0
    lines = capsys.readouterr().out.splitlines()
    model, _ = load_model(model_file)
    ends = model.reconstruct(FONT.matrix()[[FONT.index_of("a"), FONT.index_of("o")]])
    assert lines[0] == "a -> o" and lines[4].split() == ["t=0.00", "t=0.50", "t=1.00"]
    glyphs = [line.split() for line in lines[5:12]]
    assert [g[0] for g in glyphs] == glyph_rows(ends[0], (7, 5))
    assert [g[2] for g in glyphs] == glyph_rows(ends[1], (7, 5))


def test_no_command_opens_the_gui(gui_runs):
    assert main([]) == 0 and main(["--screenshot", "x.png", "--demo"]) == 0
    assert gui_runs == [[], ["--screenshot", "x.png", "--demo"]]


def test_help_exits_zero(capsys):
    assert main(["--help"]) == 0 and main(["train", "--help"]) == 0
    assert "--target-errors" in capsys.readouterr().out
