"""Soak: train with the window open (offscreen) and watch memory and responsiveness.

Training restarts whenever a run ends, the latent map is shown, and the autosave writes
to a temporary folder. Every 5 s the resident memory (/proc/self/statm) is sampled; a
10 ms timer records how late the event loop runs it (its latency while training).

    python benchmarks/bench_soak.py [--minutes 30] [--arch 35-30-15-2]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time

import ae_desktop.runtime_env  # noqa: F401 - first, as in the app: Numba cache, BLAS threads

import numpy as np

TICK_MS = 10
SAMPLE_S = 5.0
WARMUP_S = 30.0  # kernels compiled, caches and plots filled: growth is measured after this


def rss_mib() -> float:
    """Resident set size of this process in MiB (Linux)."""
    with open("/proc/self/statm") as handle:
        resident = int(handle.read().split()[1])
    return resident * os.sysconf("SC_PAGE_SIZE") / 2**20


class Soak:
    """Keeps ``window`` training; collects latency (ms) and (seconds, MiB) samples."""

    def __init__(self, window, config, seconds: float):
        from PySide6.QtCore import Qt, QTimer

        self.window, self.config, self.seconds = window, config, seconds
        self.latencies: list[tuple[float, float]] = []  # (seconds, ms late)
        self.memory: list[tuple[float, float]] = []
        self.runs = 0
        self.start = self._last = time.perf_counter()
        self.tick = QTimer(window, interval=TICK_MS, timerType=Qt.PreciseTimer)
        self.tick.timeout.connect(self._on_tick)
        self.sampler = QTimer(window, interval=int(SAMPLE_S * 1000))
        self.sampler.timeout.connect(self._on_sample)
        window.controller.finished.connect(self._on_run_finished)

    def begin(self) -> None:
        self.window.training_panel.set_config(self.config)
        self.window.latent_canvas.show_map.setChecked(True)
        self._train()
        self.tick.start()
        self.sampler.start()
        self._on_sample()

    def _train(self) -> None:
        self.runs += 1
        self.window.start_training()

    def _on_tick(self) -> None:
        now = time.perf_counter()
        self.latencies.append((now - self.start, max(0.0, (now - self._last) * 1000 - TICK_MS)))
        self._last = now

    def _on_sample(self) -> None:
        elapsed = time.perf_counter() - self.start
        self.memory.append((elapsed, rss_mib()))
        print(
            f"{elapsed / 60:5.1f} min  RSS {self.memory[-1][1]:7.1f} MiB  runs {self.runs}",
            flush=True,
        )
        if elapsed >= self.seconds:
            self.finish()

    def _on_run_finished(self, status: str) -> None:
        if time.perf_counter() - self.start < self.seconds:
            self._train()

    def finish(self) -> None:
        from PySide6.QtWidgets import QApplication

        self.tick.stop()
        self.sampler.stop()
        self.window.controller.shutdown()
        QApplication.instance().quit()


def summary(soak: Soak) -> str:
    latency = np.array([ms for t, ms in soak.latencies if t >= WARMUP_S])
    steady = np.array([(t, m) for t, m in soak.memory if t >= WARMUP_S])
    t, m = steady[:, 0], steady[:, 1]
    slope = np.polyfit(t / 60, m, 1)[0] if len(steady) > 2 else float("nan")
    return "\n".join(
        [
            f"duration {soak.memory[-1][0] / 60:.1f} min, {soak.runs} training run(s), "
            f"{len(latency)} latency samples after warm-up",
            f"RSS: {soak.memory[0][1]:.1f} MiB at start, {m[0]:.1f} MiB after {WARMUP_S:.0f} s, "
            f"{m[-1]:.1f} MiB at the end, max {m.max():.1f} MiB",
            f"growth after warm-up: {m.max() - m[0]:+.1f} MiB at most (trend {slope:+.2f} MiB/min)",
            f"event-loop latency: p50 {np.percentile(latency, 50):.1f} ms, "
            f"p95 {np.percentile(latency, 95):.1f} ms, "
            f"p99 {np.percentile(latency, 99):.1f} ms, max {latency.max():.1f} ms",
        ]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=30.0)
    parser.add_argument("--arch", default="35-30-15-2")
    args = parser.parse_args(argv)
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    folder = tempfile.mkdtemp(prefix="ae-desktop-soak-")
    os.environ["AE_DESKTOP_DATA_DIR"] = folder

    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from ae_desktop.engine import TrainConfig
    from ae_desktop.gui.main_window import MainWindow

    app = QApplication(sys.argv[:1])
    QSettings.setDefaultFormat(QSettings.IniFormat)
    QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, folder)
    window = MainWindow()
    window.show()
    config = TrainConfig(arch=args.arch, epochs=1_000_000, target_errors=None)
    soak = Soak(window, config, args.minutes * 60)
    QTimer.singleShot(0, soak.begin)
    app.exec()
    window.document.modified = False
    window.close()
    print(summary(soak))
    return 0


if __name__ == "__main__":
    sys.exit(main())
