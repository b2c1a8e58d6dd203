"""``python -m ae_desktop`` (and the frozen bundle's executable): the same as the
``ae-desktop`` command. The first run's compile helper (``--compile-ahead``, see
engine/compile_ahead.py) starts here without importing the command line's modules, so
that it starts compiling about 0.3 s sooner."""

import sys

from ae_desktop import runtime_env  # noqa: F401 - first: sets NUMBA_CACHE_DIR before numba loads
from ae_desktop.engine import COMPILE_AHEAD_FLAG, run_compile_ahead

if __name__ == "__main__":
    if sys.argv[1:2] == [COMPILE_AHEAD_FLAG]:
        sys.exit(run_compile_ahead(sys.argv[2:]))
    from ae_desktop.cli import main

    sys.exit(main())
