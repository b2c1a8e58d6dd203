"""Saves are atomic: killing the saving process at any moment leaves a valid file."""

import signal
import subprocess
import sys
import time

import numpy as np

from ae_desktop.data import bundled_font, load_glyph_set, save_glyph_set
from ae_desktop.data.atomic import TEMP_PREFIX

SAVER = """
import sys
import numpy as np
from ae_desktop.data import GlyphSet, save_glyph_set
path = sys.argv[1]
print("ready", flush=True)
i = 0
while True:
    i += 1
    pixels = np.full((400, 16, 16), i % 2, dtype=float)
    save_glyph_set(GlyphSet(f"v{i % 2}", 16, 16, [str(k) for k in range(400)], pixels), path)
"""


def test_killed_saves_leave_an_old_or_new_file(tmp_path):
    path = tmp_path / "set.json"
    save_glyph_set(bundled_font("font1"), path)
    for attempt in range(4):
        child = subprocess.Popen([sys.executable, "-c", SAVER, str(path)],
                                 stdout=subprocess.PIPE, text=True)
        assert child.stdout.readline().strip() == "ready"
        time.sleep(0.2 + 0.13 * attempt)
        child.send_signal(signal.SIGKILL)
        child.wait()
        child.stdout.close()
        glyphs = load_glyph_set(path)  # never a partial file
        assert glyphs.name in ("font1", "v0", "v1")
        if glyphs.name != "font1":
            assert np.all(glyphs.pixels == int(glyphs.name[1]))
    save_glyph_set(bundled_font("font2"), path)
    # a killed save leaves at most its own temporary; no save deletes another's file
    assert all(p.name == "set.json" or p.name.startswith(TEMP_PREFIX)
               for p in tmp_path.iterdir())
