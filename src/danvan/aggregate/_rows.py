"""Unit measures (villages, meetings, members, reports) and the rows of every group and key."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from datetime import date
from typing import Any

import attrs

from danvan.aggregate._accumulators import (
    ACTIVITIES,
    HOUSEHOLDS,
    MONEY_SLOTS,
    PARTICIPANTS,
    VILLAGES,
    fresh_accumulator,
    quarter_key,
)
from danvan.aggregate._grouping import Groups, alive_between
from danvan.aggregate._measures import Dimension, GroupBy, Measure
from danvan.aggregate._reports import REPORT_COUNTS, ExpectedReport, count_reports
from danvan.aggregate._summary import SummaryRow
from danvan.model import (
    Catalog,
    Dataset,
    Field,
    Indicator,
    Level,
)
from danvan.periods import DateRange, Period
from danvan.text import collation_key


@attrs.define
class UnitMeasures:
    """Per (group, time bucket): villages with a team, meetings held and expected, members,
    the counts of reports (`REPORT_COUNTS`)."""

    villages: dict[tuple[str, int], set[str]] = attrs.field(factory=dict)
    held: dict[tuple[str, int], int] = attrs.field(factory=dict)
    expected: dict[tuple[str, int], int] = attrs.field(factory=dict)
    members: dict[tuple[str, int], int] = attrs.field(factory=dict)
    reports: dict[tuple[str, int], list[int]] = attrs.field(factory=dict)


def count_unit_measures(
    dataset: Dataset,
    by: GroupBy,
    groups: Groups,
    wanted: frozenset[Measure],
    *,
    bounds_start: date,
    bounds_end: date,
    months: list[DateRange],
    bucket_of_month: list[int],
    bucket_ends: list[date],
    held: set[tuple[str, int]],
    reports: Sequence[tuple[ExpectedReport, int]] = (),
) -> UnitMeasures:
    """The measures of units rather than activities; ``reports`` are the reports owed, each
    with its time bucket, counted as completeness counts meetings: by the group of the team."""
    result = UnitMeasures()
    by_team = by == "team"
    if Measure.COVERAGE in wanted:
        villages = [u for u in dataset.units if u.level is Level.VILLAGE]
        for bucket, day in enumerate(bucket_ends):
            for village in villages:
                if not village.valid_on(day):
                    continue
                team = dataset.team_for_village(village.id, day)
                if team is None:
                    continue
                group = team.id if by_team else groups.of_village.get(village.id)
                if group is not None:
                    result.villages.setdefault((group, bucket), set()).add(village.id)
    if Measure.COMPLETENESS in wanted:
        for team in dataset.teams:
            group = groups.of_team.get(team.id)
            if group is None or not alive_between(team, bounds_start, bounds_end):
                continue
            for month, month_bounds in enumerate(months):
                start = max(month_bounds.start, bounds_start)
                end = min(month_bounds.end, bounds_end)
                if not alive_between(team, start, end):
                    continue
                key = (group, bucket_of_month[month])
                result.expected[key] = result.expected.get(key, 0) + 1
                if (team.id, month) in held:
                    result.held[key] = result.held.get(key, 0) + 1
    if Measure.MEMBERS in wanted:
        teams = {team.id: team for team in dataset.teams}
        for membership in dataset.memberships:
            team = teams.get(membership.team)
            group = groups.of_team.get(membership.team)
            if team is None or group is None:
                continue
            first = _latest(membership.valid_from, team.established)
            last = _earliest(membership.valid_until, team.dissolved)
            for bucket, day in enumerate(bucket_ends):
                if (first is None or first <= day) and (last is None or day <= last):
                    key = (group, bucket)
                    result.members[key] = result.members.get(key, 0) + 1
    if Measure.REPORTING in wanted:
        of_team = groups.of_team
        result.reports = count_reports(
            (_keyed(of_team.get(report.team), bucket), report) for report, bucket in reports
        )
    return result


def _keyed(group: str | None, bucket: int) -> tuple[str, int] | None:
    return None if group is None else (group, bucket)


def _latest(a: date | None, b: date | None) -> date | None:
    return b if a is None else a if b is None else max(a, b)


def _earliest(a: date | None, b: date | None) -> date | None:
    return b if a is None else a if b is None else min(a, b)


def _domains(
    dimensions: tuple[Dimension, ...],
    folded: dict[tuple[str, ...], list[Any]],
    catalog: Catalog,
    months: list[Period],
    bucket_of_month: list[int],
) -> tuple[list[tuple[tuple[str, ...], int]], list[list[str]], list[int]]:
    """Every combination of time keys (with its bucket) and every value of the other dimensions."""
    positions = {d: i + 1 for i, d in enumerate(dimensions)}
    time_dimensions = [d for d in dimensions if d in ("month", "quarter")]
    times: dict[tuple[str, ...], int] = {}
    for position, month in enumerate(months):
        values = tuple(month.key if d == "month" else quarter_key(month) for d in time_dimensions)
        times.setdefault(values, bucket_of_month[position])
    others: list[list[str]] = []
    other_positions: list[int] = []
    for dimension in dimensions:
        if dimension in ("month", "quarter"):
            continue
        if dimension == "type":
            known = [t.code for t in catalog.activity_types]
        elif dimension == "field":
            known = [f.value for f in Field]
        else:
            known = [t.code for t in catalog.topics]
        seen = {key[positions[dimension]] for key in folded}
        extra = sorted(seen.difference(known))
        others.append(known + extra)
        other_positions.append(positions[dimension])
    return list(times.items()), others, other_positions


def summary_rows(
    groups: Groups,
    dimensions: tuple[Dimension, ...],
    folded: dict[tuple[str, ...], list[Any]],
    unit_measures: UnitMeasures,
    catalog: Catalog,
    months: list[Period],
    bucket_of_month: list[int],
    indicators: tuple[Indicator, ...],
    slots: dict[str, tuple[int, int]],
    template: list[Any],
) -> list[SummaryRow]:
    """Every group × every combination of keys, in report order, zeros where nothing was done."""
    names = groups.names
    for key in folded:
        names.setdefault(key[0], (key[0], None))
    ordered_groups = sorted(names, key=lambda g: (collation_key(names[g][0]), g))
    times, others, other_positions = _domains(dimensions, folded, catalog, months, bucket_of_month)
    time_positions = [i + 1 for i, d in enumerate(dimensions) if d in ("month", "quarter")]
    width = len(dimensions) + 1
    empty = fresh_accumulator(template)
    known_order = {
        "type": {t.code: i for i, t in enumerate(catalog.activity_types)},
        "field": {f.value: i for i, f in enumerate(Field)},
        "topic": {t.code: i for i, t in enumerate(catalog.topics)},
    }

    def _order_of(dimension: Dimension, value: str) -> tuple[int, str]:
        order = known_order.get(dimension)
        if order is None:
            return (0, value)  # period keys ("2022-03", "2022-Q1") sort in time as text
        return (order[value], "") if value in order else (len(order), value)

    combos: list[tuple[tuple[str, ...], int]] = []
    for (time_values, bucket), other_values in itertools.product(times, itertools.product(*others)):
        values: list[str] = [""] * width
        for position, value in zip(time_positions, time_values, strict=True):
            values[position] = value
        for position, value in zip(other_positions, other_values, strict=True):
            values[position] = value
        combos.append((tuple(values[1:]), bucket))
    combos.sort(key=lambda combo: tuple(map(_order_of, dimensions, combo[0])))

    codes = [i.code for i in indicators]
    indicator_slots = [slots[code][0] for code in codes]
    sources = list(MONEY_SLOTS)
    money_slots = list(MONEY_SLOTS.values())
    no_villages: set[str] = set()
    no_reports = [0] * len(REPORT_COUNTS)
    rows: list[SummaryRow] = []
    for group in ordered_groups:
        name, code = names[group]
        for keys, bucket in combos:
            accumulator = folded.get((group, *keys), empty)
            unit_key = (group, bucket)
            with_team = unit_measures.villages.get(unit_key, no_villages)
            reports = unit_measures.reports.get(unit_key, no_reports)
            take = accumulator.__getitem__
            rows.append(
                SummaryRow(
                    group=group,
                    name=name,
                    code=code,
                    keys=keys,
                    activities=accumulator[ACTIVITIES],
                    participants=accumulator[PARTICIPANTS],
                    households=accumulator[HOUSEHOLDS],
                    indicators=dict(zip(codes, map(take, indicator_slots), strict=True)),
                    money=dict(zip(sources, map(take, money_slots), strict=True)),
                    villages_with_activity=len(accumulator[VILLAGES] & with_team),
                    villages_with_team=len(with_team),
                    meetings_held=unit_measures.held.get(unit_key, 0),
                    meetings_expected=unit_measures.expected.get(unit_key, 0),
                    active_members=unit_measures.members.get(unit_key, 0),
                    reports_expected=reports[0],
                    reports_received=reports[1],
                    reports_on_time=reports[2],
                    reports_late=reports[3],
                    reports_undated=reports[4],
                    reports_missing=reports[5],
                    reports_not_yet_due=reports[6],
                    reports_duplicates=reports[7],
                )
            )
    return rows
