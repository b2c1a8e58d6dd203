"""The compiled forward pass (per row, in row blocks) agrees with plain NumPy on every path."""

import numpy as np
import pytest

from ae_desktop.engine.activations import activate
from ae_desktop.engine.architecture import Architecture
from ae_desktop.engine.compiled_forward import BLOCK
from ae_desktop.engine.latent import decode_grid, grid_points
from ae_desktop.engine.model import FEW_ROWS, Autoencoder
from ae_desktop.engine.reference import forward

TOLERANCE = {"float64": 1e-12, "float32": 1e-5}
ARCHITECTURES = {
    "W1": dict(encoder="35-20-10-5-2", activation="tanh"),
    "odd widths, relu": dict(encoder="35-13-7-2", decoder="2-9-35", activation="relu"),
    "leaky relu, linear output": dict(
        encoder="35-6-3", activation="leaky_relu", output_activation="linear"
    ),
    "vae": dict(encoder="35-11-2", kind="vae", activation="tanh"),
}
ROW_COUNTS = [1, FEW_ROWS - 1, FEW_ROWS, FEW_ROWS + 1, BLOCK - 1, BLOCK + 5, 3 * BLOCK]


def make_model(encoder, seed=0, **kwargs) -> Autoencoder:
    arch = Architecture.parse(encoder, kwargs.pop("decoder", None), **kwargs)
    return Autoencoder.initialize(arch, "normal:0.7", np.random.default_rng(seed))


def numpy_layers(model: Autoencoder, x: np.ndarray, decoder: bool) -> np.ndarray:
    arch = model.arch
    n_enc = arch.n_encoder_layers
    layers = list(zip(arch.unflatten(model.theta), arch.activation_codes))
    for (w, b), code in layers[n_enc:] if decoder else layers[:n_enc]:
        x = activate(code, x @ w + b)
    return x


@pytest.mark.parametrize("name", ARCHITECTURES)
@pytest.mark.parametrize("rows", ROW_COUNTS)
@pytest.mark.parametrize("precision", ["float64", "float32"])
def test_decode_matches_numpy(name, rows, precision):
    model = make_model(**ARCHITECTURES[name])
    z = np.random.default_rng(rows).normal(0, 2, (rows, model.arch.latent_dim))
    out = model.decode(z, precision)
    assert out.shape == (rows, model.arch.n_inputs) and out.dtype == np.dtype(precision)
    np.testing.assert_allclose(
        out, numpy_layers(model, z, decoder=True), rtol=0, atol=TOLERANCE[precision]
    )


@pytest.mark.parametrize("name", ARCHITECTURES)
@pytest.mark.parametrize("rows", [1, FEW_ROWS + 1, BLOCK + 5])
def test_encode_and_reconstruct_match_the_reference(name, rows):
    model = make_model(**ARCHITECTURES[name])
    x = np.random.default_rng(rows).random((rows, model.arch.n_inputs))
    mean, log_var = model.encode_distribution(x)
    h = numpy_layers(model, x, decoder=False)
    d = model.arch.latent_dim
    np.testing.assert_allclose(mean, h[:, :d], rtol=0, atol=1e-12)
    if model.arch.kind == "vae":
        np.testing.assert_allclose(log_var, h[:, d:], rtol=0, atol=1e-12)
    np.testing.assert_allclose(
        model.reconstruct(x), forward(model.arch, model.theta, x)[2], rtol=0, atol=1e-12
    )


@pytest.mark.parametrize("precision", ["float64", "float32"])
def test_latent_grid_matches_numpy(precision):
    model = make_model(**ARCHITECTURES["W1"])
    images = decode_grid(model, (-2, 3), (-1, 1), nx=64, ny=48, precision=precision)
    expected = numpy_layers(model, grid_points((-2, 3), (-1, 1), 64, 48).reshape(-1, 2), True)
    assert images.shape == (48, 64, 35)
    np.testing.assert_allclose(images.reshape(-1, 35), expected, rtol=0, atol=TOLERANCE[precision])


def test_rows_do_not_leak_into_the_next_block():
    """An overflowing row leaves inf in the buffers; the next block's rows stay exact."""
    model = make_model("35-6-6-2", activation="linear")
    normal = np.random.default_rng(0).normal(size=(20, 2))
    poison = np.full((BLOCK, 2), 1e308)
    (w0, b0), (w1, b1) = model.arch.unflatten(model.theta)[3:5]
    with np.errstate(over="ignore", invalid="ignore"):
        assert not np.isfinite((poison[:1] @ w0 + b0) @ w1 + b1).all()
    out = model.decode(np.vstack([poison, normal]))
    assert np.isfinite(out[BLOCK:]).all()
    np.testing.assert_allclose(out[BLOCK:], numpy_layers(model, normal, True), atol=1e-12)


def test_float32_decoding_uses_the_current_weights():
    """Weights change in place while training: each float32 decode sees the new ones."""
    model = make_model(**ARCHITECTURES["W1"])
    z = np.zeros((FEW_ROWS, 2))  # the block kernel, on a float32 copy of the weights
    before = model.decode(z, "float32")
    model.theta[-35:] += 1.0  # the output biases
    after = model.decode(z, "float32")
    np.testing.assert_allclose(after, numpy_layers(model, z, True), atol=1e-5)
    assert np.abs(after - before).min() > 0.01


def test_decoded_points_are_independent_arrays():
    model = make_model(**ARCHITECTURES["W1"])
    first = model.decode([0.1, 0.2])
    kept = first.copy()
    model.decode([-3.0, 2.0])
    assert np.array_equal(first, kept)
