"""Days: a range of them, and how a day is written (24/02/2022), in Vietnamese or English."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Final

import attrs

_ONE_DAY: Final = dt.timedelta(days=1)
MIN_YEAR: Final = dt.MINYEAR
MAX_YEAR: Final = dt.MAXYEAR


def _format_date(day: dt.date) -> str:
    """Day first, as dates are written in Vietnam: 24/02/2022."""
    return f"{day.day:02d}/{day.month:02d}/{day.year:04d}"


def language(lang: str) -> str:
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
        if language(lang) == "vi":
            return f"Từ {start} đến {end}"
        return f"{start} – {end}"

    def __str__(self) -> str:
        return f"{self.start.isoformat()}/{self.end.isoformat()}"
