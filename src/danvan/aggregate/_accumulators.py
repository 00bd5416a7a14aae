"""The one pass over the activities and the fold of its accumulators into rows' keys."""

from __future__ import annotations

from datetime import date
from typing import Any, Final

from danvan.aggregate._grouping import Groups
from danvan.aggregate._measures import NO_TOPIC, Dimension, GroupBy
from danvan.model import (
    Aggregation,
    Catalog,
    Dataset,
    FundingSource,
    Level,
    Quantity,
    Status,
)
from danvan.periods import Period, PeriodKind

# Accumulator layout: fixed slots, then one slot per indicator (two for LAST: value, stamp).
ACTIVITIES, PARTICIPANTS, HOUSEHOLDS, VILLAGES = 0, 1, 2, 3
MONEY_SLOTS: Final = {source: 4 + i for i, source in enumerate(FundingSource)}
FIRST_INDICATOR: Final = 4 + len(FundingSource)
SUM, COUNT, MAX, LAST = 0, 1, 2, 3
KIND: Final = {Aggregation.SUM: SUM, Aggregation.COUNT: COUNT, Aggregation.MAX: MAX}


def one_pass(
    dataset: Dataset,
    by: GroupBy,
    day_month: dict[date, int],
    groups: Groups,
    slots: dict[str, tuple[int, int]],
    template: list[Any],
    *,
    by_topic: bool,
    want_money: bool,
    want_villages: bool,
    want_indicators: bool,
    want_meetings: bool,
    meeting_types: frozenset[str],
) -> tuple[dict[tuple[Any, ...], list[Any]], set[tuple[str, int]], int]:
    """The hot loop: every activity once, into an accumulator per (group, month, type[, topics]).

    Written for speed: locals only, precomputed maps, tuple keys, no object per row.
    """
    accumulators: dict[tuple[Any, ...], list[Any]] = {}
    held: set[tuple[str, int]] = set()
    unplaced = 0
    stamp = 0
    done = Status.DONE
    of_village = groups.of_village
    by_unit = isinstance(by, Level)
    by_team = by == "team"
    money_slots = {source.value: slot for source, slot in MONEY_SLOTS.items()}
    get_day = day_month.get
    get_slot = slots.get
    get_accumulator = accumulators.get
    for activity in dataset.activities:
        if activity.status is not done:
            continue
        month = get_day(activity.date)
        if month is None:
            continue
        if by_unit:
            village = activity.village
            try:
                group = of_village[village]
            except KeyError:
                group = of_village[village] = None
            if group is None:
                unplaced += 1
                continue
        elif by_team:
            group = activity.team
        else:
            group = ""
        kind = activity.type
        key = (group, month, kind, activity.topics) if by_topic else (group, month, kind)
        accumulator = get_accumulator(key)
        if accumulator is None:
            accumulator = accumulators[key] = template.copy()
            accumulator[VILLAGES] = set()
        accumulator[0] += 1
        participants = activity.participants
        if participants:
            accumulator[1] += participants
        households = activity.households
        if households:
            accumulator[2] += households
        if want_villages:
            accumulator[3].add(activity.village)
        if want_money:
            for funding in activity.funding:
                # By the enum's value: a str hashes in C, an Enum member in Python.
                accumulator[money_slots[funding.source._value_]] += funding.amount
        if want_indicators:
            quantities = activity.quantities
            if quantities:
                if len(quantities) > 1:
                    quantities = _merged(quantities)
                for quantity in quantities:
                    spec = get_slot(quantity.indicator)
                    if spec is None:
                        continue
                    slot, aggregation = spec
                    if aggregation == 0:
                        accumulator[slot] += quantity.value
                    elif aggregation == 1:
                        accumulator[slot] += 1
                    elif aggregation == 2:
                        current = accumulator[slot]
                        if current is None or quantity.value > current:
                            accumulator[slot] = quantity.value
                    else:
                        stamp += 1
                        when = (activity.date, stamp)
                        latest = accumulator[slot + 1]
                        if latest is None or when > latest:
                            accumulator[slot] = quantity.value
                            accumulator[slot + 1] = when
        if want_meetings and kind in meeting_types:
            held.add((activity.team, month))
    return accumulators, held, unplaced


def _merged(quantities: tuple[Quantity, ...]) -> tuple[Quantity, ...]:
    """An activity's quantities, repeats of one indicator summed (as `Activity.quantity` does)."""
    codes = [q.indicator for q in quantities]
    if len(set(codes)) == len(codes):
        return quantities
    totals: dict[str, int | float] = {}
    for quantity in quantities:
        totals[quantity.indicator] = totals.get(quantity.indicator, 0) + quantity.value
    return tuple(Quantity(code, value) for code, value in totals.items())


def merge_accumulator(target: list[Any], source: list[Any], kinds: list[tuple[int, int]]) -> None:
    """Add one accumulator into another: sums add, MAX keeps the larger, LAST the later."""
    for slot in range(FIRST_INDICATOR):
        if slot == VILLAGES:
            target[slot] |= source[slot]
        else:
            target[slot] += source[slot]
    for slot, kind in kinds:
        value = source[slot]
        if kind in (SUM, COUNT):
            target[slot] += value
        elif kind == MAX:
            if value is not None and (target[slot] is None or value > target[slot]):
                target[slot] = value
        else:
            stamp = source[slot + 1]
            if stamp is not None and (target[slot + 1] is None or stamp > target[slot + 1]):
                target[slot] = value
                target[slot + 1] = stamp


def fresh_accumulator(template: list[Any]) -> list[Any]:
    accumulator = template.copy()
    accumulator[VILLAGES] = set()
    return accumulator


def fold_accumulators(
    accumulators: dict[tuple[Any, ...], list[Any]],
    dimensions: tuple[Dimension, ...],
    months: list[Period],
    bucket_of_month: list[int],
    catalog: Catalog,
    slots: dict[str, tuple[int, int]],
    template: list[Any],
) -> dict[tuple[str, ...], list[Any]]:
    """Fold the fine accumulators into the rows' keys: (group, *values of `per`)."""
    kinds = sorted(slots.values())
    month_keys = [m.key for m in months]
    quarter_keys = [quarter_key(m) for m in months]
    field_of: dict[str, str] = {}
    folded: dict[tuple[str, ...], list[Any]] = {}
    for fine_key, accumulator in accumulators.items():
        group, month, kind = fine_key[0], fine_key[1], fine_key[2]
        if kind not in field_of:
            activity_type = catalog.activity_type(kind)
            field_of[kind] = activity_type.field.value if activity_type is not None else ""
        topics: tuple[str, ...] = (fine_key[3] or (NO_TOPIC,)) if len(fine_key) > 3 else ("",)
        topics = tuple(dict.fromkeys(topics))
        for topic in topics:
            values: list[str] = [group]
            for dimension in dimensions:
                if dimension == "type":
                    values.append(kind)
                elif dimension == "field":
                    values.append(field_of[kind])
                elif dimension == "topic":
                    values.append(topic)
                elif dimension == "month":
                    values.append(month_keys[month])
                else:
                    values.append(quarter_keys[month])
            key = tuple(values)
            target = folded.get(key)
            if target is None:
                # The first fine accumulator of a row becomes the row's (copied only if
                # it also feeds other topics' rows); later ones are merged into it.
                if len(topics) == 1:
                    folded[key] = accumulator
                else:
                    target = folded[key] = fresh_accumulator(template)
                    merge_accumulator(target, accumulator, kinds)
            else:
                merge_accumulator(target, accumulator, kinds)
    return folded


def quarter_key(month: Period) -> str:
    quarter = month.enclosing(PeriodKind.QUARTER)
    assert quarter is not None
    return quarter.key
