"""``ae-desktop train --redraw-ambiguous / --no-redraw-ambiguous``: stored in the JSON and
the model file, refused without noise and on sets over the limit."""

import json

import numpy as np

from ae_desktop.cli import main
from ae_desktop.engine.config import REDRAW_MAX_GLYPHS
from ae_desktop.engine.persistence import load_model

TINY = ["--arch", "35-6-2", "--epochs", "2", "--augment", "1", "--quiet"]


def big_set(tmp_path):
    rows = np.random.default_rng(0).integers(0, 2, (REDRAW_MAX_GLYPHS + 1, 7, 5))
    glyphs = [{"label": f"g{i}", "pixels": r.tolist()} for i, r in enumerate(rows)]
    path = tmp_path / "big.json"
    path.write_text(json.dumps({"name": "big", "width": 5, "height": 7, "glyphs": glyphs}))
    return str(path)


def test_the_flag_reaches_the_json_and_the_model_file(tmp_path):
    out, saved = tmp_path / "out.json", tmp_path / "m.npz"
    argv = ["train", "--model", "dae", *TINY, "--json", str(out), "--save", str(saved)]
    assert main([*argv, "--no-redraw-ambiguous"]) == 0
    assert json.loads(out.read_text())["config"]["redraw_ambiguous"] is False
    assert main([*argv, "--redraw-ambiguous"]) == 0
    assert json.loads(out.read_text())["config"]["redraw_ambiguous"] is True
    assert load_model(saved)[1]["config"]["redraw_ambiguous"] is True


def test_the_json_says_whether_the_redraw_was_used(tmp_path):
    """The DAE's default (on where affordable) is resolved for the set in the JSON."""
    out = tmp_path / "out.json"
    argv = ["train", "--model", "dae", *TINY, "--json", str(out)]
    assert main(argv) == 0
    result = json.loads(out.read_text())
    assert result["config"]["redraw_ambiguous"] is None and result["redraw_ambiguous_used"]
    assert main([*argv[:-2], "--dataset", big_set(tmp_path), "--json", str(out)]) == 0
    assert json.loads(out.read_text())["redraw_ambiguous_used"] is False  # over the limit
    assert main(["train", *TINY, "--json", str(out)]) == 0  # no noise: nothing to redraw
    assert json.loads(out.read_text())["redraw_ambiguous_used"] is False


def test_redraw_without_noise_is_refused(run_fails):
    line = run_fails(["train", "--redraw-ambiguous", *TINY])
    assert "needs noise" in line


def test_a_set_over_the_limit_refuses_the_flag_and_trains_without_by_default(tmp_path, run_fails):
    dataset = ["--dataset", big_set(tmp_path)]
    line = run_fails(["train", "--model", "dae", "--redraw-ambiguous", *dataset, *TINY])
    assert "at most 1,024 glyphs, this one has 1,025" in line
    assert main(["train", "--model", "dae", *dataset, *TINY]) == 0
