"""XLSX importer (built-in plugin), read with python-calamine.

One sheet per table, named as the XLSX exporter names them (the table's title
in Vietnamese or English; ``"Hoạt động (2)"`` continues ``"Hoạt động"``); a
sheet with another name is recognised by its headers. The exporter's summary
sheet is skipped. Dates come as dates, numbers as numbers; text typed where a
number or date belongs is read as people write it (``danvan.text``).

python-calamine (Rust, well kept, wheels for every platform) was chosen over
openpyxl's read-only mode: it reads a 100,000-row sheet about ten times
faster (``benchmarks/bench_import.py``). Being native code, it only sees a
workbook that passed the zip pre-scan (``danvan.importers.archives``), and
reads it in a worker process with a memory limit and a timeout
(``danvan.importers.isolation``): its abort ends only that file.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from typing import Any

import python_calamine

from danvan.exporters.xlsx import SUMMARY
from danvan.importers.archives import open_archive, scan_workbook
from danvan.importers.base import (
    BinaryStream,
    ColumnarRows,
    Importer,
    ImportOptions,
    RawImport,
    RawSheet,
    UnreadableFileError,
)
from danvan.importers.isolation import Isolated
from danvan.importers.tabular import fold
from danvan.labels import Label
from danvan.plugins.hookspecs import hookimpl

_SUMMARY_NAMES = frozenset({fold(SUMMARY.vi), fold(SUMMARY.en)})
_DATES = frozenset({dt.date, dt.datetime})


#: A sheet as the worker sends it back: name, head rows, columns, row count, first row number.
SheetParts = tuple[str, list[Any], list[list[Any]], int, int]


def _shared(column: Sequence[Any]) -> list[Any]:
    """The column with equal dates made one object: pickled once each, not once per cell."""
    cells = list(column)
    if cells and cells[0].__class__ in _DATES and set(map(type, cells)) <= _DATES:
        distinct = dict(zip(cells, cells, strict=True))
        return list(map(distinct.__getitem__, cells))
    return cells


def read_workbook(data: bytes) -> list[SheetParts]:
    """Every sheet of the workbook in ``data`` but the summary, as plain parts (worker side).

    Columns are plain lists, the cheapest shape to send back from the worker.
    """
    try:
        workbook = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except Exception as error:
        raise UnreadableFileError(
            f"không mở được sổ tính / not a readable workbook ({type(error).__name__}: {error})"
        ) from None
    sheets: list[SheetParts] = []
    for name in workbook.sheet_names:
        if fold(name) in _SUMMARY_NAMES:
            continue
        try:
            sheet = workbook.get_sheet_by_name(name)
            rows = ColumnarRows.from_rows(sheet.iter_rows())
            end = sheet.end
        except Exception as error:
            raise UnreadableFileError(
                f"không đọc được trang tính / sheet {name!r} cannot be read "
                f"({type(error).__name__}: {error})"
            ) from None
        # Number rows as Excel does: the last row yielded is the sheet's last (0-based end).
        first = end[0] + 2 - len(rows) if end is not None and rows else 1
        columns = [_shared(column) for column in rows.columns]
        sheets.append((name, list(rows.head), columns, len(rows) - len(rows.head), first))
    return sheets


def read_xlsx(stream: BinaryStream, source: str, options: ImportOptions) -> RawImport:
    """Every sheet of the workbook but the summary, rows numbered as Excel shows them.

    python-calamine reads it in a worker process while the zip is checked
    against ``options.limits`` here; a workbook the check refuses is dropped,
    whatever the worker made of it (it cannot harm this process).
    """
    data = stream.read()
    worker = Isolated(read_workbook, data, options.limits)
    try:
        with open_archive(io.BytesIO(data), source) as archive:
            scan_workbook(archive, source, options.limits)
        parts = worker.result(source)
    finally:
        worker.stop()
    sheets = [
        RawSheet(name=name, hint=name, rows=ColumnarRows(head, columns, count), first_row=first)
        for name, head, columns, count, first in parts
    ]
    return RawImport(sheets=sheets)


XLSX_IMPORTER = Importer(
    name="xlsx",
    suffixes=(".xlsx", ".xlsm"),
    description=Label(
        "Sổ tính Excel: mỗi bảng một trang (như bản mẫu và tệp xuất XLSX)",
        "Excel workbook: one sheet per table (as the template and the XLSX export)",
    ),
    read=read_xlsx,
)


@hookimpl
def danvan_importers() -> list[Importer]:
    """The XLSX importer."""
    return [XLSX_IMPORTER]
