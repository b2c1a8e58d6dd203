"""A tiny model trained once through the CLI, shared by the command-line tests."""

import pytest

from ae_desktop.cli import main


@pytest.fixture(scope="session")
def model_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("model") / "tiny.npz"
    assert main(["train", "--dataset", "font3", "--arch", "35-12-2", "--epochs", "300",
                 "--seed", "1", "--quiet", "--save", str(path)]) == 0
    return path
