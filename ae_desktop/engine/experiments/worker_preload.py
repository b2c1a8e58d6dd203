"""What sweep workers' forkserver loads once before it forks them (pool.py): the pool
itself, and so the engine, and Numba's CPU target with its registries, which each worker
would otherwise load again before its first run's cached kernels."""

from ae_desktop.engine.experiments import pool  # noqa: F401 - the workers' code
from ae_desktop.engine.kernel_compile import load_compiler

load_compiler()
