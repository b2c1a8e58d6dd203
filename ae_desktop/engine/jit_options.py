"""The Numba decorators of the engine's compiled code.

``jit``: a kernel Python calls (no C-callback wrapper: nothing takes a kernel's address).
``inner``: a function only compiled code calls, without the Python wrapper either
(building both for each took about a sixth of the first run's compile time).
``threaded``: a loop over blocks (``prange``) on Numba's threads, called from compiled
code. All three are cached on disk and release the GIL. LLVM inlines the small
``inner`` functions where it pays; inlining by Numba (``inline``) only suits a tiny
function called from one place: Numba types the inlined code again at every call, and it
made the first run's compile slower (the activation kernel took 1.8 s with the
exp/tanh/sigmoid polynomials inlined, 0.75 s as ``inner`` functions, with the same
machine code).

Fastmath: reassociation lets LLVM vectorise sums and dot products; no "nnan"/"ninf"
flags, which would let it fold the checks for non-finite losses.
"""

from __future__ import annotations

from numba import njit

FAST = {"reassoc", "contract", "nsz", "arcp"}

_OPTIONS: dict = {"cache": True, "nogil": True, "fastmath": FAST, "error_model": "numpy"}
# the wrapper options are missing from Numba's type stubs
jit = njit(**_OPTIONS, no_cfunc_wrapper=True)  # type: ignore[call-overload]
inner = njit(  # type: ignore[call-overload]
    **_OPTIONS, no_cpython_wrapper=True, no_cfunc_wrapper=True
)
threaded = njit(cache=True, nogil=True, parallel=True)
inline = njit(inline="always", fastmath=FAST, error_model="numpy")
