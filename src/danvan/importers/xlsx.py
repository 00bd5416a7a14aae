"""XLSX importer (built-in plugin), read with python-calamine.

One sheet per table, named as the XLSX exporter names them (the table's title
in Vietnamese or English; ``"Hoạt động (2)"`` continues ``"Hoạt động"``); a
sheet with another name is recognised by its headers. The exporter's summary
sheet is skipped. Dates come as dates, numbers as numbers; text typed where a
number or date belongs is read as people write it (``danvan.text``).

python-calamine (Rust, well kept, wheels for every platform) was chosen over
openpyxl's read-only mode: it reads a 100,000-row sheet about ten times
faster (``benchmarks/bench_import.py``). Being native code, it only sees a
workbook that passed the zip pre-scan, in a worker process with a memory limit
and a timeout: ``danvan.importers._xlsx_reading`` does that, imported when the
first workbook is read.
"""

import importlib

from danvan.hooks import hookimpl
from danvan.importers.base import BinaryStream, Importer, ImportOptions, RawImport
from danvan.labels import Label

#: The module that reads workbooks, imported by dotted path when the first one is read,
#: so that commands which read none load neither it nor the worker's machinery.
READER = "danvan.importers._xlsx_reading"


def read_xlsx(stream: BinaryStream, source: str, options: ImportOptions) -> RawImport:
    """Every sheet of the workbook but the summary, rows numbered as Excel shows them."""
    reading = importlib.import_module(READER)
    result: RawImport = reading.read_xlsx(stream, source, options)
    return result


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
