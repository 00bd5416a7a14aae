"""Reporting periods (kỳ báo cáo) and the reporting calendar with a cut-off day.

A `Period` is nominal: "March 2022", "Quý I/2022", "9 tháng năm 2022". Which days it
covers depends on the `ReportingCalendar`: many agencies close a month on the 14th, so
that with cut-off day 15 "January 2023" runs from 15/12/2022 to 14/01/2023. Keeping the
two apart lets one dataset be reported under either convention.

Pure: no I/O. python-dateutil does the month arithmetic.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Iterator
from typing import Final

import attrs
from dateutil.relativedelta import relativedelta
from dateutil.rrule import MONTHLY, rrule

from danvan.errors import DanvanError

__all__ = [
    "DateRange",
    "Period",
    "PeriodKind",
    "PeriodParseError",
    "ReportingCalendar",
    "parse_period",
]

_ONE_DAY: Final = dt.timedelta(days=1)
_MIN_YEAR: Final = dt.MINYEAR
_MAX_YEAR: Final = dt.MAXYEAR


def _format_date(day: dt.date) -> str:
    """Day first, as dates are written in Vietnam: 24/02/2022."""
    return f"{day.day:02d}/{day.month:02d}/{day.year:04d}"


def _language(lang: str) -> str:
    """Primary language subtag: "vi-VN" -> "vi". Anything but Vietnamese falls back to English."""
    primary = lang.replace("_", "-").split("-", 1)[0].strip().lower()
    return "vi" if primary == "vi" else "en"


@attrs.frozen
class DateRange:
    """An inclusive range of days: both `start` and `end` belong to it."""

    start: dt.date
    end: dt.date

    def __attrs_post_init__(self) -> None:
        for name in ("start", "end"):
            value = getattr(self, name)
            # datetime is a subclass of date but cannot be compared with one.
            if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
                raise TypeError(f"DateRange.{name} must be a datetime.date, got {value!r}")
        if self.end < self.start:
            raise ValueError(
                f"Ngày kết thúc trước ngày bắt đầu / end date {self.end.isoformat()} "
                f"is before start date {self.start.isoformat()}"
            )

    def __contains__(self, day: object) -> bool:
        if isinstance(day, dt.datetime):
            day = day.date()
        if not isinstance(day, dt.date):
            return False
        return self.start <= day <= self.end

    @property
    def days(self) -> int:
        """Number of days in the range, both ends included."""
        return (self.end - self.start).days + 1

    def dates(self) -> Iterator[dt.date]:
        """Every day of the range, in order."""
        day = self.start
        while day <= self.end:
            yield day
            day += _ONE_DAY

    def overlaps(self, other: DateRange) -> bool:
        return self.start <= other.end and other.start <= self.end

    def intersection(self, other: DateRange) -> DateRange | None:
        """The days in both ranges, or None when they do not meet."""
        if not self.overlaps(other):
            return None
        return DateRange(max(self.start, other.start), min(self.end, other.end))

    def label(self, lang: str = "vi") -> str:
        """Day-first label: "Từ 15/03/2022 đến 14/06/2022" or "15/03/2022 – 14/06/2022"."""
        start, end = _format_date(self.start), _format_date(self.end)
        if _language(lang) == "vi":
            return f"Từ {start} đến {end}"
        return f"{start} – {end}"

    def __str__(self) -> str:
        return f"{self.start.isoformat()}/{self.end.isoformat()}"


class PeriodKind(enum.Enum):
    """The kinds of reporting period: tháng, quý, 6 tháng, 9 tháng, năm, and a custom range."""

    MONTH = "month"
    QUARTER = "quarter"
    HALF_YEAR = "half_year"
    NINE_MONTHS = "nine_months"
    YEAR = "year"
    CUSTOM = "custom"


# For each fixed kind: how many months it spans, and how many of it a year has, each
# starting at month `1 + (index - 1) * months`. NINE_MONTHS is one per year, January to
# September.
_MONTHS: Final[dict[PeriodKind, int]] = {
    PeriodKind.MONTH: 1,
    PeriodKind.QUARTER: 3,
    PeriodKind.HALF_YEAR: 6,
    PeriodKind.NINE_MONTHS: 9,
    PeriodKind.YEAR: 12,
}
_COUNT_PER_YEAR: Final[dict[PeriodKind, int]] = {
    PeriodKind.MONTH: 12,
    PeriodKind.QUARTER: 4,
    PeriodKind.HALF_YEAR: 2,
    PeriodKind.NINE_MONTHS: 1,
    PeriodKind.YEAR: 1,
}
# Sort order among periods that start on the same day: the longer one first, as in an outline.
_RANK: Final[dict[PeriodKind, int]] = {
    PeriodKind.YEAR: 0,
    PeriodKind.NINE_MONTHS: 1,
    PeriodKind.HALF_YEAR: 2,
    PeriodKind.QUARTER: 3,
    PeriodKind.MONTH: 4,
    PeriodKind.CUSTOM: 5,
}
_INDEXED: Final = frozenset({PeriodKind.MONTH, PeriodKind.QUARTER, PeriodKind.HALF_YEAR})

_ROMAN: Final = ("I", "II", "III", "IV")
_EN_MONTHS: Final = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


@attrs.frozen(order=False, repr=False)
class Period:
    """A nominal reporting period; `ReportingCalendar.bounds` gives the days it covers.

    Build one with the class methods (`Period.of_month(2022, 3)`) or `parse_period`.
    `index` is the month (1-12), quarter (1-4) or half (1-2); `start` and `end` are set
    only for a custom range. Periods are hashable and sort by start, then the longer first.
    """

    kind: PeriodKind
    year: int | None = None
    index: int | None = None
    start: dt.date | None = None
    end: dt.date | None = None

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.kind, PeriodKind):
            raise TypeError(f"Period.kind must be a PeriodKind, got {self.kind!r}")
        if self.kind is PeriodKind.CUSTOM:
            self._check_custom()
        else:
            self._check_fixed()

    def _check_custom(self) -> None:
        if self.year is not None or self.index is not None:
            raise ValueError("a custom period has start and end dates, not a year or an index")
        if self.start is None or self.end is None:
            raise ValueError("a custom period needs both a start and an end date")
        DateRange(self.start, self.end)  # same checks: real dates, end not before start

    def _check_fixed(self) -> None:
        if self.start is not None or self.end is not None:
            raise ValueError(f"a {self.kind.value} period has no explicit start or end date")
        year = self.year
        if type(year) is not int or not _MIN_YEAR <= year <= _MAX_YEAR:
            raise ValueError(
                f"year must be an integer from {_MIN_YEAR} to {_MAX_YEAR}, got {year!r}"
            )
        if self.kind in _INDEXED:
            count = _COUNT_PER_YEAR[self.kind]
            index = self.index
            if type(index) is not int or not 1 <= index <= count:
                raise ValueError(
                    f"a {self.kind.value} index must be from 1 to {count}, got {index!r}"
                )
        elif self.index is not None:
            raise ValueError(f"a {self.kind.value} period has no index, got {self.index!r}")

    # Construction -----------------------------------------------------------------

    @classmethod
    def of_month(cls, year: int, month: int) -> Period:
        return cls(PeriodKind.MONTH, year, month)

    @classmethod
    def of_quarter(cls, year: int, quarter: int) -> Period:
        return cls(PeriodKind.QUARTER, year, quarter)

    @classmethod
    def of_half(cls, year: int, half: int) -> Period:
        return cls(PeriodKind.HALF_YEAR, year, half)

    @classmethod
    def of_nine_months(cls, year: int) -> Period:
        return cls(PeriodKind.NINE_MONTHS, year)

    @classmethod
    def of_year(cls, year: int) -> Period:
        return cls(PeriodKind.YEAR, year)

    @classmethod
    def between(cls, start: dt.date, end: dt.date) -> Period:
        """A custom period from `start` to `end`, both included."""
        return cls(PeriodKind.CUSTOM, start=start, end=end)

    # Calendar-free facts ----------------------------------------------------------

    @property
    def is_custom(self) -> bool:
        return self.kind is PeriodKind.CUSTOM

    def month_span(self) -> tuple[int, int, int]:
        """(year, first month, number of months) of a fixed period; custom ones have none."""
        if self.year is None:
            raise ValueError("a custom period is a range of dates, not a run of months")
        months = _MONTHS[self.kind]
        first = 1 + ((self.index or 1) - 1) * months
        return self.year, first, months

    def enclosing(self, kind: PeriodKind) -> Period | None:
        """The period of `kind` that contains this one, e.g. the quarter of a month.

        None when there is none: October is in no nine-month period and a year is in no
        quarter. Calendar-free, so cheap enough to bucket months into quarters.
        """
        year, first, months = self.month_span()
        if kind is PeriodKind.CUSTOM:
            raise ValueError("no custom period encloses a fixed period by definition")
        size = _MONTHS[kind]
        index = (first - 1) // size + 1
        if index > _COUNT_PER_YEAR[kind] or first + months > 1 + index * size:
            return None
        return Period(kind, year, index if kind in _INDEXED else None)

    def contains(self, other: Period) -> bool:
        """Whether `other` is nominally inside this fixed period (custom: use the calendar)."""
        year, first, months = self.month_span()
        other_year, other_first, other_months = other.month_span()
        return (
            year == other_year
            and first <= other_first
            and other_first + other_months <= first + months
        )

    @property
    def key(self) -> str:
        """The canonical text form, which `parse_period` reads back: "2022-Q1", "2022-03"…"""
        if self.start is not None and self.end is not None:
            return f"{self.start.isoformat()}/{self.end.isoformat()}"
        year = f"{self.year:04d}"
        match self.kind:
            case PeriodKind.MONTH:
                return f"{year}-{self.index:02d}"
            case PeriodKind.QUARTER:
                return f"{year}-Q{self.index}"
            case PeriodKind.HALF_YEAR:
                return f"{year}-H{self.index}"
            case PeriodKind.NINE_MONTHS:
                return f"{year}-9M"
            case _:
                return year

    def __str__(self) -> str:
        return self.key

    def __repr__(self) -> str:
        return f"parse_period({self.key!r})"

    def label(self, lang: str = "vi") -> str:
        """The period as people write it: "Quý I/2022", "Q1 2022".

        `lang` is "vi" (the default) or "en"; region subtags ("vi-VN") are ignored and any
        other language gets English.
        """
        if self.start is not None and self.end is not None:
            return DateRange(self.start, self.end).label(lang)
        year, index = self.year, self.index or 0
        if _language(lang) == "vi":
            match self.kind:
                case PeriodKind.MONTH:
                    return f"Tháng {index}/{year}"
                case PeriodKind.QUARTER:
                    return f"Quý {_ROMAN[index - 1]}/{year}"
                case PeriodKind.HALF_YEAR:
                    return f"6 tháng {'đầu' if index == 1 else 'cuối'} năm {year}"
                case PeriodKind.NINE_MONTHS:
                    return f"9 tháng năm {year}"
                case _:
                    return f"Năm {year}"
        match self.kind:
            case PeriodKind.MONTH:
                return f"{_EN_MONTHS[index - 1]} {year}"
            case PeriodKind.QUARTER:
                return f"Q{index} {year}"
            case PeriodKind.HALF_YEAR:
                return f"{'First' if index == 1 else 'Second'} half of {year}"
            case PeriodKind.NINE_MONTHS:
                return f"First nine months of {year}"
            case _:
                return f"Year {year}"

    # Ordering ---------------------------------------------------------------------

    def _sort_key(self) -> tuple[dt.date, int, dt.date]:
        bounds = _CALENDAR_MONTHS.bounds(self)
        return bounds.start, _RANK[self.kind], bounds.end

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Period):
            return NotImplemented
        return self._sort_key() < other._sort_key()

    def __le__(self, other: object) -> bool:
        if not isinstance(other, Period):
            return NotImplemented
        return self._sort_key() <= other._sort_key()

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, Period):
            return NotImplemented
        return self._sort_key() > other._sort_key()

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, Period):
            return NotImplemented
        return self._sort_key() >= other._sort_key()


# Parsing ----------------------------------------------------------------------------

ACCEPTED_FORMS: Final[tuple[tuple[str, str], ...]] = (
    ("2022", "năm / year"),
    ("2022-Q1 … 2022-Q4", "quý / quarter"),
    ("2022-H1, 2022-H2", "6 tháng đầu, cuối năm / first, second half-year"),
    ("2022-9M", "9 tháng / first nine months"),
    ("2022-03", "tháng / month (01-12)"),
    ("2022-03-15/2022-06-14", "từ ngày … đến ngày / custom range, both days included"),
)


class PeriodParseError(DanvanError, ValueError):
    """Text that is not a period; the message lists every accepted form."""

    def __init__(self, text: str, reason: str) -> None:
        self.text = text
        self.reason = reason
        width = max(len(form) for form, _ in ACCEPTED_FORMS)
        forms = "\n".join(f"  {form:<{width}}  {meaning}" for form, meaning in ACCEPTED_FORMS)
        super().__init__(
            f"Không hiểu kỳ báo cáo / not a reporting period: {text!r} ({reason}).\n"
            f"Các dạng được chấp nhận / accepted forms:\n{forms}"
        )


_DATE = r"(\d{4})-(\d{2})-(\d{2})"
_PATTERNS: Final = (
    (re.compile(r"(\d{4})", re.ASCII), PeriodKind.YEAR),
    (re.compile(r"(\d{4})-(\d{2})", re.ASCII), PeriodKind.MONTH),
    (re.compile(r"(\d{4})-Q(\d)", re.ASCII | re.IGNORECASE), PeriodKind.QUARTER),
    (re.compile(r"(\d{4})-H(\d)", re.ASCII | re.IGNORECASE), PeriodKind.HALF_YEAR),
    (re.compile(r"(\d{4})-9M", re.ASCII | re.IGNORECASE), PeriodKind.NINE_MONTHS),
    (re.compile(rf"{_DATE}\s*/\s*{_DATE}", re.ASCII), PeriodKind.CUSTOM),
)


def _to_date(text: str, parts: tuple[str, str, str]) -> dt.date:
    try:
        return dt.date(int(parts[0]), int(parts[1]), int(parts[2]))
    except ValueError:
        raise PeriodParseError(text, f"{'-'.join(parts)} is not a date") from None


def parse_period(text: str) -> Period:
    """Read a period from its key ("2022-Q1"); the exact inverse of `Period.key`.

    Surrounding whitespace and lower-case q/h/m are accepted.
    """
    if not isinstance(text, str):
        raise TypeError(f"parse_period expects a str, got {type(text).__name__}")
    stripped = text.strip()
    for pattern, kind in _PATTERNS:
        match = pattern.fullmatch(stripped)
        if match is None:
            continue
        groups = match.groups()
        try:
            if kind is PeriodKind.CUSTOM:
                start = _to_date(text, (groups[0], groups[1], groups[2]))
                end = _to_date(text, (groups[3], groups[4], groups[5]))
                if end < start:
                    raise PeriodParseError(text, "the end date is before the start date")
                return Period.between(start, end)
            year = int(groups[0])
            index = int(groups[1]) if kind in _INDEXED else None
            return Period(kind, year, index)
        except PeriodParseError:
            raise
        except ValueError as error:
            raise PeriodParseError(text, str(error)) from None
    raise PeriodParseError(text, "unrecognised form")


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
        if period.start is not None and period.end is not None:
            return DateRange(period.start, period.end)
        year, first, months = period.month_span()
        start = self._month_start(year, first)
        # Computed from the last nominal month, not as start + n months - 1 day, so that
        # December 9999 does not step into year 10000.
        last = dt.date(year, first, 1) + relativedelta(months=months - 1)
        if self.cutoff_day == 1:
            end = last + relativedelta(day=31)  # relativedelta clamps to the month's last day
        else:
            end = last.replace(day=self.cutoff_day - 1)
        return DateRange(start, end)

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
        if _MONTHS[kind] > _MONTHS[period.kind]:
            raise ValueError(f"a {kind.value} is longer than the {period.kind.value} {period.key}")
        year = period.year
        assert year is not None
        candidates = (
            Period(kind, year, index if kind in _INDEXED else None)
            for index in range(1, _COUNT_PER_YEAR[kind] + 1)
        )
        return [candidate for candidate in candidates if period.contains(candidate)]

    def quarters(self, period: Period) -> list[Period]:
        """The quarters inside a period (see `sub_periods`)."""
        return self.sub_periods(period, PeriodKind.QUARTER)

    def label(self, lang: str = "vi") -> str:
        """What a reporting month is under this calendar, in words."""
        cutoff = self.cutoff_day
        if _language(lang) == "vi":
            if cutoff == 1:
                return "Kỳ báo cáo theo tháng dương lịch (từ ngày 1 đến ngày cuối tháng)"
            return f"Kỳ báo cáo từ ngày {cutoff} tháng trước đến ngày {cutoff - 1} tháng báo cáo"
        if cutoff == 1:
            return "Calendar months (from the 1st to the last day of the month)"
        return (
            f"Reporting month from day {cutoff} of the previous month "
            f"to day {cutoff - 1} of the month"
        )


_CALENDAR_MONTHS: Final = ReportingCalendar(1)
"""Plain calendar months; also gives the calendar-free sort order of periods."""
