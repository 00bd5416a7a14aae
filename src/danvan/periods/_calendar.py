"""The reporting calendar: nominal periods onto days, given the cut-off day of the month."""

from __future__ import annotations

import datetime as dt

import attrs
from dateutil.relativedelta import relativedelta
from dateutil.rrule import MONTHLY, rrule

from danvan.periods._days import DateRange, language
from danvan.periods._period import COUNT_PER_YEAR, INDEXED, MONTHS, Period, PeriodKind

# The reporting calendar -------------------------------------------------------------


def _check_cutoff_day(_instance: object, _attribute: object, value: int) -> None:
    if type(value) is not int or not 1 <= value <= 28:
        raise ValueError(
            f"Ngày chốt số liệu phải từ 1 đến 28 / cutoff_day must be from 1 to 28, got {value!r}: "
            "every month, February included, has a 28th day, so each reporting month "
            "starts on the same day number."
        )


@attrs.frozen
class ReportingCalendar:
    """How nominal periods map onto days, given the cut-off day of the reporting month.

    With `cutoff_day=1`, months are calendar months. With `cutoff_day=d` > 1, reporting
    month m of year y runs from day d of month m-1 to day d-1 of month m, so with 15,
    January 2023 is 15/12/2022-14/01/2023 and the year 2022 is 15/12/2021-14/12/2022.
    Longer periods are runs of whole reporting months.
    """

    cutoff_day: int = attrs.field(default=1, validator=_check_cutoff_day)

    def _month_start(self, year: int, month: int) -> dt.date:
        cutoff = self.cutoff_day
        if cutoff == 1:
            return dt.date(year, month, 1)
        try:
            return dt.date(year, month, cutoff) - relativedelta(months=1)
        except (ValueError, OverflowError):
            raise ValueError(
                f"{year:04d}-{month:02d} with cut-off day {cutoff} would start before year 1"
            ) from None

    def bounds(self, period: Period) -> DateRange:
        """The days the period covers, both ends included; a custom period is its own dates."""
        if self.cutoff_day == 1 or (period.start is not None and period.end is not None):
            return period.calendar_days()
        year, first, months = period.month_span()
        start = self._month_start(year, first)
        # Computed from the last nominal month, not as start + n months - 1 day, so that
        # December 9999 does not step into year 10000.
        last = dt.date(year, first, 1) + relativedelta(months=months - 1)
        return DateRange(start, last.replace(day=self.cutoff_day - 1))

    def month_key(self, day: dt.date) -> tuple[int, int]:
        """(year, month) of the reporting month that `day` falls in.

        The fast path for bucketing many dates; agrees with `month_of`.
        """
        cutoff = self.cutoff_day
        if cutoff > 1 and day.day >= cutoff:
            if day.month == 12:
                return day.year + 1, 1
            return day.year, day.month + 1
        return day.year, day.month

    def month_of(self, day: dt.date) -> Period:
        """The reporting month `day` falls in: with cut-off 15, 20/12/2022 is in January 2023."""
        return Period.of_month(*self.month_key(day))

    def period_of(self, day: dt.date, kind: PeriodKind) -> Period | None:
        """The period of `kind` that `day` falls in; None for Oct-Dec and NINE_MONTHS."""
        return self.month_of(day).enclosing(kind)

    def months(self, period: Period) -> list[Period]:
        """The reporting months of a period, in order.

        For a custom range, the months whose bounds meet it, even partly.
        """
        if period.start is not None and period.end is not None:
            first_year, first_month = self.month_key(period.start)
            last_year, last_month = self.month_key(period.end)
        else:
            first_year, first_month, count = period.month_span()
            last = dt.date(first_year, first_month, 1) + relativedelta(months=count - 1)
            last_year, last_month = last.year, last.month
        starts = rrule(
            MONTHLY,
            dtstart=dt.datetime(first_year, first_month, 1),
            until=dt.datetime(last_year, last_month, 1),
        )
        return [Period.of_month(start.year, start.month) for start in starts]

    def sub_periods(self, period: Period, kind: PeriodKind) -> list[Period]:
        """The periods of `kind` inside `period`, in order.

        A fixed period gets those wholly inside it (the half-years of 9M: only H1). A
        custom range gets those whose bounds meet it, even partly. Asking for periods
        longer than a fixed period is an error.
        """
        if kind is PeriodKind.CUSTOM:
            raise ValueError("custom periods are not a subdivision of anything")
        if period.is_custom:
            found: dict[Period, None] = {}
            for month in self.months(period):
                enclosing = month.enclosing(kind)
                if enclosing is not None:
                    found[enclosing] = None
            return list(found)
        if MONTHS[kind] > MONTHS[period.kind]:
            raise ValueError(f"a {kind.value} is longer than the {period.kind.value} {period.key}")
        year = period.year
        assert year is not None
        candidates = (
            Period(kind, year, index if kind in INDEXED else None)
            for index in range(1, COUNT_PER_YEAR[kind] + 1)
        )
        return [candidate for candidate in candidates if period.contains(candidate)]

    def quarters(self, period: Period) -> list[Period]:
        """The quarters inside a period (see `sub_periods`)."""
        return self.sub_periods(period, PeriodKind.QUARTER)

    def label(self, lang: str = "vi") -> str:
        """What a reporting month is under this calendar, in words."""
        cutoff = self.cutoff_day
        if language(lang) == "vi":
            if cutoff == 1:
                return "Kỳ báo cáo theo tháng dương lịch (từ ngày 1 đến ngày cuối tháng)"
            return f"Kỳ báo cáo từ ngày {cutoff} tháng trước đến ngày {cutoff - 1} tháng báo cáo"
        if cutoff == 1:
            return "Calendar months (from the 1st to the last day of the month)"
        return (
            f"Reporting month from day {cutoff} of the previous month "
            f"to day {cutoff - 1} of the month"
        )
