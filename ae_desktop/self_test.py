"""``ae-desktop --self-test``: check an installation (pip, .deb or frozen bundle) end to end.

Offscreen, it builds the main window, trains a small model on font3, decodes a latent
point, exports the loss plot as PNG, trains a wide model on one thread and on two (the
threading layer is packaged; the same weights), runs the first run's compile helper and
checks Numba wrote its kernel cache. Exit status 0,
or 1 with one ``ae-desktop: self-test failed: ...`` line."""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

EPOCHS = 300
TIMEOUT_S = 600  # a cold start compiles every kernel first


class SelfTestError(RuntimeError):
    """A check that failed; the message says which."""


def _step(started: float, text: str) -> None:
    print(f"self-test: {text} ({time.perf_counter() - started:.1f} s)", flush=True)


def _train(window) -> str:
    """Run ``EPOCHS`` epochs through the window's Start path; returns the final status."""
    from PySide6.QtCore import QEventLoop, QTimer

    from ae_desktop.engine import TrainConfig

    loop, result = QEventLoop(), []
    window.controller.finished.connect(lambda status: (result.append(status), loop.quit()))
    window.controller.failed.connect(lambda message: result.append(f"failed: {message}"))
    QTimer.singleShot(TIMEOUT_S * 1000, loop.quit)
    window.training_panel.set_config(TrainConfig(arch="35-16-2", epochs=EPOCHS, target_errors=None))
    window.start_training()
    loop.exec()
    if not result:
        window.controller.shutdown()
        raise SelfTestError(f"training did not finish within {TIMEOUT_S} s")
    return result[0]


def _check(window, out_dir: Path, started: float) -> None:
    import numpy as np
    from PySide6.QtGui import QImage

    from ae_desktop.gui.files.file_menu import export_plot

    status = _train(window)
    points = window.loss_plot.point_count()
    if status != "done" or points != EPOCHS:
        raise SelfTestError(f"training ended {status!r} after {points} of {EPOCHS} epochs")
    _step(started, f"trained {EPOCHS} epochs, loss {window.session.history[-1, 0]:.4g}")

    canvas = window.latent_canvas
    z = canvas.codes.mean(axis=0)
    canvas.pick(z)
    glyph = canvas.decode(z)
    if glyph.shape != (7, 5) or not np.all((glyph >= 0) & (glyph <= 1)):
        raise SelfTestError(f"decoding {z} gave {glyph!r}")
    _step(started, f"decoded latent point ({z[0]:.3g}, {z[1]:.3g})")

    png = out_dir / "loss.png"
    export_plot(window.loss_plot.plot, str(png))
    image = QImage(str(png))
    if image.isNull() or image.width() < 100:
        raise SelfTestError(f"exported {png} is not a usable PNG")
    _step(started, f"exported a {image.width()}x{image.height()} PNG")

    _check_spanish(started)
    _check_threads(started)
    _check_compile_helper(out_dir, started)

    cache = Path(os.environ.get("NUMBA_CACHE_DIR", ""))
    if not list(cache.rglob("*.nbi")):
        raise SelfTestError(f"Numba wrote no kernel cache to {cache}")
    _step(started, f"kernel cache in {cache}")


def _check_threads(started: float) -> None:
    """A network with wide layers trains to the same bits on one thread and on two."""
    import numpy as np

    from ae_desktop.engine import TrainConfig, limit_threads, train, training_threads

    config = TrainConfig(
        model="vae",
        arch="100-64-2",
        precision="float32",
        epochs=2,
        batch_size=50,
        target_errors=None,
    )
    data = (np.random.default_rng(0).random((200, 100)) < 0.3).astype(np.float32)
    kept = training_threads()
    weights = []
    for threads in (1, 2):
        limit_threads(threads)
        weights.append(train(config, data)[0].theta.tobytes())
    limit_threads(kept)
    if weights[0] != weights[1]:
        raise SelfTestError("training on two threads gave other weights than on one")
    _step(started, "trained a wide model on one and two threads: the same weights")


def _check_compile_helper(out_dir: Path, started: float) -> None:
    """The first run's helper process (engine/compile_ahead.py) starts from this
    installation (the frozen bundle's executable is no Python) and fills a kernel cache."""
    import subprocess

    from ae_desktop.engine import TrainConfig, compile_helper_command

    cache = out_dir / "helper-cache"
    env = {**os.environ, "NUMBA_CACHE_DIR": str(cache)}
    done = subprocess.run(
        compile_helper_command(TrainConfig(epochs=1), 35),
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
    )
    if done.returncode != 0 or not any(cache.rglob("*stop_check*.nbi")):
        raise SelfTestError(f"the compile helper failed: {done.stderr.strip()[-300:]}")
    _step(started, "the first run's compile helper filled a kernel cache")


def _check_spanish(started: float) -> None:
    """The shipped translations load (the app's and Qt's own) and translate."""
    from PySide6.QtCore import QCoreApplication

    from ae_desktop.gui.language import SPANISH, install_translators, remove_translators

    loaded = install_translators(SPANISH)
    try:
        menu = QCoreApplication.translate("MainWindow", "&File")
    finally:
        remove_translators()
    if loaded != ["ae_desktop_es", "qtbase_es"] or menu == "&File":
        raise SelfTestError(f"Spanish translations: loaded {loaded}, '&File' -> {menu!r}")
    _step(started, f"Spanish translations loaded ({menu!r})")


def run() -> None:
    """Raise SelfTestError (or any error) on the first failed check."""
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    started = time.perf_counter()
    from PySide6.QtWidgets import QApplication

    from ae_desktop.gui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    window = MainWindow(use_settings=False)
    window.show()
    app.processEvents()
    _step(started, "window built")
    try:
        with tempfile.TemporaryDirectory(prefix="ae-desktop-self-test-") as out_dir:
            _check(window, Path(out_dir), started)
    finally:
        window.document.modified = False
        window.session.saved = True
        window.close()


def main(argv: list[str]) -> int:
    """``ae-desktop --self-test``; returns the exit status."""
    if argv:
        print(f"ae-desktop: error: --self-test takes no arguments, got {argv}", file=sys.stderr)
        return 2
    try:
        run()
    except Exception as exc:  # noqa: BLE001 - every failure becomes the one-line verdict
        print(f"ae-desktop: self-test failed: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    print("self-test: passed", flush=True)
    return 0
