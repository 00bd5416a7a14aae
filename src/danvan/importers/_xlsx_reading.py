"""Reading a workbook for the XLSX importer: the zip checked here, the cells read in a worker.

Imported by dotted path when the first workbook is read (``danvan.importers.xlsx``
names it), so that a command that reads no workbook loads neither this nor the
worker's machinery (multiprocessing, pickle, subprocess). python-calamine only
sees a workbook that passed the zip pre-scan (``danvan.importers.archives``),
and reads it in a worker process with a memory limit and a timeout
(``danvan.importers.isolation``): its abort ends only that file. Error cells,
which python-calamine reads as empty, are read from the sheets' XML
(``danvan.importers.workbook_errors``).
"""

from __future__ import annotations

import functools
import io
from pathlib import Path
from typing import Any

from danvan.exporters.xlsx import SUMMARY
from danvan.findings import Finding, Location, codes, make_finding
from danvan.importers import calamine_worker
from danvan.importers.archives import open_archive, scan_workbook
from danvan.importers.base import (
    BinaryStream,
    ColumnarRows,
    ExcelError,
    ImportOptions,
    RawImport,
    RawSheet,
)
from danvan.importers.isolation import Isolated
from danvan.importers.workbook_errors import FoundError, workbook_errors
from danvan.text import header_key

_SUMMARY_NAMES = frozenset({header_key(SUMMARY.vi), header_key(SUMMARY.en)})
_WORKER = Path(calamine_worker.__file__)


def read_xlsx(stream: BinaryStream, source: str, options: ImportOptions) -> RawImport:
    """Every sheet of the workbook but the summary, rows numbered as Excel shows them.

    python-calamine reads it in a worker process while the zip is checked
    against ``options.limits`` here; a workbook the check refuses is dropped,
    whatever the worker made of it (it cannot harm this process). The worker
    checks the rows and cells its reader allocated before making any cell a
    Python object.
    """
    data = stream.read()
    limits = options.limits
    read = functools.partial(
        calamine_worker.read_workbook, max_rows=limits.max_rows, max_cells=limits.max_cells
    )
    arguments = (str(limits.max_rows), str(limits.max_cells))
    worker = Isolated(read, data, limits, _WORKER, arguments)
    try:
        with open_archive(io.BytesIO(data), source) as archive:
            marked = scan_workbook(archive, source, options.limits)
            errors = workbook_errors(archive, marked, source, options.limits)
        parts = worker.result(source)
    finally:
        worker.stop()
    by_sheet: dict[str | None, list[FoundError]] = {}
    for found in errors:
        by_sheet.setdefault(found.sheet, []).append(found)
    sheets = []
    for name, head, packed_columns, count, first, left in parts:
        columns = [calamine_worker.unpacked(c) for c in packed_columns]
        for found in by_sheet.pop(name, []):
            if not _put_error(found, head, columns, count, first, left):
                by_sheet.setdefault(None, []).append(found)
        if header_key(name) not in _SUMMARY_NAMES:
            rows = ColumnarRows(head, columns, count)
            sheets.append(
                RawSheet(name=name, hint=name, rows=rows, first_row=first, first_column=left + 1)
            )
    unplaced = [found for group in by_sheet.values() for found in group]
    return RawImport(sheets=sheets, findings=[_error_finding(f, source) for f in unplaced])


def _put_error(
    found: FoundError,
    head: list[list[Any]],
    columns: list[list[Any]],
    count: int,
    first: int,
    left: int,
) -> bool:
    """Put the error where the reader left an empty cell; False when it has no such cell."""
    if found.row is None or found.column is None:
        return False
    row, column = found.row + 1 - first, found.column - left
    marker = ExcelError(found.error, found.cell)
    if row < 0 or column < 0:
        return False
    if row < len(head):
        cells = head[row]
        if column >= len(cells):
            cells.extend([None] * (column + 1 - len(cells)))
        cells[column] = marker
        return True
    row -= len(head)
    if row >= count or column >= len(columns):
        return False
    columns[column][row] = marker
    return True


def _error_finding(found: FoundError, source: str) -> Finding:
    """The DV608 finding of an error cell that no sheet read holds (no reference, say)."""
    where = Location(source=source, sheet=found.sheet or found.member)
    return make_finding(codes.EXCEL_ERROR, where, cell=found.cell, column="?", error=found.error)
