"""The one rule for validity intervals: both ends inclusive, ``None`` meaning open."""

from __future__ import annotations

from datetime import date


def within(day: date, start: date | None, end: date | None) -> bool:
    """Whether ``day`` lies in the inclusive interval ``[start, end]``; ``None`` ends are open."""
    return (start is None or start <= day) and (end is None or day <= end)


def overlap(
    a_start: date | None, a_end: date | None, b_start: date | None, b_end: date | None
) -> bool:
    """Whether two inclusive intervals share at least one day."""
    return (a_start is None or b_end is None or a_start <= b_end) and (
        b_start is None or a_end is None or b_start <= a_end
    )


def inside(
    inner_start: date | None,
    inner_end: date | None,
    outer_start: date | None,
    outer_end: date | None,
) -> bool:
    """Whether the interval ``inner`` lies wholly inside ``outer``."""
    starts_ok = outer_start is None or (inner_start is not None and outer_start <= inner_start)
    ends_ok = outer_end is None or (inner_end is not None and inner_end <= outer_end)
    return starts_ok and ends_ok
