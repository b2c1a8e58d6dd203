"""Every kind of bad input: exit status 2 and one ``ae-desktop: error:`` line, no traceback."""

import io

import numpy as np
import pytest

from ae_desktop.cli import main

TRAIN = ["train", "--epochs", "2", "--quiet"]


@pytest.mark.parametrize(
    "options, message",
    [
        (["--dataset", "font9"], "unknown dataset 'font9': use one of font1, font2, font3"),
        (["--dataset", "missing.json"], "dataset file not found: missing.json"),
        (["--arch", "35-x-2"], "malformed architecture '35-x-2'"),
        (["--arch", "35"], "malformed architecture '35'"),
        (["--arch", "30-10-2"], "architecture 30-10-2 takes 30 inputs but the data has 35 pixels"),
        (["--arch", "35-10-2", "--decoder", "3-10-35"], "encoder ends in 2 units but decoder"),
        (["--lr", "0"], "argument --lr: expected a finite number > 0, got '0'"),
        (["--lr", "-0.1"], "argument --lr: expected a finite number > 0, got '-0.1'"),
        (["--lr", "fast"], "argument --lr: expected a finite number > 0, got 'fast'"),
        (["--lr", "nan"], "argument --lr: expected a finite number > 0, got 'nan'"),
        (["--epochs", "0"], "argument --epochs: expected a whole number from 1 to 10000000"),
        (
            ["--epochs", "2.5"],
            "argument --epochs: expected a whole number from 1 to 10000000, got '2.5'",
        ),
        (["--batch-size", "-1"], "argument --batch-size: expected a whole number from 0 to"),
        (["--augment", "0"], "argument --augment: expected a whole number from 1 to 1000"),
        (["--seed", "-1"], "argument --seed: expected a whole number from 0 to"),
        (["--target-errors", "-1"], "argument --target-errors: expected a whole number from 0"),
        (
            ["--target-errors", "few"],
            "argument --target-errors: expected a whole number from 0 to 100000, got 'few' or 'none'",
        ),
        (["--beta", "-1"], "argument --beta: expected a finite number >= 0, got '-1'"),
        (
            ["--momentum", "1"],
            "argument --momentum: expected a finite number >= 0 and < 1, got '1'",
        ),
        (["--model", "vae", "--optimizer", "lbfgs"], "a VAE's loss is stochastic"),
        (["--model", "dae", "--noise", "blur:2"], "cannot parse noise 'blur:2'"),
        (["--model", "dae", "--noise", "flip:x"], "cannot parse noise 'flip:x'"),
        (["--noise", "flip:2"], "noise is used only by a denoising (dae) or variational (vae)"),
        (["--optimizer", "rmsprop"], "argument --optimizer: invalid choice: 'rmsprop'"),
        (["--activation", "swish"], "argument --activation: invalid choice: 'swish'"),
        (["--init", "normal:-1"], "bad weight init 'normal:-1'"),
        (["--save", "no/such/dir/m.npz"], "cannot write model file no/such/dir/m.npz: folder"),
        (["--json", "no/such/dir/o.json"], "cannot write JSON file no/such/dir/o.json: folder"),
    ],
)
def test_train_bad_input(run_fails, options, message):
    assert message in run_fails(TRAIN + options)


def test_malformed_glyph_set_file(run_fails, tmp_path):
    path = tmp_path / "bad.json"
    path.write_text(
        '{"name": "x", "width": 2, "height": 1, "glyphs": [{"label": "a", "pixels": [[0, 3]]}]}'
    )
    line = run_fails(TRAIN + ["--dataset", str(path)])
    assert "bad.json: glyph 0 ('a'): row 0 has value 3" in line


def test_unknown_command(run_fails):
    assert "invalid choice: 'trian'" in run_fails(["trian"])


@pytest.fixture
def corrupt_files(tmp_path, model_file):
    files = {"random.npz": np.random.default_rng(0).bytes(300)}
    payload = model_file.read_bytes()
    files["truncated.npz"] = payload[: len(payload) // 3]
    foreign = io.BytesIO()
    np.savez(foreign, weights=np.zeros(3))
    files["foreign.npz"] = foreign.getvalue()
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    return tmp_path


@pytest.mark.parametrize(
    "command",
    [["eval"], ["encode"], ["decode", "--z", "0,0"], ["interpolate", "--from", "a", "--to", "b"]],
)
@pytest.mark.parametrize(
    "name, message",
    [
        ("random.npz", "random.npz is not a model file: not a .npz (zip) archive"),
        ("truncated.npz", "truncated.npz is not a model file: damaged or truncated .npz"),
        ("foreign.npz", "foreign.npz is not an ae-desktop model: a foreign .npz"),
        ("absent.npz", "cannot read model file"),
    ],
)
def test_bad_model_files(run_fails, corrupt_files, command, name, message):
    argv = [command[0], str(corrupt_files / name), *command[1:]]
    assert message in run_fails(argv)


@pytest.mark.parametrize(
    "argv, message",
    [
        (["eval", "{model}", "--noise", "flip"], "cannot parse noise 'flip'"),
        (["eval", "{model}", "--noise", "saltpepper:2"], "a flip probability must be in 0..1"),
        (
            ["eval", "{model}", "--noise", "flip:1", "--repeats", "0"],
            "argument --repeats: expected a whole number from 1",
        ),
        (
            ["eval", "{model}", "--dataset", "{tiny}"],
            "has 4 pixels per glyph but the model takes 35 inputs",
        ),
        (
            ["eval", "{model}", "--noise", "flip:1", "--seed", "-2"],
            "argument --seed: expected a whole number from 0",
        ),
        (["eval", "{model}", "--json", "no/dir/e.json"], "cannot write JSON file no/dir/e.json"),
        (["encode", "{model}", "--dataset", "font7"], "unknown dataset 'font7'"),
        (["decode", "{model}", "--z", "0.1"], "bad --z '0.1': the model's latent space has 2"),
        (["decode", "{model}", "--z", "a,b"], "bad --z 'a,b': expected 2 comma-separated numbers"),
        (["decode", "{model}", "--z", "1,inf"], "bad --z '1,inf'"),
        (["decode", "{model}"], "the following arguments are required: --z"),
        (
            ["interpolate", "{model}", "--from", "zz", "--to", "a"],
            "no glyph labelled 'zz' in font3",
        ),
        (["interpolate", "{model}", "--from", "a", "--to", "@"], "no glyph labelled '@' in font3"),
        (
            ["interpolate", "{model}", "--from", "a", "--to", "b", "--steps", "1"],
            "argument --steps: expected a whole number from 2 to 1000000000000, got '1'",
        ),
        (
            ["interpolate", "{model}", "--from", "a", "--to", "b", "--steps", "two"],
            "argument --steps: expected a whole number from 2 to 1000000000000, got 'two'",
        ),
    ],
)
def test_model_command_bad_input(run_fails, tmp_path, model_file, argv, message):
    tiny = tmp_path / "tiny.json"
    tiny.write_text(
        '{"name": "t", "width": 2, "height": 2, "glyphs": '
        '[{"label": "x", "pixels": [[1, 0], [0, 1]]}]}'
    )
    argv = [a.format(model=model_file, tiny=tiny) for a in argv]
    assert message in run_fails(argv)


def test_model_whose_training_set_is_gone(capsys, run_fails, tmp_path):
    glyphs = tmp_path / "mine.json"
    glyphs.write_text(
        '{"name": "t", "width": 2, "height": 2, "glyphs": '
        '[{"label": "x", "pixels": [[1, 0], [0, 1]]}]}'
    )
    model = tmp_path / "m.npz"
    assert main(TRAIN + ["--dataset", str(glyphs), "--arch", "4-2-1", "--save", str(model)]) == 0
    glyphs.unlink()
    capsys.readouterr()
    line = run_fails(["encode", str(model)])
    assert line.endswith("(the model's training set): pass --dataset")
    assert "dataset file not found" in line
