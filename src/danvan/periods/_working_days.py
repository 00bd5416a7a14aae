"""Working days in Vietnam and report deadlines counted in them.

Public holidays come from the `holidays` package (its Vietnamese calendar knows the
lunar Tết days and the observed days); the years it has given already, from a table of
them (`_vn_holidays`). The days the Government swaps each year, and a user's own days
off, are the caller's: `extra_days_off` and `extra_working_days`.
"""

from __future__ import annotations

import calendar as _month_lengths
import datetime as dt
import enum
from collections.abc import Iterable

import attrs

from danvan.periods._calendar import ReportingCalendar
from danvan.periods._days import _format_date, language
from danvan.periods._period import Period
from danvan.periods._vn_holidays import PUBLIC_HOLIDAYS

_ONE_DAY = dt.timedelta(days=1)
_SATURDAY = 5


def _public_holidays(year: int) -> frozenset[dt.date]:
    """Vietnam's public holidays (observed days included) of one year, as the package knows them.

    ``holidays`` costs more to import than a whole small report: the years it has already
    given (`PUBLIC_HOLIDAYS`, compared with it by the tests) are read from the table; any
    other year imports it then, not with ``danvan.periods``.
    """
    months = PUBLIC_HOLIDAYS.get(year)
    if months is not None:
        return frozenset(
            dt.date(year, month, day) for month, days in months.items() for day in days
        )
    import holidays

    return frozenset(holidays.country_holidays("VN", years=year))


def _day_set(days: Iterable[dt.date]) -> frozenset[dt.date]:
    found = frozenset(days)
    for day in found:
        # datetime is a subclass of date but never equal to one: it would be silently ignored.
        if not isinstance(day, dt.date) or isinstance(day, dt.datetime):
            raise TypeError(f"a day must be a datetime.date, got {day!r}")
    return found


@attrs.frozen
class WorkingCalendar:
    """Which days are working days: Monday to Friday, less Vietnam's public holidays.

    `extra_days_off` are days off the package does not know: the weekdays the
    Government swaps each year (the Friday before a holiday, worked back on a Saturday),
    or a unit's own days off. `extra_working_days` are days worked although they are off
    otherwise: the Saturday that pays back a swapped day. Outside the years the package
    covers for Vietnam (1901-2100 in holidays 0.109) only weekends and the extra days count.
    """

    extra_days_off: frozenset[dt.date] = attrs.field(default=frozenset(), converter=_day_set)
    extra_working_days: frozenset[dt.date] = attrs.field(default=frozenset(), converter=_day_set)
    # The package builds a year's lunar dates on every call: each calendar keeps the years it
    # was asked about (its own memory, dropped with it; never a module-wide cache).
    _years: dict[int, frozenset[dt.date]] = attrs.field(
        init=False, factory=dict, eq=False, repr=False, hash=False
    )

    def __attrs_post_init__(self) -> None:
        both = self.extra_days_off & self.extra_working_days
        if both:
            days = ", ".join(_format_date(day) for day in sorted(both))
            raise ValueError(
                f"Ngày vừa là ngày nghỉ vừa là ngày làm việc / a day is both an extra day off "
                f"and an extra working day: {days}"
            )

    def is_public_holiday(self, day: dt.date) -> bool:
        """Whether `day` is a public holiday (or its observed day) in the package's calendar."""
        year = self._years.get(day.year)
        if year is None:
            year = self._years[day.year] = _public_holidays(day.year)
        return day in year

    def is_working_day(self, day: dt.date) -> bool:
        if day in self.extra_working_days:
            return True
        if day in self.extra_days_off or day.weekday() >= _SATURDAY:
            return False
        return not self.is_public_holiday(day)

    def next_working_day(self, day: dt.date) -> dt.date:
        """`day` itself when it is a working day, else the first working day after it."""
        while not self.is_working_day(day):
            day += _ONE_DAY
        return day

    def add_working_days(self, day: dt.date, n: int) -> dt.date:
        """The n-th working day after `day` (`day` itself is not counted; n=0 gives `day`)."""
        if n < 0:
            raise ValueError(f"n must be 0 or more, got {n}")
        while n:
            day += _ONE_DAY
            if self.is_working_day(day):
                n -= 1
        return day

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """The working days after `start` up to and including `end`; negative when end < start.

        The inverse of `add_working_days`: between(d, add_working_days(d, n)) == n.
        """
        if end < start:
            return -self.working_days_between(end, start)
        count = 0
        day = start + _ONE_DAY
        while day <= end:
            count += self.is_working_day(day)
            day += _ONE_DAY
        return count


class DeadlineKind(enum.Enum):
    """How a deadline is set."""

    DAY_OF_LAST_MONTH = "day_of_last_month"
    WORKING_DAYS_AFTER_END = "working_days_after_end"


@attrs.frozen
class DeadlineRule:
    """When a report of some kind is due. Build one with the class methods."""

    kind: DeadlineKind
    n: int

    def __attrs_post_init__(self) -> None:
        low, high = (1, 31) if self.kind is DeadlineKind.DAY_OF_LAST_MONTH else (1, 366)
        if type(self.n) is not int or not low <= self.n <= high:
            raise ValueError(f"{self.kind.value}: n must be from {low} to {high}, got {self.n!r}")

    @classmethod
    def day_of_last_month(cls, day: int) -> DeadlineRule:
        """Day `day` of the month the period ends in (the month's last day when it is shorter),
        moved to the next working day when it is not one."""
        return cls(DeadlineKind.DAY_OF_LAST_MONTH, day)

    @classmethod
    def working_days_after_end(cls, n: int) -> DeadlineRule:
        """The n-th working day after the period's last day."""
        return cls(DeadlineKind.WORKING_DAYS_AFTER_END, n)

    def label(self, lang: str = "vi") -> str:
        if self.kind is DeadlineKind.DAY_OF_LAST_MONTH:
            if language(lang) == "vi":
                return f"Ngày {self.n} tháng cuối của kỳ (lùi sang ngày làm việc kế tiếp)"
            return f"Day {self.n} of the period's last month (or the next working day)"
        if language(lang) == "vi":
            return f"{self.n} ngày làm việc sau khi kết thúc kỳ"
        return f"{self.n} working days after the period ends"


@attrs.frozen
class Deadline:
    """A deadline worked out: the day it falls on by the rule, and the day it is due."""

    period: Period
    rule: DeadlineRule
    nominal: dt.date
    due: dt.date

    @property
    def moved(self) -> bool:
        """Whether the rule's day was not a working day, so the deadline moved later."""
        return self.due != self.nominal

    def label(self, lang: str = "vi") -> str:
        due, nominal = _format_date(self.due), _format_date(self.nominal)
        if language(lang) == "vi":
            text = f"Hạn gửi báo cáo {self.period.label('vi')}: {due}"
            if self.moved:
                text += f" ({nominal} là ngày nghỉ, lùi sang ngày làm việc kế tiếp)"
            return text
        text = f"{self.period.label('en')} report due {due}"
        if self.moved:
            text += f" ({nominal} is a day off, moved to the next working day)"
        return text


def explain_deadline(
    period: Period,
    rule: DeadlineRule,
    calendar: WorkingCalendar,
    reporting: ReportingCalendar | None = None,
) -> Deadline:
    """The deadline of `period`'s report, with the day the rule gave and whether it moved.

    The period's days are those of `reporting` (calendar months when None).
    """
    end = (reporting or ReportingCalendar()).bounds(period).end
    if rule.kind is DeadlineKind.DAY_OF_LAST_MONTH:
        last = _month_lengths.monthrange(end.year, end.month)[1]
        nominal = end.replace(day=min(rule.n, last))
        return Deadline(period, rule, nominal, calendar.next_working_day(nominal))
    due = calendar.add_working_days(end, rule.n)
    return Deadline(period, rule, due, due)


def deadline(
    period: Period,
    rule: DeadlineRule,
    calendar: WorkingCalendar,
    reporting: ReportingCalendar | None = None,
) -> dt.date:
    """The day `period`'s report is due under `rule` (see `explain_deadline`)."""
    return explain_deadline(period, rule, calendar, reporting).due
