"""Readers never crash on damaged input: a seeded mutator (``mutations`` in
tests/conftest.py) truncates, bit-flips, splices and retypes valid glyph-set and model
files; every outcome is a load or a clear error."""

import io
import json
import zipfile

import numpy as np
import pytest

from ae_desktop.data import GlyphSetError, bundled_font, load_glyph_set, save_glyph_set
from ae_desktop.engine import ModelFileError, TrainConfig, TrainingRun, load_model, save_model


def test_glyph_set_reader_survives_mutations(tmp_path, mutations, fuzz_rounds):
    source = tmp_path / "font.json"
    save_glyph_set(bundled_font("font2"), source)
    rng = np.random.default_rng(7)
    target = tmp_path / "mutant.json"
    outcomes = {"loaded": 0, "rejected": 0}
    for payload in mutations(source.read_bytes(), rng):
        target.write_bytes(payload)
        try:
            glyphs = load_glyph_set(target)
        except GlyphSetError as exc:
            assert str(exc)
            outcomes["rejected"] += 1
        else:
            assert glyphs.pixels.shape == (len(glyphs), glyphs.height, glyphs.width)
            assert np.all((glyphs.pixels >= 0) & (glyphs.pixels <= 1))
            outcomes["loaded"] += 1
    assert outcomes["rejected"] > fuzz_rounds // 2


@pytest.mark.parametrize("document", [
    None, 3, "x", [], {"name": 1, "width": 5, "height": 7, "glyphs": []},
    {"name": "n", "width": 5.5, "height": 7, "glyphs": []},
    {"name": "n", "width": 10**9, "height": 7, "glyphs": []},
    {"name": "n", "width": 5, "height": 7, "glyphs": [None]},
    {"name": "n", "width": 1, "height": 1, "glyphs": [{"label": "a", "pixels": [[float("nan")]]}]},
    {"name": "n", "width": 1, "height": 1, "glyphs": [{"label": "a", "pixels": [[True]]}]},
    {"name": "n", "width": 1, "height": 1, "glyphs": [{"label": "a", "pixels": "1"}]},
])
def test_wrong_types_are_rejected(tmp_path, document):
    path = tmp_path / "typed.json"
    path.write_text(json.dumps(document))
    with pytest.raises(GlyphSetError):
        load_glyph_set(path)


def test_deeply_nested_json_is_rejected(tmp_path):
    path = tmp_path / "deep.json"
    path.write_text("[" * 100_000 + "]" * 100_000)
    with pytest.raises(GlyphSetError, match="nested more than 64 levels"):
        load_glyph_set(path)


@pytest.fixture(scope="module")
def model_bytes(tmp_path_factory):
    run = TrainingRun(TrainConfig(arch="35-8-2", epochs=5), bundled_font("font3").matrix())
    list(run.reports())
    path = tmp_path_factory.mktemp("model") / "m.npz"
    save_model(path, run.model, {"history": run.history, "dataset": "font3"})
    return path.read_bytes()


def test_model_reader_survives_mutations(tmp_path, model_bytes, mutations, fuzz_rounds):
    rng = np.random.default_rng(11)
    target = tmp_path / "mutant.npz"
    rejected = 0
    for payload in mutations(model_bytes, rng):
        target.write_bytes(payload)
        try:
            model, _ = load_model(target)
        except ModelFileError as exc:
            assert str(exc)
            rejected += 1
        else:
            assert np.all(np.isfinite(model.theta))
    assert rejected > fuzz_rounds // 2


def test_model_with_a_huge_declared_array_is_rejected(tmp_path, model_bytes):
    """A .npy header may claim terabytes; the reader must refuse, not try to allocate."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(model_bytes)) as source, \
            zipfile.ZipFile(buffer, "w") as target:
        for name in source.namelist():
            data = source.read(name)
            if name == "theta.npy":
                header = ("{'descr': '<f8', 'fortran_order': False, 'shape': (10000000000000,), }"
                          .ljust(117) + "\n").encode()
                data = b"\x93NUMPY\x01\x00" + len(header).to_bytes(2, "little") + header
            target.writestr(name, data)
    path = tmp_path / "huge.npz"
    path.write_bytes(buffer.getvalue())
    with pytest.raises(ModelFileError):
        load_model(path)
