"""Progress of compiling the engine's kernels for a run.

Numba compiles a kernel the first time it is called with new argument types, unless its
disk cache holds it: the first run after an install or an update takes seconds there.
``compile_progress`` reports each engine function as its compilation starts (cache loads
report nothing), so a caller can say what is happening meanwhile.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import ModuleType

from numba.core import event
from numba.core.dispatcher import Dispatcher
from numba.core.registry import cpu_target

from ae_desktop.engine import compiled_evaluate, compiled_train
from ae_desktop.engine.compile_ahead import run_plan, start_helper, stop_helper
from ae_desktop.engine.config import TrainConfig

ENGINE = "ae_desktop.engine."
TRAINING_KERNELS = (
    compiled_train.train_epochs,
    compiled_evaluate.stop_check,
    compiled_evaluate.held_out_loss,
)


def _engine_dispatcher(value) -> bool:
    return (
        isinstance(value, Dispatcher)
        and value.py_func.__module__.startswith(ENGINE)
        and value.targetoptions.get("inline", "never") == "never"
    )


def called_kernels(*kernels: Dispatcher) -> set[str]:
    """Names of the engine's compiled functions ``kernels`` call, directly or not,
    themselves included (functions inlined at compile time left out)."""
    seen: dict[str, Dispatcher] = {}
    todo = list(kernels)
    while todo:
        kernel = todo.pop()
        name = kernel.py_func.__qualname__
        if name in seen:
            continue
        seen[name] = kernel
        scope = kernel.py_func.__globals__
        for symbol in kernel.py_func.__code__.co_names:
            values = [scope.get(symbol)] + [
                getattr(module, symbol, None)
                for module in scope.values()
                if isinstance(module, ModuleType)
            ]
            todo += [value for value in values if value is not None and _engine_dispatcher(value)]
    return set(seen)


Progress = Callable[[str | None, int, int], None]


class _Listener(event.Listener):
    def __init__(self, callback: Progress, total: int):
        self.callback, self.total, self.depth = callback, total, 0
        self.started: set[str] = set()

    def on_start(self, ev: event.Event) -> None:
        self.depth += 1
        self.announce(ev.data["dispatcher"])

    def announce(self, dispatcher: Dispatcher) -> None:
        """The callback for ``dispatcher``'s function, unless already announced (compiled
        again for other argument types) or one of the math overloads' inlined lambdas."""
        function = dispatcher.py_func
        name = function.__name__
        if function.__module__.startswith(ENGINE) and name not in self.started | {"<lambda>"}:
            self.started.add(name)
            self.callback(name, len(self.started), max(self.total, len(self.started)))

    def on_end(self, ev: event.Event) -> None:
        self.depth -= 1
        if self.depth == 0 and self.started:
            self.callback(None, len(self.started), max(self.total, len(self.started)))


@contextmanager
def compile_progress(
    callback: Progress,
    kernels=TRAINING_KERNELS,
    ahead: tuple[TrainConfig, int] | None = None,
) -> Iterator[None]:
    """While inside, ``callback(name, n, total)`` runs in the compiling thread as the
    n-th engine function starts compiling, of the ``total`` that ``kernels`` call (more
    if the run compiles others), and ``callback(None, n, total)`` when a kernel and
    what it calls are compiled. ``ahead`` (config, inputs per sample) of a training run:
    on an empty cache a helper process compiles part of its kernels while this thread
    compiles the others' deepest chain (``run_plan``) on the way in, the helper ended on
    the way out (what the run then loads is not announced: the count ends below total)."""
    listener = _Listener(callback, len(called_kernels(*kernels)))
    helper = None if ahead is None else start_helper(*ahead)
    event.register("numba:compile", listener)
    try:
        if helper is not None and ahead is not None:  # the deep chain first (compile_ahead.py)
            for kernel, signature in run_plan(*ahead):
                # said at once: Numba's cache lookup first loads its registries (~0.4 s)
                listener.announce(kernel)
                kernel.compile(signature)
        yield
    finally:
        event.unregister("numba:compile", listener)
        stop_helper(helper)


def load_compiler() -> None:
    """Load Numba's CPU target and its registries now (about 0.2 s that the first kernel
    compiled or loaded from the cache would spend). Not in a thread beside other Numba
    work: a compile running meanwhile saw half-loaded registries (a typing error)."""
    cpu_target.target_context.refresh()
