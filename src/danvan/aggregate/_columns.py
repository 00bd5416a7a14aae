"""The columns of a summary table and what its key values read as."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from danvan.aggregate._measures import NO_TOPIC, Dimension, Measure
from danvan.labels import Label
from danvan.model import (
    Aggregation,
    Catalog,
    Field,
    FundingSource,
    Indicator,
    Level,
    QuantityUnit,
)
from danvan.periods import parse_period
from danvan.tables import Column, ColumnType

DIMENSION_COLUMNS: Final[dict[str, Column]] = {
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
#: The columns of the reporting measure: the counts of `REPORT_COUNTS`, then the rates.
REPORTING_COLUMNS: Final = (
    Column(
        "reports_expected", Label("Số báo cáo phải nộp", "Reports expected"), ColumnType.INTEGER
    ),
    Column("reports_received", Label("Báo cáo đã nộp", "Reports received"), ColumnType.INTEGER),
    Column("reports_on_time", Label("Nộp đúng hạn", "Received on time"), ColumnType.INTEGER),
    Column("reports_late", Label("Nộp muộn", "Received late"), ColumnType.INTEGER),
    Column(
        "reports_undated",
        Label("Đã nộp, không rõ ngày nhận", "Received, day not known"),
        ColumnType.INTEGER,
    ),
    Column("reports_missing", Label("Chưa nộp, quá hạn", "Missing"), ColumnType.INTEGER),
    Column("reports_not_yet_due", Label("Chưa đến hạn", "Not yet due"), ColumnType.INTEGER),
    Column("reports_duplicates", Label("Nộp trùng", "Sent twice"), ColumnType.INTEGER),
    Column("reporting_rate", Label("Tỷ lệ báo cáo", "Reporting rate"), ColumnType.PERCENT),
    Column("on_time_rate", Label("Tỷ lệ đúng hạn", "On-time rate"), ColumnType.PERCENT),
)
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
        *(column.name for column in REPORTING_COLUMNS),
        *(level.value for level in Level),
        *(column.name for column in DIMENSION_COLUMNS.values()),
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
        description=_counted(indicator) or _AGGREGATION_LABELS[indicator.aggregation],
    )


def _counted(indicator: Indicator) -> Label | None:
    kind = indicator.counts_type
    if kind is None or indicator.aggregation is not Aggregation.COUNT:
        return None
    return Label(
        f"số hoạt động loại “{kind}” và hoạt động khác có báo cáo",
        f"activities of type {kind}, and other activities reporting it",
    )


def measure_columns(measures: frozenset[Measure], indicators: Sequence[Indicator]) -> list[Column]:
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
    if Measure.REPORTING in measures:
        columns += REPORTING_COLUMNS
    return columns


def key_label(catalog: Catalog, dimension: Dimension, value: str) -> Label:
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
