"""A nominal reporting period (tháng, quý, 6 tháng, 9 tháng, năm, or a custom range)."""

from __future__ import annotations

import datetime as dt
import enum
from typing import Final

import attrs
from dateutil.relativedelta import relativedelta

from danvan.periods._days import MAX_YEAR, MIN_YEAR, DateRange, language


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
MONTHS: Final[dict[PeriodKind, int]] = {
    PeriodKind.MONTH: 1,
    PeriodKind.QUARTER: 3,
    PeriodKind.HALF_YEAR: 6,
    PeriodKind.NINE_MONTHS: 9,
    PeriodKind.YEAR: 12,
}
COUNT_PER_YEAR: Final[dict[PeriodKind, int]] = {
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
INDEXED: Final = frozenset({PeriodKind.MONTH, PeriodKind.QUARTER, PeriodKind.HALF_YEAR})

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
        if type(year) is not int or not MIN_YEAR <= year <= MAX_YEAR:
            raise ValueError(f"year must be an integer from {MIN_YEAR} to {MAX_YEAR}, got {year!r}")
        if self.kind in INDEXED:
            count = COUNT_PER_YEAR[self.kind]
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
        months = MONTHS[self.kind]
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
        size = MONTHS[kind]
        index = (first - 1) // size + 1
        if index > COUNT_PER_YEAR[kind] or first + months > 1 + index * size:
            return None
        return Period(kind, year, index if kind in INDEXED else None)

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
        if language(lang) == "vi":
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

    def calendar_days(self) -> DateRange:
        """The days of the period in plain calendar months (a custom period: its own days).

        What ``ReportingCalendar(1).bounds`` gives, and the calendar-free sort order.
        """
        if self.start is not None and self.end is not None:
            return DateRange(self.start, self.end)
        year, first, months = self.month_span()
        # From the last nominal month, so that December 9999 does not step into year 10000.
        last = dt.date(year, first, 1) + relativedelta(months=months - 1)
        return DateRange(dt.date(year, first, 1), last + relativedelta(day=31))

    def _sort_key(self) -> tuple[dt.date, int, dt.date]:
        bounds = self.calendar_days()
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
