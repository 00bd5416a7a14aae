"""XLSX exporter (built-in plugin): the format as danvan's plugins see it.

The workbook itself (a summary sheet with a chart, one sheet per table, Excel's
limits kept) is written by ``danvan.exporters._xlsx_workbook`` with XlsxWriter,
imported only when the first workbook is written.
"""

from __future__ import annotations

import importlib

from danvan.exporters.base import BinaryStream, Exporter, ExportOptions
from danvan.hooks import hookimpl
from danvan.labels import Label
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
