"""Untrusted files, read within bounds, and saves that never leave a half-written file.

Shared by the engine (model files) and data (glyph sets, datasets), so neither imports the
other for it: ``regular_file`` opens only regular files with size-capped reads,
``bounded_json`` parses JSON with limits on size, depth and numbers, ``npz_archive`` reads
``.npz`` members checked against their headers, ``atomic`` writes through a temporary file.
Imports nothing else of the package and no Qt.
"""
