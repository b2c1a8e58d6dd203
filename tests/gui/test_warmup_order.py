"""The warm-up's order: the default configuration's training kernels first, then the
Network dock's per-layer activations of that model, before any other kernel."""

import numpy as np

from ae_desktop.engine import TrainConfig
from ae_desktop.gui.training import warmup as warmup_module


def test_default_training_then_the_network_view_come_first(monkeypatch):
    calls = []

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
    warmup_module.warm_up_kernels()
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
