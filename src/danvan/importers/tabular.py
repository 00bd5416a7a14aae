"""Raw sheets to records: tables and headers recognised, cells read, every problem located.

Shared by every tabular importer (XLSX, CSV, Data Package, JSON bundles) so
that a header, a date or an amount is read the same way whatever the file.
Pure: no I/O. Parsers never guess; a cell that cannot be read exactly becomes
a DV610 finding at its file, sheet, row and column.
"""

from __future__ import annotations

import collections
import datetime as dt
import functools
import itertools
import math
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from typing import Any

import attrs

from danvan.excel import unescape_formula_csv
from danvan.findings import Finding, Location, codes, make_finding
from danvan.importers.base import ColumnarRows, RawSheet
from danvan.importers.limits import DEFAULT_LIMITS, ReadLimits
from danvan.labels import Label
from danvan.layout import (
    TABLES,
    TABLES_BY_NAME,
    CellKind,
    LayoutColumn,
    RecordTable,
    split_list,
)
from danvan.model import (
    Activity,
    ActivityType,
    AdminUnit,
    Assignment,
    Catalog,
    Dataset,
    Funding,
    Indicator,
    Member,
    Membership,
    Organization,
    Provenance,
    Quantity,
    Succession,
    Team,
    Topic,
)
from danvan.rules.text import text_findings
from danvan.text import (
    ValueParseError,
    date_from_cell,
    detect_legacy_encoding,
    fix_legacy,
    format_date,
    has_control_characters,
    is_plain_word,
    money_from_cell,
    normalize,
    without_control_characters,
)

_NOT_WORD = re.compile(r"[\W_]+")


@functools.lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """``text`` for matching headers and labels: case, diacritics, spacing and punctuation aside.

    ``"Số tiền (đồng)"`` and ``"so  tien dong"`` fold alike.
    """
    decomposed = unicodedata.normalize("NFD", normalize(text).casefold())
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace("đ", "d")
    return _NOT_WORD.sub(" ", bare).strip()


_CONTINUATION = re.compile(r"\s*\(\d+\)$")


def _table_keys(table: RecordTable) -> set[str]:
    return {fold(table.name), fold(table.title.vi), fold(table.title.en)}


_TABLE_BY_KEY: dict[str, RecordTable] = {}
for _table in TABLES:
    for _key in _table_keys(_table):
        _TABLE_BY_KEY.setdefault(_key, _table)


def table_for_name(name: str | None) -> RecordTable | None:
    """The layout table a sheet, file stem or resource is named after, if any.

    A continuation sheet (``"Hoạt động (2)"``, written past Excel's row limit)
    names the same table.
    """
    if not name:
        return None
    key = fold(name)
    found = _TABLE_BY_KEY.get(key)
    if found is None:
        found = _TABLE_BY_KEY.get(fold(_CONTINUATION.sub("", name)))
    return found


def _header_keys(column: LayoutColumn) -> set[str]:
    return {fold(column.name), fold(column.label.vi), fold(column.label.en)}


_HEADERS: dict[str, dict[str, LayoutColumn]] = {}
for _table in TABLES:
    _index: dict[str, LayoutColumn] = {}
    for _column in _table.columns:
        for _key in _header_keys(_column):
            _index.setdefault(_key, _column)
    _HEADERS[_table.name] = _index


def header_column(table: RecordTable, header: str) -> LayoutColumn | None:
    """The column of ``table`` that ``header`` names (vi or en label, or machine name)."""
    return _HEADERS[table.name].get(fold(header))


def _header_text(cell: Any) -> str:
    if cell is None:
        return ""
    return cell if isinstance(cell, str) else str(cell)


def table_for_headers(headers: Sequence[str]) -> RecordTable | None:
    """The table whose columns the headers name best, with all its required columns present."""
    best: tuple[int, RecordTable] | None = None
    for table in TABLES:
        found = {c.name for h in headers if (c := header_column(table, h)) is not None}
        if len(found) < 2 or any(c.required and c.name not in found for c in table.columns):
            continue
        if best is None or len(found) > best[0]:
            best = (len(found), table)
    return best[1] if best else None


# Cells ------------------------------------------------------------------------------------


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


def _as_text(raw: Any) -> str:
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


_WORDS: dict[str, str] = {}


def _normalize(text: str) -> str:
    """``danvan.text.normalize``, word by word with a cache: names and titles repeat words.

    Normalising works within words (NFC, tone placement) and on the spaces
    between them, so normalising each word of the NFC text gives the same result.
    """
    if text.isascii():
        return " ".join(text.split())
    words = _WORDS
    out = []
    for word in unicodedata.normalize("NFC", text).split():
        normal = words.get(word)
        if normal is None:
            normal = words[word] = normalize(word)
        out.append(normal)
    return " ".join(out)


_PLAIN_WORDS: dict[str, bool] = {}


def _plain(word: str) -> bool:
    """``is_plain_word``, remembered: the same words come back in every row."""
    known = _PLAIN_WORDS.get(word)
    if known is None:
        known = _PLAIN_WORDS[word] = is_plain_word(word)
    return known


def _may_be_legacy(text: str) -> bool:
    """Whether ``text`` has a word that is neither ASCII nor a Vietnamese syllable as it stands.

    Only such words can be TCVN3 or VNI mojibake, so ``detect_legacy_encoding``
    (much slower) is asked only about them.
    """
    return not all(map(_plain, text.split()))


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
    before = raw if raw.__class__ is str else _as_text(raw)
    if escaped and before[:1] == "'":
        before = unescape_formula_csv(before)
    if not before.isprintable() and has_control_characters(before):
        return _without_controls(before, escaped)
    if before.isascii():
        after = " ".join(before.split())
        return after, (() if after == before else _text_problems(before, after))
    after = _normalize(before)
    return after, _text_problems(before, after)


def _without_controls(raw: str, escaped: bool) -> Converted:
    """The text with its control characters removed, and a DV504 warning at its cell."""
    clean = without_control_characters(raw)
    after, problems = _text(clean, escaped=False)

    def removed(location: Location) -> Iterator[Finding]:
        yield make_finding(
            codes.CONTROL_CHARACTER,
            location,
            field=location.column or location.field,
            before=raw,
            after=after,
        )

    return after, (removed, *problems)


def _list(raw: Any, escaped: bool) -> Converted:
    text, problems = _text(raw, escaped)
    return tuple(_normalize(item) for item in split_list(text)), problems


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
    key = fold(raw) if isinstance(raw, str) else None
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
            index.setdefault(fold(str(name)), member)
    allowed = ", ".join(str(m.value) for m in members)

    def read(raw: Any, escaped: bool) -> Converted:
        text = _as_text(raw)
        found = index.get(fold(text))
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


def _is_empty(raw: Any) -> bool:
    """No value: nothing, or only spaces (a lone control character such as ``\\x1f``, which
    Python counts as white space, is a value to report, not a blank)."""
    return raw is None or (
        raw.__class__ is str and not raw.strip() and not has_control_characters(raw)
    )


# Sheets -----------------------------------------------------------------------------------

#: Rows looked at for the header (a title or blank rows may come first).
HEADER_SEARCH_ROWS = 10

_MODELS: dict[str, type[Any]] = {
    "units": AdminUnit,
    "organizations": Organization,
    "members": Member,
    "teams": Team,
    "team_villages": Assignment,
    "memberships": Membership,
    "activities": Activity,
    "activity_quantities": Quantity,
    "activity_funding": Funding,
    "successions": Succession,
    "activity_types": ActivityType,
    "topics": Topic,
    "indicators": Indicator,
}


def _empty_value(table: RecordTable, column: LayoutColumn) -> Any:
    """What an empty cell of ``column`` means: the model's default, ``""`` for text."""
    if column.kind is CellKind.TEXT:
        return ""
    if column.kind is CellKind.LIST:
        return ()
    if column.name == "illustrative":
        return False
    model = _MODELS.get(table.name)
    if model is not None:
        field = attrs.fields_dict(model).get(column.name)
        if field is not None and field.default is not attrs.NOTHING:
            return field.default
    return None


@attrs.frozen
class SheetRows:
    """The rows read from one sheet for one layout table, column by column.

    ``columns`` holds, for each column present, one value per kept row (empty
    cells as the model's default); ``provenance`` the row's origin.
    """

    table: RecordTable
    columns: Mapping[str, Sequence[Any]]
    provenance: list[Provenance]

    def __len__(self) -> int:
        return len(self.provenance)


@attrs.frozen
class _Plan:
    index: int
    column: LayoutColumn
    header: str


def _find_header(
    sheet: RawSheet, rows: Sequence[Sequence[Any]]
) -> tuple[RecordTable, int, list[str]] | None:
    by_name = table_for_name(sheet.hint) or table_for_name(sheet.name)
    looked = 0
    for position, cells in enumerate(rows):
        if all(_is_empty(c) for c in cells):
            continue
        headers = [normalize(_header_text(c)) for c in cells]
        if by_name is not None:
            if any(header_column(by_name, h) is not None for h in headers):
                return by_name, position, headers
        else:
            table = table_for_headers(headers)
            if table is not None:
                return table, position, headers
        looked += 1
        if looked >= HEADER_SEARCH_ROWS:
            break
    return None


def _plans(
    table: RecordTable, headers: list[str], at_header: Location, findings: list[Finding]
) -> list[_Plan] | None:
    plans: list[_Plan] = []
    seen: dict[str, str] = {}
    for index, header in enumerate(headers):
        if not header:
            continue
        column = header_column(table, header)
        if column is None:
            findings.append(
                make_finding(
                    codes.UNKNOWN_COLUMN,
                    attrs.evolve(at_header, column=header),
                    column=header,
                    table=table.name,
                )
            )
        elif column.name in seen:
            findings.append(
                make_finding(
                    codes.DUPLICATE_COLUMN,
                    attrs.evolve(at_header, column=header, field=column.name),
                    column=header,
                    field=seen[column.name],
                )
            )
        else:
            seen[column.name] = header
            plans.append(_Plan(index, column, header))
    missing = [c for c in table.columns if c.required and c.name not in seen]
    for column in missing:
        label = f"{column.label.vi} / {column.label.en}"
        findings.append(
            make_finding(
                codes.MISSING_COLUMN,
                attrs.evolve(at_header, column=label, field=column.name),
                table=table.name,
                column=label,
            )
        )
    return None if missing else plans


_MISSING = "missing"


@attrs.frozen
class _TooLong:
    """A text cell over ``max_text_length``: its length and the limit."""

    length: int
    limit: int


Issue = CellError | tuple[Problem, ...] | str | _TooLong


#: Whitespace other than the plain space (what ``str.split`` splits on).
_OTHER_SPACES = tuple(ch for ch in map(chr, range(0x3001)) if ch.isspace() and ch != " ")
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
    if not unicodedata.is_normalized("NFC", joined):
        return False
    words = _WORDS
    for word in set(joined.replace("\x00", " ").split()):
        normal = words.get(word)
        if normal is None:
            normal = words[word] = normalize(word)
        if normal != word or not _plain(word):
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
        self.empty = _empty_value(table, column)
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
        if isinstance(raw, _Unhashable):
            self.issues[raw] = CellError(
                f"giá trị lạ {raw.value!r}", f"unexpected value {raw.value!r}"
            )
            return self.empty
        if self.max_text is not None and raw.__class__ is str and len(raw) > self.max_text:
            self.issues[raw] = _TooLong(len(raw), self.max_text)
            return self.empty
        if _is_empty(raw):
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


def _convert_column(
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


def _blank_rows(columns: Sequence[Sequence[Any]], probe: int) -> set[int]:
    """Positions of the rows with no value at all, looked at where column ``probe`` is empty."""
    cells = columns[probe]
    if all(cells) or ("" not in cells and None not in cells):
        return set()
    return {
        position
        for position, cell in enumerate(cells)
        if (cell is None or cell == "") and all(_is_empty(c[position]) for c in columns)
    }


def _width(rows: Sequence[Sequence[Any]]) -> int:
    """The number of columns of the widest row (columns kept as columns counted as they are)."""
    if isinstance(rows, ColumnarRows):
        return max(len(rows.columns), max(map(len, rows.head), default=0))
    return max(map(len, rows), default=0)


def _beyond(
    sheet: RawSheet, source: str, rows: int, width: int, cells: int, limits: ReadLimits
) -> Finding | None:
    """The DV624 finding of a sheet past a limit: its width, or the file's rows or cells so far."""
    name = sheet.name or source
    for what, value, limit, setting in (
        ("rows (whole file) / số dòng (cả tệp)", rows, limits.max_rows, "max_rows"),
        ("columns / số cột", width, limits.max_columns, "max_columns"),
        ("cells (whole file) / số ô (cả tệp)", cells, limits.max_cells, "max_cells"),
    ):
        if value > limit:
            return make_finding(
                codes.SHEET_TOO_LARGE,
                Location(source=source, sheet=sheet.name),
                source=source,
                what=f"{name}: {what}",
                value=value,
                limit=limit,
                setting=setting,
            )
    return None


def read_sheet(
    sheet: RawSheet,
    source: str,
    findings: list[Finding],
    limits: ReadLimits = DEFAULT_LIMITS,
) -> SheetRows | None:
    """One raw sheet as the rows of its layout table, findings appended.

    ``None`` when the sheet is empty or matches no table (with a finding), or
    lacks a required column (an error per missing column). A text longer than
    ``limits.max_text_length`` is a DV625 at its cell (``read_sheets`` checks
    the rows, columns and cells).
    """
    where = Location(source=source, sheet=sheet.name)
    rows = sheet.rows
    if not rows:
        findings.append(make_finding(codes.EMPTY_SHEET, where, sheet=sheet.name or source))
        return None
    found = _find_header(sheet, rows)
    if found is None:
        findings.append(make_finding(codes.UNKNOWN_SHEET, where, sheet=sheet.name or source))
        return None
    table, header_at, headers = found
    at_header = attrs.evolve(where, row=sheet.first_row + header_at)
    plans = _plans(table, headers, at_header, findings)
    if plans is None:
        return None
    count = len(rows) - header_at - 1
    transposed = _columns(rows, header_at + 1)
    first_number = sheet.first_row + header_at + 1
    numbers: Sequence[int] = range(first_number, first_number + count)
    if plans and plans[0].index < len(transposed):
        blank = _blank_rows(transposed, plans[0].index)
        if blank:
            keep = [k not in blank for k in range(count)]
            transposed = [list(itertools.compress(cells, keep)) for cells in transposed]
            numbers = list(itertools.compress(numbers, keep))
            count -= len(blank)
    width = len(transposed)
    columns: dict[str, Sequence[Any]] = {}
    dropped: set[int] = set()
    located: list[tuple[int, _Plan, Any, Issue]] = []
    for plan in plans:
        cells: Sequence[Any] = transposed[plan.index] if plan.index < width else [None] * count
        values, issues, cells = _convert_column(
            table, plan.column, cells, sheet.text_cells, limits.max_text_length
        )
        columns[plan.column.name] = values
        if issues:
            for position, raw in enumerate(cells):
                if raw in issues:
                    issue = issues[raw]
                    located.append((position, plan, raw, issue))
                    if plan.column.required and not isinstance(issue, tuple):
                        dropped.add(position)
    if located:
        key_plan = next((p for p in plans if p.column.name == table.key), None)
        for position, plan, raw, issue in located:
            findings.extend(
                _cell_findings(
                    table,
                    sheet,
                    source,
                    numbers[position],
                    plan,
                    raw,
                    issue,
                    _record_id(transposed, key_plan, position),
                )
            )
    illustrative = columns.get("illustrative")
    columns_of_origin: list[Iterable[Any]] = [
        itertools.repeat(source),
        itertools.repeat(sheet.name),
        numbers,
        illustrative if illustrative is not None else itertools.repeat(False),
    ]
    if _plain_slotted(Provenance):
        provenance = _construct(Provenance, len(numbers), columns_of_origin)
    else:
        provenance = list(map(Provenance, *columns_of_origin))
    if dropped:
        keep = [k not in dropped for k in range(len(provenance))]
        columns = {name: list(itertools.compress(v, keep)) for name, v in columns.items()}
        provenance = list(itertools.compress(provenance, keep))
    return SheetRows(table, columns, provenance)


def _columns(rows: Sequence[Sequence[Any]], start: int) -> Sequence[Sequence[Any]]:
    """The cells of ``rows[start:]`` column by column (short rows padded with ``None``)."""
    if isinstance(rows, ColumnarRows):
        return rows.columns_from(start)
    return list(itertools.zip_longest(*rows[start:]))


def _record_id(transposed: Sequence[Sequence[Any]], key: _Plan | None, position: int) -> str | None:
    if key is None or key.index >= len(transposed):
        return None
    raw = transposed[key.index][position]
    return None if _is_empty(raw) else normalize(_as_text(raw))


def _cell_findings(
    table: RecordTable,
    sheet: RawSheet,
    source: str,
    number: int,
    plan: _Plan,
    raw: Any,
    issue: Issue,
    record_id: str | None,
) -> Iterator[Finding]:
    location = Location(
        source=source,
        sheet=sheet.name,
        row=number,
        column=plan.header,
        field=plan.column.name,
        record_kind=table.record_kind,
        record_id=record_id,
    )
    if isinstance(issue, str):
        yield make_finding(codes.MISSING_VALUE, location, column=plan.header)
    elif isinstance(issue, _TooLong):
        yield make_finding(
            codes.TEXT_TOO_LONG,
            location,
            column=plan.header,
            length=issue.length,
            limit=issue.limit,
        )
    elif isinstance(issue, CellError):
        yield make_finding(
            codes.BAD_CELL,
            location,
            column=plan.header,
            detail_vi=issue.vi,
            detail_en=issue.en,
            value=raw,
        )
    else:
        for render in issue:
            yield from render(location)


def read_sheets(
    sheets: Iterable[RawSheet],
    source: str,
    findings: list[Finding],
    limits: ReadLimits = DEFAULT_LIMITS,
) -> dict[str, list[SheetRows]]:
    """Every sheet of one file read, by table name (continuation sheets in order).

    A sheet that would take the file past ``limits.max_rows`` or ``max_cells``
    (counted over all its sheets so far), or is wider than ``max_columns``, is
    left out with a DV624 finding, before any pass over its cells.
    """
    tables: dict[str, list[SheetRows]] = {}
    any_sheet = False
    errors_before = sum(f.severity.rank == 2 for f in findings)
    rows = cells = 0
    for sheet in sheets:
        any_sheet = True
        width = _width(sheet.rows)
        rows += len(sheet.rows)
        cells += len(sheet.rows) * width
        beyond = _beyond(sheet, source, rows, width, cells, limits)
        if beyond is not None:
            findings.append(beyond)
            continue
        result = read_sheet(sheet, source, findings, limits)
        if result is not None:
            tables.setdefault(result.table.name, []).append(result)
    errors = sum(f.severity.rank == 2 for f in findings) - errors_before
    if any_sheet and not tables and not errors:
        findings.append(make_finding(codes.NO_TABLES, Location(source=source), source=source))
    return tables


# Records ----------------------------------------------------------------------------------


@attrs.frozen
class FileContent:
    """What was read from one file: rows by table name, or a whole dataset."""

    source: str
    tables: Mapping[str, list[SheetRows]] = attrs.field(factory=dict)
    dataset: Dataset | None = None

    def parts(self, name: str) -> list[SheetRows]:
        return list(self.tables.get(name, ()))


def _build(model: type[Any], rows: SheetRows, overrides: Mapping[str, Sequence[Any]]) -> list[Any]:
    """Records of ``model`` from columns: one positional argument list per model field."""
    arguments: list[Iterable[Any]] = []
    for field in attrs.fields(model):
        if field.name in overrides:
            arguments.append(overrides[field.name])
        elif field.name == "provenance":
            arguments.append(rows.provenance)
        elif field.name in rows.columns:
            arguments.append(rows.columns[field.name])
        else:
            arguments.append(itertools.repeat(field.default))
    if _plain_slotted(model):
        return _construct(model, len(rows), arguments)
    return list(map(model, *arguments))


_PLAIN_SLOTTED: dict[type[Any], bool] = {}


def _plain_slotted(model: type[Any]) -> bool:
    known = _PLAIN_SLOTTED.get(model)
    if known is None:
        known = _PLAIN_SLOTTED[model] = _check_plain_slotted(model)
    return known


def _check_plain_slotted(model: type[Any]) -> bool:
    """Whether ``model``'s ``__init__`` only stores its arguments in slots.

    True for an attrs class with slots and no validator, converter, non-init
    field or post-init hook: then filling the slots directly builds the same
    records as calling the class, only faster.
    """
    return (
        attrs.has(model)
        and "__slots__" in vars(model)
        and not hasattr(model, "__attrs_post_init__")
        and not hasattr(model, "__attrs_pre_init__")
        and all(
            f.init and f.validator is None and f.converter is None and f.alias == f.name
            for f in attrs.fields(model)
        )
    )


def _construct(model: type[Any], count: int, columns: list[Iterable[Any]]) -> list[Any]:
    """``count`` records of a plain slotted class, filled column by column at C speed.

    Each field is set through the slot's descriptor for a block of records at
    once instead of one ``__init__`` call per record: importing 100,000
    activities spends much of its time making records, and this halves it.
    """
    new: Callable[[type[Any]], Any] = object.__new__
    records = list(map(new, itertools.repeat(model, count)))
    setters = [getattr(model, field.name).__set__ for field in attrs.fields(model)]
    sources = [iter(values) for values in columns]
    if len(setters) != len(sources):
        raise ValueError(f"{model.__name__} needs {len(setters)} columns, not {len(sources)}")
    # A block at a time, so its records stay in the processor's cache for every field.
    for start in range(0, count, _BLOCK):
        block = records[start : start + _BLOCK]
        for setter, values in zip(setters, sources, strict=True):
            collections.deque(map(setter, block, values), maxlen=0)
    return records


_BLOCK = 1024


def _labels(rows: SheetRows) -> dict[str, list[Label]]:
    n = len(rows)
    vi = rows.columns.get("label_vi", [""] * n)
    en = rows.columns.get("label_en", [""] * n)
    return {"label": list(map(Label, vi, en))}


Grouped = dict[tuple[str, str], list[Any]]


def _details(
    contents: Sequence[FileContent],
    parents: str,
    details: str,
    parent_kind: str,
    findings: list[Finding],
) -> Grouped:
    """Detail records grouped by (source, parent id): the same file first, then any file."""
    table = TABLES_BY_NAME[details]
    if not any(content.parts(details) for content in contents):
        return {}
    keys: set[tuple[str, str]] = set()
    first_source: dict[str, str] = {}
    for content in reversed(contents):
        for part in content.parts(parents):
            ids = part.columns["id"]
            keys.update(zip(itertools.repeat(content.source), ids))
            first_source.update(dict.fromkeys(ids, content.source))
    grouped: Grouped = defaultdict(list)
    key = table.key or ""
    model = _MODELS[details]
    for content in contents:
        source = content.source
        for part in content.parts(details):
            records = _build(model, part, {})
            for parent, record, origin in zip(
                part.columns[key], records, part.provenance, strict=True
            ):
                if (source, parent) in keys:
                    grouped[(source, parent)].append(record)
                elif parent in first_source:
                    grouped[(first_source[parent], parent)].append(record)
                else:
                    findings.append(
                        make_finding(
                            codes.ORPHAN_ROW,
                            Location.of(table.record_kind, parent, origin, field=key),
                            target_kind=parent_kind,
                            target=parent,
                        )
                    )
    return grouped


def _take(
    ids: Sequence[str], source: str, grouped: Grouped, used: set[tuple[str, str]]
) -> list[Any]:
    """Each parent's details, given once (to the first parent of a duplicated id)."""
    if not grouped:
        return [()] * len(ids)
    taken: list[Any] = []
    for record_id in ids:
        key = (source, record_id)
        if key in grouped and key not in used:
            used.add(key)
            taken.append(tuple(grouped[key]))
        else:
            taken.append(())
    return taken


def _merge_entries(lists: Iterable[Sequence[Any]]) -> tuple[Any, ...]:
    """Catalogue entries of several files: each file's in order, minus ones an earlier file had."""
    merged: list[Any] = []
    earlier: set[Any] = set()
    for entries in lists:
        merged.extend(e for e in entries if e not in earlier)
        earlier.update(entries)
    return tuple(merged)


_PLAIN = ("units", "organizations", "members", "memberships", "successions")


def build_dataset(
    contents: Sequence[FileContent], findings: list[Finding], catalog: Catalog | None = None
) -> Dataset:
    """One dataset from every file read: records concatenated, details attached, catalogue merged.

    Catalogue tables read from any file make the catalogue; with none, it is
    ``catalog`` (by default the bundled one).
    """
    villages = _details(contents, "teams", "team_villages", "team", findings)
    quantities = _details(contents, "activities", "activity_quantities", "activity", findings)
    funding = _details(contents, "activities", "activity_funding", "activity", findings)
    records: dict[str, list[Any]] = defaultdict(list)
    catalogs: list[Catalog] = []
    titles: list[str] = []
    descriptions: list[str] = []
    used_teams: set[tuple[str, str]] = set()
    used_quantities: set[tuple[str, str]] = set()
    used_funding: set[tuple[str, str]] = set()
    for content in contents:
        if content.dataset is not None:
            ds = content.dataset
            for name in (*_PLAIN, "teams", "activities"):
                records[name].extend(getattr(ds, name))
            catalogs.append(ds.catalog)
            titles.append(ds.title)
            descriptions.append(ds.description)
            continue
        source = content.source
        for part in content.parts("dataset")[:1]:
            if len(part):
                titles.append(part.columns.get("title", [""])[0])
                descriptions.append(part.columns.get("description", [""])[0])
        for name in _PLAIN:
            for part in content.parts(name):
                records[name].extend(_build(_MODELS[name], part, {}))
        for part in content.parts("teams"):
            ids = part.columns["id"]
            assigned = _take(ids, source, villages, used_teams)
            records["teams"].extend(_build(Team, part, {"villages": assigned}))
        for part in content.parts("activities"):
            ids = part.columns["id"]
            counted = _take(ids, source, quantities, used_quantities)
            paid = _take(ids, source, funding, used_funding)
            records["activities"].extend(
                _build(Activity, part, {"quantities": counted, "funding": paid})
            )
        if any(name in content.tables for name in ("activity_types", "topics", "indicators")):
            entries = {
                name: [
                    record
                    for part in content.parts(name)
                    for record in _build(_MODELS[name], part, _labels(part))
                ]
                for name in ("activity_types", "topics", "indicators")
            }
            catalogs.append(
                Catalog(
                    tuple(entries["activity_types"]),
                    tuple(entries["topics"]),
                    tuple(entries["indicators"]),
                )
            )
    if catalogs:
        merged = Catalog(
            activity_types=_merge_entries(c.activity_types for c in catalogs),
            topics=_merge_entries(c.topics for c in catalogs),
            indicators=_merge_entries(c.indicators for c in catalogs),
        )
    elif catalog is not None:
        merged = catalog
    else:
        from danvan.bundled import default_catalog

        merged = default_catalog()
    return Dataset(
        units=tuple(records["units"]),
        organizations=tuple(records["organizations"]),
        members=tuple(records["members"]),
        teams=tuple(records["teams"]),
        memberships=tuple(records["memberships"]),
        activities=tuple(records["activities"]),
        successions=tuple(records["successions"]),
        catalog=merged,
        title=next((t for t in titles if t), ""),
        description=next((d for d in descriptions if d), ""),
    )
