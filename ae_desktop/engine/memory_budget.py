"""Memory a command or a training run will need, estimated from sizes alone before
anything is allocated, and refused past half of the machine's physical memory.

The estimates count what the engine holds at its peak (parameters and optimizer state,
noisy copies of the data, a batch's activations, result arrays), rounded up; they are
meant to refuse what cannot fit, not to be exact."""

from __future__ import annotations

import functools
import os

from ae_desktop.safe_io.regular_file import size_text

FALLBACK_MEMORY = 8 << 30  # where the machine's memory cannot be read
BLOCK_ROWS = 4096  # rows whose activations a forward pass holds at once, at most


class MemoryBudgetError(ValueError):
    """A request that would need more memory than the limit; names both sizes."""


@functools.cache
def physical_memory() -> int:
    """The machine's physical memory in bytes (read once)."""
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (AttributeError, ValueError, OSError):
        return FALLBACK_MEMORY


def memory_limit() -> int:
    """The most one request may need: half of the physical memory."""
    return physical_memory() // 2


def check_memory(needed: int, what: str) -> None:
    """MemoryBudgetError when ``needed`` bytes for ``what`` pass the limit."""
    if needed > memory_limit():
        raise MemoryBudgetError(
            f"{what} needs about {size_text(needed)} of memory, over the limit of "
            f"{size_text(memory_limit())} (half of this machine's "
            f"{size_text(physical_memory())})"
        )


def _units(arch) -> int:
    """Values a forward and backward pass holds per sample: the input and every layer."""
    return arch.n_inputs + sum(n_out for _, n_out in arch.layer_shapes)


def inference_bytes(arch, n_rows: int, item: int = 8) -> int:
    """Encoding, decoding or reconstructing ``n_rows`` samples: a copy of the inputs and
    the outputs of every row, the activations of a block of rows at a time."""
    block = min(n_rows, BLOCK_ROWS)
    return item * (
        arch.n_params
        + n_rows * (2 * arch.n_inputs + 2 * arch.latent_dim)
        + 2 * block * _units(arch)
    )


def training_bytes(arch, n_samples: int, config) -> int:
    """A training run of ``config`` on ``n_samples`` samples of ``arch``'s input size."""
    item = 4 if config.precision == "float32" else 8
    noisy = config.noise_spec() is not None
    rows = n_samples * (config.augment if noisy else 1)
    batch = config.batch_size if 0 < config.batch_size < rows else rows
    draws = (arch.latent_dim if arch.kind == "vae" else 0) + (
        arch.dropout_units if config.dropout else 0
    )
    params = arch.n_params * (3 * 8 + 4 * item)  # model, copies; working, states, gradient
    data = rows * arch.n_inputs * item * (1 + 2 * noisy)  # targets, noisy inputs
    per_row = draws * (item + 8) + 8  # a VAE's samples, dropout scales, a shuffle
    return (
        params
        + data
        + rows * per_row
        + 3 * item * batch * _units(arch)
        + inference_bytes(arch, n_samples, item)
    )


def eval_bytes(arch, n_samples: int, repeats: int, noisy: bool) -> int:
    """``eval``: a reconstruction of every sample, results of ``repeats`` draws, and with
    noise the nearest-glyph baseline, which compares every noisy glyph with every clean
    one."""
    pairs = n_samples * (n_samples * (2 * arch.n_inputs + 3) + 3 * arch.n_inputs) if noisy else 0
    return 8 * (5 * repeats * n_samples + pairs) + inference_bytes(arch, n_samples)


def interpolation_bytes(arch, steps: int, text_per_step: int) -> int:
    """``steps`` decoded codes and ``text_per_step`` characters of terminal text each."""
    return inference_bytes(arch, steps) + steps * (16 * arch.latent_dim + 4 * text_per_step)
