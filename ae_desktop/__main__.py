"""``python -m ae_desktop`` (and the frozen bundle's executable): the same as the
``ae-desktop`` command. Two flags are taken here first: ``--install-kernels`` (see
install_kernels.py) before NumPy and Numba load, as it chooses Numba's cache folder, and
the first run's compile helper (``--compile-ahead``, see engine/compile_ahead.py) without
importing the command line's modules, so that it starts compiling about 0.3 s sooner."""

import sys

from ae_desktop import install_kernels

if __name__ == "__main__" and sys.argv[1:2] == [install_kernels.FLAG]:
    sys.exit(install_kernels.main(sys.argv[2:]))

from ae_desktop import runtime_env  # noqa: F401 - sets NUMBA_CACHE_DIR before numba loads
from ae_desktop.engine import COMPILE_AHEAD_FLAG, run_compile_ahead

if __name__ == "__main__":
    if sys.argv[1:2] == [COMPILE_AHEAD_FLAG]:
        sys.exit(run_compile_ahead(sys.argv[2:]))
    from ae_desktop.cli import main

    sys.exit(main())
