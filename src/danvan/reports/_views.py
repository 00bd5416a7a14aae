"""The views of a period a report shows beside its key figures: teams, months, money, topics."""

from __future__ import annotations

from typing import Any, Final

from danvan.aggregate import (
    NO_TOPIC,
    Measure,
    PeriodTotals,
    Summary,
    make_table,
)
from danvan.classification import Criteria, classifications_by_team, classify
from danvan.labels import Label
from danvan.model import Dataset, FundingSource
from danvan.periods import PeriodKind
from danvan.tables import ChartHint, Column, ColumnType, Table

ACTIVITY_MEASURES: Final = (Measure.ACTIVITIES, Measure.PARTICIPANTS, Measure.HOUSEHOLDS)


def team_table(dataset: Dataset, totals: PeriodTotals, criteria: Criteria, lang: str) -> Table:
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
        "by_team",
        criteria.name_in(Label("Kết quả và xếp loại từng Tổ", "By team, with its grade")),
        columns,
        rows,
    )


def month_table(totals: PeriodTotals, lang: str) -> Table:
    summary = totals.summarize(
        by="all",
        per=("month",),
        measures=(*ACTIVITY_MEASURES, Measure.MONEY, Measure.COMPLETENESS),
    )
    table = summary.to_table("by_month", Label("Kết quả theo tháng", "By month"), lang=lang)
    values: Any = ("activities",)  # mypy mistypes attrs' converter=tuple, see make_table
    chart = ChartHint(
        category="month",
        values=values,
        title=Label("Số hoạt động theo tháng", "Activities per month"),
    )
    return make_table(table.name, table.title, table.columns, list(table.iter_rows()), chart=chart)


def money_table(overall: Summary) -> Table:
    total = overall.rows[0]
    whole = total.money_total
    rows: list[tuple[Any, ...]] = []
    for source in FundingSource:
        amount = total.money.get(source, 0)
        rows.append((source.value, source.label.vi, source.label.en, amount, _share(amount, whole)))
    rows.append(("total", "Tổng cộng", "Total", whole, 1.0 if whole else None))
    columns = (
        Column("source", Label("Mã nguồn", "Source code"), identifier=True),
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


def topics_table(dataset: Dataset, totals: PeriodTotals, lang: str) -> Table:
    """The topics with at least one activity, in catalogue order."""
    summary = totals.summarize(
        by="all", per=("topic",), measures=(*ACTIVITY_MEASURES, Measure.COVERAGE)
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
