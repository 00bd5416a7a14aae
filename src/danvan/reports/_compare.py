"""The report's table against the plan and the same period last year (so sánh với kế hoạch
và cùng kỳ).

One row per unit of the report's grouping (the whole area first) and measure:
the value, the target and the share reached, the value a year earlier and the
change, and the two said in words ("đạt 85% kế hoạch; tăng 12% so với cùng kỳ").
The earlier period is summed in its own single pass, in the units of the
report's day, so its rows are the same units.
"""

from __future__ import annotations

import datetime as dt
from typing import Final

from danvan.aggregate import (
    Comparison,
    GroupBy,
    PeriodTotals,
    Summary,
    compare,
    default_measures,
    make_table,
    measure_label,
    year_earlier,
)
from danvan.labels import Label
from danvan.registry import UnitRegistry
from danvan.tables import Column, ColumnType, Row, Table

COMPARISON_TABLE: Final = "comparison"
"""The table of a report that sets the results beside the plan and the same period last year."""

_COLUMNS: Final = (
    Column("code", Label("Mã", "Code"), identifier=True),
    Column("unit", Label("Đơn vị", "Unit")),
    Column("measure", Label("Chỉ tiêu", "Measure")),
    Column("value", Label("Kết quả", "Result"), ColumnType.NUMBER),
    Column("target", Label("Kế hoạch", "Target"), ColumnType.NUMBER),
    Column("share", Label("Tỷ lệ đạt kế hoạch", "Share of the target"), ColumnType.PERCENT),
    Column("previous", Label("Cùng kỳ năm trước", "Same period last year"), ColumnType.NUMBER),
    Column("change", Label("Tăng, giảm so với cùng kỳ", "Change"), ColumnType.PERCENT),
    Column("assessment", Label("Đánh giá", "Assessment")),
)


def comparison_table(
    totals: PeriodTotals,
    overall: Summary,
    by_unit: Summary,
    *,
    units_on: dt.date | None,
    registry: UnitRegistry | None,
    lang: str,
) -> Table:
    """The whole area, then each unit of ``by_unit``, per measure (activities, participants,
    money and each indicator with a target), beside its target and the same period last year.
    """
    dataset = totals.dataset
    earlier = year_earlier(totals.period)
    previous_overall: Summary | None = None
    previous_by_unit: Summary | None = None
    if earlier is not None:
        before = PeriodTotals.of(dataset, earlier, calendar=totals.calendar)
        previous_overall = before.summarize(by="all")
        day = units_on or totals.calendar.bounds(totals.period).end
        previous_by_unit = before.summarize(by=by_unit.by, units_on=day, registry=registry)
    measures = default_measures(dataset, overall)
    rows: list[Row] = []
    for summary, previous in ((overall, previous_overall), (by_unit, previous_by_unit)):
        for item in compare(dataset, summary, previous, measures):
            rows.append(_row(summary, summary.by, item, lang))
    return make_table(
        COMPARISON_TABLE,
        Label("So sánh với kế hoạch và cùng kỳ", "Against the plan and the same period last year"),
        _COLUMNS,
        rows,
        description=Label(
            f"Cùng kỳ: {earlier.label('vi')}" if earlier else "Không có cùng kỳ",
            f"Same period last year: {earlier.label('en')}" if earlier else "No earlier period",
        ),
    )


def _row(summary: Summary, by: GroupBy, item: Comparison, lang: str) -> Row:
    name = item.name if by != "all" else _WHOLE_AREA.get(lang)
    return (
        item.code,
        name,
        measure_label(summary, item.measure).get(lang),
        item.value,
        item.target,
        item.share,
        item.previous,
        item.change,
        item.words(lang),
    )


_WHOLE_AREA: Final = Label("Toàn địa bàn", "All units")
