"""`summarize`: the period's activities summed in one pass, then folded into rows."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from danvan.aggregate._accumulators import COUNT, KIND, LAST, MAX, SUM, fold_accumulators, one_pass
from danvan.aggregate._grouping import make_groups
from danvan.aggregate._measures import Dimension, GroupBy, Measure, check_measures, check_per
from danvan.aggregate._rows import count_unit_measures, summary_rows
from danvan.aggregate._summary import Summary
from danvan.model import (
    Dataset,
    FundingSource,
    Level,
)
from danvan.periods import Period, PeriodKind, ReportingCalendar, parse_period
from danvan.units import UnitRegistry


def summarize(
    dataset: Dataset,
    period: Period | str,
    *,
    by: GroupBy = Level.COMMUNE,
    per: Sequence[Dimension] = (),
    measures: Iterable[Measure | str] | None = None,
    calendar: ReportingCalendar = ReportingCalendar(1),  # noqa: B008 (frozen, immutable)
    as_of: date | None = None,
    registry: UnitRegistry | None = None,
) -> Summary:
    """Sum the activities of ``period`` by unit level, team or overall, split by ``per``.

    ``by`` is a `Level` (activities go to the unit at that level above their
    village), ``"team"`` or ``"all"``. ``per`` splits rows further by activity
    ``"type"``, ``"field"``, ``"topic"``, ``"month"`` or ``"quarter"`` (reporting
    months of ``calendar``).

    ``as_of`` is the day whose hierarchy the groups are reported in, by default
    the period's last day. A village whose unit at level ``by`` no longer exists
    on ``as_of`` is re-aggregated onto that unit's successor: the dataset's own
    successions first, else ``registry``'s (by default the bundled Điện Biên
    registry), the unit linked to it by official code. So the 2022 sample with
    ``as_of=date(2025, 7, 1)`` reports by xã Mường Chà, xã Nà Hỳ and xã Si Pa
    Phìn. The units listed are those at level ``by`` valid on ``as_of`` plus
    any a village or team reaches; every unit appears, with zeros when it did
    nothing.
    """
    if isinstance(period, str):
        period = parse_period(period)
    dimensions = check_per(per)
    wanted = check_measures(measures)
    if not (isinstance(by, Level) or by in ("team", "all")):
        raise ValueError(f"by must be a Level, 'team' or 'all', got {by!r}")
    bounds = calendar.bounds(period)
    reference = as_of or bounds.end
    catalog = dataset.catalog

    months = calendar.months(period)
    month_position = {(m.year, m.index): i for i, m in enumerate(months)}
    day_month: dict[date, int] = {}
    month_key = calendar.month_key
    for day in bounds.dates():
        day_month[day] = month_position[month_key(day)]

    buckets, bucket_of_month = _time_buckets(period, months, dimensions)
    bucket_ends = [min(calendar.bounds(b).end, bounds.end) for b in buckets]
    groups = make_groups(dataset, by, reference, bounds.start, bounds.end, registry)

    indicators = catalog.indicators
    slots: dict[str, tuple[int, int]] = {}
    template: list[Any] = [0, 0, 0, None, *([0] * len(FundingSource))]
    for indicator in indicators:
        kind = KIND.get(indicator.aggregation, LAST)
        slots[indicator.code] = (len(template), kind)
        template += [0] if kind in (SUM, COUNT) else [None] if kind == MAX else [None, None]

    accumulators, held, unplaced = one_pass(
        dataset,
        by,
        day_month,
        groups,
        slots,
        template,
        by_topic="topic" in dimensions,
        want_money=Measure.MONEY in wanted,
        want_villages=Measure.COVERAGE in wanted,
        want_indicators=Measure.INDICATORS in wanted,
        want_meetings=Measure.COMPLETENESS in wanted,
        meeting_types=catalog.meeting_types,
    )
    folded = fold_accumulators(
        accumulators, dimensions, months, bucket_of_month, catalog, slots, template
    )
    unit_measures = count_unit_measures(
        dataset,
        by,
        groups,
        wanted,
        bounds_start=bounds.start,
        bounds_end=bounds.end,
        months=[calendar.bounds(m) for m in months],
        bucket_of_month=bucket_of_month,
        bucket_ends=bucket_ends,
        held=held,
    )
    rows = summary_rows(
        groups,
        dimensions,
        folded,
        unit_measures,
        catalog,
        months,
        bucket_of_month,
        indicators,
        slots,
        template,
    )
    return Summary(
        period=period,
        calendar=calendar,
        by=by,
        per=dimensions,
        measures=wanted,
        indicators=indicators,
        rows=tuple(rows),
        catalog=catalog,
        unplaced=unplaced,
    )


def _time_buckets(
    period: Period, months: list[Period], dimensions: tuple[Dimension, ...]
) -> tuple[list[Period], list[int]]:
    """The finest time split asked for (month, quarter or the whole period) and each month's."""
    if "month" in dimensions:
        return list(months), list(range(len(months)))
    if "quarter" in dimensions:
        quarters: dict[Period, int] = {}
        of_month = []
        for month in months:
            quarter = month.enclosing(PeriodKind.QUARTER)
            assert quarter is not None  # every month is in a quarter
            of_month.append(quarters.setdefault(quarter, len(quarters)))
        return list(quarters), of_month
    return [period], [0] * len(months)
