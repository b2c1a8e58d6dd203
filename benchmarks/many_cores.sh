#!/usr/bin/env bash
# Issue 13's many-core figures on a machine lent for a short run (the device tool: 16 cores,
# Python with NumPy, SciPy, Numba and PyTorch, no Qt, no platformdirs, no network). From the
# repository root, with platformdirs' wheel in .whl/ (ignored by git; fetch it here once:
#   echo /.whl/ >> .git/info/exclude
#   python3 -m pip download --no-deps --only-binary=:all: -d .whl platformdirs
# and carry .whl):
#   bash benchmarks/many_cores.sh [bench_many_cores.py's options]
# Prints lscpu's summary, then bench_many_cores.py's figures (about 3-5 minutes on an empty
# kernel cache); the whole log is also written to $OUT/many_cores.log where OUT is set.
set -euo pipefail
cd "$(dirname "$0")/.."
python=${PYTHON:-python3}
if ! "$python" -c "import platformdirs" 2>/dev/null; then
    "$python" -m pip install -q --no-index --no-deps --no-compile --target /tmp/ae-site .whl/platformdirs-*.whl
    export PYTHONPATH=/tmp/ae-site
fi
export PYTHONPATH=.${PYTHONPATH:+:$PYTHONPATH} PYTHONUNBUFFERED=1
log=${OUT:-/tmp}/many_cores.log
{
    lscpu | grep -E "^(Model name|CPU\(s\)|Thread|Core|Socket|NUMA node\(s\)|L2|L3|Flags)" | cut -c1-160
    "$python" benchmarks/bench_many_cores.py "$@"
} 2>&1 | tee "$log"
