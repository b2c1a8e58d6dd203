"""Training keeps one copy of large data: float32 rows stay float32, the batch plan's
targets are the data itself, and error counts are computed in blocks of rows."""

import numpy as np

from ae_desktop.data import bundled_font
from ae_desktop.engine import TrainConfig, TrainingRun, training
from ae_desktop.engine.metrics import wrong_pixels


def test_float32_data_is_trained_without_copies():
    data = np.random.default_rng(0).random((50, 35)).astype(np.float32)
    config = TrainConfig(
        arch="35-8-2", epochs=2, batch_size=10, precision="float32", target_errors=None
    )
    run = TrainingRun(config, data)
    assert run.data.dtype == np.float32 and np.shares_memory(run.data, data)
    stepper = training._GradientStepper(run.model, run.data, config, run.rng)
    assert np.shares_memory(stepper.plan.targets, data)
    report = list(run.reports())[-1]
    assert report.status == "done" and np.all(np.isfinite(run.model.theta))


def test_float64_data_stays_float64():
    data = bundled_font("font3").matrix()
    run = TrainingRun(TrainConfig(arch="35-8-2", epochs=1), data.astype(np.float16))
    assert run.data.dtype == np.float64
    assert TrainingRun(TrainConfig(arch="35-8-2", epochs=1), data).data.dtype == np.float64


def test_errors_in_blocks_equal_errors_at_once(monkeypatch):
    data = np.random.default_rng(1).random((23, 35))
    run = TrainingRun(TrainConfig(arch="35-8-2", epochs=1), data)
    at_once = wrong_pixels(run.model.reconstruct(data), data)
    monkeypatch.setattr(training, "ERROR_ROWS", 5)
    np.testing.assert_array_equal(run.errors(), at_once)
    assert at_once.sum() > 0


def test_target_check_in_blocks_matches_the_reconstruction():
    """The kernel's target check reads the glyphs in blocks of CHECK_ROWS rows (no
    transposed copy of the data) and finds the same worst glyph and margins as NumPy."""
    from ae_desktop.engine.compiled_evaluate import CHECK_ROWS, stop_check
    from ae_desktop.engine.metrics import pixel_margins

    data = np.random.default_rng(2).random((2 * CHECK_ROWS + 37, 35))
    for kind in ("ae", "vae"):
        run = TrainingRun(TrainConfig(model=kind, arch="35-8-2", epochs=1), data)
        arch, theta = run.model.arch, run.model.theta
        output = run.model.reconstruct(data)
        expected = wrong_pixels(output, data)
        errors, margins = np.zeros(len(data), dtype=np.int64), np.zeros(2)
        assert stop_check(theta, arch.layout.table, data, errors, margins) == expected.max()
        np.testing.assert_array_equal(errors, expected)
        np.testing.assert_allclose(margins, pixel_margins(output, data), atol=1e-12)
