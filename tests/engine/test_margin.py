"""The stop rule's margin: with a target, training also waits until every right output
pixel is ``target_margin`` from the threshold; the compiled check agrees with NumPy."""

import numpy as np
import pytest

from ae_desktop.data import bundled_font
from ae_desktop.data.circles import circles
from ae_desktop.engine import TrainConfig, TrainingRun, train
from ae_desktop.engine.compiled_evaluate import stop_check
from ae_desktop.engine.metrics import pixel_margins, wrong_pixels
from ae_desktop.engine.model import Autoencoder
from ae_desktop.engine.model_metadata import model_metadata
from ae_desktop.engine.persistence import load_model, save_model
from ae_desktop.engine.train_records import StopRule

FONT1 = bundled_font("font1").matrix()


def test_min_margin_is_signed_by_correctness():
    target = np.array([[1.0, 0.0, 1.0, 0.0]])
    assert pixel_margins(np.array([[0.9, 0.2, 0.7, 0.05]]), target) == pytest.approx((0.2, 0.2))
    # 0.4 on a pixel that should be on: wrong by 0.1; the right pixels' least margin 0.3
    assert pixel_margins(np.array([[0.4, 0.2, 0.8, 0.1]]), target) == pytest.approx((-0.1, 0.3))
    assert pixel_margins(np.array([[0.9, 0.7, 0.8, 0.1]]), target) == pytest.approx((-0.2, 0.3))


def test_compiled_check_matches_numpy():
    config = TrainConfig(epochs=300, target_errors=None)
    model, _, _ = train(config, FONT1)
    arch = model.arch
    errors = np.zeros(len(FONT1), dtype=np.int64)
    margins = np.zeros(2)
    most = stop_check(model.theta, arch.layout.table, FONT1, errors, margins)
    output = model.reconstruct(FONT1)
    assert np.array_equal(errors, wrong_pixels(output, FONT1)) and most == errors.max()
    assert margins == pytest.approx(pixel_margins(output, FONT1), abs=1e-12)


@pytest.mark.parametrize("data", [FONT1, np.zeros_like(FONT1)], ids=["font1", "all off"])
def test_compiled_check_at_the_threshold(data):
    """Zero weights put every output exactly at the threshold (a sigmoid of 0): a pixel
    that should be off is wrong by a margin of 0, one that should be on right by 0;
    without right pixels the right margin stays at its start, as in NumPy."""
    model, _, _ = train(TrainConfig(epochs=1, target_errors=None), FONT1)
    model.theta[:] = 0.0
    errors, margins = np.zeros(len(data), dtype=np.int64), np.zeros(2)
    stop_check(model.theta, model.arch.layout.table, data, errors, margins)
    output = model.reconstruct(data)
    assert np.all(output == 0.5)
    assert np.array_equal(errors, wrong_pixels(output, data))
    assert tuple(margins) == pixel_margins(output, data) == (0.0, 0.0 if data.any() else 0.5)


@pytest.mark.parametrize("optimizer", ["adam", "lbfgs"])
def test_a_margin_stops_later_and_reaches_it(optimizer):
    epochs = 20_000 if optimizer == "adam" else 2000
    reports = {}
    for margin in (0.0, 0.25):
        _, reports[margin], _ = train(
            TrainConfig(
                arch="35-30-15-4", optimizer=optimizer, epochs=epochs, target_margin=margin
            ),
            FONT1,
        )
    edge, wide = reports[0.0], reports[0.25]
    assert edge.status == wide.status == "target_reached"
    assert wide.epoch > edge.epoch and wide.max_errors == 0
    assert wide.min_margin >= 0.25 > edge.min_margin >= 0
    assert wide.margin_reached and edge.margin_reached


def test_no_target_trains_every_epoch_whatever_the_margin():
    run = TrainingRun(TrainConfig(epochs=50, target_errors=None, target_margin=0.5), FONT1)
    *_, last = run.reports()
    assert last.status == "done" and last.epoch == 50 and not last.margin_reached
    assert last.min_margin == pytest.approx(pixel_margins(run.model.reconstruct(FONT1), FONT1)[0])


def test_stop_rule_reached():
    rule = StopRule.of(TrainConfig(target_errors=1, target_margin=0.2), FONT1)
    assert rule.reached(1, 0.2) and not rule.reached(2, 0.3) and not rule.reached(0, 0.1)
    assert not StopRule.of(TrainConfig(target_errors=None), FONT1).reached(0, 0.5)


def test_curve_sets_stop_without_a_margin():
    curves = circles().matrix()
    assert StopRule.of(TrainConfig(), curves).margin == 0 < StopRule.of(TrainConfig(), FONT1).margin
    edge, _, _ = train(TrainConfig(arch="42-10-2", target_margin=0.0), curves)
    default, report, _ = train(TrainConfig(arch="42-10-2"), curves)
    np.testing.assert_array_equal(edge.theta, default.theta)
    assert report.status == "target_reached"


def test_a_model_file_without_a_margin_gets_the_default(tmp_path):
    config = TrainConfig(arch="35-8-2")
    model = Autoencoder.initialize(config.architecture(35), "glorot", np.random.default_rng(0))
    metadata = model_metadata(config, np.zeros((0, 3)), np.zeros((0, 2)), "font1", (7, 5))
    del metadata["config"]["target_margin"]
    save_model(tmp_path / "old.npz", model, metadata)
    _, loaded = load_model(tmp_path / "old.npz")
    assert "target_margin" not in loaded["config"]
    assert TrainConfig.from_dict(loaded["config"]).target_margin == 0.25
