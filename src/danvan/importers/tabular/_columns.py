"""Reading a whole column at once: clean text checked in bulk, each distinct value read once."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import Any

import attrs

from danvan.excel import WHITESPACE
from danvan.findings import Finding, Location, codes, make_finding
from danvan.importers.base import ColumnarRows, ExcelError, RawSheet
from danvan.importers.limits import DEFAULT_LIMITS, ReadLimits
from danvan.importers.tabular._cells import (
    CellError,
    Problem,
    cell_reader,
    is_empty,
)
from danvan.importers.tabular._models import empty_value
from danvan.labels import Label
from danvan.layout import (
    CellKind,
    LayoutColumn,
    RecordTable,
)
from danvan.text import (
    has_control_characters,
    is_plain_word,
    normalize,
)

_MISSING = "missing"


@attrs.frozen
class TooLong:
    """A text cell over ``max_text_length``: its length and the limit."""

    length: int
    limit: int


Issue = CellError | tuple[Problem, ...] | str | TooLong | ExcelError


#: Whitespace other than the plain space (what ``str.split`` splits on).
_OTHER_SPACES = tuple(ch for ch in WHITESPACE if ch != " ")
_ASCII_OTHER_SPACES = tuple(ch for ch in _OTHER_SPACES if ch.isascii())


def _spaced_badly(joined: str, ascii_only: bool) -> bool:
    """Whether a value of ``joined`` (values separated by NUL) has whitespace to normalise.

    Substring tests run in C, far faster than a regular expression here.
    """
    if joined[:1] == " " or joined[-1:] == " ":
        return True
    if "  " in joined or " \x00" in joined or "\x00 " in joined:
        return True
    others = _ASCII_OTHER_SPACES if ascii_only else _OTHER_SPACES
    return any(ch in joined for ch in others)


_TEXT_KINDS = frozenset({CellKind.TEXT, CellKind.OPTIONAL_TEXT})


def _clean_ascii(joined: str, escaped: bool, ascii_only: bool, values: int) -> bool:
    """Whether ``values`` values joined by NUL have no spacing to fix, no control character
    to remove (a NUL inside a value shows as one separator too many) and no CSV formula
    escape to undo."""
    if joined.count("\x00") != values - 1:
        return False
    if not joined.replace("\x00", " ").isprintable() and has_control_characters(
        joined.replace("\x00", " ")
    ):
        return False
    if _spaced_badly(joined, ascii_only):
        return False
    return not (escaped and (joined[:1] == "'" or "\x00'" in joined))


def _clean_texts(distinct: set[Any], escaped: bool) -> bool:
    """Whether every value is text already in normal form, with nothing to report.

    Checked in bulk (one joined string, C-level tests; distinct words for
    Vietnamese), so a column of clean text costs next to nothing per cell.
    """
    try:
        joined = "\x00".join(distinct)
    except TypeError:  # not all text
        return False
    ascii_only = joined.isascii()
    if not _clean_ascii(joined, escaped, ascii_only, len(distinct)):
        return False
    if ascii_only:
        return True
    if not unicodedata.is_normalized("NFC", joined):  # a quick C-level refusal, not a normaliser
        return False
    # Spacing is settled above and the normal form works within words: each distinct word
    # is asked of ``normalize`` once (a hypothesis property holds this equal to the cell reader).
    for word in set(joined.replace("\x00", " ").split()):
        if normalize(word) != word or not is_plain_word(word):
            return False
    return True


def _blanks_if_clean(cells: Sequence[Any], escaped: bool) -> set[Any] | None:
    """The blank values in ``cells`` when every other one is text in normal form, else ``None``.

    A column of mostly distinct ASCII values (ids) is checked as one joined
    string, in column order: cheaper than collecting its distinct values.
    """
    if not cells:
        return None
    first = cells[0]
    try:
        ids = first.__class__ is str and first.isascii() and len(set(cells[:64])) > 32
    except TypeError:  # a list or an object among them (JSON): read cell by cell
        return None
    if ids:
        try:
            joined = "\x00".join(cells)
        except TypeError:  # not all text
            return None
        if joined.isascii():
            if not _clean_ascii(joined, escaped, True, len(cells)):
                return None
            blank = joined[:1] in ("", "\x00") or joined[-1:] == "\x00" or "\x00\x00" in joined
            return {""} if blank else set()
    try:
        distinct = set(cells)
    except TypeError:
        return None
    blanks = {c for c in (None, "") if c in distinct}
    return blanks if _clean_texts(distinct - blanks if blanks else distinct, escaped) else None


class _Values(dict[Any, Any]):
    """Raw cell -> value, read on first sight (``__missing__``); issues kept aside.

    ``list(map(values.__getitem__, cells))`` then reads a column in one C-level
    pass that calls Python only for values not seen before.
    """

    def __init__(self, table: RecordTable, column: LayoutColumn, escaped: bool) -> None:
        super().__init__()
        self.read = cell_reader(column)
        self.empty = empty_value(table, column)
        self.needs_value = column.required and not column.allow_empty
        self.optional_text = column.kind is CellKind.OPTIONAL_TEXT
        self.escaped = escaped
        self.issues: dict[Any, Issue] = {}
        #: Set when the column holds text longer than allowed: checked per distinct value then.
        self.max_text: int | None = None

    def __missing__(self, raw: Any) -> Any:
        value = self[raw] = self.convert(raw)
        return value

    def convert(self, raw: Any) -> Any:
        if raw.__class__ is ExcelError:  # an error shown in the cell: no value, never a blank
            self.issues[raw] = raw
            return self.empty
        if isinstance(raw, _Unhashable):
            self.issues[raw] = CellError(
                f"giá trị lạ {raw.value!r}", f"unexpected value {raw.value!r}"
            )
            return self.empty
        if self.max_text is not None and raw.__class__ is str and len(raw) > self.max_text:
            self.issues[raw] = TooLong(len(raw), self.max_text)
            return self.empty
        if is_empty(raw):
            if self.needs_value:
                self.issues[raw] = _MISSING
            return self.empty
        try:
            value, problems = self.read(raw, self.escaped)
        except CellError as error:
            self.issues[raw] = error
            return self.empty
        if problems:
            self.issues[raw] = problems
        if self.optional_text and value == "":
            return None
        return value


def _longest_text(cells: Sequence[Any]) -> int:
    """The length of the longest text among ``cells`` (a C-level pass when all are text)."""
    try:
        return max(map(len, cells), default=0)
    except TypeError:  # not all text
        return max((len(c) for c in cells if c.__class__ is str), default=0)


def convert_column(
    table: RecordTable,
    column: LayoutColumn,
    cells: Sequence[Any],
    escaped: bool,
    max_text: int = DEFAULT_LIMITS.max_text_length,
) -> tuple[Sequence[Any], dict[Any, Issue], Sequence[Any]]:
    """The column's values, the issue of each raw value that has one, and the cells read.

    Each distinct raw value is read once: ids, codes, dates and names repeat.
    A column of text already in normal form is checked in bulk and kept as it is.
    A text longer than ``max_text`` is an issue of its own (one length pass per
    text column; the values are then read one by one).
    """
    values = _Values(table, column, escaped)
    if column.kind in _TEXT_KINDS and _longest_text(cells) > max_text:
        values.max_text = max_text
        converted = list(map(values.__getitem__, cells))
        return converted, values.issues, cells
    if _constant(cells):
        # One value all the way down (a status, an empty note): read it once.
        value = values[cells[0]]
        return [value] * len(cells), values.issues, cells
    if column.kind in _TEXT_KINDS:
        blanks = _blanks_if_clean(cells, escaped)
        if blanks is not None:
            if not blanks:
                return cells, values.issues, cells
            for blank in blanks:
                values[blank] = values.convert(blank)
            return list(map(values.get, cells, cells)), values.issues, cells
    try:
        converted = list(map(values.__getitem__, cells))
    except TypeError:  # lists or objects in a JSON cell
        cells = [c if _hashable(c) else _Unhashable(c) for c in cells]
        converted = list(map(values.__getitem__, cells))
    return converted, values.issues, cells


def _constant(cells: Sequence[Any]) -> bool:
    """Whether every cell holds one hashable value (looked at the ends and middle first)."""
    if not cells:
        return False
    first = cells[0]
    return (
        cells[-1] == first
        and cells[len(cells) // 2] == first
        and _hashable(first)
        and cells.count(first) == len(cells)
    )


def _hashable(value: Any) -> bool:
    try:
        hash(value)
    except TypeError:
        return False
    return True


class _Unhashable:
    """A cell holding a list or an object (possible in JSON): never a valid value."""

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value


def blank_rows(columns: Sequence[Sequence[Any]], probe: int) -> set[int]:
    """Positions of the rows with no value at all, looked at where column ``probe`` is empty."""
    cells = columns[probe]
    if all(cells) or ("" not in cells and None not in cells):
        return set()
    return {
        position
        for position, cell in enumerate(cells)
        if (cell is None or cell == "") and all(is_empty(c[position]) for c in columns)
    }


def sheet_width(rows: Sequence[Sequence[Any]]) -> int:
    """The number of columns of the widest row (columns kept as columns counted as they are)."""
    if isinstance(rows, ColumnarRows):
        return max(len(rows.columns), max(map(len, rows.head), default=0))
    return max(map(len, rows), default=0)


def over_limits(
    sheet: RawSheet, source: str, rows: int, width: int, cells: int, limits: ReadLimits
) -> Finding | None:
    """The DV624 finding of a sheet past a limit: its width, or the file's rows or cells so far."""
    name = sheet.name or source
    for (vi, en), value, limit, setting in (
        (("số dòng (cả tệp)", "rows (whole file)"), rows, limits.max_rows, "max_rows"),
        (("số cột", "columns"), width, limits.max_columns, "max_columns"),
        (("số ô (cả tệp)", "cells (whole file)"), cells, limits.max_cells, "max_cells"),
    ):
        if value > limit:
            return make_finding(
                codes.SHEET_TOO_LARGE,
                Location(source=source, sheet=sheet.name),
                source=source,
                what=Label(f"{name}: {vi}", f"{name}: {en}"),
                value=value,
                limit=limit,
                setting=setting,
            )
    return None
