"""Redrawing ambiguous noisy copies (TrainConfig.redraw_ambiguous, batch_plan.BatchPlan):
every training input has its own glyph as its first nearest clean glyph, reproducibly,
and the size limit holds (test_kernels_vs_reference runs the kernel on such a plan)."""

import numpy as np
import pytest

from ae_desktop.data import bundled_font
from ae_desktop.engine import ConfigError, TrainConfig
from ae_desktop.engine.batch_plan import BatchPlan
from ae_desktop.engine.config import REDRAW_MAX_GLYPHS
from ae_desktop.engine.denoising import nearest_glyphs

FONT = bundled_font("font1").matrix()


def plan(data, seed=0, **settings) -> BatchPlan:
    settings = {"redraw_ambiguous": True, **settings}
    config = TrainConfig(model="dae", noise="saltpepper:0.25", augment=4, **settings)
    return BatchPlan(data, config, config.architecture(data.shape[1]), np.random.default_rng(seed))


def unambiguous(plan_: BatchPlan, inputs: np.ndarray, own: np.ndarray) -> np.ndarray:
    """Per row: its first nearest glyph is ``own``, or it is its clean glyph."""
    first = nearest_glyphs(inputs, plan_.glyphs).argmax(axis=1)
    return (first == own) | (inputs == plan_.targets).all(axis=1)


def test_every_redrawn_row_is_nearest_its_own_glyph_or_clean():
    redrawing = plan(FONT)
    inputs = redrawing.draw(5)[0]
    own = np.tile(np.arange(len(FONT)), 4)
    assert all(unambiguous(redrawing, epoch, own).all() for epoch in inputs)
    assert (inputs != redrawing.targets).any(axis=2).mean() > 0.9  # noisy, mostly
    plain = plan(FONT, redraw_ambiguous=False)
    assert not plain.redraw
    assert not all(unambiguous(redrawing, epoch, own).all() for epoch in plain.draw(5)[0])


def test_a_repeated_glyph_counts_as_its_first_copy():
    data = np.vstack([FONT[:6], FONT[2:3]])  # glyph 6 is glyph 2 again
    redrawing = plan(data)
    own = np.tile([0, 1, 2, 3, 4, 5, 2], 4)
    assert all(unambiguous(redrawing, epoch, own).all() for epoch in redrawing.draw(5)[0])


def test_the_same_seed_draws_the_same_plan():
    first, again, other = (plan(FONT, seed).draw(3)[0] for seed in (7, 7, 8))
    np.testing.assert_array_equal(first, again)
    assert not np.array_equal(first, other)


def test_a_big_set_refuses_redraw_asked_for_and_goes_without_by_default():
    big = np.random.default_rng(0).integers(0, 2, (REDRAW_MAX_GLYPHS + 1, 35)).astype(float)
    with pytest.raises(ConfigError, match="at most 1,024 glyphs, this one has 1,025"):
        plan(big)
    assert not plan(big, redraw_ambiguous=None).redraw
    assert plan(big[:REDRAW_MAX_GLYPHS], redraw_ambiguous=None).redraw


def test_the_setting_needs_noise_and_a_bool():
    with pytest.raises(ConfigError, match="needs noise"):
        TrainConfig(redraw_ambiguous=True).validate_settings()
    TrainConfig(model="vae", noise="flip:2", redraw_ambiguous=True).validate_settings()
    assert not TrainConfig(redraw_ambiguous=None).redraw_used(10)  # no noise: off
    with pytest.raises(ConfigError, match="redraw_ambiguous must be true/false or none"):
        TrainConfig(model="dae", redraw_ambiguous="yes").validate_settings()
    TrainConfig(model="dae", redraw_ambiguous=np.bool_(True)).validate_settings()
    assert TrainConfig.from_dict({"model": "dae"}).redraw_ambiguous is False  # older files
