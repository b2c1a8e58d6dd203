"""Activation functions by name and code; NumPy reference versions and their derivatives."""

from __future__ import annotations

import numpy as np

ACTIVATIONS = ("linear", "sigmoid", "tanh", "relu", "leaky_relu")
LEAKY_SLOPE = 0.01
LINEAR, SIGMOID, TANH, RELU, LEAKY_RELU = range(5)


def activation_code(name: str) -> int:
    """Integer code of ``name`` (as the Numba kernels take it); accepts ``leaky-relu`` too."""
    return ACTIVATIONS.index(name.replace("-", "_"))


def sigmoid(z: np.ndarray) -> np.ndarray:
    """Overflow-free logistic function."""
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def activate(code: int, z: np.ndarray) -> np.ndarray:
    if code == SIGMOID:
        return sigmoid(z)
    if code == TANH:
        return np.tanh(z)
    if code == RELU:
        return np.maximum(z, 0.0)
    if code == LEAKY_RELU:
        return np.where(z > 0, z, LEAKY_SLOPE * z)
    return z.copy()


def derivative_from_output(code: int, a: np.ndarray) -> np.ndarray:
    """f'(z) written in terms of a = f(z) (every activation here allows it)."""
    if code == SIGMOID:
        return a * (1.0 - a)
    if code == TANH:
        return 1.0 - a * a
    if code == RELU:
        return (a > 0).astype(a.dtype)
    if code == LEAKY_RELU:
        return np.where(a > 0, 1.0, LEAKY_SLOPE)
    return np.ones_like(a)
