"""Sweep results as a table: one row per run, and statistics over repeats."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

STATISTICS = ("n", "mean", "std", "min", "max")


@dataclass
class ResultTable:
    """Rows of an experiment (one per run or measurement), grouped by the ``group_by``
    columns for statistics; ``cancelled`` when a cancel cut the experiment short."""

    rows: list[dict]
    group_by: list[str]
    cancelled: bool

    def summary(self, metric: str) -> list[dict]:
        """``metric`` over the rows of each group: see ``aggregate``."""
        return aggregate(self.rows, metric, self.group_by)

    def has(self, metric: str) -> bool:
        """Whether any row has a value for ``metric``."""
        return any(row.get(metric) is not None for row in self.rows)


def numeric_columns(rows: list[dict]) -> list[str]:
    """Columns holding a number in every row, in first-row order."""
    if not rows:
        return []
    return [
        key
        for key in rows[0]
        if all(
            isinstance(row.get(key), (int, float)) and not isinstance(row.get(key), bool)
            for row in rows
        )
    ]


def columns(rows: list[dict]) -> list[str]:
    """Every column of any row, in order of first appearance."""
    return list(dict.fromkeys(key for row in rows for key in row))


def aggregate(rows: list[dict], metric: str, by: list[str]) -> list[dict]:
    """Per distinct value of the ``by`` columns (in order of first appearance): those
    values and the ``n``, ``mean``, ``std`` (population, ddof=0), ``min`` and ``max`` of
    ``metric`` over the rows that have them. Rows without ``metric`` are skipped."""
    groups: dict[tuple, list[float]] = {}
    for row in rows:
        if row.get(metric) is not None:
            groups.setdefault(tuple(row[name] for name in by), []).append(row[metric])
    if rows and not groups:
        raise KeyError(f"no run has a value for {metric!r}")
    summary = []
    for key, values in groups.items():
        try:
            v = np.asarray(values, dtype=float)
        except ValueError:
            raise KeyError(
                f"{metric!r} is not a number: choose one of {', '.join(numeric_columns(rows))}"
            ) from None
        summary.append(
            {
                **dict(zip(by, key)),
                "n": len(v),
                "mean": float(v.mean()),
                "std": float(v.std()),
                "min": float(v.min()),
                "max": float(v.max()),
            }
        )
    return summary
