"""The reporting rates of a period as a table of a report bundle (`REPORTING_TABLE`).

One row per unit (or team) with its counts summed over every report owed within the
period (the counts add up, so a year's row is the sum of its twelve months'), then a
row for all the teams. The rows are those of ``summarize(measures=["reporting"])``:
the units of one day for the whole period, so that a unit's months add up under one
name, and the one count of the reports (`danvan.aggregate.count_reports`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Final

import attrs

from danvan.aggregate import (
    GroupBy,
    Measure,
    PeriodTotals,
    ReportingSettings,
    Summary,
    SummaryRow,
    make_table,
    report_counts,
    summarize,
)
from danvan.labels import Label
from danvan.model import Dataset, Level
from danvan.periods import Period, ReportingCalendar
from danvan.registry import UnitRegistry
from danvan.tables import Column, Row, Table

REPORTING_TABLE: Final = "reporting"
"""The table of a report that gives the reporting rates, when it is asked for."""


def _short(column: Column) -> Column:
    """A column of the reporting measure under the report's shorter name ("expected" …)."""
    return attrs.evolve(column, name=column.name.removeprefix("reports_"))


def _values(row: SummaryRow) -> tuple[Any, ...]:
    return (*report_counts(row), row.reporting_rate, row.on_time_rate)


def reporting_table(
    dataset: Dataset,
    period: Period,
    settings: ReportingSettings,
    *,
    by: GroupBy = Level.COMMUNE,
    calendar: ReportingCalendar | None = None,
    units_on: dt.date | None = None,
    registry: UnitRegistry | None = None,
    totals: PeriodTotals | None = None,
) -> Table:
    """The reporting rates of ``period`` by ``by`` (units of ``units_on``, by default the
    period's last day), summed over the reports owed, then all the teams.

    ``totals``, the period's activities already summed (with ``calendar``), spares the
    summaries a pass over the activities the reporting measure does not read.
    """
    calendar = calendar or ReportingCalendar()
    reporting = [Measure.REPORTING]

    def summary_by(group_by: GroupBy) -> Summary:
        if totals is not None:
            return totals.summarize(
                by=group_by,
                measures=reporting,
                units_on=units_on,
                registry=registry,
                reporting=settings,
            )
        return summarize(
            dataset,
            period,
            by=group_by,
            measures=reporting,
            calendar=calendar,
            units_on=units_on,
            registry=registry,
            reporting=settings,
        )

    columns: list[Column] = []
    rows: list[Row] = []
    if by != "all":
        if isinstance(by, Level):
            columns += [Column("code", Label("Mã", "Code"), identifier=True)]
        columns.append(Column("unit", by.label if isinstance(by, Level) else Label("Tổ", "Team")))
        for row in summary_by(by).rows:
            rows.append(((row.code,) if isinstance(by, Level) else ()) + (row.name, *_values(row)))
    overall = summary_by("all")
    (total,) = overall.rows
    lead: tuple[Any, ...] = (None, "Tổng cộng") if isinstance(by, Level) else ("Tổng cộng",)
    rows.append((*(lead if by != "all" else ()), *_values(total)))
    rule, today = settings.rule, settings.day(period, calendar)
    return make_table(
        REPORTING_TABLE,
        Label(
            f"Tình hình gửi báo cáo {period.label('vi')}",
            f"Reports received, {period.label('en')}",
        ),
        (*columns, *map(_short, overall.columns())),
        rows,
        description=Label(
            f"Hạn nộp: {rule.label('vi')}; tính đến ngày {today:%d/%m/%Y}",
            f"Deadline: {rule.label('en')}; as seen on {today.isoformat()}",
        ),
    )
