"""What a summary can be split by and count: dimensions, groupings, measures."""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from typing import Final, Literal, TypeAlias, cast

from danvan.model import (
    Level,
)

Dimension: TypeAlias = Literal["type", "field", "topic", "month", "quarter"]
GroupBy: TypeAlias = Level | Literal["team", "all"]
DIMENSIONS: Final[tuple[Dimension, ...]] = ("type", "field", "topic", "month", "quarter")

#: The key value of the topic dimension for activities that name no topic.
NO_TOPIC: Final = ""


class Measure(enum.Enum):
    """What a summary can count; `summarize(measures=...)` picks some, by default all but
    the opt-in ones (`OPT_IN`)."""

    ACTIVITIES = "activities"
    PARTICIPANTS = "participants"
    HOUSEHOLDS = "households"
    INDICATORS = "indicators"
    MONEY = "money"
    COVERAGE = "coverage"
    COMPLETENESS = "completeness"
    MEMBERS = "members"
    #: The reports each team owes and what came of them (expected, received, on time, late,
    #: missing, duplicates) with the reporting and on-time rates: see `ReportingSettings`.
    REPORTING = "reporting"


#: Measures counted only when asked for. Reporting needs a deadline rule and the day the
#: reports are seen on, and a dataset without submissions would show every report missing:
#: a summary that does not ask stays what it was before the measure existed.
OPT_IN: Final = frozenset({Measure.REPORTING})


def check_per(per: Sequence[Dimension]) -> tuple[Dimension, ...]:
    raw: tuple[str, ...] = (per,) if isinstance(per, str) else tuple(per)
    for dimension in raw:
        if dimension not in DIMENSIONS:
            raise ValueError(
                f"Không có chiều / unknown dimension {dimension!r}; "
                f"use some of {', '.join(DIMENSIONS)}"
            )
    if len(set(raw)) != len(raw):
        raise ValueError(f"a dimension is repeated in per={raw!r}")
    return tuple(cast(Dimension, dimension) for dimension in raw)


def check_measures(measures: Iterable[Measure | str] | None) -> frozenset[Measure]:
    if measures is None:
        return frozenset(Measure) - OPT_IN
    return frozenset(Measure(m) if isinstance(m, str) else m for m in measures)
