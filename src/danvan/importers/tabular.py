"""Raw sheets to records: tables and headers recognised, cells read, every problem located.

Shared by every tabular importer (XLSX, CSV, Data Package, JSON bundles) so
that a header, a date or an amount is read the same way whatever the file.
Pure: no I/O. Parsers never guess; a cell that cannot be read exactly becomes
a DV610 finding at its file, sheet, row and column.
"""

from __future__ import annotations

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
from danvan.findings import Finding, Location, make_finding
from danvan.importers.base import RawSheet
from danvan.layout import (
    BUILDERS,
    TABLES,
    TABLES_BY_NAME,
    CellKind,
    LayoutColumn,
    ParsedRow,
    RecordTable,
    split_list,
)
from danvan.model import (
    Activity,
    ActivityType,
    Assignment,
    Catalog,
    Dataset,
    Funding,
    Indicator,
    Provenance,
    Quantity,
    Team,
    Topic,
)
from danvan.rules import codes
from danvan.rules.text import text_findings
from danvan.text import (
    ValueParseError,
    date_from_cell,
    detect_legacy_encoding,
    fix_legacy,
    format_date,
    money_from_cell,
    normalize,
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


def _text_problems(before: str, after: str) -> tuple[Problem, ...]:
    problems: list[Problem] = []
    if after != before:

        def changed(location: Location) -> Iterator[Finding]:
            return text_findings(before, after, location)

        problems.append(changed)
    if not after.isascii():
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
    before = _as_text(raw)
    if escaped:
        before = unescape_formula_csv(before)
    after = normalize(before)
    return after, _text_problems(before, after)


def _list(raw: Any, escaped: bool) -> Converted:
    text, problems = _text(raw, escaped)
    return tuple(normalize(item) for item in split_list(text)), problems


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
    return raw is None or (raw.__class__ is str and not raw.strip())


# Sheets -----------------------------------------------------------------------------------

#: Rows looked at for the header (a title or blank rows may come first).
HEADER_SEARCH_ROWS = 10


@attrs.frozen
class SheetResult:
    """The rows read from one sheet, for one table of the layout."""

    table: RecordTable
    rows: list[ParsedRow]


@attrs.define
class _Plan:
    index: int
    column: LayoutColumn
    header: str
    read: Callable[[Any, bool], Converted]
    cache: dict[str, Converted | CellError]


def _find_header(
    sheet: RawSheet, rows: Iterator[tuple[int, Sequence[Any]]]
) -> tuple[RecordTable, int, list[str]] | None:
    by_name = table_for_name(sheet.hint) or table_for_name(sheet.name)
    looked = 0
    for number, cells in rows:
        if all(_is_empty(c) for c in cells):
            continue
        headers = [normalize(_header_text(c)) for c in cells]
        if by_name is not None:
            if any(header_column(by_name, h) is not None for h in headers):
                return by_name, number, headers
        else:
            table = table_for_headers(headers)
            if table is not None:
                return table, number, headers
        looked += 1
        if looked >= HEADER_SEARCH_ROWS:
            break
    return None


def read_sheet(sheet: RawSheet, source: str, findings: list[Finding]) -> SheetResult | None:
    """The rows of one raw sheet as parsed rows of its layout table, findings appended.

    ``None`` when the sheet is empty or matches no table (with a finding), or
    lacks a required column (an error per missing column).
    """
    where = Location(source=source, sheet=sheet.name)
    rows = iter(sheet.rows)
    first = next(rows, None)
    if first is None:
        findings.append(make_finding(codes.EMPTY_SHEET, where, sheet=sheet.name or source))
        return None
    found = _find_header(sheet, itertools.chain([first], rows))
    if found is None:
        findings.append(make_finding(codes.UNKNOWN_SHEET, where, sheet=sheet.name or source))
        return None
    table, header_row, headers = found
    at_header = attrs.evolve(where, row=header_row)
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
            plans.append(_Plan(index, column, header, cell_reader(column), {}))
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
    if missing:
        return None
    return SheetResult(table, list(_read_rows(table, plans, rows, sheet, source, findings)))


def _read_rows(
    table: RecordTable,
    plans: list[_Plan],
    rows: Iterator[tuple[int, Sequence[Any]]],
    sheet: RawSheet,
    source: str,
    findings: list[Finding],
) -> Iterator[ParsedRow]:
    escaped = sheet.text_cells
    key_index = next((p.index for p in plans if p.column.name == table.key), None)
    kind = table.record_kind
    sheet_name = sheet.name
    text_kind = CellKind.TEXT
    for number, cells in rows:
        width = len(cells)
        values: dict[str, Any] = {}
        ok = True
        problems: list[tuple[_Plan, Any, tuple[Problem, ...] | CellError | None]] = []
        empty = True
        for plan in plans:
            raw = cells[plan.index] if plan.index < width else None
            if raw is None or raw == "" or (raw.__class__ is str and not raw.strip()):
                if plan.column.required and plan.column.kind is not text_kind:
                    problems.append((plan, raw, None))
                    ok = False
                continue
            empty = False
            # Texts repeat (ids, codes, names) and are cached; other cells are cheap to read.
            cached = plan.cache.get(raw) if raw.__class__ is str else None
            if cached is None:
                try:
                    cached = plan.read(raw, escaped)
                except CellError as error:
                    cached = error
                if raw.__class__ is str:
                    plan.cache[raw] = cached
            if isinstance(cached, CellError):
                problems.append((plan, raw, cached))
                if plan.column.required:
                    ok = False
                continue
            value, found = cached
            if plan.column.kind is CellKind.OPTIONAL_TEXT and value == "":
                value = None
            values[plan.column.name] = value
            if found:
                problems.append((plan, raw, found))
        if empty:
            continue
        if problems:
            record_id = None
            if key_index is not None and key_index < width:
                record_id = _as_text(cells[key_index]) if not _is_empty(cells[key_index]) else None
            for plan, raw, problem in problems:
                location = Location(
                    source=source,
                    sheet=sheet_name,
                    row=number,
                    column=plan.header,
                    field=plan.column.name,
                    record_kind=kind,
                    record_id=record_id,
                )
                if problem is None:
                    findings.append(make_finding(codes.MISSING_VALUE, location, column=plan.header))
                elif isinstance(problem, CellError):
                    findings.append(
                        make_finding(
                            codes.BAD_CELL,
                            location,
                            column=plan.header,
                            detail_vi=problem.vi,
                            detail_en=problem.en,
                            value=raw,
                        )
                    )
                else:
                    for render in problem:
                        findings.extend(render(location))
        if ok:
            yield ParsedRow(values, Provenance(source=source, sheet=sheet_name, row=number))


def read_sheets(
    sheets: Iterable[RawSheet], source: str, findings: list[Finding]
) -> dict[str, list[ParsedRow]]:
    """Every sheet of one file read into rows by table name (continuations appended)."""
    tables: dict[str, list[ParsedRow]] = {}
    any_sheet = False
    for sheet in sheets:
        any_sheet = True
        result = read_sheet(sheet, source, findings)
        if result is not None:
            tables.setdefault(result.table.name, []).extend(result.rows)
    if any_sheet and not tables and not any(f.severity.rank == 2 for f in findings):
        findings.append(make_finding(codes.NO_TABLES, Location(source=source), source=source))
    return tables


# Records ----------------------------------------------------------------------------------


@attrs.frozen
class FileContent:
    """What was read from one file: parsed rows by table name, or a whole dataset."""

    source: str
    tables: Mapping[str, list[ParsedRow]] = attrs.field(factory=dict)
    dataset: Dataset | None = None


def _location(row: ParsedRow, kind: str, record_id: str | None, field: str) -> Location:
    return Location.of(kind, record_id, row.provenance, field=field)


def _attach(
    contents: Sequence[FileContent],
    parents: str,
    details: str,
    parent_kind: str,
    findings: list[Finding],
) -> dict[tuple[str, str], list[ParsedRow]]:
    """Detail rows grouped by (source, parent id): the same file first, then any file."""
    where: dict[str, set[str]] = defaultdict(set)
    first_source: dict[str, str] = {}
    for content in contents:
        for row in content.tables.get(parents, ()):
            record_id = row.values["id"]
            where[record_id].add(content.source)
            first_source.setdefault(record_id, content.source)
    grouped: dict[tuple[str, str], list[ParsedRow]] = defaultdict(list)
    key = TABLES_BY_NAME[details].key or ""
    for content in contents:
        for row in content.tables.get(details, ()):
            parent = row.values[key]
            if content.source in where.get(parent, ()):
                grouped[(content.source, parent)].append(row)
            elif parent in first_source:
                grouped[(first_source[parent], parent)].append(row)
            else:
                findings.append(
                    make_finding(
                        codes.ORPHAN_ROW,
                        _location(row, TABLES_BY_NAME[details].record_kind, parent, key),
                        target_kind=parent_kind,
                        target=parent,
                    )
                )
    return grouped


def _merge_entries(lists: Iterable[Sequence[Any]]) -> tuple[Any, ...]:
    """Catalogue entries of several files: each file's in order, minus ones an earlier file had."""
    merged: list[Any] = []
    earlier: set[Any] = set()
    for entries in lists:
        merged.extend(e for e in entries if e not in earlier)
        earlier.update(entries)
    return tuple(merged)


def build_dataset(
    contents: Sequence[FileContent], findings: list[Finding], catalog: Catalog | None = None
) -> Dataset:
    """One dataset from every file read: records concatenated, details attached, catalogue merged.

    Catalogue tables read from any file make the catalogue; with none, it is
    ``catalog`` (by default the bundled one).
    """
    villages = _attach(contents, "teams", "team_villages", "team", findings)
    quantities = _attach(contents, "activities", "activity_quantities", "activity", findings)
    funding = _attach(contents, "activities", "activity_funding", "activity", findings)
    records: dict[str, list[Any]] = defaultdict(list)
    catalogs: list[Catalog] = []
    titles: list[str] = []
    descriptions: list[str] = []
    used: set[tuple[str, str]] = set()

    def take(groups: dict[tuple[str, str], list[ParsedRow]], key: tuple[str, str]) -> list[Any]:
        if key in used:
            return []
        return groups.get(key, [])

    for content in contents:
        if content.dataset is not None:
            ds = content.dataset
            for name in ("units", "organizations", "members", "teams", "memberships"):
                records[name].extend(getattr(ds, name))
            records["activities"].extend(ds.activities)
            records["successions"].extend(ds.successions)
            catalogs.append(ds.catalog)
            titles.append(ds.title)
            descriptions.append(ds.description)
            continue
        tables = content.tables
        for row in tables.get("dataset", ())[:1]:
            titles.append(row.get("title", ""))
            descriptions.append(row.get("description", ""))
        for name in ("units", "organizations", "members", "memberships", "successions"):
            records[name].extend(BUILDERS[name](row) for row in tables.get(name, ()))
        for row in tables.get("teams", ()):
            team: Team = BUILDERS["teams"](row)
            key = (content.source, team.id)
            assigned = tuple(
                Assignment(r.values["village"], r.get("valid_from"), r.get("valid_until"))
                for r in take(villages, key)
            )
            used.add(key)
            records["teams"].append(attrs.evolve(team, villages=assigned) if assigned else team)
        for row in tables.get("activities", ()):
            activity: Activity = BUILDERS["activities"](row)
            key = (content.source, activity.id)
            counted = tuple(
                Quantity(r.values["indicator"], r.values["value"], r.get("unit"))
                for r in take(quantities, key)
            )
            paid = tuple(
                Funding(r.values["source"], r.values["amount"], r.get("donor"))
                for r in take(funding, key)
            )
            used.add(key)
            if counted or paid:
                activity = attrs.evolve(activity, quantities=counted, funding=paid)
            records["activities"].append(activity)
        if any(t in tables for t in ("activity_types", "topics", "indicators")):
            types: list[ActivityType] = [
                BUILDERS["activity_types"](r) for r in tables.get("activity_types", ())
            ]
            topics: list[Topic] = [BUILDERS["topics"](r) for r in tables.get("topics", ())]
            indicators: list[Indicator] = [
                BUILDERS["indicators"](r) for r in tables.get("indicators", ())
            ]
            catalogs.append(Catalog(tuple(types), tuple(topics), tuple(indicators)))
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
