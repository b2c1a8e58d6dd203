"""The first run: ``ae-desktop train --dataset font3`` on an empty Numba cache, then warm.

A subprocess each (as a user runs it): the cold run starts with an empty cache folder and
shows its progress (stdout discarded) so that the time to its first "compiling kernels"
notice on stderr can be read; the warm runs (``--quiet``) load the kernels that run
cached. Prints wall seconds, CPU seconds (user + system of the child) and, for the cold
run, when the notice came; then a new user's first run where ``--install-kernels``
compiled the kernels for the machine, and the first run after the README's set-up
(``--install-kernels --user``). On a shared machine compare CPU seconds; wall is what a
user waits.

    python benchmarks/bench_first_run.py [--repeats 3]
"""

from __future__ import annotations

import argparse
import math
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time

from installed import install, install_for_user, installed_app, new_user_env

COMMAND = [sys.executable, "-m", "ae_desktop", "train", "--dataset", "font3"]
NOTICE = "compiling kernels"


def child_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(
    cache_dir: str, quiet: bool, machine: str | None = None, user: bool = False
) -> dict[str, float]:
    """Wall and CPU seconds of one train, and seconds to the first notice (nan: none);
    with ``machine``, a new user's on a machine with the kernels installed there, with
    ``user`` a user's (in both, ``cache_dir`` is the user's cache folder)."""
    if machine is not None:
        env, command = new_user_env(cache_dir), [*installed_app(machine), *COMMAND[3:]]
    elif user:
        env, command = new_user_env(cache_dir), COMMAND
    else:
        env, command = {**os.environ, "NUMBA_CACHE_DIR": cache_dir}, COMMAND
    cpu, start = child_cpu(), time.perf_counter()
    notice = float("nan")
    with subprocess.Popen(
        command + (["--quiet"] if quiet else []),
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    ) as child:
        assert child.stderr is not None
        for line in child.stderr:
            if NOTICE in line and math.isnan(notice):
                notice = time.perf_counter() - start
    if child.returncode != 0:
        raise SystemExit(f"train failed with exit status {child.returncode}")
    return {"wall": time.perf_counter() - start, "cpu": child_cpu() - cpu, "notice": notice}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3, help="warm runs (median)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as cache_dir:
        cold = run(cache_dir, quiet=False)
        warm = [run(cache_dir, quiet=True) for _ in range(args.repeats)]
    print(f"load average at the end: {os.getloadavg()[0]:.2f} ({os.cpu_count()} cores)")
    print(
        f"cold (empty cache): wall {cold['wall']:.2f} s, CPU {cold['cpu']:.2f} s, "
        f"first '{NOTICE}' notice at {cold['notice']:.2f} s"
    )
    print(
        f"warm (median of {args.repeats}): wall "
        f"{statistics.median(r['wall'] for r in warm):.2f} s, "
        f"CPU {statistics.median(r['cpu'] for r in warm):.2f} s"
    )
    with tempfile.TemporaryDirectory() as machine, tempfile.TemporaryDirectory() as home:
        installing = install(machine)
        report_first(
            f"kernels installed (--install-kernels, {installing:.1f} s), a new user's first run",
            run(home, quiet=False, machine=machine),
        )
    with tempfile.TemporaryDirectory() as home:
        setting_up = install_for_user(home)
        report_first(
            f"README's set-up (--install-kernels --user, {setting_up:.1f} s), the first run",
            run(home, quiet=False, user=True),
        )


def report_first(label: str, first: dict[str, float]) -> None:
    """A first run after kernels were compiled for it: times, and whether it compiled."""
    print(
        f"{label}: wall {first['wall']:.2f} s, CPU {first['cpu']:.2f} s, "
        f"'{NOTICE}' notice: {'none' if math.isnan(first['notice']) else 'shown'}"
    )


if __name__ == "__main__":
    main()
