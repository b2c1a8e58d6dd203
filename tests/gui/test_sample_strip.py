"""The Sample strip: a click shows N generated glyphs (the CLI's draws for the seed),
marks their codes on the plane, and Keep adds the selected one to the glyph set."""

import numpy as np
from PySide6.QtCore import Qt

from ae_desktop.engine import latent_gaussian, sample_glyphs


def test_sample_then_keep_one_into_the_set(window, qtbot, train):
    train(arch="35-10-2", epochs=100, target_errors=None)
    strip, model = window.samples, window.session.model
    assert strip.sample_button.isEnabled() and not strip.keep_button.isEnabled()
    strip.count.setValue(5)
    strip.seed.setValue(3)
    qtbot.mouseClick(strip.sample_button, Qt.LeftButton)
    glyphs = window.document.glyphs
    codes, images = sample_glyphs(model, latent_gaussian(model, glyphs.matrix()), 5, seed=3)
    np.testing.assert_allclose(strip.codes, codes)
    np.testing.assert_allclose(strip.images, images.reshape(5, 7, 5))
    assert strip.strip.count() == 5 and strip.seed.value() == 4  # the next click: new ones
    assert "fitted to the training codes" in strip.note.text() and "seed 3" in strip.note.text()
    x, y = strip.marks.getData()
    np.testing.assert_allclose(np.c_[x, y], codes)  # marked on the latent plane
    assert strip.marks in window.latent_canvas.plot.items

    n = len(glyphs)
    qtbot.mouseClick(strip.strip.itemAt(2).widget(), Qt.LeftButton)
    assert strip.selected == 2 and strip.keep_button.isEnabled()
    np.testing.assert_allclose(window.latent_canvas.picked_z, codes[2])  # shown on the plane
    qtbot.mouseClick(strip.keep_button, Qt.LeftButton)  # no label yet: nothing kept
    assert len(window.document.glyphs) == n
    qtbot.keyClicks(strip.label_edit, "gen")
    qtbot.keyClick(strip.label_edit, Qt.Key_Return)
    glyphs = window.document.glyphs
    assert len(glyphs) == n + 1 and glyphs.labels[-1] == "gen"
    np.testing.assert_array_equal(glyphs.pixels[-1], images[2].reshape(7, 5) >= 0.5)
    assert window.document.modified and window.glyph_grid.count() == n + 1
    assert strip.strip.count() == 5 and strip.selected == 2  # keep another one
    np.testing.assert_allclose(strip.codes, codes)


def test_vae_samples_its_prior_and_no_model_disables_sampling(window, qtbot, train):
    assert not window.samples.sample_button.isEnabled()
    train(model="vae", arch="35-10-2", epochs=50, target_errors=None)
    strip = window.samples
    qtbot.mouseClick(strip.sample_button, Qt.LeftButton)
    np.testing.assert_array_equal(
        strip.codes, np.random.default_rng(0).standard_normal((strip.count.value(), 2))
    )
    assert "prior N(0, I)" in strip.note.text()
    window.session.clear()
    assert not strip.sample_button.isEnabled() and strip.strip.count() == 0
    assert len(strip.marks.getData()[0]) == 0
