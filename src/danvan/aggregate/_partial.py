"""Partial aggregates: one part of the activities summed for one query, combined later.

A folder read every month changes one file at a time. ``partial`` sums one
part of the activities (one file's) with the very accumulators of
``summarize``'s one pass, for one `Query` (period, calendar, hierarchy day,
grouping, `per` and measures); ``combine`` merges the parts and folds them into
the same `Summary` that ``summarize`` gives for all the activities at once:
sums and counts add, maxima take the larger, "last" keeps the later (date, then
the part's place, then the activity's place in it), the villages with an
activity stay sets. ``partial_to_raw`` and ``partial_from_raw`` turn a part into
plain JSON values and back, so that a store can keep it without pickle.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

import attrs

from danvan.aggregate._accumulators import (
    LAST,
    VILLAGES,
    carried,
    merge_accumulator,
)
from danvan.aggregate._engine import _Frame
from danvan.aggregate._measures import (
    Dimension,
    GroupBy,
    Measure,
    check_measures,
    check_per,
)
from danvan.aggregate._summary import Summary
from danvan.model import Dataset, Level
from danvan.periods import Period, ReportingCalendar, parse_period
from danvan.registry import UnitRegistry


@attrs.frozen
class Query:
    """What a summary asks: the period, its calendar, the units' day, the grouping, the split
    and the measures. Parts summed for one query combine only with parts of the same query."""

    period: Period
    by: GroupBy = Level.COMMUNE
    per: tuple[Dimension, ...] = ()
    measures: frozenset[Measure] = frozenset(Measure)
    calendar: ReportingCalendar = ReportingCalendar(1)  # noqa: RUF009 (frozen, immutable)
    units_on: date | None = None

    @classmethod
    def of(
        cls,
        period: Period | str,
        *,
        by: GroupBy = Level.COMMUNE,
        per: Sequence[Dimension] = (),
        measures: Iterable[Measure | str] | None = None,
        calendar: ReportingCalendar = ReportingCalendar(1),  # noqa: B008 (frozen, immutable)
        units_on: date | None = None,
    ) -> Query:
        """The query of ``summarize(dataset, period, by=…, per=…, …)``, its arguments checked."""
        if isinstance(period, str):
            period = parse_period(period)
        wanted = check_measures(measures)
        if Measure.REPORTING in wanted:
            raise ValueError(
                "chỉ tiêu 'reporting' cần mọi báo cáo đã nộp, không tính theo từng phần / "
                "the reporting measure counts the submissions of all files together, not part "
                "by part: summarize the whole dataset"
            )
        return cls(period, by, check_per(per), wanted, calendar, units_on)

    def describe(self) -> dict[str, Any]:
        """The query as plain JSON values: what a store's key is made of."""
        by = self.by.value if isinstance(self.by, Level) else self.by
        return {
            "period": self.period.key,
            "by": by,
            "per": list(self.per),
            "measures": sorted(m.value for m in self.measures),
            "cutoff_day": self.calendar.cutoff_day,
            "units_on": None if self.units_on is None else self.units_on.isoformat(),
        }


@attrs.frozen(eq=False)
class Partial:
    """One part's accumulators for one query: keyed (group, month, type[, topics]), with the
    (team, month) pairs that held a meeting and the activities whose village has no group."""

    accumulators: dict[tuple[Any, ...], list[Any]]
    held: frozenset[tuple[str, int]]
    unplaced: int = 0


def _frame(dataset: Dataset, query: Query) -> _Frame:
    return _Frame.of(dataset, query.period, query.calendar)


def partial(dataset: Dataset, query: Query, *, registry: UnitRegistry | None = None) -> Partial:
    """The activities of ``dataset`` summed for ``query``: one part of a later `combine`.

    The units, teams and catalogue of ``dataset`` place the activities, as
    ``summarize`` places them.
    """
    frame = _frame(dataset, query)
    groups = frame.groups(query.by, query.units_on, registry)
    accumulators, held, unplaced = frame.one_pass(query.by, groups, query.per, query.measures)
    return Partial(accumulators, frozenset(held), unplaced)


def combine(
    setting: Dataset,
    query: Query,
    parts: Iterable[Partial],
    *,
    registry: UnitRegistry | None = None,
) -> Summary:
    """The `Summary` of the parts together, as ``summarize`` gives it for their activities
    read in the parts' order. ``setting`` gives the units, teams and catalogue (its own
    activities, if any, are not counted: they belong to some part)."""
    frame = _frame(setting, query)
    additive_end, extremes = carried(frame.slots)
    lasts = [slot for slot, kind in frame.slots.values() if kind == LAST]
    merged: dict[tuple[Any, ...], list[Any]] = {}
    held: set[tuple[str, int]] = set()
    unplaced = 0
    for place, part in enumerate(parts):
        held |= part.held
        unplaced += part.unplaced
        for key, accumulator in part.accumulators.items():
            source = _ranked(accumulator, lasts, place)
            target = merged.get(key)
            if target is None:
                target = merged[key] = source.copy()
                target[VILLAGES] = set(source[VILLAGES])
            else:
                merge_accumulator(target, source, additive_end, extremes)
    groups = frame.groups(query.by, query.units_on, registry)
    return frame.summary(query.by, query.per, query.measures, groups, merged, held, unplaced, [])


def _ranked(accumulator: list[Any], lasts: list[int], place: int) -> list[Any]:
    """The accumulator with each "last" stamp ``(date, n)`` made ``(date, place, n)``: a later
    part wins a tie of dates, as a later activity does in one pass."""
    if not lasts:
        return accumulator
    ranked = accumulator.copy()
    for slot in lasts:
        stamp = ranked[slot + 1]
        if stamp is not None:
            ranked[slot + 1] = (stamp[0], place, *stamp[1:])
    return ranked


def partial_to_raw(part: Partial, setting: Dataset, query: Query) -> dict[str, Any]:
    """``part`` as plain JSON values (lists, strings, numbers, null): sets as sorted lists,
    dates as ISO text. ``setting`` and ``query`` give the accumulators' layout."""
    lasts = _last_slots(setting, query)
    rows = []
    for key, accumulator in part.accumulators.items():
        values = list(accumulator)
        values[VILLAGES] = sorted(values[VILLAGES])
        for slot in lasts:
            stamp = values[slot + 1]
            if stamp is not None:
                values[slot + 1] = [stamp[0].isoformat(), *stamp[1:]]
        raw_key = [*key[:3], list(key[3])] if len(key) > 3 else list(key)
        rows.append([raw_key, values])
    return {
        "accumulators": rows,
        "held": sorted([team, month] for team, month in part.held),
        "unplaced": part.unplaced,
    }


def partial_from_raw(raw: dict[str, Any], setting: Dataset, query: Query) -> Partial:
    """The `Partial` that ``partial_to_raw`` gave ``raw`` for (a ``KeyError``, ``TypeError``
    or ``ValueError`` when ``raw`` is not one)."""
    lasts = _last_slots(setting, query)
    accumulators: dict[tuple[Any, ...], list[Any]] = {}
    for raw_key, values in raw["accumulators"]:
        key = (*raw_key[:3], tuple(raw_key[3])) if len(raw_key) > 3 else tuple(raw_key)
        values = list(values)
        values[VILLAGES] = set(values[VILLAGES])
        for slot in lasts:
            stamp = values[slot + 1]
            if stamp is not None:
                values[slot + 1] = (date.fromisoformat(stamp[0]), *stamp[1:])
        accumulators[key] = values
    held = frozenset((team, int(month)) for team, month in raw["held"])
    return Partial(accumulators, held, int(raw["unplaced"]))


def _last_slots(setting: Dataset, query: Query) -> list[int]:
    return [slot for slot, kind in _frame(setting, query).slots.values() if kind == LAST]
