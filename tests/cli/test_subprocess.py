"""End to end in a fresh interpreter: ``python -m ae_desktop`` as a user runs it."""

import json
import subprocess
import sys


def test_train_then_use_the_model(tmp_path, fresh_cli):
    done = fresh_cli(
        "train",
        "--dataset",
        "font1",
        "--arch",
        "35-10-2",
        "--epochs",
        "50",
        "--save",
        "m.npz",
        "--json",
        "out.json",
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1].startswith("font1: ")
    assert json.loads((tmp_path / "out.json").read_text())["epochs"] == 50
    decoded = fresh_cli("decode", "m.npz", "--z", "-0.5,0.5", cwd=tmp_path)
    assert decoded.returncode == 0 and len(decoded.stdout.splitlines()) == 8
    bad = fresh_cli("eval", "out.json", cwd=tmp_path)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr
    assert bad.stderr == (
        "ae-desktop: error: out.json is not a model file: not a .npz (zip) archive\n"
    )


def test_subcommands_never_import_qt(tmp_path):
    code = (
        "import sys; from ae_desktop.cli import main; "
        "rc = main(['train', '--arch', '35-4-2', '--epochs', '2', '--quiet']); "
        "assert rc == 0 and not any(m.startswith(('PySide6', 'pyqtgraph')) "
        "for m in sys.modules), sorted(sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=240
    )
    assert done.returncode == 0, done.stderr
