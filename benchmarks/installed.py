"""The app on a machine where ``--install-kernels`` compiled its kernels (as the .deb's
install script does), with a temporary folder standing in for /var/cache (no root
needed): the command that runs the app there, the environment of a new user (no kernel
cache of their own yet) and the install step itself; and the README's set-up step
(``--install-kernels --user``) into a user's own cache."""

from __future__ import annotations

import os
import subprocess
import sys
import time

# the app's module with kernel_cache.SYSTEM_ROOT moved to argv[1]
APP = (
    "import runpy, sys; from pathlib import Path; import ae_desktop.kernel_cache as k; "
    "k.SYSTEM_ROOT = Path(sys.argv.pop(1)); "
    "runpy.run_module('ae_desktop', run_name='__main__', alter_sys=True)"
)


def installed_app(machine: str) -> list[str]:
    """``python -m ae_desktop`` on a machine whose kernel folder is ``machine``."""
    return [sys.executable, "-c", APP, machine]


def new_user_env(home: str) -> dict[str, str]:
    """This environment for a user whose cache folder ``home`` is empty."""
    env = {k: v for k, v in os.environ.items() if k != "NUMBA_CACHE_DIR"}
    return {**env, "XDG_CACHE_HOME": home}


def _timed(command: list[str], env: dict[str, str] | None = None) -> float:
    began = time.perf_counter()
    subprocess.run(command, env=env, check=True, capture_output=True)
    return time.perf_counter() - began


def install(machine: str) -> float:
    """Run the install step into ``machine``; its wall seconds."""
    return _timed([*installed_app(machine), "--install-kernels"])


def install_for_user(home: str) -> float:
    """Run the README's set-up step for the user whose cache folder is ``home``; its wall
    seconds."""
    command = [sys.executable, "-m", "ae_desktop", "--install-kernels", "--user"]
    return _timed(command, new_user_env(home))
