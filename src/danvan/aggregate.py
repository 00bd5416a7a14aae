"""Aggregation: the activities of a period summed over units or teams, in one pass.

`summarize` is the one entry point. It reads every activity once, into one
accumulator per (group, reporting month, activity type) — plus the topics when
rows are split by topic — and then folds those few accumulators into the rows
asked for. Measures that belong to units rather than to activities (villages
with a team, meetings expected, members) come from the teams and memberships,
not from the activities, so units without any activity still get their row.

Only activities with status DONE count: planned and cancelled ones are not work
done. See ``docs/aggregation.md`` for every rule.
"""

from __future__ import annotations

import enum
import itertools
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any, Final, Literal, TypeAlias, cast

import attrs

from danvan.labels import Label
from danvan.model import (
    AdminUnit,
    Aggregation,
    Catalog,
    Dataset,
    Field,
    FundingSource,
    Indicator,
    Level,
    Quantity,
    QuantityUnit,
    Status,
    Team,
)
from danvan.periods import DateRange, Period, PeriodKind, ReportingCalendar, parse_period
from danvan.tables import ChartHint, Column, ColumnType, Row, Table
from danvan.text import collation_key
from danvan.units import UnitRegistry, remap_village_parents, unit_placements

__all__ = [
    "DIMENSIONS",
    "Dimension",
    "GroupBy",
    "Measure",
    "Summary",
    "SummaryRow",
    "summarize",
]

Dimension: TypeAlias = Literal["type", "field", "topic", "month", "quarter"]
GroupBy: TypeAlias = Level | Literal["team", "all"]
DIMENSIONS: Final[tuple[Dimension, ...]] = ("type", "field", "topic", "month", "quarter")

#: The key value of the topic dimension for activities that name no topic.
NO_TOPIC: Final = ""


class Measure(enum.Enum):
    """What a summary can count; `summarize(measures=...)` picks some, by default all."""

    ACTIVITIES = "activities"
    PARTICIPANTS = "participants"
    HOUSEHOLDS = "households"
    INDICATORS = "indicators"
    MONEY = "money"
    COVERAGE = "coverage"
    COMPLETENESS = "completeness"
    MEMBERS = "members"


@attrs.frozen
class SummaryRow:
    """The measures of one group (a unit, a team, or everything) and one combination of `per`.

    ``keys`` holds one value per dimension of `Summary.per`, in that order: an
    activity type code, a `Field` value, a topic code (``""`` for none), a month
    key ("2022-03") or a quarter key ("2022-Q1"). Coverage and completeness keep
    their numerators and denominators, which add up along the hierarchy; the
    ratios do not.
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


def _ratio(numerator: int, denominator: int) -> float | None:
    return numerator / denominator if denominator else None


@attrs.frozen
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
    _index: dict[tuple[str, ...], SummaryRow] = attrs.field(
        init=False, eq=False, repr=False, hash=False
    )

    def __attrs_post_init__(self) -> None:
        index = {(row.group, *row.keys): row for row in self.rows}
        object.__setattr__(self, "_index", index)

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
        and denominators of coverage and completeness, members: a parent's are
        the sums of its children's. MAX and LAST indicators and the ratios are not.
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
        )

    def key_label(self, dimension: Dimension, value: str, lang: str = "vi") -> str:
        """What a key value reads as: an activity type's name, "Tháng 3/2022" …"""
        return _key_label(self.catalog, dimension, value).get(lang)

    def columns(self) -> tuple[Column, ...]:
        """The columns of `to_table`: the group, the `per` dimensions, then the measures."""
        columns: list[Column] = []
        if isinstance(self.by, Level):
            columns.append(Column("code", Label("Mã", "Code")))
            columns.append(Column(self.by.value, self.by.label))
        elif self.by == "team":
            columns.append(Column("team", Label("Tổ Dân vận", "Team")))
        columns.extend(_DIMENSION_COLUMNS[d] for d in self.per)
        columns.extend(_measure_columns(self.measures, self.indicators))
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
        rows = [self._table_row(row, lang) for row in self.rows]
        if title is None:
            title = Label(
                f"Kết quả hoạt động {self.period.label('vi')}",
                f"Activities, {self.period.label('en')}",
            )
        return make_table(name, title, self.columns(), rows, description=description)

    def _table_row(self, row: SummaryRow, lang: str) -> Row:
        values: list[Any] = []
        if isinstance(self.by, Level):
            values += [row.code, row.name]
        elif self.by == "team":
            values.append(row.name)
        values += [self.key_label(d, k, lang) for d, k in zip(self.per, row.keys, strict=True)]
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
        return tuple(values)


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


# Columns -------------------------------------------------------------------------------

_DIMENSION_COLUMNS: Final[dict[str, Column]] = {
    "type": Column("activity_type", Label("Loại hoạt động", "Activity type")),
    "field": Column("field", Label("Lĩnh vực", "Field")),
    "topic": Column("topic", Label("Chủ đề", "Topic")),
    "month": Column("month", Label("Tháng", "Month")),
    "quarter": Column("quarter", Label("Quý", "Quarter")),
}
_AGGREGATION_LABELS: Final = {
    Aggregation.SUM: Label("tổng các hoạt động", "sum over activities"),
    Aggregation.COUNT: Label("số hoạt động có báo cáo", "number of activities reporting it"),
    Aggregation.MAX: Label("giá trị lớn nhất", "largest value"),
    Aggregation.LAST: Label("giá trị mới nhất", "latest value"),
}
_FIXED_NAMES: Final = frozenset(
    {
        "code",
        "team",
        "activities",
        "participants",
        "households",
        "money_total",
        "villages_with_activity",
        "villages_with_team",
        "coverage",
        "meetings_held",
        "meetings_expected",
        "completeness",
        "active_members",
        *(level.value for level in Level),
        *(column.name for column in _DIMENSION_COLUMNS.values()),
        *(f"money_{source.value}" for source in FundingSource),
    }
)


def indicator_column_name(indicator: Indicator) -> str:
    """The column of an indicator: its code, prefixed only if it clashes with a fixed column."""
    code = indicator.code
    return f"indicator_{code}" if code in _FIXED_NAMES else code


def _indicator_column(indicator: Indicator) -> Column:
    unit = indicator.unit
    if indicator.aggregation is Aggregation.COUNT:
        kind = ColumnType.INTEGER
    elif unit is QuantityUnit.DONG:
        kind = ColumnType.MONEY
    else:
        kind = ColumnType.INTEGER if unit.whole else ColumnType.NUMBER
    label = indicator.label
    suffix = "" if indicator.aggregation is Aggregation.COUNT else f" ({unit.value})"
    return Column(
        indicator_column_name(indicator),
        Label(f"{label.vi}{suffix}", f"{label.en or label.vi}{suffix}"),
        kind,
        description=_AGGREGATION_LABELS[indicator.aggregation],
    )


def _measure_columns(measures: frozenset[Measure], indicators: Sequence[Indicator]) -> list[Column]:
    integer, money, percent = ColumnType.INTEGER, ColumnType.MONEY, ColumnType.PERCENT
    columns: list[Column] = []
    if Measure.ACTIVITIES in measures:
        columns.append(Column("activities", Label("Số hoạt động", "Activities"), integer))
    if Measure.PARTICIPANTS in measures:
        columns.append(
            Column("participants", Label("Lượt người tham gia", "Participants"), integer)
        )
    if Measure.HOUSEHOLDS in measures:
        columns.append(Column("households", Label("Lượt hộ tham gia", "Households"), integer))
    if Measure.INDICATORS in measures:
        columns += [_indicator_column(indicator) for indicator in indicators]
    if Measure.MONEY in measures:
        for source in FundingSource:
            label = source.label
            columns.append(
                Column(
                    f"money_{source.value}",
                    Label(f"Kinh phí: {label.vi} (đồng)", f"Money: {label.en} (đồng)"),
                    money,
                )
            )
        columns.append(
            Column("money_total", Label("Tổng kinh phí (đồng)", "Money, total (đồng)"), money)
        )
    if Measure.COVERAGE in measures:
        columns += [
            Column(
                "villages_with_activity",
                Label("Số bản có hoạt động", "Villages with an activity"),
                integer,
            ),
            Column(
                "villages_with_team", Label("Số bản có Tổ Dân vận", "Villages with a team"), integer
            ),
            Column("coverage", Label("Tỷ lệ bản có hoạt động", "Coverage"), percent),
        ]
    if Measure.COMPLETENESS in measures:
        columns += [
            Column(
                "meetings_held",
                Label("Số tháng có họp định kỳ", "Months with the monthly meeting"),
                integer,
            ),
            Column(
                "meetings_expected",
                Label("Số cuộc họp định kỳ phải tổ chức", "Monthly meetings expected"),
                integer,
            ),
            Column(
                "completeness",
                Label("Tỷ lệ họp định kỳ", "Completeness of monthly meetings"),
                percent,
            ),
        ]
    if Measure.MEMBERS in measures:
        columns.append(
            Column(
                "active_members",
                Label("Số thành viên cuối kỳ", "Members at the end of the period"),
                integer,
            )
        )
    return columns


def _key_label(catalog: Catalog, dimension: Dimension, value: str) -> Label:
    if dimension == "type":
        activity_type = catalog.activity_type(value)
        return activity_type.label if activity_type is not None else Label(value, value)
    if dimension == "field":
        if not value:
            return Label("(không rõ lĩnh vực)", "(unknown field)")
        return Field(value).label
    if dimension == "topic":
        if value == NO_TOPIC:
            return Label("(không nêu chủ đề)", "(no topic)")
        topic = catalog.topic(value)
        return topic.label if topic is not None else Label(value, value)
    period = parse_period(value)
    return Label(period.label("vi"), period.label("en"))


# Ordering ------------------------------------------------------------------------------

# The summary ---------------------------------------------------------------------------

_MISSING: Final = object()
# Accumulator layout: fixed slots, then one slot per indicator (two for LAST: value, stamp).
_ACTIVITIES, _PARTICIPANTS, _HOUSEHOLDS, _VILLAGES = 0, 1, 2, 3
_MONEY_SLOTS: Final = {source: 4 + i for i, source in enumerate(FundingSource)}
_FIRST_INDICATOR: Final = 4 + len(FundingSource)
_SUM, _COUNT, _MAX, _LAST = 0, 1, 2, 3
_KIND: Final = {Aggregation.SUM: _SUM, Aggregation.COUNT: _COUNT, Aggregation.MAX: _MAX}


@attrs.frozen
class _Groups:
    """Where activities, villages and teams go: the group ids with their names, in order."""

    names: dict[str, tuple[str, str | None]]
    of_village: dict[str, str | None]
    of_team: dict[str, str | None]


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
    dimensions = _check_per(per)
    wanted = _check_measures(measures)
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
    groups = _groups(dataset, by, reference, bounds.start, bounds.end, registry)

    indicators = catalog.indicators
    slots: dict[str, tuple[int, int]] = {}
    template: list[Any] = [0, 0, 0, None, *([0] * len(FundingSource))]
    for indicator in indicators:
        kind = _KIND.get(indicator.aggregation, _LAST)
        slots[indicator.code] = (len(template), kind)
        template += [0] if kind in (_SUM, _COUNT) else [None] if kind == _MAX else [None, None]

    accumulators, held, unplaced = _one_pass(
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
    folded = _fold(accumulators, dimensions, months, bucket_of_month, catalog, slots, template)
    unit_measures = _unit_measures(
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
    rows = _rows(
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


def _check_per(per: Sequence[Dimension]) -> tuple[Dimension, ...]:
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


def _check_measures(measures: Iterable[Measure | str] | None) -> frozenset[Measure]:
    if measures is None:
        return frozenset(Measure)
    return frozenset(Measure(m) if isinstance(m, str) else m for m in measures)


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


def _groups(
    dataset: Dataset,
    by: GroupBy,
    reference: date,
    start: date,
    end: date,
    registry: UnitRegistry | None,
) -> _Groups:
    """The groups of the summary, and the group of every village and team (None: no group)."""
    names: dict[str, tuple[str, str | None]] = {}
    of_village: dict[str, str | None] = {}
    of_team: dict[str, str | None] = {}
    if by == "all":
        names[""] = ("Tổng cộng", None)
        for unit in dataset.units:
            of_village[unit.id] = ""
        for team in dataset.teams:
            of_team[team.id] = ""
        return _Groups(names, of_village, of_team)
    if by == "team":
        for team in dataset.teams:
            if alive_between(team, start, end):
                names[team.id] = (team.name, None)
            of_team[team.id] = team.id
        return _Groups(names, of_village, of_team)
    assert isinstance(by, Level)
    for unit in dataset.units_at(by, reference):
        names[unit.id] = (unit.name, unit.code)
    hierarchy = _Hierarchy(dataset, by, reference, registry)
    for unit in dataset.units:
        if unit.level is Level.VILLAGE or unit.level is by:
            of_village[unit.id] = _named(hierarchy.group(unit.id), names)
    for team in dataset.teams:
        home = _home_village(team, reference, start, end)
        of_team[team.id] = None if home is None else _named(hierarchy.group(home), names)
    return _Groups(names, of_village, of_team)


def _named(unit: AdminUnit | None, names: dict[str, tuple[str, str | None]]) -> str | None:
    if unit is None:
        return None
    names.setdefault(unit.id, (unit.name, unit.code))
    return unit.id


class _Hierarchy:
    """The unit at one level that contains a village on one day, successions followed.

    A village whose own ancestor at the level is valid on the day stays in it
    (the common case, which costs one look-up). Otherwise it goes, whole, to
    the successor of its commune that received the largest share (a village is
    not divided; record a succession of the village itself to say where it
    went), and then up to the level asked for. When no successor exists at
    that level on the day, the village stays in its own ancestor, so no
    activity is lost. Successions are worked out once, on first need.
    """

    def __init__(
        self, dataset: Dataset, level: Level, at: date, registry: UnitRegistry | None
    ) -> None:
        self.dataset = dataset
        self.level = level
        self.at = at
        self._registry = registry
        self._own: UnitRegistry | None = None
        self._villages: dict[str, tuple[tuple[str, float], ...]] | None = None
        self._by_code: dict[str, AdminUnit] = {}

    def group(self, unit_id: str) -> AdminUnit | None:
        ancestor = self.dataset.ancestor_at(unit_id, self.level)
        if ancestor is not None and ancestor.valid_on(self.at):
            return ancestor
        moved = self._moved(unit_id)
        return moved if moved is not None else ancestor

    @property
    def registry(self) -> UnitRegistry:
        if self._registry is None:
            from danvan.plugins.provided import unit_registry

            self._registry = unit_registry()
        return self._registry

    @property
    def own(self) -> UnitRegistry:
        if self._own is None:
            dataset = self.dataset
            self._own = UnitRegistry(dataset.units, dataset.successions)
            self._by_code = {
                unit.code: unit
                for unit in reversed(dataset.units_at(self.level, self.at))
                if unit.code is not None
            }
        return self._own

    def _moved(self, unit_id: str) -> AdminUnit | None:
        unit = self.dataset.unit(unit_id)
        if unit is None:
            return None
        own = self.own
        if self.level is Level.VILLAGE:
            placements: Sequence[tuple[str, float]] = own.successors(unit_id, self.at)
        elif unit.level is Level.VILLAGE:
            if self._villages is None:
                self._villages = remap_village_parents(self.dataset, self.at, self.registry)
            placements = self._villages.get(unit_id, ())
        else:
            placements = unit_placements(own, self.registry, unit_id, self.at)
        if not placements:
            return None
        target = max(placements, key=lambda placement: placement[1])[0]
        return self._up(target)

    def _up(self, unit_id: str) -> AdminUnit | None:
        """The unit at the level that contains ``unit_id`` (the dataset's, else the registry's)."""
        own = self.own
        unit = own.unit(unit_id)
        source = own
        if unit is None:
            source = self.registry
            unit = source.unit(unit_id)
        if unit is None:
            return None
        found = next((u for u in (unit, *source.ancestors(unit.id)) if u.level is self.level), None)
        if found is None or source is own or found.code is None:
            return found
        # The registry's unit, unless the dataset records it (same code, valid that day).
        return self._by_code.get(found.code, found)


def alive_between(team: Team, start: date, end: date) -> bool:
    """Whether ``team`` existed on at least one day from ``start`` to ``end``."""
    return (team.established is None or team.established <= end) and (
        team.dissolved is None or start <= team.dissolved
    )


def _home_village(team: Team, reference: date, start: date, end: date) -> str | None:
    """The village a team counts in for unit measures: the one assigned on ``reference``,
    else the last assignment that overlaps the period."""
    overlapping = [
        a
        for a in team.villages
        if (a.valid_from is None or a.valid_from <= end)
        and (a.valid_until is None or start <= a.valid_until)
    ]
    for assignment in overlapping:
        if assignment.valid_on(reference):
            return assignment.village
    return overlapping[-1].village if overlapping else None


def _one_pass(
    dataset: Dataset,
    by: GroupBy,
    day_month: dict[date, int],
    groups: _Groups,
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
    money_slots = {source.value: slot for source, slot in _MONEY_SLOTS.items()}
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
            accumulator[_VILLAGES] = set()
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


def _merge_into(target: list[Any], source: list[Any], kinds: list[tuple[int, int]]) -> None:
    """Add one accumulator into another: sums add, MAX keeps the larger, LAST the later."""
    for slot in range(_FIRST_INDICATOR):
        if slot == _VILLAGES:
            target[slot] |= source[slot]
        else:
            target[slot] += source[slot]
    for slot, kind in kinds:
        value = source[slot]
        if kind in (_SUM, _COUNT):
            target[slot] += value
        elif kind == _MAX:
            if value is not None and (target[slot] is None or value > target[slot]):
                target[slot] = value
        else:
            stamp = source[slot + 1]
            if stamp is not None and (target[slot + 1] is None or stamp > target[slot + 1]):
                target[slot] = value
                target[slot + 1] = stamp


def _fresh(template: list[Any]) -> list[Any]:
    accumulator = template.copy()
    accumulator[_VILLAGES] = set()
    return accumulator


def _fold(
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
    quarter_keys = [_quarter_key(m) for m in months]
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
                    target = folded[key] = _fresh(template)
                    _merge_into(target, accumulator, kinds)
            else:
                _merge_into(target, accumulator, kinds)
    return folded


def _quarter_key(month: Period) -> str:
    quarter = month.enclosing(PeriodKind.QUARTER)
    assert quarter is not None
    return quarter.key


@attrs.define
class _UnitMeasures:
    """Per (group, time bucket): villages with a team, meetings held and expected, members."""

    villages: dict[tuple[str, int], set[str]] = attrs.field(factory=dict)
    held: dict[tuple[str, int], int] = attrs.field(factory=dict)
    expected: dict[tuple[str, int], int] = attrs.field(factory=dict)
    members: dict[tuple[str, int], int] = attrs.field(factory=dict)


def _unit_measures(
    dataset: Dataset,
    by: GroupBy,
    groups: _Groups,
    wanted: frozenset[Measure],
    *,
    bounds_start: date,
    bounds_end: date,
    months: list[DateRange],
    bucket_of_month: list[int],
    bucket_ends: list[date],
    held: set[tuple[str, int]],
) -> _UnitMeasures:
    result = _UnitMeasures()
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
    return result


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
        values = tuple(month.key if d == "month" else _quarter_key(month) for d in time_dimensions)
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


def _rows(
    groups: _Groups,
    dimensions: tuple[Dimension, ...],
    folded: dict[tuple[str, ...], list[Any]],
    unit_measures: _UnitMeasures,
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
    empty = _fresh(template)
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
    sources = list(_MONEY_SLOTS)
    money_slots = list(_MONEY_SLOTS.values())
    no_villages: set[str] = set()
    rows: list[SummaryRow] = []
    for group in ordered_groups:
        name, code = names[group]
        for keys, bucket in combos:
            accumulator = folded.get((group, *keys), empty)
            unit_key = (group, bucket)
            with_team = unit_measures.villages.get(unit_key, no_villages)
            take = accumulator.__getitem__
            rows.append(
                SummaryRow(
                    group=group,
                    name=name,
                    code=code,
                    keys=keys,
                    activities=accumulator[_ACTIVITIES],
                    participants=accumulator[_PARTICIPANTS],
                    households=accumulator[_HOUSEHOLDS],
                    indicators=dict(zip(codes, map(take, indicator_slots), strict=True)),
                    money=dict(zip(sources, map(take, money_slots), strict=True)),
                    villages_with_activity=len(accumulator[_VILLAGES] & with_team),
                    villages_with_team=len(with_team),
                    meetings_held=unit_measures.held.get(unit_key, 0),
                    meetings_expected=unit_measures.expected.get(unit_key, 0),
                    active_members=unit_measures.members.get(unit_key, 0),
                )
            )
    return rows
