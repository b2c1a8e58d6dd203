"""Startup time of the desktop app: launch -> window painted -> kernels ready.

For the frozen bundle (dist/ae-desktop, from packaging/build.sh) and the pip install
(``python -m ae_desktop`` of this interpreter), cold (empty Numba cache) and warm (the cache
the cold run wrote). Offscreen; uses the app's AE_DESKTOP_STARTUP_PROBE hook, which records
the times and closes the window. Also prints the bundle's size and its largest parts.
``--first-start``: instead, the pip install only, Start pressed right after the first
paint (the default settings): seconds from launch to the paint and to the first loss
point, cold, warm, on a machine where ``--install-kernels`` compiled the kernels (as
the .deb's install does) a new user's first launch, and the first launch after the
README's set-up command (``--install-kernels --user``).

    python benchmarks/bench_startup.py [--repeats 3] [--first-start]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from installed import install, install_for_user, installed_app, new_user_env

ROOT = Path(__file__).resolve().parent.parent
BUNDLE = ROOT / "dist" / "ae-desktop"


def launch(
    command: list[str], cache_dir: str, start: bool = False, new_user: bool = False
) -> dict[str, float]:
    """Seconds from launch to 'painted', 'ready' (kernels loaded or compiled), 'exit' and,
    with ``start``, 'trained' (the first loss point of a Start pressed at the paint).
    ``new_user``: ``cache_dir`` is the user's cache folder, not Numba's."""
    with tempfile.TemporaryDirectory() as tmp:
        probe = Path(tmp) / "probe.txt"
        caches = (
            new_user_env(cache_dir) if new_user else {**os.environ, "NUMBA_CACHE_DIR": cache_dir}
        )
        env = {
            **caches,
            "QT_QPA_PLATFORM": "offscreen",
            "XDG_CONFIG_HOME": tmp,
            "AE_DESKTOP_DATA_DIR": tmp,
            "AE_DESKTOP_STARTUP_PROBE": str(probe),
            "AE_DESKTOP_STARTUP_PROBE_START": "1" if start else "0",
        }
        start = time.time()
        subprocess.run(command, env=env, check=True, capture_output=True, timeout=600)
        times = {"exit": time.time() - start}
        for line in probe.read_text().splitlines():
            what, stamp = line.split()
            times[what] = float(stamp) - start
    return times


def measure(name: str, command: list[str], repeats: int) -> None:
    with tempfile.TemporaryDirectory() as cache_dir:
        cold = launch(command, cache_dir)
        warm = [launch(command, cache_dir) for _ in range(repeats)]
    for label, times in (
        ("cold", cold),
        ("warm", {k: statistics.median(t[k] for t in warm) for k in cold}),
    ):
        print(
            f"| {name} | {label} | {times['painted']:.2f} | {times['ready']:.2f} "
            f"| {times['exit']:.2f} |",
            flush=True,
        )


def tree_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file() and not f.is_symlink())


def report_bundle_size(top: int = 8) -> None:
    internal = BUNDLE / "_internal"
    parts = sorted(
        (
            (tree_size(p) if p.is_dir() else p.stat().st_size, p.name)
            for p in internal.iterdir()
            if not p.is_symlink()
        ),
        reverse=True,
    )
    print(f"\nBundle {BUNDLE}: {tree_size(BUNDLE) / 2**20:.0f} MiB; largest parts:")
    for size, name in parts[:top]:
        print(f"  {size / 2**20:7.1f} MiB  _internal/{name}")


def measure_first_start(command: list[str], repeats: int) -> None:
    """Start at the first paint: when the first loss point shows, cold and warm, a new
    user's first launch where ``--install-kernels`` compiled the kernels, and the first
    launch after the README's set-up."""
    print("| numba cache | window painted (s) | first loss point (s) |")
    print("| --- | --- | --- |")
    with tempfile.TemporaryDirectory() as cache_dir:
        cold = launch(command, cache_dir, start=True)
        warm = [launch(command, cache_dir, start=True) for _ in range(repeats)]
    with tempfile.TemporaryDirectory() as machine, tempfile.TemporaryDirectory() as home:
        installing = install(machine)
        seeded = launch(installed_app(machine), home, start=True, new_user=True)
    with tempfile.TemporaryDirectory() as home:
        setting_up = install_for_user(home)
        set_up = launch(command, home, start=True, new_user=True)
    for label, times in (
        ("cold", cold),
        ("warm", {k: statistics.median(t[k] for t in warm) for k in cold}),
        (f"installed (--install-kernels: {installing:.1f} s), new user", seeded),
        (f"README's set-up (--install-kernels --user: {setting_up:.1f} s)", set_up),
    ):
        print(f"| {label} | {times['painted']:.2f} | {times['trained']:.2f} |", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3, help="warm launches (median)")
    parser.add_argument("--first-start", action="store_true", help="Start at the first paint")
    args = parser.parse_args()
    if args.first_start:
        measure_first_start([sys.executable, "-m", "ae_desktop"], args.repeats)
        return 0
    print("| app | numba cache | window painted (s) | kernels ready (s) | exited (s) |")
    print("| --- | --- | --- | --- | --- |")
    if (BUNDLE / "ae-desktop").exists():
        measure("frozen bundle", [str(BUNDLE / "ae-desktop")], args.repeats)
    else:
        print(f"(no {BUNDLE}: run packaging/build.sh for the frozen figures)")
    measure("pip install", [sys.executable, "-m", "ae_desktop"], args.repeats)
    if BUNDLE.exists():
        report_bundle_size()
    return 0


if __name__ == "__main__":
    sys.exit(main())
