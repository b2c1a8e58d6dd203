"""``ae-desktop plot``: each figure written as a PNG of the asked size and as SVG that
parses, by a fresh interpreter with no display; bad input exits 2 with one line."""

import os
import struct
import xml.etree.ElementTree as ET

import pytest

from ae_desktop.cli import main

WHATS = ["latent", "map", "loss", "reconstructions", "interpolation"]


def png_size(payload: bytes) -> tuple[int, int]:
    assert payload[:8] == b"\x89PNG\r\n\x1a\n" and payload[12:16] == b"IHDR"
    return struct.unpack(">II", payload[16:24])


def _ends(what):
    return ["--from", "a", "--to", "o"] if what == "interpolation" else []


@pytest.mark.parametrize("what", WHATS)
def test_each_figure_as_png_and_svg(model_file, tmp_path, what, capsys):
    for out, size in ((tmp_path / f"{what}.png", "640x480"), (tmp_path / f"{what}.svg", "500x300")):
        argv = ["plot", str(model_file), "--what", what, *_ends(what), "--out", str(out)]
        assert main([*argv, "--size", size]) == 0
        assert capsys.readouterr().out == f"wrote {out}\n"
    assert png_size((tmp_path / f"{what}.png").read_bytes()) == (640, 480)
    root = ET.parse(tmp_path / f"{what}.svg").getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg" and len(list(root.iter())) > 5


def test_a_fresh_interpreter_without_display_shows_no_window(model_file, tmp_path, fresh_cli):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "QT_QPA_PLATFORM")}
    done = fresh_cli(
        "plot", str(model_file), "--what", "latent", "--out", "f.png", cwd=tmp_path, env=env
    )
    assert done.returncode == 0 and done.stderr == "" and done.stdout == "wrote f.png\n"
    assert png_size((tmp_path / "f.png").read_bytes()) == (1200, 900)


def test_default_size_and_curve_sets(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert (
        main(
            [
                "train",
                "--dataset",
                "circles",
                "--arch",
                "42-8-2",
                "--epochs",
                "20",
                "--quiet",
                "--save",
                str(tmp_path / "c.npz"),
            ]
        )
        == 0
    )
    for what in ("map", "reconstructions"):
        assert main(["plot", "c.npz", "--what", what, "--out", f"{what}.png"]) == 0
        assert png_size((tmp_path / f"{what}.png").read_bytes()) == (1200, 900)


@pytest.mark.parametrize(
    "argv, message",
    [
        (["--what", "histogram", "--out", "f.png"], "argument --what: invalid choice"),
        (["--what", "interpolation", "--out", "f.png"], "needs --from LABEL and --to LABEL"),
        (["--what", "interpolation", "--from", "a", "--out", "f.png"], "needs --from"),
        (["--what", "loss", "--out", "f.png", "--size", "12x9"], "argument --size"),
        (["--what", "loss", "--out", "f.png", "--size", "big"], "argument --size"),
        (["--what", "loss", "--out", "f.jpg"], "must end in .png or .svg"),
        (["--what", "loss", "--out", "no/such/folder/f.png"], "cannot write figure"),
        (["--what", "loss", "--out", "."], "must end in .png or .svg"),
        (["--what", "latent", "--out", "f.png", "--dataset", "circles"], "42 pixels"),
        (["--what", "interpolation", "--from", "a", "--to", "?!", "--out", "f.png"], "?!"),
    ],
)
def test_bad_input_exits_2_with_one_line(
    model_file, argv, message, run_fails, tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    line = run_fails(["plot", str(model_file), *argv])
    assert message in line
    assert not (tmp_path / "f.png").exists()


def test_a_folder_in_the_way(model_file, tmp_path, run_fails):
    (tmp_path / "f.svg").mkdir()
    line = run_fails(["plot", str(model_file), "--what", "loss", "--out", str(tmp_path / "f.svg")])
    assert "cannot write figure" in line and "not a regular file" in line


def test_train_plot_writes_the_loss_curves(tmp_path, capsys):
    out = tmp_path / "loss.png"
    argv = ["train", "--model", "vae", "--arch", "35-8-2", "--epochs", "30", "--quiet"]
    assert main([*argv, "--test-fraction", "0.2", "--plot", str(out)]) == 0
    assert png_size(out.read_bytes()) == (1200, 900)


def test_train_plot_with_a_bad_name_fails_before_training(tmp_path, run_fails):
    model = tmp_path / "m.npz"
    line = run_fails(["train", "--epochs", "5", "--save", str(model), "--plot", "loss.gif"])
    assert "--plot" in line and ".png or .svg" in line and not model.exists()


@pytest.fixture(scope="module")
def model_3d(tmp_path_factory):
    model = tmp_path_factory.mktemp("m3") / "m3.npz"
    argv = ["train", "--arch", "35-8-3", "--epochs", "5", "--quiet", "--save", str(model)]
    assert main(argv) == 0
    return model


def test_a_3d_code_is_drawn_on_a_chosen_plane(model_3d, tmp_path, capsys):
    written = {}
    for what, extra in [
        ("latent", []),
        ("latent", ["--axes", "pca"]),
        ("map", ["--axes", "1,3", "--at", "-0.5"]),
        ("map", ["--axes", "1,3", "--at", "0.5"]),
    ]:
        out = tmp_path / f"{len(written)}.png"
        argv = ["plot", str(model_3d), "--what", what, *extra, "--out", str(out)]
        assert main([*argv, "--size", "400x300"]) == 0
        assert capsys.readouterr().out == f"wrote {out}\n"
        written[out] = out.read_bytes()
        assert png_size(written[out]) == (400, 300)
    assert len(set(written.values())) == 4  # another view, another slice of the code


@pytest.mark.parametrize(
    "extra, message",
    [
        (["--axes", "1,4"], "--axes 1,4: this model's code has 3 dimensions"),
        (["--axes", "2,1"], "argument --axes: expected two axes"),
        (["--axes", "x"], "argument --axes"),
        (["--at", "1,2"], "give 1 numbers"),
        (["--at", "nan"], "expected a finite number"),
        (["--at", "1e10"], "from -1000000000.0 to 1000000000.0"),
    ],
)
def test_bad_planes_exit_2_with_one_line(model_3d, extra, message, run_fails, tmp_path):
    out = tmp_path / "f.png"
    line = run_fails(["plot", str(model_3d), "--what", "map", *extra, "--out", str(out)])
    assert message in line and not out.exists()


def test_the_plane_needs_a_code_of_2d_or_more(model_file, tmp_path, run_fails):
    model = tmp_path / "m1.npz"
    assert (
        main(["train", "--arch", "35-8-1", "--epochs", "5", "--quiet", "--save", str(model)]) == 0
    )
    out = str(tmp_path / "f.png")
    line = run_fails(["plot", str(model), "--what", "latent", "--out", out])
    assert "needs a latent space of 2-D or more" in line
    line = run_fails(["plot", str(model_file), "--what", "latent", "--axes", "pca", "--out", out])
    assert "--axes pca needs a code above 2-D" in line
    assert not (tmp_path / "f.png").exists()


def test_decode_takes_a_code_of_any_length(model_3d, capsys):
    assert main(["decode", str(model_3d), "--z", "0.1,0.2,-0.3"]) == 0
    assert capsys.readouterr().out.startswith("0.1,0.2,-0.3\n")
