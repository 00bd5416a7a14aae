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
rest of the package; its names are attached lazily (``danvan._lazy``), so that it loads
only when a working day or a deadline is asked for.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from danvan._lazy import attach as _attach
from danvan.periods._calendar import ReportingCalendar
from danvan.periods._days import DateRange
from danvan.periods._parse import PeriodParseError, parse_period
from danvan.periods._period import Period, PeriodKind

if TYPE_CHECKING:  # the same names as _HOLDERS, for type checkers and editors
    from danvan.periods._working_days import (
        Deadline,
        DeadlineKind,
        DeadlineRule,
        WorkingCalendar,
        deadline,
        explain_deadline,
    )

_HOLDERS: dict[str, str] = dict.fromkeys(
    ("Deadline", "DeadlineKind", "DeadlineRule", "WorkingCalendar", "deadline", "explain_deadline"),
    "danvan.periods._working_days",
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

if not TYPE_CHECKING:  # hidden from type checkers, so that they flag a misspelt name
    __getattr__, __dir__ = _attach(__name__, _HOLDERS)
