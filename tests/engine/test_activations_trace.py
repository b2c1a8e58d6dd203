"""layer_activations: every layer's values for one input, against the engine's NumPy
reference forward pass (reference.py)."""

import numpy as np
import pytest

from ae_desktop.engine import Architecture, Autoencoder, layer_activations
from ae_desktop.engine.activations import activate
from ae_desktop.engine.reference import forward


@pytest.mark.parametrize(
    "text, kind, activation",
    [
        ("35-20-10-2", "ae", "tanh"),
        ("35-8-2", "dae", "relu"),
        ("35-12-3", "vae", "tanh"),
        ("784-256-2", "vae", "relu"),
        ("42-2", "ae", "sigmoid"),
    ],
)
def test_every_layer_matches_the_numpy_reference(text, kind, activation):
    arch = Architecture.parse(text, kind=kind, activation=activation)
    model = Autoencoder.initialize(arch, rng=np.random.default_rng(3))
    x = np.random.default_rng(4).random(arch.n_inputs)
    got = layer_activations(model, x)
    _, zs, out = forward(arch, model.theta, x[None, :])
    expected = [x] + [activate(code, z)[0] for code, z in zip(arch.activation_codes, zs)]
    assert [v.shape for v in got] == [v.shape for v in expected]
    for mine, theirs in zip(got, expected):
        np.testing.assert_allclose(mine, theirs, rtol=0, atol=1e-12)
    np.testing.assert_allclose(got[-1], out[0], rtol=0, atol=1e-12)
    np.testing.assert_allclose(got[-1], model.reconstruct(x)[0], rtol=0, atol=1e-12)
    if kind == "vae":  # the code layer: mean, then log-variance
        mean, log_var = model.encode_distribution(x)
        np.testing.assert_allclose(got[arch.n_encoder_layers], np.r_[mean[0], log_var[0]])


def test_an_input_of_the_wrong_size_is_refused():
    model = Autoencoder.initialize(Architecture.parse("35-4-2"))
    with pytest.raises(ValueError, match="35 values"):
        layer_activations(model, np.zeros(34))
