"""Recognising tables and headers as people write them (``danvan.text.header_key``)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from danvan.layout import (
    TABLES,
    LayoutColumn,
    RecordTable,
)
from danvan.text import header_key

_CONTINUATION = re.compile(r"\s*\(\d+\)$")


def _table_keys(table: RecordTable) -> set[str]:
    return {header_key(table.name), header_key(table.title.vi), header_key(table.title.en)}


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
    key = header_key(name)
    found = _TABLE_BY_KEY.get(key)
    if found is None:
        found = _TABLE_BY_KEY.get(header_key(_CONTINUATION.sub("", name)))
    return found


def _header_keys(column: LayoutColumn) -> set[str]:
    return {header_key(column.name), header_key(column.label.vi), header_key(column.label.en)}


_HEADERS: dict[str, dict[str, LayoutColumn]] = {}
for _table in TABLES:
    _index: dict[str, LayoutColumn] = {}
    for _column in _table.columns:
        for _key in _header_keys(_column):
            _index.setdefault(_key, _column)
    _HEADERS[_table.name] = _index


def header_column(table: RecordTable, header: str) -> LayoutColumn | None:
    """The column of ``table`` that ``header`` names (vi or en label, or machine name)."""
    return _HEADERS[table.name].get(header_key(header))


def header_text(cell: Any) -> str:
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
