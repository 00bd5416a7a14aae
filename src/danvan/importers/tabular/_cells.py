"""Reading one cell as its column wants it: text, numbers, money, dates, flags, codes."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

from danvan.excel import unescape_formula_csv
from danvan.findings import Finding, Location, codes, make_finding
from danvan.layout import (
    CellKind,
    LayoutColumn,
    field_name,
    split_list,
)
from danvan.loading import text_findings
from danvan.text import (
    ValueParseError,
    canonical_text,
    date_from_cell,
    detect_legacy_encoding,
    fix_legacy,
    format_date,
    has_control_characters,
    header_key,
    is_plain_word,
    money_from_cell,
    normalize,
    without_control_characters,
)


class CellError(ValueError):
    """A cell that cannot be read, with the reason in Vietnamese and English."""

    def __init__(self, vi: str, en: str) -> None:
        super().__init__(f"{vi} / {en}")
        self.vi = vi
        self.en = en


def _parse_error(error: ValueParseError) -> CellError:
    return CellError(error.message_vi, error.message_en)


#: A problem found in a cell, rendered once its location is known.
Problem = Callable[[Location], Iterator[Finding]]
Converted = tuple[Any, tuple[Problem, ...]]


def as_text(raw: Any) -> str:
    if raw.__class__ is str:
        return str(raw)
    if isinstance(raw, bool):
        return "TRUE" if raw else "FALSE"
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    if isinstance(raw, dt.datetime):
        return raw.isoformat(sep=" ")
    if isinstance(raw, dt.date):
        return format_date(raw)
    return str(raw)


def _may_be_legacy(text: str) -> bool:
    """Whether ``text`` has a word that is neither ASCII nor a Vietnamese syllable as it stands.

    Only such words can be TCVN3 or VNI mojibake, so ``detect_legacy_encoding``
    (much slower) is asked only about them.
    """
    return not all(map(is_plain_word, text.split()))


def _text_problems(before: str, after: str) -> tuple[Problem, ...]:
    problems: list[Problem] = []
    if after != before:

        def changed(location: Location) -> Iterator[Finding]:
            return text_findings(before, after, location)

        problems.append(changed)
    if not after.isascii() and _may_be_legacy(after):
        encoding = detect_legacy_encoding(after)
        if encoding is not None:
            suggestion = normalize(fix_legacy(after, encoding))

            def legacy(location: Location) -> Iterator[Finding]:
                yield make_finding(
                    codes.LEGACY_ENCODING,
                    location,
                    column=location.column,
                    encoding=encoding,
                    value=after,
                    suggestion=suggestion,
                )

            problems.append(legacy)
    return tuple(problems)


def _text(raw: Any, escaped: bool) -> Converted:
    """``canonical_text`` of the cell, with what changed as problems to report at the cell."""
    before = raw if raw.__class__ is str else as_text(raw)
    if escaped and before[:1] == "'":
        before = unescape_formula_csv(before)
    after = canonical_text(before)
    if not has_control_characters(before):
        return after, _text_problems(before, after)
    clean = without_control_characters(before)

    def removed(location: Location) -> Iterator[Finding]:
        yield make_finding(
            codes.CONTROL_CHARACTER,
            location,
            field=location.column or field_name(location.record_kind, location.field or ""),
            before=before,
            after=after,
        )

    return after, (removed, *_text_problems(clean, after))


def _list(raw: Any, escaped: bool) -> Converted:
    text, problems = _text(raw, escaped)
    return tuple(map(normalize, split_list(text))), problems


_GROUPED_INT = re.compile(r"[+-]?\d{1,3}(?:([., ])\d{3})(?:\1\d{3})*")
_PLAIN_INT = re.compile(r"[+-]?\d+")
_DECIMAL_COMMA = re.compile(r"[+-]?\d+,\d+")


def _whole(value: float | Decimal) -> int | None:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return int(value) if value == int(value) else None


def _integer(raw: Any, escaped: bool) -> Converted:
    if isinstance(raw, bool):
        raise CellError("cần một số nguyên, gặp giá trị đúng/sai", "expected a whole number")
    if isinstance(raw, int):
        return raw, ()
    if isinstance(raw, float | Decimal):
        whole = _whole(raw)
        if whole is None:
            raise CellError(f"{raw!r} không phải số nguyên", f"{raw!r} is not a whole number")
        return whole, ()
    if not isinstance(raw, str):
        raise CellError(f"cần một số nguyên, gặp {raw!r}", f"expected a whole number, not {raw!r}")
    text = normalize(raw)
    if _PLAIN_INT.fullmatch(text):
        return int(text), ()
    if match := _GROUPED_INT.fullmatch(text):
        return int(text.replace(match.group(1), "")), ()
    raise CellError(f"{raw!r} không phải số nguyên", f"{raw!r} is not a whole number")


def _number(raw: Any, escaped: bool) -> Converted:
    if isinstance(raw, bool):
        raise CellError("cần một số, gặp giá trị đúng/sai", "expected a number")
    if isinstance(raw, int):
        return raw, ()
    if isinstance(raw, float | Decimal):
        if isinstance(raw, float) and not math.isfinite(raw):
            raise CellError(f"{raw!r} không phải số", f"{raw!r} is not a number")
        whole = _whole(raw)
        return (whole if whole is not None else float(raw)), ()
    if not isinstance(raw, str):
        raise CellError(f"cần một số, gặp {raw!r}", f"expected a number, not {raw!r}")
    text = normalize(raw)
    if _PLAIN_INT.fullmatch(text):
        return int(text), ()
    if _DECIMAL_COMMA.fullmatch(text):
        return float(text.replace(",", ".")), ()
    if not escaped and (match := _GROUPED_INT.fullmatch(text)):
        # Typed by hand, "1.500" is 1500 in Vietnamese and 1.5 in English: never guessed.
        if match.group(1) != " ":
            raise CellError(
                f"{raw!r} có thể là {text.replace(match.group(1), '')} hoặc số thập phân",
                f"{raw!r} could be {text.replace(match.group(1), '')} or a decimal",
            )
        return int(text.replace(" ", "")), ()
    try:
        value = float(text)
    except ValueError:
        raise CellError(f"{raw!r} không phải số", f"{raw!r} is not a number") from None
    if not math.isfinite(value):
        raise CellError(f"{raw!r} không phải số", f"{raw!r} is not a number")
    return value, ()


def _money(raw: Any, escaped: bool) -> Converted:
    try:
        return money_from_cell(raw), ()
    except ValueParseError as error:
        raise _parse_error(error) from None


def _date(raw: Any, escaped: bool) -> Converted:
    try:
        return date_from_cell(raw), ()
    except ValueParseError as error:
        raise _parse_error(error) from None


_TRUE = frozenset(["true", "1", "yes", "y", "x", "co", "c", "dung", "d"])
_FALSE = frozenset(["false", "0", "no", "n", "khong", "k", "sai", "s"])


def _boolean(raw: Any, escaped: bool) -> Converted:
    if isinstance(raw, bool):
        return raw, ()
    if isinstance(raw, int | float) and raw in (0, 1):
        return bool(raw), ()
    key = header_key(raw) if isinstance(raw, str) else None
    if key in _TRUE:
        return True, ()
    if key in _FALSE:
        return False, ()
    raise CellError(
        f"{raw!r} không phải có/không (có, không, x, TRUE, FALSE)",
        f"{raw!r} is not yes/no (có, không, x, TRUE, FALSE)",
    )


def _enum_reader(column: LayoutColumn) -> Callable[[Any, bool], Converted]:
    members = list(column.enum or ())
    index: dict[str, Any] = {}
    for member in members:
        names = [member.value, member.name]
        label = getattr(member, "label", None)
        if label is not None:
            names += [label.vi, label.en]
        for name in names:
            index.setdefault(header_key(str(name)), member)
    allowed = ", ".join(str(m.value) for m in members)

    def read(raw: Any, escaped: bool) -> Converted:
        text = as_text(raw)
        found = index.get(header_key(text))
        if found is None:
            raise CellError(
                f"{text!r} không có trong danh sách ({allowed})",
                f"{text!r} is not one of the allowed values ({allowed})",
            )
        return found, ()

    return read


_READERS: dict[CellKind, Callable[[Any, bool], Converted]] = {
    CellKind.TEXT: _text,
    CellKind.OPTIONAL_TEXT: _text,
    CellKind.LIST: _list,
    CellKind.INTEGER: _integer,
    CellKind.NUMBER: _number,
    CellKind.MONEY: _money,
    CellKind.DATE: _date,
    CellKind.BOOLEAN: _boolean,
}


def cell_reader(column: LayoutColumn) -> Callable[[Any, bool], Converted]:
    """The function that reads a non-empty cell of ``column``: ``(value, problems)``."""
    if column.kind is CellKind.ENUM:
        return _enum_reader(column)
    return _READERS[column.kind]


def is_empty(raw: Any) -> bool:
    """No value: nothing, or only spaces (a lone control character such as ``\\x1f``, which
    Python counts as white space, is a value to report, not a blank)."""
    return raw is None or (
        raw.__class__ is str and not raw.strip() and not has_control_characters(raw)
    )
