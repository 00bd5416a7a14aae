"""Reading a period from its text form: 2022, 2022-Q1, 2022-H1, 2022-9M, 2022-03, a range."""

from __future__ import annotations

import datetime as dt
import re
from typing import Final

from danvan.errors import DanvanError
from danvan.periods._period import INDEXED, Period, PeriodKind

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
            index = int(groups[1]) if kind in INDEXED else None
            return Period(kind, year, index)
        except PeriodParseError:
            raise
        except ValueError as error:
            raise PeriodParseError(text, str(error)) from None
    raise PeriodParseError(text, "unrecognised form")
