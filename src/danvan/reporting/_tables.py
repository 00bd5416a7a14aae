"""The reporting rates of a period as a table of a report bundle (`REPORTING_TABLE`).

One row per unit (or team) with its counts summed over every report owed within the
period (the counts add up, so a year's row is the sum of its twelve months'), then a
row for all the teams. The units are those of one day for the whole period, so that
a unit's months add up under one name.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, Final

import attrs

from danvan.aggregate import GroupBy, make_table
from danvan.labels import Label
from danvan.model import Dataset, Level
from danvan.periods import (
    DeadlineRule,
    Period,
    PeriodKind,
    ReportingCalendar,
    WorkingCalendar,
    explain_deadline,
)
from danvan.registry import UnitRegistry
from danvan.reporting._expected import DEFAULT_DEADLINE, expected_reports, report_periods
from danvan.reporting._rates import RateRow, reporting_rates
from danvan.tables import Column, ColumnType, Row, Table

REPORTING_TABLE: Final = "reporting"
"""The table of a report that gives the reporting rates, when it is asked for."""

_ONE_DAY = dt.timedelta(days=1)


@attrs.frozen
class ReportingSettings:
    """How a report counts the reports owed: of which ``kind``, due by which ``rule``, with
    which days off (``working``), seen on which day (``today``).

    ``today`` None: the day after the period's last deadline, so that every report owed
    is either in or missing (a year-end report, written once the year's reports are due).
    """

    today: dt.date | None = None
    rule: DeadlineRule = DEFAULT_DEADLINE
    working: WorkingCalendar | None = None
    kind: PeriodKind = PeriodKind.MONTH

    def day(self, period: Period, calendar: ReportingCalendar) -> dt.date:
        """The day the reports are seen on: ``today``, else the day after the last deadline."""
        if self.today is not None:
            return self.today
        working = self.working or WorkingCalendar()
        owed = report_periods(period, self.kind, calendar)
        return max(explain_deadline(p, self.rule, working, calendar).due for p in owed) + _ONE_DAY


_COUNTS: Final = (
    Column("expected", Label("Số báo cáo phải nộp", "Reports expected"), ColumnType.INTEGER),
    Column("received", Label("Đã nộp", "Received"), ColumnType.INTEGER),
    Column("on_time", Label("Đúng hạn", "On time"), ColumnType.INTEGER),
    Column("late", Label("Nộp muộn", "Late"), ColumnType.INTEGER),
    Column("undated", Label("Không rõ ngày nhận", "Day received not known"), ColumnType.INTEGER),
    Column("missing", Label("Chưa nộp, quá hạn", "Missing"), ColumnType.INTEGER),
    Column("not_yet_due", Label("Chưa đến hạn", "Not yet due"), ColumnType.INTEGER),
    Column("duplicates", Label("Nộp trùng", "Sent twice"), ColumnType.INTEGER),
    Column("reporting_rate", Label("Tỷ lệ báo cáo", "Reporting rate"), ColumnType.PERCENT),
    Column("on_time_rate", Label("Tỷ lệ đúng hạn", "On-time rate"), ColumnType.PERCENT),
)


def _summed(rows: Sequence[RateRow]) -> dict[str, tuple[str, str | None, tuple[int, ...]]]:
    """Each group's name, code and counts summed over the periods, in the rows' order."""
    found: dict[str, tuple[str, str | None, tuple[int, ...]]] = {}
    for row in rows:
        before = found.get(row.group)
        counts = row.additive()
        if before is not None:
            counts = tuple(a + b for a, b in zip(before[2], counts, strict=True))
        found[row.group] = (row.name, row.code, counts)
    return found


def _values(counts: tuple[int, ...]) -> tuple[Any, ...]:
    expected, received, on_time = counts[0], counts[1], counts[2]
    rates = (received / expected, on_time / expected) if expected else (None, None)
    return (*counts, *rates)


def reporting_table(
    dataset: Dataset,
    period: Period,
    settings: ReportingSettings,
    *,
    by: GroupBy = Level.COMMUNE,
    calendar: ReportingCalendar | None = None,
    units_on: dt.date | None = None,
    registry: UnitRegistry | None = None,
) -> Table:
    """The reporting rates of ``period`` by ``by`` (units of ``units_on``, by default the
    period's last day), summed over the reports owed, then all the teams."""
    calendar = calendar or ReportingCalendar()
    today = settings.day(period, calendar)
    reports = expected_reports(
        dataset,
        period,
        today=today,
        rule=settings.rule,
        working=settings.working,
        kind=settings.kind,
        calendar=calendar,
    )
    units_on = units_on or calendar.bounds(period).end
    options: dict[str, Any] = {"calendar": calendar, "units_on": units_on, "registry": registry}
    columns: list[Column] = []
    rows: list[Row] = []
    if by != "all":
        if isinstance(by, Level):
            columns += [Column("code", Label("Mã", "Code"), identifier=True)]
        columns.append(Column("unit", by.label if isinstance(by, Level) else Label("Tổ", "Team")))
        by_unit = _summed(reporting_rates(dataset, reports, by=by, **options))
        for name, code, counts in by_unit.values():
            rows.append(((code,) if isinstance(by, Level) else ()) + (name, *_values(counts)))
    overall = _summed(reporting_rates(dataset, reports, by="all", **options))
    total = overall.get("", ("", None, (0,) * len(_COUNTS[:-2])))[2]
    lead: tuple[Any, ...] = (None, "Tổng cộng") if isinstance(by, Level) else ("Tổng cộng",)
    rows.append((*(lead if by != "all" else ()), *_values(total)))
    rule = settings.rule
    return make_table(
        REPORTING_TABLE,
        Label(
            f"Tình hình gửi báo cáo {period.label('vi')}",
            f"Reports received, {period.label('en')}",
        ),
        (*columns, *_COUNTS),
        rows,
        description=Label(
            f"Hạn nộp: {rule.label('vi')}; tính đến ngày {today:%d/%m/%Y}",
            f"Deadline: {rule.label('en')}; as seen on {today.isoformat()}",
        ),
    )
