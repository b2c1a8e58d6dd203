"""The autoencoder engine: NumPy + Numba, no Qt. Public API below."""

from ae_desktop.engine.activations import ACTIVATIONS
from ae_desktop.engine.activations_trace import layer_activations
from ae_desktop.engine.architecture import MODEL_KINDS, Architecture, ArchitectureError, parse_sizes
from ae_desktop.engine.config import OPTIMIZERS, ConfigError, TrainConfig
from ae_desktop.engine.denoising import denoising_errors, nearest_glyph_baseline
from ae_desktop.engine.glyph_kinds import CURVE, PIXELS, GlyphKind, glyph_kind
from ae_desktop.engine.kernel_compile import compile_progress
from ae_desktop.engine.latent import decode_grid, interpolate, latent_extent
from ae_desktop.engine.latent_projection import (
    Projection,
    axis_names,
    axis_projection,
    offset_ranges,
    principal_projection,
    projection_named,
)
from ae_desktop.engine.losses import LOSSES
from ae_desktop.engine.metrics import PIXEL_THRESHOLD, learned_count, wrong_pixels
from ae_desktop.engine.model import Autoencoder
from ae_desktop.engine.noise import NoiseError, NoiseSpec, corrupt, parse_noise
from ae_desktop.engine.persistence import ModelFileError, load_model, save_model
from ae_desktop.engine.sampling import LatentGaussian, latent_gaussian, sample_glyphs
from ae_desktop.engine.training import TrainingRun, TrainReport, train

__all__ = [
    "ACTIVATIONS",
    "LOSSES",
    "MODEL_KINDS",
    "Architecture",
    "ArchitectureError",
    "Autoencoder",
    "ConfigError",
    "CURVE",
    "GlyphKind",
    "LatentGaussian",
    "ModelFileError",
    "NoiseError",
    "NoiseSpec",
    "OPTIMIZERS",
    "PIXELS",
    "PIXEL_THRESHOLD",
    "Projection",
    "TrainConfig",
    "TrainReport",
    "TrainingRun",
    "axis_names",
    "axis_projection",
    "compile_progress",
    "corrupt",
    "decode_grid",
    "denoising_errors",
    "glyph_kind",
    "interpolate",
    "latent_extent",
    "latent_gaussian",
    "layer_activations",
    "learned_count",
    "load_model",
    "nearest_glyph_baseline",
    "offset_ranges",
    "parse_noise",
    "parse_sizes",
    "principal_projection",
    "projection_named",
    "sample_glyphs",
    "save_model",
    "train",
    "wrong_pixels",
]
