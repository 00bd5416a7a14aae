"""The views a written report quotes: the period by field, and each activity's measured result.

A narrative report (``danvan.exporters.docx``) writes section II field by field
and quotes results as sentences ("vận động 20 cột đèn đường trị giá 27.000.000
đồng"). The totals by field are a view of the one pass; what one activity
achieved for how much money is not in any total, so ``results_table`` lists the
period's activities that report a summed result or money, one row each, found
when an exporter reads the table.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from danvan.aggregate import Measure, PeriodTotals, indicator_column_name, make_table
from danvan.labels import Label
from danvan.model import Aggregation, Dataset, Indicator, QuantityUnit, Status
from danvan.tables import Column, ColumnType, Row, Table

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


def _indicator_column(indicator: Indicator) -> Column:
    unit = indicator.unit
    kind = ColumnType.INTEGER if unit.whole else ColumnType.NUMBER
    if unit is QuantityUnit.DONG:
        kind = ColumnType.MONEY
    return Column(
        indicator_column_name(indicator),
        Label(f"{indicator.label.vi} ({unit.value})", f"{indicator.label.en} ({unit.value})"),
        kind,
    )


def results_table(dataset: Dataset, totals: PeriodTotals, lang: str) -> Table:
    """Every done activity of the period with a summed result or money, in date order.

    One column per summed indicator of the catalogue; the money column is the
    activity's own, all sources together. The rows are found when the table is
    read (by an exporter), so that making the report does not pay for them.
    """
    bounds = totals.calendar.bounds(totals.period)
    indicators = _summed(dataset)
    columns: Any = (  # mypy mistypes attrs' converter=tuple, see make_table
        Column("date", Label("Ngày", "Date"), ColumnType.DATE),
        Column("team", Label("Tổ Dân vận", "Team")),
        Column("field", Label("Lĩnh vực", "Field")),
        Column("activity_type", Label("Loại hoạt động", "Activity type")),
        Column("title", Label("Nội dung", "What was done")),
        *(_indicator_column(indicator) for indicator in indicators),
        Column("money_total", Label("Kinh phí (đồng)", "Money (đồng)"), ColumnType.MONEY),
    )

    def rows() -> list[Row]:
        return _result_rows(dataset, bounds.start, bounds.end, indicators, lang)

    return Table(
        RESULTS_TABLE,
        Label("Kết quả cụ thể của từng hoạt động", "Results of each activity"),
        columns,
        rows,
        description=Label(
            "Các hoạt động có kết quả đo đếm được hoặc có kinh phí",
            "Activities with a measured result or money",
        ),
    )


def _result_rows(
    dataset: Dataset, start: dt.date, end: dt.date, indicators: list[Indicator], lang: str
) -> list[Row]:
    wanted = {indicator.code for indicator in indicators}
    listed: list[tuple[Any, dict[str, float]]] = []
    done = Status.DONE
    for activity in dataset.activities:
        if activity.status is not done or not start <= activity.date <= end:
            continue
        quantities, funding = activity.quantities, activity.funding
        if not quantities and not funding:
            continue
        values: dict[str, float] = {}
        for quantity in quantities:
            code, value = quantity.indicator, quantity.value
            if code in wanted and value:
                values[code] = values.get(code, 0) + value
        if values or any(f.amount for f in funding):
            listed.append((activity, values))
    listed.sort(key=lambda item: (item[0].date, item[0].id))
    teams = {team.id: team.name for team in dataset.teams}
    kinds: dict[str, tuple[str | None, str]] = {}
    for kind in dataset.catalog.activity_types:
        kinds.setdefault(kind.code, (kind.field.label.get(lang), kind.label.get(lang)))
    slots = [(indicator.code, indicator.unit.whole) for indicator in indicators]
    rows: list[Row] = []
    for activity, values in listed:
        field, kind_name = kinds.get(activity.type, (None, activity.type))
        cells: list[Any] = [
            activity.date,
            teams.get(activity.team, activity.team),
            field,
            kind_name,
            activity.title,
        ]
        for code, whole in slots:
            found = values.get(code)
            cells.append(int(found) if found is not None and whole else found)
        cells.append(sum(funding.amount for funding in activity.funding))
        rows.append(tuple(cells))
    return rows
