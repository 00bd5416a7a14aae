"""Reporting periods (kỳ báo cáo) and the reporting calendar with a cut-off day.

A `Period` is nominal: "March 2022", "Quý I/2022", "9 tháng năm 2022". Which days it
covers depends on the `ReportingCalendar`: many agencies close a month on the 14th, so
that with cut-off day 15 "January 2023" runs from 15/12/2022 to 14/01/2023. Keeping the
two apart lets one dataset be reported under either convention.

Pure: no I/O. python-dateutil does the month arithmetic. The rooms: ``_days`` (ranges
of days and how a day is written), ``_period`` (the nominal period), ``_parse`` (its
text forms), ``_calendar`` (periods onto days), ``_working_days`` (working days and
report deadlines).

``_working_days`` needs the ``holidays`` package, which costs more to import than the
rest of the package: the years 2010-2026 are read from ``_vn_holidays`` (a table of what
the package gives, compared with it by the tests); another year imports the package
when its holidays are first asked for.
"""

from __future__ import annotations

from danvan.periods._calendar import ReportingCalendar
from danvan.periods._days import DateRange
from danvan.periods._parse import PeriodParseError, parse_period
from danvan.periods._period import Period, PeriodKind
from danvan.periods._working_days import (
    Deadline,
    DeadlineKind,
    DeadlineRule,
    WorkingCalendar,
    deadline,
    explain_deadline,
)

__all__ = [
    "DateRange",
    "Deadline",
    "DeadlineKind",
    "DeadlineRule",
    "Period",
    "PeriodKind",
    "PeriodParseError",
    "ReportingCalendar",
    "WorkingCalendar",
    "deadline",
    "explain_deadline",
    "parse_period",
]
