"""The result of `summarize`: rows of measures, and the table they make."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

import attrs

from danvan._display import HEAD_ROWS, Preview, count
from danvan.aggregate._columns import DIMENSION_COLUMNS, key_label, measure_columns
from danvan.aggregate._grouping import NotPlaced
from danvan.aggregate._measures import Dimension, GroupBy, Measure
from danvan.labels import Label
from danvan.model import (
    Aggregation,
    Catalog,
    FundingSource,
    Indicator,
    Level,
)
from danvan.periods import Period, ReportingCalendar
from danvan.tables import ChartHint, Column, Row, Table


@attrs.frozen
class SummaryRow:
    """The measures of one group (a unit, a team, or everything) and one combination of `per`.

    ``keys`` holds one value per dimension of `Summary.per`, in that order: an
    activity type code, a `Field` value, a topic code (``""`` for none), a month
    key ("2022-03") or a quarter key ("2022-Q1"). Coverage, completeness and
    reporting keep their numerators and denominators, which add up along the
    hierarchy; the ratios do not. The ``reports_`` counts are those of the reports
    owed within the row's period (``Measure.REPORTING``, a report going to the
    month its period ends in): ``reports_expected`` is every one of them,
    ``reports_received`` those on time, late or received on an undated day.
    """

    group: str
    name: str
    code: str | None
    keys: tuple[str, ...]
    activities: int = 0
    participants: int = 0
    households: int = 0
    indicators: Mapping[str, int | float | None] = attrs.field(factory=dict)
    money: Mapping[FundingSource, int] = attrs.field(factory=dict)
    villages_with_activity: int = 0
    villages_with_team: int = 0
    meetings_held: int = 0
    meetings_expected: int = 0
    active_members: int = 0
    reports_expected: int = 0
    reports_received: int = 0
    reports_on_time: int = 0
    reports_late: int = 0
    reports_undated: int = 0
    reports_missing: int = 0
    reports_not_yet_due: int = 0
    #: Reports sent in two or more files, none replacing another.
    reports_duplicates: int = 0

    @property
    def money_total(self) -> int:
        """All money mobilised, in đồng, whatever its source."""
        return sum(self.money.values())

    @property
    def coverage(self) -> float | None:
        """Villages with at least one activity / villages with a team; None without a team."""
        return _ratio(self.villages_with_activity, self.villages_with_team)

    @property
    def completeness(self) -> float | None:
        """Monthly meetings held / expected; None when no meeting was expected."""
        return _ratio(self.meetings_held, self.meetings_expected)

    @property
    def reporting_rate(self) -> float | None:
        """Reports received / expected; None when no report was expected."""
        return _ratio(self.reports_received, self.reports_expected)

    @property
    def on_time_rate(self) -> float | None:
        """Reports received by their deadline / expected; None when no report was expected."""
        return _ratio(self.reports_on_time, self.reports_expected)


def _ratio(numerator: int, denominator: int) -> float | None:
    return numerator / denominator if denominator else None


@attrs.frozen(repr=False)
class Summary:
    """The result of `summarize`: one row per group and combination of `per`, in report order."""

    period: Period
    calendar: ReportingCalendar
    by: GroupBy
    per: tuple[Dimension, ...]
    measures: frozenset[Measure]
    indicators: tuple[Indicator, ...]
    rows: tuple[SummaryRow, ...]
    catalog: Catalog = attrs.field(eq=False, repr=False)
    #: Counted activities whose village has no unit at level `by` (so in no row).
    unplaced: int = 0
    #: The day level `by` was abolished, when none of its units exists on the units day
    #: (districts: 1 July 2025); the rows are then the former units. See `level_abolished`.
    abolished: date | None = None
    #: Units kept as rows though they could not be placed among the units of the units day
    #: (no successor known, or a code the registry does not know): see `NotPlaced`.
    not_placed: tuple[NotPlaced, ...] = ()
    _index: dict[tuple[str, ...], SummaryRow] = attrs.field(
        init=False, eq=False, repr=False, hash=False
    )

    def __attrs_post_init__(self) -> None:
        index = {(row.group, *row.keys): row for row in self.rows}
        object.__setattr__(self, "_index", index)

    def _preview(self) -> Preview:
        by = self.by.value if isinstance(self.by, Level) else self.by
        facts = [f"period {self.period.key}", f"by {by}", count(len(self.rows), "rows")]
        if self.per:
            facts.append(f"per {', '.join(self.per)}")
        head = [self._table_row(row, "vi", {}) for row in self.rows[:HEAD_ROWS]]
        rest = len(self.rows) - len(head)
        more = f"… {rest:,} more rows" if rest > 0 else ""
        headers = [c.name for c in self.columns()]
        return Preview(f"Summary ({self.period.label('vi')})", facts, headers, head, more)

    def __repr__(self) -> str:
        """Short whatever the number of rows: what was summed and the first rows."""
        return self._preview().text()

    def _repr_html_(self) -> str:
        return self._preview().html()

    def row(self, group: str, *keys: str) -> SummaryRow:
        """The row of ``group`` (unit id, team id, ``""`` for by="all") and the `per` keys."""
        try:
            return self._index[(group, *keys)]
        except KeyError:
            raise KeyError(
                f"Không có dòng / no row for group {group!r} and keys {keys!r}"
            ) from None

    def additive(self, row: SummaryRow) -> tuple[int | float, ...]:
        """The measures of ``row`` that add up along the hierarchy, in a fixed order.

        Counts, sums, money by source, SUM and COUNT indicators, the numerators
        and denominators of coverage and completeness, members, the counts of
        reports: a parent's are the sums of its children's. MAX and LAST
        indicators and the ratios are not.
        """
        indicators = tuple(
            row.indicators.get(i.code) or 0
            for i in self.indicators
            if i.aggregation in (Aggregation.SUM, Aggregation.COUNT)
        )
        return (
            row.activities,
            row.participants,
            row.households,
            *indicators,
            *(row.money.get(source, 0) for source in FundingSource),
            row.villages_with_activity,
            row.villages_with_team,
            row.meetings_held,
            row.meetings_expected,
            row.active_members,
            *report_counts(row),
        )

    def key_label(self, dimension: Dimension, value: str, lang: str = "vi") -> str:
        """What a key value reads as: an activity type's name, "Tháng 3/2022" …"""
        return key_label(self.catalog, dimension, value).get(lang)

    def columns(self) -> tuple[Column, ...]:
        """The columns of `to_table`: the group, the `per` dimensions, then the measures."""
        columns: list[Column] = []
        if isinstance(self.by, Level):
            columns.append(Column("code", Label("Mã", "Code"), identifier=True))
            columns.append(Column(self.by.value, self.by.label))
        elif self.by == "team":
            columns.append(Column("team", Label("Tổ Dân vận", "Team")))
        columns.extend(DIMENSION_COLUMNS[d] for d in self.per)
        columns.extend(measure_columns(self.measures, self.indicators))
        return tuple(columns)

    def to_table(
        self,
        name: str = "summary",
        title: Label | None = None,
        *,
        lang: str = "vi",
        description: Label | None = None,
    ) -> Table:
        """The summary as a `Table`; names of types, topics and months are written in ``lang``."""
        labels: dict[tuple[Dimension, str], str] = {}  # a few hundred keys for 20,000 rows
        rows = [self._table_row(row, lang, labels) for row in self.rows]
        if title is None:
            title = Label(
                f"Kết quả hoạt động {self.period.label('vi')}",
                f"Activities, {self.period.label('en')}",
            )
        return make_table(name, title, self.columns(), rows, description=description)

    def _table_row(
        self, row: SummaryRow, lang: str, labels: dict[tuple[Dimension, str], str]
    ) -> Row:
        values: list[Any] = []
        if isinstance(self.by, Level):
            values += [row.code, row.name]
        elif self.by == "team":
            values.append(row.name)
        for d, k in zip(self.per, row.keys, strict=True):
            label = labels.get((d, k))
            if label is None:
                label = labels[d, k] = self.key_label(d, k, lang)
            values.append(label)
        measures = self.measures
        if Measure.ACTIVITIES in measures:
            values.append(row.activities)
        if Measure.PARTICIPANTS in measures:
            values.append(row.participants)
        if Measure.HOUSEHOLDS in measures:
            values.append(row.households)
        if Measure.INDICATORS in measures:
            values += [row.indicators.get(i.code) for i in self.indicators]
        if Measure.MONEY in measures:
            values += [row.money.get(source, 0) for source in FundingSource]
            values.append(row.money_total)
        if Measure.COVERAGE in measures:
            values += [row.villages_with_activity, row.villages_with_team, row.coverage]
        if Measure.COMPLETENESS in measures:
            values += [row.meetings_held, row.meetings_expected, row.completeness]
        if Measure.MEMBERS in measures:
            values.append(row.active_members)
        if Measure.REPORTING in measures:
            values += [*report_counts(row), row.reporting_rate, row.on_time_rate]
        return tuple(values)


def report_counts(row: SummaryRow) -> tuple[int, ...]:
    """The counts of reports of ``row``, in the order of `REPORT_COUNTS`."""
    return (
        row.reports_expected,
        row.reports_received,
        row.reports_on_time,
        row.reports_late,
        row.reports_undated,
        row.reports_missing,
        row.reports_not_yet_due,
        row.reports_duplicates,
    )


def make_table(
    name: str,
    title: Label,
    columns: Sequence[Column],
    rows: Sequence[Row],
    *,
    description: Label | None = None,
    chart: ChartHint | None = None,
) -> Table:
    """Build a `Table`.

    Goes through ``Any`` because mypy's attrs plugin mistypes the ``converter=tuple`` of
    ``Table.columns`` ("expected Iterable[_T_co]") for every argument.
    """
    untyped_columns: Any = tuple(columns)
    return Table(name, title, untyped_columns, rows, description=description, chart=chart)
