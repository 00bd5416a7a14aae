"""Dates as people write them (13/02/2023, ngày 13 tháng 02 năm 2023), never guessed."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from fractions import Fraction
from typing import Final

from danvan.text._errors import ValueParseError
from danvan.text._money import finite
from danvan.text._normal import normalize

_DAY_FIRST_RE: Final = re.compile(r"(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*\2\s*(\d+)")
_YEAR_FIRST_RE: Final = re.compile(r"(\d{4})([/.-])(\d{1,2})\2(\d{1,2})")
_LONG_RE: Final = re.compile(
    r"(?:ngày|ngay)?\s*(\d{1,2})\s*(?:tháng|thang)\s*(\d{1,2})\s*,?\s*(?:năm|nam)\s*(\d+)"
)
_NGAY_PREFIX_RE: Final = re.compile(r"(?:ngày|ngay)\s*")
_EXCEL_1900: Final = dt.date(1899, 12, 30)
_EXCEL_1904: Final = dt.date(1904, 1, 1)
_EXCEL_MAX_1900: Final = 2_958_465  # 9999-12-31
_EXCEL_MAX_1904: Final = _EXCEL_MAX_1900 - 1462


def _make_date(text: object, year: str, month: str, day: str) -> dt.date:
    if len(year) == 2:
        raise ValueParseError(
            "date.ambiguous",
            text,
            "năm chỉ có hai chữ số, hãy ghi đủ bốn chữ số",
            "the year has two digits; write all four",
        )
    if len(year) != 4:
        raise ValueParseError(
            "date.invalid", text, "năm phải có bốn chữ số", "the year must have four digits"
        )
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        hint_vi, hint_en = "", ""
        if int(month) > 12 and 1 <= int(day) <= 12:
            hint_vi = "ngày đứng trước tháng (dd/mm/yyyy)"
            hint_en = "the day comes before the month (dd/mm/yyyy)"
        raise ValueParseError("date.impossible", text, hint_vi, hint_en) from None


def parse_date(text: str) -> dt.date:
    """A date written day first: ``24/02/2022``, ``24-02-2022``, ``24.02.2022``,
    ``ngày 24 tháng 02 năm 2022``, ``ngày 24/02/2022``, or ISO ``2022-02-24``.
    """
    s = normalize(text).lower()
    if not s:
        raise ValueParseError("date.empty", text)
    if m := _YEAR_FIRST_RE.fullmatch(s):
        return _make_date(text, m.group(1), m.group(3), m.group(4))
    if m := _LONG_RE.fullmatch(s):
        return _make_date(text, m.group(3), m.group(2), m.group(1))
    bare = _NGAY_PREFIX_RE.sub("", s, count=1) if s.startswith(("ngày", "ngay")) else s
    if m := _DAY_FIRST_RE.fullmatch(bare):
        return _make_date(text, m.group(4), m.group(3), m.group(1))
    raise ValueParseError(
        "date.invalid", text, "hãy ghi ngày theo dạng dd/mm/yyyy", "write the date as dd/mm/yyyy"
    )


def date_from_cell(value: object, *, date1904: bool = False) -> dt.date:
    """A date from a spreadsheet cell: date, midnight datetime, Excel serial number, or text.

    Serials follow the workbook's date system (1900 by default, with Lotus's
    fictitious 29 February 1900 = serial 60 rejected). A serial or datetime with a
    time of day is rejected rather than silently truncated.
    """
    if value is None:
        raise ValueParseError("date.empty", value)
    if isinstance(value, str):
        return parse_date(value)
    if isinstance(value, dt.datetime):
        if value.time() != dt.time(0):
            raise ValueParseError("date.time_of_day", value)
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise ValueParseError("date.invalid", value)
    if not finite(value):
        raise ValueParseError("date.invalid", value)
    exact = Fraction(value)
    if exact.denominator != 1:
        raise ValueParseError("date.time_of_day", value)
    serial = int(exact)
    if date1904:
        if not 0 <= serial <= _EXCEL_MAX_1904:
            raise ValueParseError("date.out_of_range", value)
        return _EXCEL_1904 + dt.timedelta(days=serial)
    if not 1 <= serial <= _EXCEL_MAX_1900:
        raise ValueParseError("date.out_of_range", value)
    if serial == 60:
        raise ValueParseError(
            "date.impossible",
            value,
            "Excel coi 29/02/1900 là một ngày nhưng ngày đó không tồn tại",
            "Excel counts 29/02/1900, a day that never existed",
        )
    if serial < 60:
        serial += 1
    return _EXCEL_1900 + dt.timedelta(days=serial)


def format_date(value: dt.date) -> str:
    """``date(2022, 2, 24)`` -> ``"24/02/2022"``."""
    return f"{value.day:02d}/{value.month:02d}/{value.year:04d}"
