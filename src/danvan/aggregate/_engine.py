"""`summarize`: the period's activities summed in one pass, then folded into rows."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

import attrs

from danvan.aggregate._accumulators import (
    COUNT,
    KIND,
    LAST,
    MAX,
    SUM,
    fold_accumulators,
    one_pass,
    regroup,
)
from danvan.aggregate._grouping import Groups, make_groups
from danvan.aggregate._measures import Dimension, GroupBy, Measure, check_measures, check_per
from danvan.aggregate._reports import ExpectedReport, ReportingSettings
from danvan.aggregate._rows import count_unit_measures, summary_rows
from danvan.aggregate._summary import Summary
from danvan.model import (
    Dataset,
    FundingSource,
    Indicator,
    Level,
)
from danvan.periods import DateRange, Period, PeriodKind, ReportingCalendar, parse_period
from danvan.registry import UnitRegistry


def summarize(
    dataset: Dataset,
    period: Period | str,
    *,
    by: GroupBy = Level.COMMUNE,
    per: Sequence[Dimension] = (),
    measures: Iterable[Measure | str] | None = None,
    calendar: ReportingCalendar = ReportingCalendar(1),  # noqa: B008 (frozen, immutable)
    units_on: date | None = None,
    registry: UnitRegistry | None = None,
    reporting: ReportingSettings | None = None,
) -> Summary:
    """Sum the activities of ``period`` by unit level, team or overall, split by ``per``.

    ``by`` is a `Level` (activities go to the unit at that level above their
    village), ``"team"`` or ``"all"``. ``per`` splits rows further by activity
    ``"type"``, ``"field"``, ``"topic"``, ``"month"`` or ``"quarter"`` (reporting
    months of ``calendar``).

    ``units_on`` is the day whose hierarchy the groups are reported in, by default
    the period's last day. A village whose unit at level ``by`` no longer exists
    on ``units_on`` is re-aggregated onto that unit's successor: the dataset's own
    successions first, else ``registry``'s (``None``: the dataset's own units
    only; ``danvan.summarize`` gives the registered ones, the bundled Điện Biên
    registry and the plugins'), the unit linked to it by official code. So the 2022 sample with
    ``units_on=date(2025, 7, 1)`` reports by xã Mường Chà, xã Nà Hỳ and xã Si Pa
    Phìn. The units listed are those at level ``by`` valid on ``units_on`` plus
    any a village or team reaches; every unit appears, with zeros when it did
    nothing. On a day when no unit of level ``by`` exists any more (districts from 1 July
    2025), the rows are the former units and `Summary.abolished` says since when.

    ``measures`` by default are all but ``"reporting"``, which counts the reports each
    team owes within ``period`` as ``reporting`` says (`ReportingSettings`: by default
    monthly, due five working days after each month, seen once every deadline has
    passed), each going to the month its period ends in.
    """
    if isinstance(period, str):
        period = parse_period(period)
    dimensions, wanted = check_per(per), check_measures(measures)
    frame = _Frame.of(dataset, period, calendar)
    groups = frame.groups(by, units_on, registry)
    accumulators, held, unplaced = frame.one_pass(by, groups, dimensions, wanted)
    reports = frame.reports(wanted, reporting)
    return frame.summary(by, dimensions, wanted, groups, accumulators, held, unplaced, reports)


@attrs.frozen(eq=False)
class PeriodTotals:
    """A period's activities summed once at the finest grain, for every summary of it.

    One pass over the activities fills an accumulator per (village, team,
    reporting month, activity type, topics); each `summarize` then gathers
    those few accumulators by unit, team or overall instead of reading the
    activities again. A report asks for seven summaries of one period: this is
    how it reads the activities once. Gives what `summarize` gives for the same
    arguments (a property test holds the two roads equal).

    >>> from danvan import sample
    >>> totals = PeriodTotals.of(sample(), "2022")
    >>> by_commune = totals.summarize(by=Level.COMMUNE, per=("month",))
    >>> by_commune == summarize(sample(), "2022", by=Level.COMMUNE, per=("month",))
    True
    """

    dataset: Dataset
    frame: _Frame
    accumulators: dict[tuple[Any, ...], list[Any]]
    held: set[tuple[str, int]]
    _grains: dict[GroupBy, dict[tuple[Any, ...], list[Any]]] = attrs.field(factory=dict, init=False)
    #: The reports owed under each settings asked for, worked out once for every grouping.
    _reports: dict[ReportingSettings, list[tuple[ExpectedReport, int]]] = attrs.field(
        factory=dict, init=False
    )

    @classmethod
    def of(
        cls,
        dataset: Dataset,
        period: Period | str,
        *,
        calendar: ReportingCalendar = ReportingCalendar(1),  # noqa: B008 (frozen, immutable)
    ) -> PeriodTotals:
        """Read the activities of ``period`` once."""
        if isinstance(period, str):
            period = parse_period(period)
        frame = _Frame.of(dataset, period, calendar)
        every = frozenset(Measure)
        accumulators, held, _ = frame.one_pass(None, Groups({}, {}, {}), ("topic",), every)
        return cls(dataset, frame, accumulators, held)

    @property
    def period(self) -> Period:
        """The period summed."""
        return self.frame.period

    @property
    def calendar(self) -> ReportingCalendar:
        """The calendar whose months the period was cut into."""
        return self.frame.calendar

    def summarize(
        self,
        *,
        by: GroupBy = Level.COMMUNE,
        per: Sequence[Dimension] = (),
        measures: Iterable[Measure | str] | None = None,
        units_on: date | None = None,
        registry: UnitRegistry | None = None,
        reporting: ReportingSettings | None = None,
    ) -> Summary:
        """What ``summarize(dataset, period, by=…, calendar=…)`` gives, from the stored pass."""
        dimensions, wanted = check_per(per), check_measures(measures)
        frame = self.frame
        groups = frame.groups(by, units_on, registry)
        accumulators, unplaced = regroup(
            self._source(by),
            by,
            groups,
            frame.slots,
            frame.template,
            by_topic="topic" in dimensions,
            want_money=Measure.MONEY in wanted,
            indicators=Measure.INDICATORS in wanted,
        )
        reports: list[tuple[ExpectedReport, int]] = []
        if Measure.REPORTING in wanted:
            settings = reporting or ReportingSettings()
            if settings not in self._reports:
                self._reports[settings] = frame.reports(wanted, settings)
            reports = self._reports[settings]
        return frame.summary(
            by, dimensions, wanted, groups, accumulators, self.held, unplaced, reports
        )

    def _source(self, by: GroupBy) -> dict[tuple[Any, ...], list[Any]]:
        """What a grouping gathers: the fine accumulators, or for "all" and "team" a
        coarser grain gathered from them once (a report asks for four overall views)."""
        if isinstance(by, Level):
            return self.accumulators
        grain = self._grains.get(by)
        if grain is None:
            frame = self.frame
            gathered, _ = regroup(
                self.accumulators,
                by,
                Groups({}, {}, {}),
                frame.slots,
                frame.template,
                by_topic=True,
                want_money=True,
                indicators=True,
            )
            grain = self._grains[by] = {
                ((None, group), *rest): accumulator
                for (group, *rest), accumulator in gathered.items()
            }
        return grain


@attrs.frozen(eq=False)
class _Frame:
    """What every summary of one period shares: its days and months, the accumulator layout."""

    dataset: Dataset
    period: Period
    calendar: ReportingCalendar
    bounds: DateRange
    months: list[Period]
    day_month: dict[date, int]
    slots: dict[str, tuple[int, int]]
    template: list[Any]
    counted_types: dict[str, tuple[int, ...]]

    @classmethod
    def of(cls, dataset: Dataset, period: Period, calendar: ReportingCalendar) -> _Frame:
        bounds = calendar.bounds(period)
        months = calendar.months(period)
        month_position = {(m.year, m.index): i for i, m in enumerate(months)}
        month_key = calendar.month_key
        day_month = {day: month_position[month_key(day)] for day in bounds.dates()}
        slots: dict[str, tuple[int, int]] = {}
        template: list[Any] = [0, 0, 0, None, *([0] * len(FundingSource))]
        first: dict[str, Indicator] = {}  # one slot per code: the first entry, as look-ups give
        for indicator in dataset.catalog.indicators:
            first.setdefault(indicator.code, indicator)
        indicators = list(first.values())
        kinds = [(KIND.get(i.aggregation, LAST), i.code) for i in indicators]
        for kind, code in sorted(kinds, key=lambda pair: pair[0]):  # additive first, stably
            slots[code] = (len(template), kind)
            template += [0] if kind in (SUM, COUNT) else [None] if kind == MAX else [None, None]
        counted: dict[str, list[int]] = {}
        for indicator in indicators:
            if indicator.counts_type is not None and slots[indicator.code][1] == COUNT:
                counted.setdefault(indicator.counts_type, []).append(slots[indicator.code][0])
        counted_types = {kind: tuple(dict.fromkeys(s)) for kind, s in counted.items()}
        return cls(
            dataset, period, calendar, bounds, months, day_month, slots, template, counted_types
        )

    def one_pass(
        self,
        by: GroupBy | None,
        groups: Groups,
        dimensions: tuple[Dimension, ...],
        wanted: frozenset[Measure],
    ) -> tuple[dict[tuple[Any, ...], list[Any]], set[tuple[str, int]], int]:
        """The period's activities read once, keeping what ``dimensions`` and ``wanted`` need."""
        return one_pass(
            self.dataset,
            by,
            self.day_month,
            groups,
            self.slots,
            self.template,
            by_topic="topic" in dimensions,
            want_money=Measure.MONEY in wanted,
            want_villages=Measure.COVERAGE in wanted,
            want_indicators=Measure.INDICATORS in wanted,
            want_meetings=Measure.COMPLETENESS in wanted,
            meeting_types=self.dataset.catalog.meeting_types,
            counted_types=self.counted_types,
        )

    def reports(
        self, wanted: frozenset[Measure], reporting: ReportingSettings | None
    ) -> list[tuple[ExpectedReport, int]]:
        """The reports owed within the period, each with the month its period ends in (none
        unless ``wanted`` holds the reporting measure)."""
        if Measure.REPORTING not in wanted:
            return []
        settings = reporting or ReportingSettings()
        calendar, bounds = self.calendar, self.bounds
        month_of: dict[Period, int] = {}  # a report's period: the month it ends in
        placed: list[tuple[ExpectedReport, int]] = []
        for report in settings.reports(self.dataset, self.period, calendar):
            month = month_of.get(report.period)
            if month is None:
                last = min(max(calendar.bounds(report.period).end, bounds.start), bounds.end)
                month = month_of[report.period] = self.day_month[last]
            placed.append((report, month))
        return placed

    def groups(self, by: GroupBy, units_on: date | None, registry: UnitRegistry | None) -> Groups:
        if not (isinstance(by, Level) or by in ("team", "all")):
            raise ValueError(f"by must be a Level, 'team' or 'all', got {by!r}")
        bounds = self.bounds
        reference = units_on or bounds.end
        return make_groups(self.dataset, by, reference, bounds.start, bounds.end, registry)

    def summary(
        self,
        by: GroupBy,
        dimensions: tuple[Dimension, ...],
        wanted: frozenset[Measure],
        groups: Groups,
        accumulators: dict[tuple[Any, ...], list[Any]],
        held: set[tuple[str, int]],
        unplaced: int,
        reports: list[tuple[ExpectedReport, int]],
    ) -> Summary:
        """Fold the accumulators of one grouping into the summary's rows."""
        dataset, calendar, months, bounds = self.dataset, self.calendar, self.months, self.bounds
        catalog = dataset.catalog
        buckets, bucket_of_month = _time_buckets(self.period, months, dimensions)
        folded = fold_accumulators(
            accumulators, dimensions, months, bucket_of_month, catalog, self.slots, self.template
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
            bucket_ends=[min(calendar.bounds(b).end, bounds.end) for b in buckets],
            held=held,
            reports=[(report, bucket_of_month[month]) for report, month in reports],
        )
        rows = summary_rows(
            groups,
            dimensions,
            folded,
            unit_measures,
            catalog,
            months,
            bucket_of_month,
            catalog.indicators,
            self.slots,
            self.template,
        )
        return Summary(
            period=self.period,
            calendar=calendar,
            by=by,
            per=dimensions,
            measures=wanted,
            indicators=catalog.indicators,
            rows=tuple(rows),
            catalog=catalog,
            unplaced=unplaced,
            abolished=groups.abolished,
            not_placed=groups.not_placed,
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
