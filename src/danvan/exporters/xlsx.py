"""XLSX exporter (built-in plugin): the format as danvan's plugins see it.

The workbook itself (a summary sheet with a chart, one sheet per table, Excel's
limits kept) is written by ``danvan.exporters._xlsx_workbook`` with XlsxWriter,
imported only when the first workbook is written.
"""

from __future__ import annotations

import importlib
import itertools
from collections.abc import Sequence

from danvan.exporters.base import BinaryStream, Exporter, ExportOptions
from danvan.hooks import hookimpl
from danvan.labels import Label
from danvan.tables import Bundle, Table

SUMMARY = Label("Tổng hợp", "Summary")

#: The module that writes workbooks, imported by dotted path when the first one is written,
#: so that commands which write none (``danvan validate``, ``--version``) never load
#: XlsxWriter.
WRITER = "danvan.exporters._xlsx_workbook"

#: A workbook of at most this many cells (headers included) is assembled in memory.
IN_MEMORY_CELLS = 50_000


def memory_mode(bundle: Bundle, options: ExportOptions) -> dict[str, bool]:
    """XlsxWriter's ``constant_memory`` and ``in_memory`` options for writing ``bundle``.

    A small workbook built in memory needs no temporary files (one per sheet,
    written and removed again) and is written sooner; a big one, or one whose
    rows can be read only once and so not counted, goes row by row so that
    memory stays flat. The ``constant_memory`` setting, when given, decides instead.
    """
    if "constant_memory" in options.settings:
        streamed = options.get_bool("constant_memory", True)
    else:
        streamed = not _fits_in_memory(bundle)
    return {"constant_memory": streamed, "in_memory": not streamed}


def _fits_in_memory(bundle: Bundle) -> bool:
    # Rows given as a function are counted by reading them, no further than the budget.
    budget = IN_MEMORY_CELLS
    for table in bundle.tables:
        if not table.rereadable:
            return False
        width = max(len(table.columns), 1)
        rows = table.rows
        counted = len(rows) if isinstance(rows, Sequence) else _count(table, budget // width)
        budget -= (counted + 1) * width
        if budget < 0:
            return False
    return True


def _count(table: Table, most: int) -> int:
    return sum(1 for _ in itertools.islice(table.iter_rows(), most + 1))


def write_xlsx(bundle: Bundle, stream: BinaryStream, options: ExportOptions) -> None:
    """The ``xlsx`` exporter: a summary sheet, then one sheet (or more) per table."""
    importlib.import_module(WRITER).write_xlsx(bundle, stream, options)


XLSX_EXPORTER = Exporter(
    name="xlsx",
    suffixes=(".xlsx",),
    media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    description=Label(
        "Sổ tính Excel: trang tổng hợp có biểu đồ, mỗi bảng một trang",
        "Excel workbook: a summary sheet with a chart, one sheet per table",
    ),
    write=write_xlsx,
    settings={
        "constant_memory": Label(
            "Ghi từng dòng để tiết kiệm bộ nhớ; không: dựng cả sổ trong bộ nhớ (mặc định: có, "
            "trừ sổ không quá 50.000 ô)",
            "stream rows to keep memory flat; false: build the whole workbook in memory "
            "(default: true, except for a workbook of at most 50,000 cells)",
        ),
        "hide_identifiers": Label(
            "Ẩn các cột mã (mã đơn vị …) mà người đọc bản in không cần (mặc định: có)",
            "hide identifier columns (unit codes …) a reader of the print does not need "
            "(default: true)",
        ),
        "max_rows": Label(
            "Số dòng tối đa mỗi trang, kể cả tiêu đề (mặc định 1.048.576; để thử nghiệm)",
            "rows per sheet including the header (default 1,048,576; for testing)",
        ),
    },
)


@hookimpl
def danvan_exporters() -> list[Exporter]:
    """The XLSX exporter."""
    return [XLSX_EXPORTER]
