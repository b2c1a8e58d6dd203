"""Crafted hostile files (issue 17, reader side; issue 19 items 1, 2 and 6): bombs, huge
declared sizes, many members, deep nesting, huge integers, lone surrogates, wrong types
and non-regular files. Each is refused by its loader with one short line, or ignored
where nobody reads it; on the command line: exit 2, one line, no traceback, in bounded
memory (1.5 GiB address space) and time (60 s)."""

import gzip
import json
import os
import struct
import zlib

import numpy as np
import pytest

from ae_desktop.data import GlyphSetError, load_glyph_set, resolve_dataset
from ae_desktop.data.glyph_set_npz import load_glyph_set_npz
from ae_desktop.data.idx import load_idx_images
from ae_desktop.data.image_folder import load_image_folder
from ae_desktop.engine import ModelFileError, load_model
from ae_desktop.engine.noise import NoiseError, parse_noise

GIB = 1 << 30


def one_line(exc) -> str:
    text = str(exc.value)
    assert "\n" not in text and len(text) < 300, text[:500]
    return text


@pytest.fixture
def model(tmp_path, model_members, craft):
    """``model(**changes)``: a model file with members replaced (arrays or Bombs), added,
    or removed (None)."""

    def write(**changes):
        members = dict(model_members)
        for key, value in changes.items():
            members.pop(f"{key}.npy", None)
            if value is not None:
                raw = isinstance(value, (bytes, craft.Bomb))
                members[f"{key}.npy"] = value if raw else craft.npy_bytes(value)
        path = tmp_path / "m.npz"
        craft.write_zip(path, members)
        return path

    return write


@pytest.fixture
def tiny_set(tmp_path):
    path = tmp_path / "tiny.json"
    path.write_text(
        json.dumps(
            {
                "name": "t",
                "width": 2,
                "height": 2,
                "glyphs": [{"label": "x", "pixels": [[1, 0], [0, 1]]}],
            }
        )
    )
    return path


@pytest.fixture
def fifo(tmp_path):
    path = tmp_path / "x.png"
    os.mkfifo(path)
    return path


# --- model files ------------------------------------------------------------------------


def test_the_crafted_model_loads(model):
    loaded, metadata = load_model(model())
    assert loaded.arch.n_params == 22 and metadata["dataset"] == "tiny"


def test_theta_bomb_is_refused_from_its_header(model, fails_in_one_line, craft):
    path = model(theta=craft.Bomb((GIB // 4,)))  # 2 GiB of float64 from ~2 MB
    assert path.stat().st_size < 4 << 20
    with pytest.raises(ModelFileError, match="entry 'theta' declares 2.0 GiB of data, over"):
        load_model(path)
    assert "theta" in fails_in_one_line("decode", path, "--z", "0,0")


def test_stored_theta_declaring_gigabytes_is_refused(model, craft):
    path = model(theta=craft.npy_header((GIB // 4,), np.float64))
    with pytest.raises(ModelFileError, match="'theta' declares 2.0 GiB"):
        load_model(path)


def test_an_extra_bomb_nobody_reads_is_never_decompressed(model, cli, craft):
    path = model(junk=craft.Bomb((GIB // 4,)))
    assert load_model(path)[0].arch.n_params == 22
    status, err = cli("decode", path, "--z", "0,0")  # 2 GiB inflated would fail the limit
    assert (status, err) == (0, [])


def test_a_file_over_the_size_limit_is_refused_before_reading(tmp_path, fails_in_one_line):
    path = tmp_path / "huge.npz"
    with open(path, "wb") as handle:
        handle.write(b"PK")
        handle.truncate(3 * GIB)  # sparse
    assert "over the limit" in fails_in_one_line("decode", path, "--z", "0,0")


@pytest.mark.parametrize("count", [65, 5000])
def test_many_members_are_refused_from_the_directory(tmp_path, model_members, count, craft):
    members = dict(model_members)
    members.update({f"x{i}.npy": b"" for i in range(count)})
    path = tmp_path / "many.npz"
    craft.write_zip(path, members)
    with pytest.raises(
        ModelFileError, match=f"{count + len(model_members)} members .* over the limit of 64"
    ):
        load_model(path)


def test_forged_end_record_count_is_caught(tmp_path, model_members, craft):
    members = dict(model_members)
    members.update({f"x{i}.npy": b"" for i in range(100)})
    path = tmp_path / "forged.npz"
    craft.write_zip(path, members)
    payload = bytearray(path.read_bytes())
    payload[-12:-8] = struct.pack("<HH", 3, 3)  # the end record claims 3 members
    path.write_bytes(bytes(payload))
    with pytest.raises(ModelFileError):
        load_model(path)


@pytest.mark.parametrize("special", ["fifo", "/dev/zero"])
def test_non_regular_model_path_fails_at_once(tmp_path, fails_in_one_line, special):
    path = tmp_path / "m.npz"
    if special == "fifo":
        os.mkfifo(path)
    else:
        path = special
    assert "not a regular file" in fails_in_one_line("decode", path, "--z", "0,0")
    with pytest.raises(ModelFileError, match="not a regular file"):
        load_model(path)


@pytest.mark.parametrize(
    "config, message",
    [
        ({"arch": 123}, "arch must be text, got 123"),
        ({"noise": 5}, "noise must be text or none, got 5"),
        ({"seed": 2**70}, "seed must be a whole number from 0"),
        ({"lr": "fast"}, "lr must be a number"),
        ({"model": "dae", "noise": "flip:inf"}, "noise 'flip:inf': level must be a finite number"),
        ({"activation": ["x"] * 100_000}, "activation must be text, got a list of 100000 items"),
        ({"activation": ["x"] * 2_000_000}, "entry 'config' declares 38.1 MiB of data, over the"),
    ],
)
def test_stored_config_is_checked_like_the_flags(model, config, message):
    path = model(config=np.str_(json.dumps(config)))
    with pytest.raises(ModelFileError, match=message) as exc:
        load_model(path)
    one_line(exc)


@pytest.mark.parametrize(
    "key, text, message",
    [
        ("config", '{"test_fraction": Infinity}', "holds inf, not a finite number"),
        ("optimizer_settings", '{"lr": NaN}', "holds nan, not a finite number"),
        ("config", '{"seed": 1' + "0" * 5000 + "}", "more than 40 digits"),
        ("config", '{"a": ' + "[" * 100_000 + "]" * 100_000 + "}", "nested more than 64"),
        ("config", '{"dataset": "\\ud800"}', "lone surrogate"),
        ("config", "[1, 2]", "must be a JSON object"),
    ],
)
def test_stored_json_is_bounded(model, key, text, message):
    with pytest.raises(ModelFileError, match=message) as exc:
        load_model(model(**{key: np.str_(text)}))
    assert key in one_line(exc)


def test_a_lone_surrogate_in_stored_text_is_refused(model):
    with pytest.raises(ModelFileError, match="'dataset' holds a lone surrogate"):
        load_model(model(dataset=np.str_("\ud800")))


@pytest.mark.parametrize(
    "key, value, message",
    [
        ("test_history", np.array([[1e300, 0.5]]), "test_history epoch 1e.300 is not a whole"),
        ("test_history", np.array([[1.5, 0.5]]), "test_history epoch 1.5 is not a whole"),
        (
            "test_history",
            np.array([[1.0, np.nan]]),
            "test_history holds nan: values must be finite",
        ),
        ("history", np.array([[0.5, 0.5, -np.inf]]), "history holds -inf: values must be finite"),
    ],
)
def test_histories_must_be_finite_with_whole_epochs(model, key, value, message, fails_in_one_line):
    path = model(**{key: value})
    with pytest.raises(ModelFileError, match=message):
        load_model(path)
    if key == "test_history":
        assert key in fails_in_one_line("decode", path, "--z", "0,0")


def test_a_diverged_runs_huge_but_finite_losses_load(model):
    """The plots leave out what they cannot draw, with a note (tests/gui)."""
    _, metadata = load_model(model(history=np.array([[0.5, 0.5, 0.0], [2.5e142, 2.5e142, 0.0]])))
    assert metadata["history"][1, 0] == 2.5e142


def test_architecture_over_the_parameter_limit(model):
    path = model(encoder=np.array([100_000, 100_000, 2]), decoder=np.array([2, 100_000]))
    with pytest.raises(ModelFileError, match="parameters, over the limit of 134217728"):
        load_model(path)


# --- noise specs --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "spec",
    [
        "flip:inf",
        "flip:nan",
        "uniform:1e308",
        "gauss:-1",
        "saltpepper:2",
        "flip:1e9",
        "flip:" + "9" * 5000,
    ],
)
def test_noise_levels_are_finite_and_in_range(spec):
    with pytest.raises(NoiseError) as exc:
        parse_noise(spec)
    assert spec[:20] in one_line(exc)


def test_bad_noise_on_the_command_line(model, tiny_set, fails_in_one_line):
    line = fails_in_one_line("eval", model(), "--dataset", tiny_set, "--noise", "flip:inf")
    assert "flip:inf" in line


# --- glyph-set JSON -----------------------------------------------------------------------


def glyph_doc(**changes):
    doc = {"name": "n", "width": 1, "height": 1, "glyphs": [{"label": "a", "pixels": [[1]]}]}
    doc.update(changes)
    return doc


@pytest.mark.parametrize(
    "text, message",
    [
        (json.dumps(glyph_doc())[:-1] + ', "width": 1' + "0" * 5000 + "}", "more than 40 digits"),
        ('{"glyphs": [{"label": "a", "pixels": [[1' + "0" * 5000 + "]]}]}", "more than 40 digits"),
        ("[" * 100_000 + "]" * 100_000, "nested more than 64 levels"),
        (json.dumps(glyph_doc(name="\ud800")), "lone surrogate"),
        (json.dumps(glyph_doc(glyphs=[{"label": "\udfff", "pixels": [[1]]}])), "lone surrogate"),
        (
            json.dumps(glyph_doc(glyphs=[{"label": [0] * 2_000_000, "pixels": [[1]]}])),
            "'label' must be a string, got a list of 2000000 items",
        ),
        (json.dumps(glyph_doc(glyphs=[])), "no glyphs"),
    ],
)
def test_glyph_set_json_edge_cases(tmp_path, text, message):
    path = tmp_path / "set.json"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    with pytest.raises(GlyphSetError, match=message) as exc:
        load_glyph_set(path)
    one_line(exc)


def test_a_huge_glyph_set_is_refused_from_its_size(tmp_path, fails_in_one_line):
    path = tmp_path / "big.json"
    with open(path, "wb") as handle:
        handle.write(b'{"name": "')
        handle.truncate(300 << 20)  # sparse
    line = fails_in_one_line("train", "--dataset", path, "--epochs", "1")
    assert "over the limit of 256.0 MiB" in line


def test_zero_glyphs_on_the_command_line(model, tmp_path, fails_in_one_line):
    path = tmp_path / "empty.json"
    path.write_text(json.dumps(glyph_doc(width=2, height=2, glyphs=[])))
    assert "no glyphs" in fails_in_one_line("eval", model(), "--dataset", path)


@pytest.mark.parametrize("special", ["fifo", "/dev/zero"])
def test_non_regular_dataset_fails_at_once(fifo, fails_in_one_line, special):
    path = fifo if special == "fifo" else special
    assert "not a regular file" in fails_in_one_line("train", "--dataset", path)


def test_glyph_archive_with_huge_declared_pixels(tmp_path, craft):
    path = tmp_path / "set.npz"
    craft.write_zip(
        path,
        {
            "name.npy": craft.npy_bytes(np.str_("n")),
            "kind.npy": craft.npy_bytes(np.str_("pixels")),
            "labels.npy": craft.npy_bytes(np.array(["a"])),
            "pixels.npy": craft.Bomb((1, 2**16, 2**15)),
        },
    )  # 16 GiB
    with pytest.raises(GlyphSetError, match="'pixels' declares 16.0 GiB"):
        load_glyph_set_npz(path)


# --- IDX files ----------------------------------------------------------------------------


def idx_header(count, side=28) -> bytes:
    return struct.pack(">HBBIII", 0, 8, 3, count, side, side)


def test_idx_declaring_more_than_the_file_holds(tmp_path):
    path = tmp_path / "x-images-idx3-ubyte"
    path.write_bytes(idx_header(1000) + bytes(784))
    with pytest.raises(GlyphSetError, match="header promises 1000 items, the file holds 1"):
        load_idx_images(path)


def test_idx_declaring_huge_dimensions(tmp_path):
    path = tmp_path / "x-images-idx3-ubyte"
    path.write_bytes(struct.pack(">HBBIII", 0, 8, 3, 2**32 - 1, 2**31, 2**31))
    with pytest.raises(GlyphSetError, match="at most 64x64"):
        load_idx_images(path)


def test_gzip_bomb_after_the_items_is_refused(tmp_path, fails_in_one_line, craft):
    path = tmp_path / "x-images-idx3-ubyte.gz"
    stream = craft.deflated_zeros(idx_header(2) + bytes(2 * 784), 16)  # 256 MiB more
    path.write_bytes(b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff" + stream + bytes(8))
    with pytest.raises(GlyphSetError, match="holds more than its header declares"):
        load_idx_images(path)
    fails_in_one_line("train", "--dataset", path, "--arch", "784-2", "--epochs", "1")


def test_sound_gzip_idx_loads(tmp_path):
    path = tmp_path / "x-images-idx3-ubyte.gz"
    path.write_bytes(gzip.compress(idx_header(3, 4) + bytes(range(48))))
    assert load_idx_images(path).pixels.shape == (3, 4, 4)


def test_non_regular_idx_file(tmp_path):
    path = tmp_path / "x-images-idx3-ubyte"
    os.mkfifo(path)
    with pytest.raises(GlyphSetError, match="FIFO"):
        resolve_dataset(str(path))


# --- image folders ------------------------------------------------------------------------


def test_fifo_in_an_image_folder_is_skipped(tmp_path, fifo, caplog):
    from PySide6.QtGui import QImage

    image = QImage(3, 2, QImage.Format.Format_RGB32)
    image.fill(0)
    assert image.save(str(tmp_path / "a.png"))
    glyphs = load_image_folder(tmp_path)
    assert glyphs.labels == ["a"]
    assert "1 skipped as not regular files (x.png)" in caplog.text


def test_folder_of_only_a_fifo_fails_at_once(tmp_path, fifo, fails_in_one_line):
    assert "no images (.png, .jpg, .jpeg, .bmp, .gif); 1 skipped as not regular files (x.png)" in (
        fails_in_one_line("train", "--dataset", tmp_path)
    )


def test_absurd_ihdr_is_one_line_without_libpng_chatter(tmp_path, fails_in_one_line):
    body = struct.pack(">IIBBBBB", 2**31 - 1, 2**31 - 1, 8, 0, 0, 0, 0)
    chunk = struct.pack(">I", 13) + b"IHDR" + body + struct.pack(">I", zlib.crc32(b"IHDR" + body))
    folder = tmp_path / "images"
    folder.mkdir()
    (folder / "a.png").write_bytes(b"\x89PNG\r\n\x1a\n" + chunk + bytes(12))
    assert "at most 67108864 pixels" in fails_in_one_line("train", "--dataset", folder)
