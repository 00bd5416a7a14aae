"""Readers that turn danvan's own output back into rows, for round-trip checks.

They stand in until the importers exist. Each returns, for a path and the
bundle that was written, the rows of every table as typed Python values.
The XLSX reader needs ``python-calamine`` (in the ``test`` extra).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson

from danvan.excel import unescape_formula_csv
from danvan.tables import Bundle, Column, ColumnType, Row, Table

#: ``reader(path, bundle) -> {table name: rows}``
Reader = Callable[[Path, Bundle], dict[str, list[Row]]]


def value_from_text(column: Column, text: str, *, csv_escaped: bool = False) -> Any:
    """A value written as text (CSV, Markdown …) back as the column's type; ``""`` is None.

    ``csv_escaped`` undoes the apostrophe put before formula-like text in CSV.
    """
    if text == "":
        return None
    kind = column.type
    if kind is ColumnType.STRING:
        return unescape_formula_csv(text) if csv_escaped else text
    if kind in (ColumnType.INTEGER, ColumnType.MONEY):
        return int(text)
    if kind in (ColumnType.NUMBER, ColumnType.PERCENT):
        return float(text)
    if kind is ColumnType.DATE:
        return dt.date.fromisoformat(text)
    if kind is ColumnType.DATETIME:
        return dt.datetime.fromisoformat(text)
    return {"True": True, "False": False, "true": True, "false": False}[text]


def _csv_rows(data: bytes, table: Table, delimiter: str = ",") -> list[Row]:
    reader = csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=delimiter)
    next(reader)
    columns = table.columns
    return [
        tuple(value_from_text(c, v, csv_escaped=True) for c, v in zip(columns, r, strict=True))
        for r in reader
    ]


def read_csv(path: Path, bundle: Bundle) -> dict[str, list[Row]]:
    """Read a ``csv`` export (one table) back."""
    table = bundle.tables[0]
    return {table.name: _csv_rows(path.read_bytes(), table)}


def read_datapackage(path: Path, bundle: Bundle) -> dict[str, list[Row]]:
    """Read a ``datapackage`` export (zip or folder) back, table by table in order."""
    if path.is_dir():

        def load(name: str) -> bytes:
            return (path / name).read_bytes()

    else:
        archive = zipfile.ZipFile(path)

        def load(name: str) -> bytes:
            return archive.read(name)

    descriptor = orjson.loads(load("datapackage.json"))
    return {
        table.name: _csv_rows(load(resource["path"]), table)
        for table, resource in zip(bundle.tables, descriptor["resources"], strict=True)
    }


def _from_json(column: Column, value: Any) -> Any:
    if value is None:
        return None
    if column.type is ColumnType.DATE:
        return dt.date.fromisoformat(value)
    if column.type is ColumnType.DATETIME:
        return dt.datetime.fromisoformat(value)
    if column.type in (ColumnType.NUMBER, ColumnType.PERCENT):
        return float(value)
    return value


def read_json(path: Path, bundle: Bundle) -> dict[str, list[Row]]:
    """Read a ``json`` export back."""
    document = orjson.loads(path.read_bytes()) if _fits_orjson(path) else _std_load(path)
    result = {}
    for table, data in zip(bundle.tables, document["tables"], strict=True):
        rows = []
        for row in data["rows"]:
            values = [row[c.name] for c in table.columns] if isinstance(row, dict) else row
            rows.append(tuple(_from_json(c, v) for c, v in zip(table.columns, values, strict=True)))
        result[table.name] = rows
    return result


def read_jsonl(path: Path, bundle: Bundle) -> dict[str, list[Row]]:
    """Read a ``jsonl`` export (one table, objects) back."""
    import json

    table = bundle.tables[0]
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        values = [item[c.name] for c in table.columns] if isinstance(item, dict) else item
        rows.append(tuple(_from_json(c, v) for c, v in zip(table.columns, values, strict=True)))
    return {table.name: rows}


def _fits_orjson(path: Path) -> bool:
    try:
        orjson.loads(path.read_bytes())
    except orjson.JSONDecodeError:
        return False
    return True


def _std_load(path: Path) -> Any:
    import json

    return json.loads(path.read_text(encoding="utf-8"))


def _from_cell(column: Column, value: Any) -> Any:
    if value == "" or value is None:
        return None
    kind = column.type
    if kind is ColumnType.STRING:
        return str(value)
    if kind in (ColumnType.INTEGER, ColumnType.MONEY):
        return int(value)
    if kind in (ColumnType.NUMBER, ColumnType.PERCENT):
        return float(value)
    if kind is ColumnType.DATE:
        return value.date() if isinstance(value, dt.datetime) else value
    if kind is ColumnType.DATETIME:
        # calamine gives a date for a datetime at midnight.
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return dt.datetime.combine(value, dt.time())
        return value
    return bool(value)


def read_xlsx(path: Path, bundle: Bundle) -> dict[str, list[Row]]:
    """Read an ``xlsx`` export back: the sheets after the summary, one per table, in order.

    Wholly empty rows at the end of a sheet leave no trace in it, so the row
    counts listed on the summary sheet say how many rows each table has.
    """
    from python_calamine import CalamineWorkbook

    workbook = CalamineWorkbook.from_path(str(path))
    names = workbook.sheet_names[1:]
    summary = workbook.get_sheet_by_name(workbook.sheet_names[0]).to_python()
    counts = {
        row[0]: int(row[2])
        for row in summary
        if len(row) > 2 and row[0] in names and isinstance(row[2], int | float)
    }
    result = {}
    for table, name in zip(bundle.tables, names, strict=False):
        cells = workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)[1:]
        width = len(table.columns)
        cells += [[]] * (counts.get(name, len(cells)) - len(cells))
        result[table.name] = [
            tuple(
                _from_cell(c, v) for c, v in zip(table.columns, (*row, *[""] * width), strict=False)
            )
            for row in cells
        ]
    return result


READERS: dict[str, Reader] = {
    "csv": read_csv,
    "datapackage": read_datapackage,
    "json": read_json,
    "jsonl": read_jsonl,
    "xlsx": read_xlsx,
}
