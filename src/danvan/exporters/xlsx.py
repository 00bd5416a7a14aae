"""XLSX exporter (built-in plugin), written with XlsxWriter in constant-memory mode.

One sheet per table, with bold wrapped headers in the chosen language, a frozen
header row, an autofilter, sensible widths and number formats (đồng with
thousands separators, dd/mm/yyyy dates, percentages); a summary sheet first,
with the bundle's metadata, a list of the tables and a native chart; document
properties. Excel's limits are handled by ``danvan.excel``: text is written as
string cells (never formulas), cells over 32,767 characters are cut with a
marker and a warning, tables over 1,048,576 rows continue on a further sheet,
datetimes are written in the bundle's zone, and integers beyond 15 digits are
written as text to stay exact.
"""

from __future__ import annotations

import importlib

from danvan.exporters.base import BinaryStream, Exporter, ExportOptions
from danvan.labels import Label
from danvan.plugins.hookspecs import hookimpl
from danvan.tables import Bundle

SUMMARY = Label("Tổng hợp", "Summary")

#: The module that writes workbooks, imported by dotted path when the first one is written,
#: so that commands which write none (``danvan validate``, ``--version``) never load
#: XlsxWriter.
WRITER = "danvan.exporters._xlsx_workbook"


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
            "Ghi từng dòng để tiết kiệm bộ nhớ (mặc định: có)",
            "stream rows to keep memory flat (default: true)",
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
