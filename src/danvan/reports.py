"""Ready-made reports: the period and year-end bundles (báo cáo tổng kết) that exporters write.

A report is a `Bundle` of `Table`s built from `summarize` and `classify`; it
knows nothing of file formats.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Final

import attrs

from danvan.aggregate import (
    NO_TOPIC,
    GroupBy,
    Measure,
    PeriodTotals,
    Summary,
    alive_between,
    make_table,
)
from danvan.classification import DEFAULT_CRITERIA, Criteria, classifications_by_team, classify
from danvan.findings import Location, ValidationReport, codes, make_finding
from danvan.labels import Label
from danvan.model import Aggregation, Dataset, FundingSource, Indicator, Level, QuantityUnit
from danvan.periods import Period, PeriodKind, ReportingCalendar, parse_period
from danvan.registry import UnitRegistry
from danvan.tables import Bundle, BundleMetadata, ChartHint, Column, ColumnType, Table

__all__ = ["NOTES_TABLE", "annual_report", "period_report", "report_notes"]

NOTES_TABLE: Final = "report_notes"
"""The table of a bundle that holds the report's own findings (a level abolished …)."""

_ACTIVITY_MEASURES: Final = (Measure.ACTIVITIES, Measure.PARTICIPANTS, Measure.HOUSEHOLDS)

_COUNTED_WITH_TYPE: Final = {"sessions": "dissemination"}
"""COUNT indicators whose key figure counts the activities of a type, as its label says:
"Số buổi tuyên truyền" is every dissemination activity, with or without the indicator, plus
the other activities that report it. The catalogue has no field to say so, hence this table;
a catalogue without the type keeps the plain count."""


def annual_report(dataset: Dataset, year: int, **options: Any) -> Bundle:
    """The year-end bundle (báo cáo tổng kết năm): ``period_report`` for the year ``year``."""
    return period_report(dataset, Period.of_year(year), **options)


_GROUP_TITLES: Final[dict[object, Label]] = {
    Level.PROVINCE: Label("Kết quả theo tỉnh", "By province"),
    Level.DISTRICT: Label("Kết quả theo huyện", "By district"),
    Level.COMMUNE: Label("Kết quả theo xã", "By commune"),
    Level.VILLAGE: Label("Kết quả theo bản", "By village"),
    "team": Label("Kết quả theo Tổ", "By team"),
    "all": Label("Kết quả toàn địa bàn", "All units"),
}


def period_report(
    dataset: Dataset,
    period: Period | str,
    *,
    by: GroupBy = Level.COMMUNE,
    calendar: ReportingCalendar = ReportingCalendar(1),  # noqa: B008 (frozen, immutable)
    criteria: Criteria = DEFAULT_CRITERIA,
    findings: Table | None = None,
    source: str | None = None,
    lang: str = "vi",
    generated_at: dt.datetime | None = None,
    units_on: dt.date | None = None,
    registry: UnitRegistry | None = None,
) -> Bundle:
    """A period's bundle: key figures, by unit (``by``, communes by default), by activity
    type, by team (with its grade when the period is a year), by month, money by source,
    topics covered, and the validation findings when given.

    Headers are bilingual; ``lang`` chooses the language of names written in cells
    (activity types, topics, months). ``units_on`` chooses the units of the by-unit
    table: those of that day, the period's activities re-aggregated onto them
    (``summarize``'s ``units_on`` and ``registry``); by default the units of the
    period's last day. When no unit of level ``by`` exists on that day (districts from
    1 July 2025), the by-unit table lists the former units and says so, and the bundle
    ends with a table of the report's own findings (`NOTES_TABLE`, finding DV210); a unit
    kept as a row though it could not be placed on that day is one too (DV211).
    """
    if isinstance(period, str):
        period = parse_period(period)
    # Every table below is a view of one pass over the activities.
    totals = PeriodTotals.of(dataset, period, calendar=calendar)
    overall = totals.summarize(by="all")
    group_name = f"by_{by.value}" if isinstance(by, Level) else f"by_{by}"
    by_unit = totals.summarize(by=by, units_on=units_on, registry=registry)
    notes = _notes(by_unit, units_on)
    tables = [
        _summary_table(dataset, totals, overall, lang),
        by_unit.to_table(group_name, _group_title(by_unit, units_on), lang=lang),
        totals.summarize(
            by="all",
            per=("type",),
            measures=(*_ACTIVITY_MEASURES, Measure.MONEY, Measure.COVERAGE),
        ).to_table(
            "by_activity_type", Label("Kết quả theo loại hoạt động", "By activity type"), lang=lang
        ),
        _team_table(dataset, totals, criteria, lang),
        _month_table(totals, lang),
        _money_table(overall),
        _topics_table(dataset, totals, lang),
    ]
    if findings is not None:
        tables.append(findings)
    if notes is not None:
        tables.append(notes)
    metadata = BundleMetadata(
        title=Label(
            f"Báo cáo kết quả hoạt động của Tổ Dân vận cơ sở: {period.label('vi')}",
            f"Grassroots mass-mobilisation teams: results, {period.label('en')}",
        ),
        period_key=period.key,
        period_label=Label(period.label("vi"), period.label("en")),
        calendar=Label(calendar.label("vi"), calendar.label("en")),
        source=source if source is not None else (dataset.title or None),
    )
    if generated_at is not None:
        metadata = attrs.evolve(metadata, generated_at=generated_at)
    untyped_tables: Any = tuple(tables)  # mypy mistypes attrs' converter=tuple, see make_table
    return Bundle(untyped_tables, metadata)


def _group_title(by_unit: Summary, units_on: dt.date | None) -> Label:
    """The by-unit table's title, with the day of its units, or the day its level ended."""
    title, by, abolished = _GROUP_TITLES[by_unit.by], by_unit.by, by_unit.abolished
    if abolished is not None and isinstance(by, Level):
        ended, vi, en = abolished - dt.timedelta(days=1), by.label.vi.lower(), by.label.en.lower()
        return Label(
            f"{title.vi} (cấp {vi} đã bãi bỏ từ {abolished:%d/%m/%Y}: địa giới ngày "
            f"{ended:%d/%m/%Y})",
            f"{title.en} ({en}s abolished on {abolished.isoformat()}: units as of {ended})",
        )
    if units_on is None:
        return title
    return Label(
        f"{title.vi} (địa giới ngày {units_on:%d/%m/%Y})",
        f"{title.en} (units as of {units_on.isoformat()})",
    )


def _notes(by_unit: Summary, units_on: dt.date | None) -> Table | None:
    """The report's own findings (`NOTES_TABLE`), known from the units' validity and the
    registry, not from a date written here: a level grouped by that no longer exists
    (DV210, `Summary.abolished`), a unit kept as a row though it could not be placed among
    the units of the day (DV211, `Summary.not_placed`)."""
    abolished, by = by_unit.abolished, by_unit.by
    day = units_on or by_unit.calendar.bounds(by_unit.period).end
    findings = []
    if abolished is not None and isinstance(by, Level):
        findings.append(
            make_finding(
                codes.LEVEL_ABOLISHED,
                day=day,
                level_vi=by.label.vi.lower(),
                level_en=by.label.en.lower(),
                abolished=abolished,
                last_day=abolished - dt.timedelta(days=1),
            )
        )
    for kept in by_unit.not_placed:
        unit = kept.unit
        findings.append(
            make_finding(
                codes.UNIT_NOT_PLACED,
                Location.of("unit", unit.id, unit.provenance, field="code"),
                unit=unit.name,
                unit_code=unit.code or "—",
                level_vi=unit.level.label.vi.lower(),
                level_en=unit.level.label.en.lower(),
                day=day,
                reason_vi=kept.reason.vi,
                reason_en=kept.reason.en,
            )
        )
    if not findings:
        return None
    table = ValidationReport.of(findings).to_table(NOTES_TABLE)
    return attrs.evolve(table, title=Label("Ghi chú của báo cáo", "Report notes"))


def report_notes(bundle: Bundle) -> list[Label]:
    """The messages of a bundle's own findings (`NOTES_TABLE`), for a command line to print.

    Empty when the bundle has none, or was not made by `period_report`.
    """
    table = next((t for t in bundle.tables if t.name == NOTES_TABLE), None)
    if table is None:
        return []
    names = [column.name for column in table.columns]
    vi, en = names.index("message_vi"), names.index("message_en")
    return [Label(str(row[vi]), str(row[en])) for row in table.iter_rows()]


def _figure(code: str, vi: str, en: str, value: int | float | None, unit: str) -> _Figure:
    return code, Label(vi, en), value, unit


_Figure = tuple[str, Label, int | float | None, str]


def _summary_table(dataset: Dataset, totals: PeriodTotals, overall: Summary, lang: str) -> Table:
    """Key figures, one per row: what a year-end review quotes first."""
    total = overall.rows[0]
    bounds = overall.calendar.bounds(overall.period)
    teams = sum(1 for team in dataset.teams if alive_between(team, bounds.start, bounds.end))
    completeness = total.completeness
    figures: list[_Figure] = [
        _figure("teams", "Số Tổ Dân vận", "Teams", teams, "tổ"),
        _figure(
            "villages_with_team",
            "Số bản có Tổ Dân vận",
            "Villages with a team",
            total.villages_with_team,
            "bản",
        ),
        _figure(
            "villages_with_activity",
            "Số bản có hoạt động",
            "Villages with an activity",
            total.villages_with_activity,
            "bản",
        ),
        _figure("activities", "Số hoạt động", "Activities", total.activities, "hoạt động"),
        _figure(
            "participants", "Lượt người tham gia", "Participants", total.participants, "lượt người"
        ),
        _figure("households", "Lượt hộ tham gia", "Households", total.households, "lượt hộ"),
        _figure(
            "meetings_held",
            "Số tháng có họp định kỳ",
            "Months with the monthly meeting",
            total.meetings_held,
            "tháng",
        ),
        _figure(
            "meetings_expected",
            "Số cuộc họp định kỳ phải tổ chức",
            "Monthly meetings expected",
            total.meetings_expected,
            "tháng",
        ),
        _figure(
            "completeness",
            "Tỷ lệ họp định kỳ",
            "Completeness of monthly meetings",
            completeness,  # a ratio 0..1, as in every percent column (docs/excel-policy.md)
            "tỷ lệ (1 = 100%)",
        ),
        _figure(
            "active_members",
            "Số thành viên cuối kỳ",
            "Members at the end of the period",
            total.active_members,
            "người",
        ),
    ]
    packages = [i for i in overall.indicators if i.unit is QuantityUnit.PACKAGE]
    if packages:
        gifts = sum(total.indicators.get(i.code) or 0 for i in packages)
        figures.append(
            _figure("gift_packages", "Tổng số suất quà", "Gift packages, all kinds", gifts, "suất")
        )
    for indicator in overall.indicators:
        value = _indicator_figure(dataset, totals, indicator, total.indicators.get(indicator.code))
        figures.append((indicator.code, indicator.label, value, indicator.unit.value))
    for source in FundingSource:
        label = source.label
        figures.append(
            _figure(
                f"money_{source.value}",
                f"Kinh phí: {label.vi}",
                f"Money: {label.en}",
                total.money.get(source, 0),
                "đồng",
            )
        )
    figures.append(
        _figure(
            "money_total",
            "Tổng kinh phí vận động",
            "Money mobilised, total",
            total.money_total,
            "đồng",
        )
    )
    columns = (
        Column("code", Label("Mã chỉ tiêu", "Figure code")),
        Column("figure", Label("Chỉ tiêu", "Figure")),
        Column("value", Label("Giá trị", "Value"), ColumnType.NUMBER),
        Column("unit", Label("Đơn vị tính", "Unit")),
    )
    rows = [(code, label.get(lang), value, unit) for code, label, value, unit in figures]
    return make_table("summary", Label("Các chỉ tiêu chính", "Key figures"), columns, rows)


def _indicator_figure(
    dataset: Dataset, totals: PeriodTotals, indicator: Indicator, value: int | float | None
) -> int | float | None:
    """The key figure of ``indicator``: its total, or for one of `_COUNTED_WITH_TYPE` the
    activities of its type and the other activities that report it, each once."""
    type_code = _COUNTED_WITH_TYPE.get(indicator.code)
    if (
        type_code is None
        or indicator.aggregation is not Aggregation.COUNT
        or dataset.catalog.activity_type(type_code) is None
    ):
        return value
    by_type = totals.summarize(
        by="all", per=("type",), measures=(Measure.ACTIVITIES, Measure.INDICATORS)
    )
    return sum(
        row.activities if row.keys[0] == type_code else row.indicators.get(indicator.code) or 0
        for row in by_type.rows
    )


def _team_table(dataset: Dataset, totals: PeriodTotals, criteria: Criteria, lang: str) -> Table:
    """Every team's figures, with its grade and points when the period is a year."""
    summary = totals.summarize(by="team")
    period = totals.period
    if period.kind is not PeriodKind.YEAR:
        return summary.to_table("by_team", Label("Kết quả từng Tổ", "By team"), lang=lang)
    results = classifications_by_team(
        classify(dataset, period, criteria, calendar=totals.calendar, totals=totals)
    )
    columns = (
        *summary.columns(),
        Column("classification", Label("Xếp loại", "Classification")),
        Column("points", Label("Điểm", "Points"), ColumnType.NUMBER),
        Column("reasons", Label("Căn cứ chấm điểm", "How the points were given")),
    )
    table = summary.to_table(lang=lang)
    rows = []
    for row, values in zip(summary.rows, table.iter_rows(), strict=True):
        result = results.get(row.group)
        if result is None:
            rows.append((*values, None, None, None))
            continue
        reasons = "; ".join(
            f"{r.explanation.get(lang)}: {r.points:g}/{r.max_points:g}" for r in result.reasons
        )
        rows.append((*values, result.grade.label.get(lang), result.points, reasons))
    return make_table(
        "by_team", Label("Kết quả và xếp loại từng Tổ", "By team, with its grade"), columns, rows
    )


def _month_table(totals: PeriodTotals, lang: str) -> Table:
    summary = totals.summarize(
        by="all",
        per=("month",),
        measures=(*_ACTIVITY_MEASURES, Measure.MONEY, Measure.COMPLETENESS),
    )
    table = summary.to_table("by_month", Label("Kết quả theo tháng", "By month"), lang=lang)
    values: Any = ("activities",)  # mypy mistypes attrs' converter=tuple, see make_table
    chart = ChartHint(
        category="month",
        values=values,
        title=Label("Số hoạt động theo tháng", "Activities per month"),
    )
    return make_table(table.name, table.title, table.columns, list(table.iter_rows()), chart=chart)


def _money_table(overall: Summary) -> Table:
    total = overall.rows[0]
    whole = total.money_total
    rows: list[tuple[Any, ...]] = []
    for source in FundingSource:
        amount = total.money.get(source, 0)
        rows.append((source.value, source.label.vi, source.label.en, amount, _share(amount, whole)))
    rows.append(("total", "Tổng cộng", "Total", whole, 1.0 if whole else None))
    columns = (
        Column("source", Label("Mã nguồn", "Source code")),
        Column("source_vi", Label("Nguồn kinh phí", "Source (Vietnamese)")),
        Column("source_en", Label("Nguồn kinh phí (tiếng Anh)", "Source")),
        Column("amount", Label("Số tiền (đồng)", "Amount (đồng)"), ColumnType.MONEY),
        Column("share", Label("Tỷ lệ", "Share"), ColumnType.PERCENT),
    )
    return make_table(
        "money_by_source", Label("Kinh phí theo nguồn", "Money by source"), columns, rows
    )


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _topics_table(dataset: Dataset, totals: PeriodTotals, lang: str) -> Table:
    """The topics with at least one activity, in catalogue order."""
    summary = totals.summarize(
        by="all", per=("topic",), measures=(*_ACTIVITY_MEASURES, Measure.COVERAGE)
    )
    table = summary.to_table(lang=lang)
    field_column = Column("field", Label("Lĩnh vực", "Field"))
    rows = []
    for row, values in zip(summary.rows, table.iter_rows(), strict=True):
        if row.activities == 0 or row.keys[0] == NO_TOPIC:
            continue
        topic = dataset.catalog.topic(row.keys[0])
        field = topic.field.label.get(lang) if topic is not None and topic.field else None
        rows.append((values[0], field, *values[1:]))
    columns = (table.columns[0], field_column, *table.columns[1:])
    return make_table(
        "topics_covered",
        Label("Các chủ đề đã tuyên truyền, vận động", "Topics covered"),
        columns,
        rows,
        description=Label(
            "Một hoạt động có nhiều chủ đề được tính ở mỗi chủ đề",
            "An activity with several topics counts once under each",
        ),
    )
