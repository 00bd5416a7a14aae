"""The one pass over the activities and the fold of its accumulators into rows' keys."""

from __future__ import annotations

from datetime import date
from operator import add
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
    by: GroupBy | None,
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
    counted_types: dict[str, tuple[int, ...]],
) -> tuple[dict[tuple[Any, ...], list[Any]], set[tuple[str, int]], int]:
    """The hot loop: every activity once, into an accumulator per (group, month, type[, topics]).

    With ``by=None`` the group is the pair (village, team), the finest grain, which
    ``regroup`` later folds onto any grouping. Written for speed: locals only,
    precomputed maps, tuple keys, no object per row. ``counted_types`` gives, per
    activity type, the slots of the COUNT indicators that count every activity
    of that type (``Indicator.counts_type``).
    """
    accumulators: dict[tuple[Any, ...], list[Any]] = {}
    held: set[tuple[str, int]] = set()
    unplaced = 0
    stamp = 0
    done = Status.DONE
    of_village = groups.of_village
    fine = by is None
    by_unit = isinstance(by, Level)
    by_team = by == "team"
    money_slots = {source.value: slot for source, slot in MONEY_SLOTS.items()}
    get_day = day_month.get
    get_slot = slots.get
    get_accumulator = accumulators.get
    get_counted = counted_types.get
    for activity in dataset.activities:
        if activity.status is not done:
            continue
        month = get_day(activity.date)
        if month is None:
            continue
        group: Any
        if fine:
            group = (activity.village, activity.team)
        elif by_unit:
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
            counted = get_counted(kind)
            if counted is not None:
                for slot in counted:
                    accumulator[slot] += 1
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
                        if counted is None or slot not in counted:
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


def carried(slots: dict[str, tuple[int, int]]) -> tuple[int, list[tuple[int, int]]]:
    """Where the additive slots end, and the MAX and LAST slots: what a merge carries.

    The frame lays SUM and COUNT indicators first, so every slot below the end
    (the villages aside) adds.
    """
    additive = [slot for slot, kind in slots.values() if kind in (SUM, COUNT)]
    end = max(additive, default=FIRST_INDICATOR - 1) + 1
    if end - FIRST_INDICATOR != len(additive):
        raise ValueError("SUM and COUNT indicator slots must come first")
    return end, sorted((slot, kind) for slot, kind in slots.values() if kind in (MAX, LAST))


def merge_accumulator(
    target: list[Any], source: list[Any], additive_end: int, extremes: list[tuple[int, int]]
) -> None:
    """Add one accumulator into another: sums add, MAX keeps the larger, LAST the later.

    The additive slots are added a slice at a time (a report merges hundreds of
    thousands of accumulators); ``extremes`` names the MAX and LAST slots.
    """
    target[:VILLAGES] = map(add, target[:VILLAGES], source[:VILLAGES])
    target[VILLAGES] |= source[VILLAGES]
    first = VILLAGES + 1
    target[first:additive_end] = map(add, target[first:additive_end], source[first:additive_end])
    for slot, kind in extremes:
        value = source[slot]
        if kind == MAX:
            if value is not None and (target[slot] is None or value > target[slot]):
                target[slot] = value
        else:
            stamp = source[slot + 1]
            if stamp is not None and (target[slot + 1] is None or stamp > target[slot + 1]):
                target[slot] = value
                target[slot + 1] = stamp


def regroup(
    fine: dict[tuple[Any, ...], list[Any]],
    by: GroupBy,
    groups: Groups,
    slots: dict[str, tuple[int, int]],
    template: list[Any],
    *,
    by_topic: bool,
    want_money: bool,
    indicators: bool,
) -> tuple[dict[tuple[Any, ...], list[Any]], int]:
    """The accumulators of ``one_pass(by=None)`` gathered by ``by``, as ``one_pass(by)`` makes them.

    Money and indicators are carried only when wanted. The fine accumulators
    are never changed, so one pass serves every grouping.
    Returns the accumulators and the number of activities whose village has no
    group.
    """
    regrouped: dict[tuple[Any, ...], list[Any]] = {}
    additive_end, extremes = carried(slots) if indicators else (FIRST_INDICATOR, [])
    unplaced = 0
    of_village = groups.of_village
    by_unit = isinstance(by, Level)
    by_team = by == "team"
    for (place, month, kind, *topics), accumulator in fine.items():
        village, team = place
        if by_unit:
            group = of_village.get(village)
            if group is None:
                unplaced += accumulator[ACTIVITIES]
                continue
        elif by_team:
            group = team
        else:
            group = ""
        key = (group, month, kind, *topics) if by_topic else (group, month, kind)
        target = regrouped.get(key)
        if target is None:
            # The first accumulator of a key is copied: most keys of a fine grain have one.
            target = regrouped[key] = accumulator.copy()
            target[VILLAGES] = set(accumulator[VILLAGES])
            if not indicators:
                target[FIRST_INDICATOR:] = template[FIRST_INDICATOR:]
        else:
            merge_accumulator(target, accumulator, additive_end, extremes)
    if not want_money:
        for target in regrouped.values():
            for slot in MONEY_SLOTS.values():
                target[slot] = 0
    return regrouped, unplaced


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
    additive_end, extremes = carried(slots)
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
                    merge_accumulator(target, accumulator, additive_end, extremes)
            else:
                merge_accumulator(target, accumulator, additive_end, extremes)
    return folded


def quarter_key(month: Period) -> str:
    quarter = month.enclosing(PeriodKind.QUARTER)
    assert quarter is not None
    return quarter.key
