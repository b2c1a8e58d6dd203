"""The autoencoder engine: NumPy + Numba, no Qt. Public API below."""

from ae_desktop.engine.activations import ACTIVATIONS
from ae_desktop.engine.activations_trace import layer_activations
from ae_desktop.engine.architecture import MODEL_KINDS, Architecture, ArchitectureError, parse_sizes
from ae_desktop.engine.compile_ahead import FLAG as COMPILE_AHEAD_FLAG
from ae_desktop.engine.compile_ahead import app_command
from ae_desktop.engine.compile_ahead import helper_command as compile_helper_command
from ae_desktop.engine.compile_ahead import main as run_compile_ahead
from ae_desktop.engine.compute_threads import limit_threads, training_threads
from ae_desktop.engine.config import (
    DEFAULT_DAE_NOISE,
    OPTIMIZERS,
    PRECISIONS,
    SETTING_LIMITS,
    ConfigError,
    TrainConfig,
    model_defaults,
)
from ae_desktop.engine.denoising import denoising_errors, nearest_glyph_baseline, nearest_glyphs
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
from ae_desktop.engine.limits import Range
from ae_desktop.engine.losses import LOSSES
from ae_desktop.engine.memory_budget import (
    MemoryBudgetError,
    check_memory,
    eval_bytes,
    inference_bytes,
    interpolation_bytes,
    training_bytes,
)
from ae_desktop.engine.metrics import PIXEL_THRESHOLD, learned_count, wrong_pixels
from ae_desktop.engine.model import Autoencoder
from ae_desktop.engine.model_metadata import model_metadata
from ae_desktop.engine.noise import NOISE_KINDS, NoiseError, NoiseSpec, corrupt, parse_noise
from ae_desktop.engine.persistence import ModelFileError, load_model, save_model
from ae_desktop.engine.sampling import MAX_SAMPLES, LatentGaussian, latent_gaussian, sample_glyphs
from ae_desktop.engine.schedules import SCHEDULE_FORMS, STEP_EVERY, parse_schedule
from ae_desktop.engine.training import TrainingRun, TrainReport, train
from ae_desktop.engine.warm_up import warm_up_kernels

__all__ = [
    "ACTIVATIONS",
    "COMPILE_AHEAD_FLAG",
    "CURVE",
    "DEFAULT_DAE_NOISE",
    "LOSSES",
    "MAX_SAMPLES",
    "MODEL_KINDS",
    "NOISE_KINDS",
    "OPTIMIZERS",
    "PIXELS",
    "PIXEL_THRESHOLD",
    "PRECISIONS",
    "SCHEDULE_FORMS",
    "SETTING_LIMITS",
    "STEP_EVERY",
    "Architecture",
    "ArchitectureError",
    "Autoencoder",
    "ConfigError",
    "GlyphKind",
    "LatentGaussian",
    "MemoryBudgetError",
    "ModelFileError",
    "NoiseError",
    "NoiseSpec",
    "Projection",
    "Range",
    "TrainConfig",
    "TrainReport",
    "TrainingRun",
    "app_command",
    "axis_names",
    "axis_projection",
    "check_memory",
    "compile_helper_command",
    "compile_progress",
    "corrupt",
    "decode_grid",
    "denoising_errors",
    "eval_bytes",
    "glyph_kind",
    "inference_bytes",
    "interpolate",
    "interpolation_bytes",
    "latent_extent",
    "latent_gaussian",
    "layer_activations",
    "learned_count",
    "limit_threads",
    "load_model",
    "model_defaults",
    "model_metadata",
    "nearest_glyph_baseline",
    "nearest_glyphs",
    "offset_ranges",
    "parse_noise",
    "parse_schedule",
    "parse_sizes",
    "principal_projection",
    "projection_named",
    "run_compile_ahead",
    "sample_glyphs",
    "save_model",
    "train",
    "training_bytes",
    "training_threads",
    "warm_up_kernels",
    "wrong_pixels",
]
