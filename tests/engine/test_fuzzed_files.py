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


@pytest.mark.parametrize(
    "document",
    [
        None,
        3,
        "x",
        [],
        {"name": 1, "width": 5, "height": 7, "glyphs": []},
        {"name": "n", "width": 5.5, "height": 7, "glyphs": []},
        {"name": "n", "width": 10**9, "height": 7, "glyphs": []},
        {"name": "n", "width": 5, "height": 7, "glyphs": [None]},
        {
            "name": "n",
            "width": 1,
            "height": 1,
            "glyphs": [{"label": "a", "pixels": [[float("nan")]]}],
        },
        {"name": "n", "width": 1, "height": 1, "glyphs": [{"label": "a", "pixels": [[True]]}]},
        {"name": "n", "width": 1, "height": 1, "glyphs": [{"label": "a", "pixels": "1"}]},
    ],
)
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
    with zipfile.ZipFile(io.BytesIO(model_bytes)) as source, zipfile.ZipFile(buffer, "w") as target:
        for name in source.namelist():
            data = source.read(name)
            if name == "theta.npy":
                header = (
                    "{'descr': '<f8', 'fortran_order': False, 'shape': (10000000000000,), }".ljust(
                        117
                    )
                    + "\n"
                ).encode()
                data = b"\x93NUMPY\x01\x00" + len(header).to_bytes(2, "little") + header
            target.writestr(name, data)
    path = tmp_path / "huge.npz"
    path.write_bytes(buffer.getvalue())
    with pytest.raises(ModelFileError):
        load_model(path)


CRAFTED_ROUNDS = 40


def crafted_text(rng: np.random.Generator) -> str:
    """A hostile JSON fragment of a random class: deep nesting, a huge integer, a lone
    surrogate, NaN or infinity, a huge list, or a wrong type."""
    kind = int(rng.integers(6))
    if kind == 0:
        depth = int(rng.integers(65, 20_000))
        return "[" * depth + "]" * depth
    if kind == 1:
        return "1" * int(rng.integers(41, 6000))
    if kind == 2:
        return f'"\\ud{int(rng.integers(0x800, 0x1000)):03x}"'
    if kind == 3:
        return str(rng.choice(["NaN", "Infinity", "-Infinity", "1e999"]))
    if kind == 4:
        return "[" + ", ".join(["0"] * int(rng.integers(1000, 50_000))) + "]"
    return str(rng.choice(["123", "true", "null", "{}", '"x"', "-1", "2.5"]))


def test_crafted_model_entries_are_refused(tmp_path, model_bytes):
    """Seeded crafted cases: a stored config or optimizer setting holding a hostile
    value, a text entry with a lone surrogate, a member declaring a huge shape, or more
    members than the limit; each loads cleanly or is one ModelFileError line."""
    rng = np.random.default_rng(17)
    with zipfile.ZipFile(io.BytesIO(model_bytes)) as source:
        good = {name: source.read(name) for name in source.namelist()}
    keys = ("arch", "noise", "seed", "lr", "epochs", "test_fraction", "dropout", "model")
    path = tmp_path / "crafted.npz"
    for _ in range(CRAFTED_ROUNDS):
        members = dict(good)
        kind = int(rng.integers(4))
        if kind == 0:
            entry = str(rng.choice(["config", "optimizer_settings"]))
            text = f'{{"{rng.choice(keys)}": {crafted_text(rng)}}}'
            members[f"{entry}.npy"] = npy(np.str_(text))
        elif kind == 1:
            entry = str(rng.choice(["dataset", "optimizer", "activation", "kind"]))
            members[f"{entry}.npy"] = npy(np.str_("a\ud800b"))
        elif kind == 2:
            entry = str(rng.choice(["theta", "history", "test_history", "config", "encoder"]))
            shape = tuple(int(v) for v in rng.integers(1, 2**40, int(rng.integers(1, 4))))
            members[f"{entry}.npy"] = npy_header(shape, str(rng.choice(["<f8", "<i8", "<U9"])))
        else:
            members.update({f"extra{i}.npy": b"" for i in range(int(rng.integers(60, 400)))})
        with zipfile.ZipFile(path, "w") as target:
            for name, data in members.items():
                target.writestr(name, data)
        try:
            model, metadata = load_model(path)
        except ModelFileError as exc:
            assert "\n" not in str(exc) and len(str(exc)) < 300, str(exc)[:300]
        else:
            assert kind in (0, 2) and np.all(np.isfinite(model.theta))  # a harmless value
            TrainConfig.from_dict(metadata["config"]).validate_settings()


def test_crafted_glyph_sets_are_refused(tmp_path):
    """Seeded crafted glyph-set documents: a hostile value in a random field; each is
    one GlyphSetError line."""
    rng = np.random.default_rng(23)
    path = tmp_path / "crafted.json"
    template = '{"name": %s, "width": %s, "height": 1, "glyphs": [{"label": %s, "pixels": [[%s]]}]}'
    for _ in range(CRAFTED_ROUNDS):
        fields = ['"n"', "1", '"a"', "1"]
        fields[int(rng.integers(4))] = crafted_text(rng)
        path.write_text(template % tuple(fields))
        try:
            glyphs = load_glyph_set(path)
        except GlyphSetError as exc:
            assert "\n" not in str(exc) and len(str(exc)) < 300, str(exc)[:300]
        else:
            assert len(glyphs) == 1 and np.all((glyphs.pixels >= 0) & (glyphs.pixels <= 1))


def npy(array) -> bytes:
    buffer = io.BytesIO()
    np.lib.format.write_array(buffer, np.asanyarray(array), allow_pickle=False)
    return buffer.getvalue()


def npy_header(shape, descr: str) -> bytes:
    buffer = io.BytesIO()
    np.lib.format.write_array_header_1_0(
        buffer, {"descr": descr, "fortran_order": False, "shape": shape}
    )
    return buffer.getvalue()
