"""The denoising model's own defaults: what the CLI applies, that flags win, that it learns."""

import numpy as np

from ae_desktop.cli import build_parser
from ae_desktop.commands.train import config_from_args
from ae_desktop.data import bundled_font
from ae_desktop.engine import TrainConfig, parse_noise, train
from ae_desktop.engine.config import DAE_DEFAULTS, REDRAW_MAX_GLYPHS, model_defaults
from ae_desktop.engine.denoising import denoising_errors

FONT = bundled_font("font3").matrix()


def parsed(line: str) -> TrainConfig:
    return config_from_args(build_parser().parse_args(line.split()))


def test_a_dae_with_no_other_option_takes_the_chosen_defaults():
    config = parsed("train --model dae --noise saltpepper:0.15")
    assert config == TrainConfig(
        model="dae",
        noise="saltpepper:0.15",
        arch="35-128-32",
        activation="relu",
        augment=30,
        batch_size=256,
        lr=0.003,
        epochs=1500,
        target_errors=None,
        redraw_ambiguous=None,  # on where the set has at most REDRAW_MAX_GLYPHS glyphs
    )
    assert config == TrainConfig(model="dae", noise="saltpepper:0.15", **DAE_DEFAULTS)


def test_flags_given_win_over_the_dae_defaults():
    config = parsed(
        "train --model dae --arch 35-20-4 --activation tanh --augment 3 --batch-size 0 "
        "--lr 0.01 --epochs 50 --target-errors 0"
    )
    assert (config.arch, config.activation, config.augment, config.batch_size) == (
        "35-20-4",
        "tanh",
        3,
        0,
    )
    assert (config.lr, config.epochs, config.target_errors) == (0.01, 50, 0)
    assert parsed("train --model dae --target-errors none --epochs 9").target_errors is None
    assert parsed("train --model dae --no-redraw-ambiguous").redraw_ambiguous is False
    assert parsed("train --model dae --redraw-ambiguous").redraw_ambiguous is True


def test_the_default_dae_redraws_ambiguous_copies_on_sets_it_can_afford():
    config = parsed("train --model dae")
    assert config.redraw_used(len(FONT)) and config.redraw_used(REDRAW_MAX_GLYPHS)
    assert not config.redraw_used(REDRAW_MAX_GLYPHS + 1)
    assert not parsed("train --model vae --noise flip:1").redraw_used(len(FONT))


def test_plain_and_variational_models_keep_their_defaults():
    assert model_defaults("ae") == model_defaults("vae") == model_defaults(None) == {}
    assert parsed("train") == TrainConfig()
    assert parsed("train --model vae") == TrainConfig(model="vae")
    assert model_defaults("dae") is not DAE_DEFAULTS  # a copy: callers may change it


def test_the_default_dae_beats_the_identity_after_a_few_epochs():
    config = TrainConfig(model="dae", noise="saltpepper:0.1", **{**DAE_DEFAULTS, "epochs": 60})
    model, _, _ = train(config, FONT)
    spec = parse_noise("saltpepper:0.1")
    ours = denoising_errors(model, FONT, spec, 20, np.random.default_rng(0))
    # the identity returns the noisy input: exact only when no pixel flipped (~2.5%)
    assert ours["exact_rate"] > 0.5 and ours["mean_errors"] < ours["noisy_errors"] / 3
