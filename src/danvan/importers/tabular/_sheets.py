"""Reading a sheet: its header found, its columns planned and read, every problem located."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

import attrs

from danvan.findings import Finding, Location, codes, make_finding
from danvan.importers.base import ColumnarRows, ExcelError, RawSheet
from danvan.importers.limits import DEFAULT_LIMITS, ReadLimits
from danvan.importers.tabular._cells import CellError, as_text, is_empty
from danvan.importers.tabular._codes import restore_unit_codes
from danvan.importers.tabular._columns import (
    Issue,
    TooLong,
    blank_rows,
    convert_column,
    over_limits,
    sheet_width,
)
from danvan.importers.tabular._construct import construct_records, plain_slotted
from danvan.importers.tabular._headers import (
    header_column,
    header_text,
    table_for_headers,
    table_for_name,
)
from danvan.labels import Label
from danvan.layout import (
    LayoutColumn,
    RecordTable,
    column_letter,
    table_name,
)
from danvan.model import (
    Provenance,
    SheetColumns,
)
from danvan.text import (
    normalize,
)

#: Rows looked at for the header (a title or blank rows may come first).
HEADER_SEARCH_ROWS = 10


@attrs.frozen
class SheetRows:
    """The rows read from one sheet for one layout table, column by column.

    ``columns`` holds, for each column present, one value per kept row (empty
    cells as the model's default); ``provenance`` the row's origin, whose
    ``columns`` (one mapping for the whole sheet) say where each field was read.
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
    letter: str | None


def _find_header(
    sheet: RawSheet, rows: Sequence[Sequence[Any]]
) -> tuple[RecordTable, int, list[str]] | None:
    by_name = table_for_name(sheet.hint) or table_for_name(sheet.name)
    looked = 0
    for position, cells in enumerate(rows):
        if all(is_empty(c) for c in cells):
            continue
        headers = [normalize(header_text(c)) for c in cells]
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
    table: RecordTable,
    headers: list[str],
    at_header: Location,
    findings: list[Finding],
    first_column: int | None,
) -> list[_Plan] | None:
    plans: list[_Plan] = []
    seen: dict[str, str] = {}
    for index, header in enumerate(headers):
        if not header:
            continue
        column = header_column(table, header)
        letter = None if first_column is None else column_letter(first_column + index)
        if column is None:
            findings.append(
                make_finding(
                    codes.UNKNOWN_COLUMN,
                    attrs.evolve(at_header, column=header, letter=letter),
                    column=header,
                    table=table_name(table.name),
                )
            )
        elif column.name in seen:
            findings.append(
                make_finding(
                    codes.DUPLICATE_COLUMN,
                    attrs.evolve(at_header, column=header, field=column.name, letter=letter),
                    column=header,
                    field=seen[column.name],
                )
            )
        else:
            seen[column.name] = header
            plans.append(_Plan(index, column, header, letter))
    missing = [c for c in table.columns if c.required and c.name not in seen]
    for column in missing:
        label = f"{column.label.vi} / {column.label.en}"
        findings.append(
            make_finding(
                codes.MISSING_COLUMN,
                attrs.evolve(at_header, column=label, field=column.name),
                table=table_name(table.name),
                column=Label(column.label.vi, label),
            )
        )
    return None if missing else plans


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
    plans = _plans(table, headers, at_header, findings, sheet.first_column)
    if plans is None:
        return None
    count = len(rows) - header_at - 1
    transposed = _columns(rows, header_at + 1)
    first_number = sheet.first_row + header_at + 1
    numbers: Sequence[int] = range(first_number, first_number + count)
    if plans and plans[0].index < len(transposed):
        blank = blank_rows(transposed, plans[0].index)
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
        values, issues, cells = convert_column(
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
    if table.record_kind == "unit":
        findings.extend(_unit_codes(table, sheet, source, numbers, plans, columns, transposed))
    illustrative = columns.get("illustrative")
    typed_in: SheetColumns = {plan.column.name: (plan.letter, plan.header) for plan in plans}
    columns_of_origin: list[Iterable[Any]] = [
        itertools.repeat(source),
        itertools.repeat(sheet.name),
        numbers,
        illustrative if illustrative is not None else itertools.repeat(False),
        itertools.repeat(typed_in),
    ]
    if plain_slotted(Provenance):
        provenance = construct_records(Provenance, len(numbers), columns_of_origin)
    else:
        provenance = list(map(Provenance, *columns_of_origin))
    if dropped:
        keep = [k not in dropped for k in range(len(provenance))]
        columns = {name: list(itertools.compress(v, keep)) for name, v in columns.items()}
        provenance = list(itertools.compress(provenance, keep))
    return SheetRows(table, columns, provenance)


def _unit_codes(
    table: RecordTable,
    sheet: RawSheet,
    source: str,
    numbers: Sequence[int],
    plans: list[_Plan],
    columns: dict[str, Sequence[Any]],
    transposed: Sequence[Sequence[Any]],
) -> Iterator[Finding]:
    """The official codes of a units sheet checked by level, lost zeros restored in ``columns``."""
    plan = next((p for p in plans if p.column.name == "code"), None)
    levels = columns.get("level")
    if plan is None or levels is None or plan.index >= len(transposed):
        return
    key_plan = next((p for p in plans if p.column.name == table.key), None)
    restored = columns["code"] = list(columns["code"])

    def locate(position: int) -> Location:
        return Location(
            source=source,
            sheet=sheet.name,
            row=numbers[position],
            column=plan.header,
            field="code",
            letter=plan.letter,
            record_kind=table.record_kind,
            record_id=_record_id(transposed, key_plan, position),
        )

    raw = transposed[plan.index]
    yield from restore_unit_codes(restored, raw, levels, sheet.text_cells, locate)


def _columns(rows: Sequence[Sequence[Any]], start: int) -> Sequence[Sequence[Any]]:
    """The cells of ``rows[start:]`` column by column (short rows padded with ``None``)."""
    if isinstance(rows, ColumnarRows):
        return rows.columns_from(start)
    return list(itertools.zip_longest(*rows[start:]))


def _record_id(transposed: Sequence[Sequence[Any]], key: _Plan | None, position: int) -> str | None:
    if key is None or key.index >= len(transposed):
        return None
    raw = transposed[key.index][position]
    return None if is_empty(raw) else normalize(as_text(raw))


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
        letter=plan.letter,
    )
    if isinstance(issue, str):
        yield make_finding(codes.MISSING_VALUE, location, column=plan.header)
    elif isinstance(issue, TooLong):
        yield make_finding(
            codes.TEXT_TOO_LONG,
            location,
            column=plan.header,
            length=issue.length,
            limit=issue.limit,
        )
    elif isinstance(issue, ExcelError):
        yield make_finding(
            codes.EXCEL_ERROR, location, cell=issue.cell, column=plan.header, error=issue.error
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
        width = sheet_width(sheet.rows)
        rows += len(sheet.rows)
        cells += len(sheet.rows) * width
        beyond = over_limits(sheet, source, rows, width, cells, limits)
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
