"""Session-wide setup: the app's Numba cache folder, before any test imports Numba, so that
kernels compiled here are the ones that spawned worker processes load. Also the seeded
file mutator that the reader fuzz tests share."""

import os

import ae_desktop.runtime_env  # noqa: F401 - sets NUMBA_CACHE_DIR as the app does

import numpy as np
import pytest

FUZZ_ROUNDS = int(os.environ.get("AE_DESKTOP_FUZZ_ROUNDS", "150"))


def _mutations(payload: bytes, rng: np.random.Generator):
    """Damaged variants of ``payload``: empty, repeated, random, then FUZZ_ROUNDS copies
    truncated, bit-flipped, overwritten by 16 random bytes or with a span cut out."""
    yield b""
    yield payload * 50
    yield bytes(rng.integers(0, 256, 2000, dtype=np.uint8))
    for _ in range(FUZZ_ROUNDS):
        data = bytearray(payload)
        kind = rng.integers(4)
        if kind == 0:
            data = data[: rng.integers(len(data))]
        elif kind == 1:
            for pos in rng.integers(0, len(data), rng.integers(1, 8)):
                data[pos] ^= 1 << int(rng.integers(8))
        elif kind == 2:
            start = int(rng.integers(len(data)))
            data[start : start + 16] = bytes(rng.integers(0, 256, 16, dtype=np.uint8))
        else:
            cut = int(rng.integers(len(data)))
            data = data[:cut] + data[cut + int(rng.integers(1, 64)) :]
        yield bytes(data)


@pytest.fixture
def fuzz_rounds() -> int:
    """Mutations per fuzzed file: 150, or AE_DESKTOP_FUZZ_ROUNDS for a long run."""
    return FUZZ_ROUNDS


@pytest.fixture
def mutations():
    """``mutations(payload, rng)``: the seeded mutator, yielding fuzz_rounds + 3 variants."""
    return _mutations
