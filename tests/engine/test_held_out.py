"""The held-out test split: drawn from the seed, never trained on, its loss compiled and
equal to the NumPy reference, recorded at reports and saved with the model."""

import io
import math
import threading

import numpy as np
import pytest

from ae_desktop.data import bundled_font
from ae_desktop.engine import ConfigError, TrainConfig, TrainingRun, wrong_pixels
from ae_desktop.engine.compiled_evaluate import BLOCK_ROWS
from ae_desktop.engine.held_out import HeldOutSet
from ae_desktop.engine.losses import loss_code
from ae_desktop.engine.model import Autoencoder
from ae_desktop.engine.persistence import ModelFileError, load_model, save_model
from ae_desktop.engine.reference import held_out_loss

FONT3 = bundled_font("font3").matrix()


def test_same_seed_same_split_other_seed_other_split():
    config = TrainConfig(test_fraction=0.2, seed=3)
    a, b = TrainingRun(config, FONT3), TrainingRun(config, FONT3)
    np.testing.assert_array_equal(a.test_indices, b.test_indices)
    assert len(a.test_indices) == math.ceil(0.2 * 32) == 7
    assert sorted([*a.train_indices, *a.test_indices]) == list(range(32))
    np.testing.assert_array_equal(a.data, FONT3[a.train_indices])
    other = TrainingRun(TrainConfig(test_fraction=0.2, seed=4), FONT3)
    assert not np.array_equal(other.test_indices, a.test_indices)


def test_no_split_by_default_and_runs_unchanged():
    run = TrainingRun(TrainConfig(seed=3), FONT3)
    assert len(run.test_indices) == 0 and len(run.data) == 32
    report = list(run.reports(report_every=50))[-1]
    assert math.isnan(report.test_loss) and report.n_test == 0
    assert run.test_history.shape == (0, 2)


def test_test_rows_never_reach_training():
    """Flipping every held-out pixel changes the test loss but not one training number."""
    config = TrainConfig(test_fraction=0.25, epochs=200, batch_size=8, seed=2, target_errors=None)
    a = TrainingRun(config, FONT3)
    other = FONT3.copy()
    other[a.test_indices] = 1.0 - other[a.test_indices]
    b = TrainingRun(config, other)
    ra, rb = list(a.reports(report_every=100))[-1], list(b.reports(report_every=100))[-1]
    np.testing.assert_array_equal(a.model.theta, b.model.theta)
    np.testing.assert_array_equal(a.history, b.history)
    assert ra.test_loss != rb.test_loss
    assert ra.n_glyphs == 24 and ra.n_test == 8


@pytest.mark.parametrize("value", [-0.1, 1.0, 1.5, float("nan"), True, "0.2"])
def test_bad_fraction_is_refused_by_name(value):
    with pytest.raises(ConfigError, match=f"test[ _]fraction .*got {value!r}"):
        TrainConfig(test_fraction=value).validate_settings()


def test_fraction_that_leaves_no_training_row():
    with pytest.raises(ConfigError, match="test fraction of 0.99 of 32 glyphs leaves no glyph"):
        TrainingRun(TrainConfig(test_fraction=0.99), FONT3)


CASES = [
    TrainConfig(loss="bce"),  # sigmoid output: BCE from the logits
    TrainConfig(loss="mse", activation="relu", arch="35-20-10-2"),
    TrainConfig(loss="bce", output_activation="tanh", activation="leaky_relu"),
    TrainConfig(loss="mse", output_activation="linear", arch="35-2", decoder="2-35"),
    TrainConfig(model="dae", arch="35-16-2", decoder="2-8-16-35"),
    TrainConfig(model="vae", arch="35-16-3", beta=0.5),
    TrainConfig(model="vae", arch="35-2", decoder="2-35", loss="mse", beta=2.0),
]


@pytest.mark.parametrize(
    "config", CASES, ids=lambda c: f"{c.model}-{c.arch}-{c.loss}-{c.output_activation}"
)
def test_compiled_test_loss_matches_reference(config):
    arch = config.architecture(35)
    theta = Autoencoder.initialize(arch, "he", np.random.default_rng(1)).theta
    rng = np.random.default_rng(0)
    x = np.vstack([FONT3, rng.random((2 * BLOCK_ROWS + 17, 35))])  # several row blocks
    held_out = HeldOutSet(x, arch, config.loss, config.beta)
    parts = held_out.evaluate(theta)
    expected = held_out_loss(arch, theta, x, loss_code(config.loss), config.beta)
    np.testing.assert_allclose(parts, expected, rtol=1e-9, atol=1e-12)
    assert (parts[2] > 0) == (config.model == "vae")
    model = Autoencoder(arch, theta)
    np.testing.assert_array_equal(held_out.errors, wrong_pixels(model.reconstruct(x), x))


def test_float32_test_loss_is_close():
    config = TrainConfig(model="vae", arch="35-16-2")
    arch = config.architecture(35)
    theta = Autoencoder.initialize(arch, "glorot", np.random.default_rng(1)).theta
    exact = HeldOutSet(FONT3, arch, "bce", 1.0).evaluate(theta)
    single = HeldOutSet(FONT3, arch, "bce", 1.0, "float32").evaluate(theta)
    np.testing.assert_allclose(single, exact, rtol=1e-5)


@pytest.mark.parametrize("model", ["ae", "dae", "vae"])
def test_run_records_test_loss_at_each_report(model):
    config = TrainConfig(
        model=model,
        arch="35-20-2",
        test_fraction=0.25,
        epochs=300,
        batch_size=8,
        seed=1,
        target_errors=None,
    )
    run = TrainingRun(config, FONT3)
    reports = list(run.reports(report_every=100))
    assert run.test_history[:, 0].tolist() == [100, 200, 300]
    assert [len(r.new_test_losses) for r in reports] == [1, 1, 1]
    final = reports[-1]
    test_rows = FONT3[run.test_indices]  # clean inputs, clean targets (also for a DAE)
    expected = held_out_loss(run.model.arch, run.model.theta, test_rows, loss_code("bce"))
    assert final.test_loss == run.test_history[-1, 1]
    assert final.test_loss == pytest.approx(expected[0], rel=1e-9)
    errors = wrong_pixels(run.model.reconstruct(test_rows), test_rows)
    np.testing.assert_array_equal(final.test_errors_per_glyph, errors)
    assert final.test_learned == np.count_nonzero(errors <= 1)


def test_timed_reports_end_with_a_test_loss():
    run = TrainingRun(TrainConfig(test_fraction=0.2, epochs=2000, target_errors=None), FONT3)
    reports = list(run.reports(report_seconds=0.002))
    history = run.test_history
    assert history[-1, 0] == 2000 and len(history) >= 2
    assert np.all(np.diff(history[:, 0]) > 0)
    assert sum(len(r.new_test_losses) for r in reports) == len(history)
    assert np.all(np.isfinite(history[:, 1]))


def test_cancelled_run_still_records_test_loss():
    cancel = threading.Event()
    run = TrainingRun(TrainConfig(test_fraction=0.2, epochs=10_000, target_errors=None), FONT3)
    for report in run.reports(cancel, report_every=10):  # noqa: B007 (the last one is read below)
        cancel.set()
    assert report.status == "cancelled"
    assert run.test_history[:, 0].tolist() == [10]  # the cancel report adds no duplicate
    assert report.test_loss == run.test_history[-1, 1]


def test_test_history_saved_and_loaded(tmp_path):
    config = TrainConfig(test_fraction=0.2, epochs=200, target_errors=None)
    run = TrainingRun(config, FONT3)
    list(run.reports(report_every=50))
    path = tmp_path / "m.npz"
    save_model(
        path,
        run.model,
        {"history": run.history, "test_history": run.test_history, "config": config.to_dict()},
    )
    _, meta = load_model(path)
    np.testing.assert_array_equal(meta["test_history"], run.test_history)
    assert meta["test_history"].shape == (4, 2)
    assert meta["config"]["test_fraction"] == 0.2


def test_older_file_without_test_history_loads(tmp_path):
    run = TrainingRun(TrainConfig(epochs=10, target_errors=None), FONT3)
    list(run.reports())
    path = tmp_path / "m.npz"
    save_model(path, run.model, {"history": run.history})
    with np.load(path) as npz:  # rewrite the file as an older version wrote it
        arrays = {k: npz[k] for k in npz.files if k != "test_history"}
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)
    path.write_bytes(buffer.getvalue())
    model, meta = load_model(path)
    assert meta["test_history"].shape == (0, 2)
    np.testing.assert_array_equal(model.theta, run.model.theta)


def test_bad_test_history_is_refused(tmp_path):
    run = TrainingRun(TrainConfig(epochs=10, target_errors=None), FONT3)
    path = tmp_path / "m.npz"
    save_model(path, run.model, {})
    with np.load(path) as npz:
        arrays = {k: npz[k] for k in npz.files}
    arrays["test_history"] = np.zeros((3, 5))
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)
    path.write_bytes(buffer.getvalue())
    with pytest.raises(ModelFileError, match="test_history must be a float \\(k, 2\\) array"):
        load_model(path)
    with pytest.raises(ValueError, match="test_history must have shape"):
        save_model(path, run.model, {"test_history": np.zeros(4)})


def test_a_continued_run_carries_the_earlier_curves_on():
    """The engine keeps the history of a continued run (the window no longer stitches)."""
    config = TrainConfig(arch="35-8-2", epochs=30, target_errors=None, test_fraction=0.25)
    first = TrainingRun(config, FONT3)
    for _ in first.reports(report_seconds=0):
        pass
    again = TrainingRun(config, FONT3, first.model, first.history, first.test_history)
    reports = list(again.reports(report_seconds=0))
    assert len(again.history) == 60
    np.testing.assert_array_equal(again.history[:30], first.history)
    test = again.test_history
    np.testing.assert_array_equal(test[: len(first.test_history)], first.test_history)
    later = test[len(first.test_history) :]
    assert len(later) and (later[:, 0] > 30).all() and later[-1, 0] == 60
    reported = np.concatenate([r.new_test_losses for r in reports])
    np.testing.assert_array_equal(reported, later)  # reports count epochs on as well
    with pytest.raises(ConfigError, match="earlier histories"):
        TrainingRun(config, FONT3, first.model, np.zeros(3))
