"""A user's first launch copies the kernels the installation compiled for the machine
(``ae-desktop --install-kernels``) into an empty kernel cache, and takes nothing else."""

import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from ae_desktop import install_kernels, kernel_cache
from ae_desktop.kernel_cache import seed_user_cache


def machine_cache(root: Path) -> Path:
    """A machine folder as Numba leaves one, with things that are not cache files."""
    folder = root / "engine_0123"
    folder.mkdir(parents=True)
    (folder / "compiled_train.train_epochs-270.py311.nbi").write_bytes(b"index")
    (folder / "compiled_train.train_epochs-270.py311.1.nbc").write_bytes(b"\x00data" * 100)
    (folder / "notes.txt").write_text("not a kernel")
    (folder / "deeper").mkdir()
    (folder / "deeper" / "x.nbi").write_bytes(b"too deep")
    outside = root.parent / "secret.nbi"
    outside.write_bytes(b"someone else's")
    (folder / "linked.nbi").symlink_to(outside)
    os.mkfifo(folder / "pipe.nbi")  # a read would wait for a writer
    (root / "stray.nbi").write_bytes(b"not in a folder")
    return root


def files_under(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_the_machines_kernels_seed_a_new_users_cache(tmp_path):
    system = machine_cache(tmp_path / "system")
    user = tmp_path / "home" / "numba" / "abc"
    assert seed_user_cache(user, system)
    assert files_under(user) == {
        "engine_0123/compiled_train.train_epochs-270.py311.nbi": b"index",
        "engine_0123/compiled_train.train_epochs-270.py311.1.nbc": b"\x00data" * 100,
    }
    assert os.listdir(user.parent) == ["abc"]  # no staging folder left


def test_a_users_existing_cache_is_left_alone(tmp_path):
    system = machine_cache(tmp_path / "system")
    user = tmp_path / "user"
    user.mkdir()
    (user / "mine.nbi").write_bytes(b"kept")
    assert not seed_user_cache(user, system)
    assert files_under(user) == {"mine.nbi": b"kept"}


def test_no_machine_folder_or_a_link_to_one_seeds_nothing(tmp_path):
    system = machine_cache(tmp_path / "system")
    link = tmp_path / "link"
    link.symlink_to(system)
    for source in (tmp_path / "missing", link):
        assert not seed_user_cache(tmp_path / "user", source)
        assert not (tmp_path / "user").exists()


def test_a_machine_folder_past_the_bounds_seeds_nothing(tmp_path, monkeypatch):
    system = machine_cache(tmp_path / "system")
    monkeypatch.setattr(kernel_cache, "MAX_SEED_BYTES", 100)
    assert not seed_user_cache(tmp_path / "home" / "user", system)
    assert not (tmp_path / "home").exists()


def test_a_copy_that_fails_leaves_no_half_cache(tmp_path, monkeypatch):
    system = machine_cache(tmp_path / "system")

    def refuse(*_):
        raise OSError("disk full")

    monkeypatch.setattr(kernel_cache.os, "rename", refuse)
    home = tmp_path / "home"
    home.mkdir()
    assert not seed_user_cache(home / "user", system)
    assert os.listdir(home) == []


FIRST_RUN = """
import sys
from pathlib import Path
import ae_desktop.kernel_cache as kernel_cache
kernel_cache.SYSTEM_ROOT = Path(sys.argv[1])
from ae_desktop.cli import main
sys.exit(main(["train", "--dataset", "font3", "--epochs", "20"]))
"""


def test_a_new_users_first_run_loads_the_machines_kernels(tmp_path):
    from ae_desktop.engine import TrainConfig, train

    train(TrainConfig(epochs=2), np.eye(35))  # the default kernels, in this session's cache
    system = tmp_path / "system"
    shutil.copytree(os.environ["NUMBA_CACHE_DIR"], system / kernel_cache.sources_hash())
    env = {k: v for k, v in os.environ.items() if k != "NUMBA_CACHE_DIR"}
    env["XDG_CACHE_HOME"] = str(tmp_path / "home")
    done = subprocess.run(
        [sys.executable, "-c", FIRST_RUN, str(system)],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
    )
    assert "compiling kernels" not in done.stderr.lower()
    assert list((tmp_path / "home" / "ae-desktop" / "numba").rglob("*.nbi"))


def test_install_kernels_refuses_arguments_and_unwritable_folders(tmp_path, monkeypatch, capsys):
    assert install_kernels.main(["now"]) == 2
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setattr(install_kernels, "system_cache_dir", lambda: blocker / "numba")
    assert install_kernels.main([]) == 2
    lines = capsys.readouterr().err.strip().splitlines()
    assert lines[0] == "ae-desktop: --install-kernels takes no arguments but --user"
    assert lines[1].startswith(f"ae-desktop: cannot write kernels to {blocker / 'numba'}: ")


def test_install_kernels_leaves_files_every_user_can_read(tmp_path, monkeypatch):
    """Whatever umask the install script runs with (here 077), users can copy them."""
    import ae_desktop.engine as engine

    target = tmp_path / "numba" / "abc"
    monkeypatch.setattr(install_kernels, "system_cache_dir", lambda: target)
    monkeypatch.setenv("NUMBA_CACHE_DIR", os.environ["NUMBA_CACHE_DIR"])  # restored after
    compiled = []

    def compile_one(big_sets: bool, progress=None) -> None:  # as Numba writes cache files
        compiled.append(big_sets)
        folder = Path(os.environ["NUMBA_CACHE_DIR"]) / "engine_0123"
        folder.mkdir()
        (folder / "kernel.nbi").write_bytes(b"index")

    monkeypatch.setattr(engine, "warm_up_kernels", compile_one)
    kept = os.umask(0o077)
    try:
        assert install_kernels.main([]) == 0
    finally:
        os.umask(kept)
    assert compiled == [True]  # the image sets' kernels too
    modes = [p.stat().st_mode & 0o777 for p in (target, target / "engine_0123")]
    assert modes == [0o755, 0o755]
    assert (target / "engine_0123" / "kernel.nbi").stat().st_mode & 0o777 == 0o644


def test_install_kernels_for_the_user_fills_the_folder_their_launches_use(tmp_path, monkeypatch):
    """``--user`` (the README's set-up, no root) compiles into the folder the user's own
    launches read, with the image sets' kernels too."""
    import ae_desktop.engine as engine

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("NUMBA_CACHE_DIR", os.environ["NUMBA_CACHE_DIR"])  # restored after
    compiled = []
    monkeypatch.setattr(
        engine,
        "warm_up_kernels",
        lambda big_sets, progress: compiled.append((big_sets, os.environ["NUMBA_CACHE_DIR"])),
    )
    assert install_kernels.main(["--user"]) == 0
    env = {k: v for k, v in os.environ.items() if k != "NUMBA_CACHE_DIR"}
    launch = subprocess.run(
        [
            sys.executable,
            "-c",
            "import os, ae_desktop.runtime_env; print(os.environ['NUMBA_CACHE_DIR'])",
        ],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert compiled == [(True, launch.stdout.strip())]
    assert launch.stdout.startswith(str(tmp_path / "home"))


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("stdout", [Terminal(), io.StringIO()], ids=["terminal", "log"])
def test_install_kernels_counts_the_kernels_on_a_terminal_only(tmp_path, monkeypatch, stdout):
    """On a terminal one line, rewritten as each kernel starts compiling; in a log (the
    .deb's install) the first line alone."""
    import ae_desktop.engine as engine

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("NUMBA_CACHE_DIR", os.environ["NUMBA_CACHE_DIR"])  # restored after
    monkeypatch.setattr(sys, "stdout", stdout)

    def compile_two(big_sets, progress):
        for name, done in (("forward", 1), (None, 1), ("stop_check", 2), (None, 2)):
            if progress is not None:
                progress(name, done, 25)

    monkeypatch.setattr(engine, "warm_up_kernels", compile_two)
    assert install_kernels.main(["--user"]) == 0
    first, *rest = stdout.getvalue().split("\n", 1)
    assert first.startswith("ae-desktop: compiling kernels for this machine into ")
    if isinstance(stdout, Terminal):
        shown = [part.rstrip() for part in rest[0].split("\r")[1:]]
        assert shown == [
            "  compiling 1: forward",
            "  compiling 2: stop_check",
            "  done (2 compiled)",
        ]
        assert rest[0].endswith("\n")
    else:
        assert rest == [""]
