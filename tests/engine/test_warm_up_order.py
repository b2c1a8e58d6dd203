"""The warm-up's order: the default configuration's training kernels first, then the
Network dock's per-layer activations of that model, before any other kernel; the
install step's (``big_sets``) adds an image set's float32 kernels last."""

import numpy as np
import pytest

from ae_desktop.engine import TrainConfig
from ae_desktop.engine import warm_up as warmup_module
from ae_desktop.engine.compute_threads import has_wide_product


def record_warm_up(monkeypatch, big_sets: bool) -> list:
    calls: list = []

    class RecordingRun:
        def __init__(self, config, data):
            calls.append(("train", config))
            self.model = self

        def reports(self):
            return iter(())

        def decode(self, points, precision):
            calls.append(("decode", precision))

    def activations(model, x):
        calls.append(("activations", np.shape(x)))

    monkeypatch.setattr(warmup_module, "TrainingRun", RecordingRun)
    monkeypatch.setattr(warmup_module, "layer_activations", activations)
    warmup_module.warm_up_kernels(big_sets)
    return calls


@pytest.mark.parametrize("big_sets", [False, True])
def test_default_training_then_the_network_view_come_first(monkeypatch, big_sets):
    calls = record_warm_up(monkeypatch, big_sets)
    default = TrainConfig()
    kind, first = calls[0]
    assert kind == "train"
    assert (first.model, first.optimizer, first.precision, first.test_fraction) == (
        default.model,
        default.optimizer,
        default.precision,
        default.test_fraction,
    )
    assert calls[1] == ("activations", (35,))
    assert [kind for kind, _ in calls].count("activations") == 1


def test_the_install_step_adds_an_image_sets_threaded_float32_kernels(monkeypatch):
    window, install = (record_warm_up(monkeypatch, big) for big in (False, True))
    assert install[: len(window)] == window
    (kind, last), *_ = install[len(window) :]
    assert kind == "train" and last.precision == "float32" and last.model == "vae"
    assert has_wide_product(last.architecture(100).layout.table)
    assert not any(config.precision == "float32" for kind, config in window if kind == "train")
