"""The views a written report quotes: the period by field, and each activity's measured result.

A narrative report (``danvan.exporters.docx``) writes section II field by field
and quotes results as sentences ("vận động 20 cột đèn đường trị giá 27.000.000
đồng"). The totals by field are a view of the one pass; what one activity
achieved for how much money is not in any total, so ``results_table`` lists the
period's activities that report a summed result or money, one row each.
"""

from __future__ import annotations

from typing import Any

from danvan.aggregate import Measure, PeriodTotals, indicator_column_name, make_table
from danvan.labels import Label
from danvan.model import Aggregation, Dataset, Indicator, Status
from danvan.tables import Column, ColumnType, Table

RESULTS_TABLE = "results"
"""The table of each activity's measured results and money."""

FIELD_TABLE = "by_field"
"""The table of the period's totals by field of work (lĩnh vực)."""


def field_table(totals: PeriodTotals, lang: str) -> Table:
    """The period's totals by field (kinh tế, văn hóa - xã hội …): section II's skeleton."""
    summary = totals.summarize(
        by="all",
        per=("field",),
        measures=(
            Measure.ACTIVITIES,
            Measure.PARTICIPANTS,
            Measure.HOUSEHOLDS,
            Measure.INDICATORS,
            Measure.MONEY,
        ),
    )
    table = summary.to_table(lang=lang)
    rows = [
        values
        for row, values in zip(summary.rows, table.iter_rows(), strict=True)
        if row.activities
    ]
    return make_table(FIELD_TABLE, Label("Kết quả theo lĩnh vực", "By field"), table.columns, rows)


def _summed(dataset: Dataset) -> list[Indicator]:
    first: dict[str, Indicator] = {}
    for indicator in dataset.catalog.indicators:
        if indicator.aggregation is Aggregation.SUM:
            first.setdefault(indicator.code, indicator)
    return list(first.values())


def results_table(dataset: Dataset, totals: PeriodTotals, lang: str) -> Table:
    """Every done activity of the period with a summed result or money, in date order.

    One column per summed indicator that some listed activity reports; the money
    column is the activity's own, all sources together.
    """
    bounds = totals.calendar.bounds(totals.period)
    indicators = _summed(dataset)
    wanted = {indicator.code for indicator in indicators}
    listed: list[tuple[Any, dict[str, float]]] = []
    for activity in dataset.activities:
        if activity.status is not Status.DONE or activity.date not in bounds:
            continue
        values: dict[str, float] = {}
        for quantity in activity.quantities:
            if quantity.indicator in wanted and quantity.value:
                values[quantity.indicator] = values.get(quantity.indicator, 0) + quantity.value
        if values or any(funding.amount for funding in activity.funding):
            listed.append((activity, values))
    listed.sort(key=lambda item: (item[0].date, item[0].id))
    shown = [i for i in indicators if any(i.code in values for _, values in listed)]
    columns = [
        Column("date", Label("Ngày", "Date"), ColumnType.DATE),
        Column("team", Label("Tổ Dân vận", "Team")),
        Column("field", Label("Lĩnh vực", "Field")),
        Column("activity_type", Label("Loại hoạt động", "Activity type")),
        Column("title", Label("Nội dung", "What was done")),
    ]
    for indicator in shown:
        whole = all(float(values.get(indicator.code, 0)).is_integer() for _, values in listed)
        unit = indicator.unit.value
        columns.append(
            Column(
                indicator_column_name(indicator),
                Label(f"{indicator.label.vi} ({unit})", f"{indicator.label.en} ({unit})"),
                ColumnType.INTEGER if whole else ColumnType.NUMBER,
            )
        )
    columns.append(
        Column("money_total", Label("Kinh phí (đồng)", "Money (đồng)"), ColumnType.MONEY)
    )
    rows = []
    for activity, values in listed:
        team = dataset.team(activity.team)
        kind = dataset.catalog.activity_type(activity.type)
        cells: list[Any] = [
            activity.date,
            team.name if team is not None else activity.team,
            kind.field.label.get(lang) if kind is not None else None,
            kind.label.get(lang) if kind is not None else activity.type,
            activity.title,
        ]
        for column, indicator in zip(columns[5:], shown, strict=False):
            value = values.get(indicator.code)
            if value is not None and column.type is ColumnType.INTEGER:
                value = int(value)
            cells.append(value)
        cells.append(sum(funding.amount for funding in activity.funding))
        rows.append(tuple(cells))
    return make_table(
        RESULTS_TABLE,
        Label("Kết quả cụ thể của từng hoạt động", "Results of each activity"),
        columns,
        rows,
        description=Label(
            "Các hoạt động có kết quả đo đếm được hoặc có kinh phí",
            "Activities with a measured result or money",
        ),
    )
