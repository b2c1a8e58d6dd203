"""Crafted hostile files for the reader tests: zip archives written by hand (so a member
can declare gigabytes that deflate from a few kilobytes, or lie about its size), and
the command line run in a subprocess with bounded memory and time."""

import io
import resource
import struct
import subprocess
import sys
import zlib
from types import SimpleNamespace

import numpy as np
import pytest

from ae_desktop.engine import Architecture, Autoencoder, save_model

CHUNK = 16 << 20
MEMORY_LIMIT = 1536 << 20  # RLIMIT_AS of the subprocess: a 2 GB allocation fails there


def npy_header(shape, dtype) -> bytes:
    buffer = io.BytesIO()
    np.lib.format.write_array_header_1_0(
        buffer,
        {
            "descr": np.lib.format.dtype_to_descr(np.dtype(dtype)),
            "fortran_order": False,
            "shape": tuple(shape),
        },
    )
    return buffer.getvalue()


def npy_bytes(array) -> bytes:
    buffer = io.BytesIO()
    np.lib.format.write_array(buffer, np.asanyarray(array), allow_pickle=False)
    return buffer.getvalue()


def deflated_zeros(prefix: bytes, n_chunks: int) -> bytes:
    """A raw deflate stream of ``prefix`` then ``n_chunks`` * 16 MiB of zeros, built from
    one repeated full-flush block: gigabytes cost a few megabytes and no time."""
    compressor, zeros = zlib.compressobj(9, zlib.DEFLATED, -15), bytes(CHUNK)
    first = compressor.compress(prefix + zeros) + compressor.flush(zlib.Z_FULL_FLUSH)
    block = compressor.compress(zeros) + compressor.flush(zlib.Z_FULL_FLUSH)
    return first + block * (n_chunks - 1) + compressor.flush()


class Bomb:
    """A member of ``shape`` and ``dtype`` whose zero data deflates from a few KiB."""

    def __init__(self, shape, dtype=np.float64):
        header = npy_header(shape, dtype)
        size = int(np.prod(shape)) * np.dtype(dtype).itemsize
        self.usize = len(header) + size
        self.data = deflated_zeros(header, max(1, size // CHUNK))


def write_zip(path, members: dict) -> None:
    """A zip64-aware archive by hand: bytes members stored, Bomb members deflated."""
    local, central = bytearray(), bytearray()
    for name, member in members.items():
        name = name.encode()
        data, usize, method, crc = (
            (member.data, member.usize, 8, 0)
            if isinstance(member, Bomb)
            else (member, len(member), 0, zlib.crc32(member))
        )
        extra = struct.pack("<HHQQ", 1, 16, usize, len(data))
        offset = len(local)
        local += (
            struct.pack(
                "<4sHHHHHLLLHH",
                b"PK\x03\x04",
                45,
                0,
                method,
                0,
                33,
                crc,
                0xFFFFFFFF,
                0xFFFFFFFF,
                len(name),
                len(extra),
            )
            + name
            + extra
            + data
        )
        central += (
            struct.pack(
                "<4s4BHHHHLLLHHHHHLL",
                b"PK\x01\x02",
                45,
                3,
                45,
                0,
                0,
                method,
                0,
                33,
                crc,
                0xFFFFFFFF,
                0xFFFFFFFF,
                len(name),
                len(extra),
                0,
                0,
                0,
                0,
                offset,
            )
            + name
            + extra
        )
    end = struct.pack(
        "<4s4H2LH", b"PK\x05\x06", 0, 0, len(members), len(members), len(central), len(local), 0
    )
    path.write_bytes(bytes(local + central + end))


@pytest.fixture(scope="session")
def model_members(tmp_path_factory) -> dict:
    """The members (name -> .npy bytes) of a valid model of architecture 4-2-4."""
    arch = Architecture((4, 2), (2, 4))
    theta = np.linspace(-1, 1, arch.n_params)
    path = tmp_path_factory.mktemp("model") / "m.npz"
    save_model(
        path,
        Autoencoder(arch, theta),
        {"image_shape": (2, 2), "dataset": "tiny", "config": {"arch": "4-2"}},
    )
    with np.load(path) as npz:
        return {f"{key}.npy": npy_bytes(npz[key]) for key in npz.files}


@pytest.fixture(scope="session")
def craft():
    """The crafting helpers: Bomb, write_zip, npy_bytes, npy_header, deflated_zeros."""
    return SimpleNamespace(
        Bomb=Bomb,
        write_zip=write_zip,
        npy_bytes=npy_bytes,
        npy_header=npy_header,
        deflated_zeros=deflated_zeros,
    )


def _bounded():
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


@pytest.fixture
def cli():
    """``cli(*args)``: ``python -m ae_desktop ARGS`` under a 1.5 GiB address-space limit
    and a 60 s timeout -> (exit status, stderr lines)."""

    def run(*args):
        done = subprocess.run(
            [sys.executable, "-m", "ae_desktop", *map(str, args)],
            preexec_fn=_bounded,
            capture_output=True,
            text=True,
            timeout=60,
        )
        return done.returncode, done.stderr.splitlines()

    return run


@pytest.fixture
def fails_in_one_line(cli):
    """``fails_in_one_line(*args)``: the command exits 2 with one ``ae-desktop: error:``
    line and no traceback; returns that line."""

    def run(*args):
        status, err = cli(*args)
        assert status == 2 and len(err) == 1 and err[0].startswith("ae-desktop: error: "), (
            status,
            err[-5:],
        )
        assert len(err[0]) < 400
        return err[0]

    return run
