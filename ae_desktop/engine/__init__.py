"""The autoencoder engine: NumPy + Numba, no Qt. Public API below."""

from ae_desktop.engine.architecture import Architecture, ArchitectureError, parse_sizes
from ae_desktop.engine.config import ConfigError, OPTIMIZERS, TrainConfig
from ae_desktop.engine.metrics import learned_count, wrong_pixels
from ae_desktop.engine.model import Autoencoder
from ae_desktop.engine.noise import NoiseError, NoiseSpec, corrupt, parse_noise
from ae_desktop.engine.training import TrainingRun, TrainReport, train

__all__ = [
    "Architecture", "ArchitectureError", "Autoencoder", "ConfigError", "NoiseError",
    "NoiseSpec", "OPTIMIZERS", "TrainConfig", "TrainReport", "TrainingRun", "corrupt",
    "learned_count", "parse_noise", "parse_sizes", "train", "wrong_pixels",
]
