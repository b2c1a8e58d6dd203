"""NetworkLayout: the one table the compiled code takes, and the records beside it."""

import numpy as np

from ae_desktop.engine import TrainConfig
from ae_desktop.engine.architecture import Architecture
from ae_desktop.engine.layout import (
    ACTIVATION,
    B_OFFSET,
    DECODER,
    ENCODER,
    N_IN,
    N_OUT,
    PART,
    SAMPLED,
    W_OFFSET,
)
from ae_desktop.engine.train_records import ADAM, MOMENTUM, TrainSettings


def test_vae_layout_rows_describe_every_layer():
    arch = Architecture.parse("35-16-2", kind="vae", activation="relu")
    table = arch.layout.table
    assert table[:, N_IN].tolist() == [35, 16, 2, 16]
    assert table[:, N_OUT].tolist() == [16, 4, 16, 35]  # the code: mean and log-variance
    assert table[:, PART].tolist() == [ENCODER, ENCODER, SAMPLED, DECODER]
    np.testing.assert_array_equal(table[:, ACTIVATION], arch.activation_codes)
    assert not table.flags.writeable
    theta = np.arange(arch.n_params, dtype=float)
    for row, (w, b) in zip(table, arch.unflatten(theta)):
        assert w[0, 0] == row[W_OFFSET] and b[0] == row[B_OFFSET]
    assert table[-1, B_OFFSET] + 35 == arch.n_params
    np.testing.assert_array_equal(arch.layout.encoder, table[:2])
    np.testing.assert_array_equal(arch.layout.decoder, table[2:])


def test_plain_layout_has_no_sampled_layer():
    table = Architecture.parse("35-20-10-2").layout.table
    assert table[:, PART].tolist() == [ENCODER] * 3 + [DECODER] * 3


def test_settings_come_from_the_config_by_name():
    settings = TrainSettings.of(
        TrainConfig(optimizer="momentum", lr=0.25, momentum=0.5, batch_size=8, beta=2.0)
    )
    assert (settings.optimizer, settings.lr, settings.momentum) == (MOMENTUM, 0.25, 0.5)
    assert (settings.batch_size, settings.beta) == (8, 2.0)
    assert TrainSettings.of(TrainConfig()).optimizer == ADAM
