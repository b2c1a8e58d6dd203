"""2-D views of a d-D latent space: two axes of the code, or the first two principal
components of a set of codes. A code z and its plane point p with offsets s along the
other directions are related by ``z = center + p @ basis[:2] + s @ basis[2:]``, where
``basis`` (d, d) has orthonormal rows (a permutation of the identity for two axes, so
projecting and lifting are exact there)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

PCA_NAME = "principal components 1 × 2"


@dataclass(frozen=True)
class Projection:
    """``center`` (d,), ``basis`` (d, d) orthonormal rows (the plane's two first),
    ``labels`` naming each row, and the ``name`` of the view."""

    center: np.ndarray
    basis: np.ndarray
    labels: tuple[str, ...]
    name: str

    @property
    def dim(self) -> int:
        return len(self.center)

    def project(self, codes) -> np.ndarray:
        """Plane points (..., 2) of codes (..., d)."""
        return (np.asarray(codes, dtype=np.float64) - self.center) @ self.basis[:2].T

    def offsets(self, codes) -> np.ndarray:
        """Coordinates (..., d - 2) of codes (..., d) along the other directions."""
        return (np.asarray(codes, dtype=np.float64) - self.center) @ self.basis[2:].T

    def lift(self, points, offsets) -> np.ndarray:
        """Codes (..., d) of plane points (..., 2) at ``offsets`` (d - 2,) along the
        other directions."""
        points = np.asarray(points, dtype=np.float64)
        offsets = np.asarray(offsets, dtype=np.float64).reshape(self.dim - 2)
        return self.center + points @ self.basis[:2] + offsets @ self.basis[2:]

    def project_log_var(self, log_var) -> np.ndarray:
        """Log-variances (..., 2) along the plane's axes of diagonal Gaussians with
        ``log_var`` (..., d); exactly the axes' own for an axis view."""
        log_var = np.asarray(log_var, dtype=np.float64)
        weights = self.basis[:2] ** 2
        if np.isin(weights, (0.0, 1.0)).all():
            return log_var @ weights.T
        return np.log(np.exp(log_var) @ weights.T)


def axis_names(dim: int) -> list[str]:
    """The views of a ``dim``-D code: "z1 × z2", "z1 × z3", ..., then the PCA view."""
    pairs = [(i, j) for i in range(dim) for j in range(i + 1, dim)]
    return [f"z{i + 1} × z{j + 1}" for i, j in pairs] + [PCA_NAME]


def axis_projection(dim: int, first: int, second: int) -> Projection:
    """The plane of code axes ``first`` and ``second`` (0-based, distinct), the other
    coordinates set by offsets in axis order."""
    if dim < 2 or not (0 <= first < dim and 0 <= second < dim) or first == second:
        raise ValueError(f"axes must be two distinct of 1..{dim}, got {first + 1},{second + 1}")
    order = [first, second] + [k for k in range(dim) if k not in (first, second)]
    return Projection(
        np.zeros(dim),
        np.eye(dim)[order],
        tuple(f"z{k + 1}" for k in order),
        f"z{first + 1} × z{second + 1}",
    )


def principal_projection(codes) -> Projection:
    """The plane of the first two principal components of ``codes`` (n, d), centred on
    their mean; each direction's largest component is positive (a stable sign)."""
    codes = np.asarray(codes, dtype=np.float64)
    if codes.ndim != 2 or codes.shape[1] < 2 or len(codes) == 0:
        raise ValueError(f"codes must have shape (n, d) with n >= 1, d >= 2, got {codes.shape}")
    if not np.isfinite(codes).all():
        raise ValueError("principal components need finite codes")
    center = codes.mean(axis=0)
    centred = codes - center
    centred = centred / max(float(np.abs(centred).max()), 1e-300)  # no overflow below
    _, vectors = np.linalg.eigh(centred.T @ centred)  # d x d, however many codes
    basis = vectors[:, ::-1].T  # largest variance first
    basis = basis * np.sign(basis[np.arange(len(basis)), np.abs(basis).argmax(axis=1)])[:, None]
    labels = tuple(f"PC {k + 1}" for k in range(len(basis)))
    return Projection(center, basis, labels, PCA_NAME)


def projection_named(name: str, codes) -> Projection:
    """The view ``name`` (one of ``axis_names(d)``) of codes (n, d)."""
    dim = np.shape(codes)[1]
    if name == PCA_NAME:
        return principal_projection(codes)
    if name not in axis_names(dim):
        raise ValueError(f"no view {name!r} of a {dim}-D code")
    first, second = (int(part.strip()[1:]) - 1 for part in name.split("×"))
    return axis_projection(dim, first, second)


def offset_ranges(offsets, margin: float = 0.1) -> np.ndarray:
    """(d - 2, 2) ranges of ``offsets`` (n, d - 2): min..max widened by ``margin`` times
    the span on each side (a zero span by ``margin`` absolute units)."""
    offsets = np.asarray(offsets, dtype=np.float64)
    lo, hi = offsets.min(axis=0), offsets.max(axis=0)
    pad = np.where(hi > lo, margin * (hi - lo), margin)
    return np.stack([lo - pad, hi + pad], axis=1)
