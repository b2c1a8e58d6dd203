"""The learning-rate schedules of ``--lr-schedule``: their names, codes and parsing.

``constant`` keeps the rate; ``step:EVERY:FACTOR`` multiplies it by FACTOR every EVERY
epochs; ``cosine`` lowers it from the rate to 0 over the run's epochs along half a
cosine. The per-epoch rules are in ``compiled_train.epoch_rate`` and, as the
reference, ``reference.epoch_rate``.
"""

from __future__ import annotations

from ae_desktop.engine.limits import Range
from ae_desktop.safe_io.bounded_json import quote

CONSTANT, STEP, COSINE = range(3)
SCHEDULE_FORMS = ("constant", "step:EVERY:FACTOR", "cosine")
STEP_EVERY = Range(int, 1, 10_000_000)
STEP_FACTOR = Range(float, 0, 1, open_low=True)
MAX_TEXT = 80


def parse_schedule(text: str) -> tuple[int, int, float]:
    """(code, every, factor) of a schedule text, or ValueError naming the problem."""
    name, _, rest = text.strip().lower().partition(":")
    if name in ("constant", "cosine") and not rest:
        return (CONSTANT if name == "constant" else COSINE), 1, 1.0
    if name == "step" and len(text) <= MAX_TEXT:
        every, _, factor = rest.partition(":")
        try:
            values = int(every), float(factor)
        except ValueError:
            values = None
        if values and STEP_EVERY.holds(values[0]) and STEP_FACTOR.holds(values[1]):
            return STEP, values[0], values[1]
        raise ValueError(
            f"lr schedule step:EVERY:FACTOR needs EVERY {STEP_EVERY.describe()} and "
            f"FACTOR {STEP_FACTOR.describe()}, got {quote(text)}"
        )
    raise ValueError(f"unknown lr schedule {quote(text)}: use {', '.join(SCHEDULE_FORMS)}")
