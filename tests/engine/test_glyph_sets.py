"""Bundled fonts and the glyph-set JSON format: round trip and validation messages."""

import json
import re

import numpy as np
import pytest

from ae_desktop.data import (
    FONT_NAMES,
    GlyphSet,
    GlyphSetError,
    bundled_font,
    load_glyph_set,
    resolve_dataset,
    save_glyph_set,
)
from ae_desktop.data.fonts import rows_to_pixels


def test_bundled_fonts_have_32_distinct_binary_glyphs():
    for name in FONT_NAMES:
        font = bundled_font(name)
        assert (len(font), font.height, font.width) == (32, 7, 5)
        matrix = font.matrix()
        assert set(np.unique(matrix)) <= {0.0, 1.0}
        assert len({row.tobytes() for row in matrix}) == 32


def test_rows_are_msb_leftmost():
    # report 000: 0x61 'a' = [0x00, 0x0e, 0x01, 0x0d, 0x13, 0x13, 0x0d]
    a = bundled_font("font3").pixels[bundled_font("font3").index_of("a")]
    np.testing.assert_array_equal(a, rows_to_pixels([0x00, 0x0E, 0x01, 0x0D, 0x13, 0x13, 0x0D]))
    assert rows_to_pixels([0x10])[0].tolist() == [1, 0, 0, 0, 0]


def test_save_and_load_round_trip_with_grey_values(tmp_path):
    pixels = np.zeros((2, 3, 2))
    pixels[0, 1, 1] = 0.25
    pixels[1] = 1.0
    glyphs = GlyphSet("grey", 2, 3, ["x", "ñ"], pixels)
    path = tmp_path / "set.json"
    save_glyph_set(glyphs, path)
    loaded = load_glyph_set(path)
    assert loaded.labels == ["x", "ñ"] and loaded.name == "grey"
    np.testing.assert_array_equal(loaded.pixels, pixels)
    assert resolve_dataset(str(path)).labels == ["x", "ñ"]


def document(**changes):
    doc = {
        "name": "t",
        "width": 2,
        "height": 2,
        "glyphs": [
            {"label": "a", "pixels": [[0, 1], [1, 0]]},
            {"label": "b", "pixels": [[0, 1], [1, 0]]},
        ],
    }
    doc.update(changes)
    return doc


@pytest.mark.parametrize(
    "doc,message",
    [
        (document(width=0), "'width' must be an integer"),
        (document(glyphs={}), "'glyphs' must be a list"),
        ({"name": "t"}, "missing key 'width'"),
        (
            document(
                glyphs=[
                    {"label": "a", "pixels": [[0, 1], [1, 0]]},
                    {"label": "b", "pixels": [[0, 1]]},
                ]
            ),
            "glyph 1 ('b'): 'pixels' must be 2 rows",
        ),
        (
            document(glyphs=[{"label": "a", "pixels": [[0, 2], [1, 0]]}]),
            "glyph 0 ('a'): row 0 has value 2",
        ),
        (
            document(glyphs=[{"label": "a", "pixels": [[0, 1, 1], [1, 0]]}]),
            "row 0 must have 2 values",
        ),
        (
            document(glyphs=[{"label": 5, "pixels": [[0, 1], [1, 0]]}]),
            "glyph 0: 'label' must be a string",
        ),
        ([1, 2], "must be a JSON object"),
    ],
)
def test_bad_files_name_the_first_problem(tmp_path, doc, message):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(doc))
    with pytest.raises(GlyphSetError, match=re.escape(message)):
        load_glyph_set(path)


def test_unreadable_and_unknown_datasets(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text("{not json")
    with pytest.raises(GlyphSetError, match="not valid JSON"):
        load_glyph_set(path)
    with pytest.raises(GlyphSetError, match="unknown dataset 'font9'"):
        resolve_dataset("font9")
    with pytest.raises(GlyphSetError, match="not found"):
        resolve_dataset(str(tmp_path / "missing.json"))


def test_saved_file_has_a_glyph_per_line_ints_for_binary_and_6_decimals_for_grey(tmp_path):
    grey = np.full((7, 5), 1 / 3)
    glyphs = GlyphSet("mixed", 5, 7, ["bin", "grey"], np.stack([np.eye(7, 5), grey]))
    save_glyph_set(glyphs, tmp_path / "m.json")
    lines = (tmp_path / "m.json").read_text().splitlines()
    assert len(lines) == 4 and lines[1].startswith('  {"label": "bin"')
    document = json.loads("\n".join(lines))
    assert document["glyphs"][0]["pixels"][0] == [1, 0, 0, 0, 0]
    assert all(type(v) is int for row in document["glyphs"][0]["pixels"] for v in row)
    assert document["glyphs"][1]["pixels"][0][0] == 0.333333
    np.testing.assert_allclose(load_glyph_set(tmp_path / "m.json").pixels, glyphs.pixels, atol=1e-6)
