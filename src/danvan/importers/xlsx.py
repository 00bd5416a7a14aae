"""XLSX importer (built-in plugin), read with python-calamine.

One sheet per table, named as the XLSX exporter names them (the table's title
in Vietnamese or English; ``"Hoạt động (2)"`` continues ``"Hoạt động"``); a
sheet with another name is recognised by its headers. The exporter's summary
sheet is skipped. Dates come as dates, numbers as numbers; text typed where a
number or date belongs is read as people write it (``danvan.text``).

python-calamine (Rust, well kept, wheels for every platform) was chosen over
openpyxl's read-only mode: it reads a 100,000-row sheet about ten times
faster (``benchmarks/bench_import.py``).
"""

from __future__ import annotations

import python_calamine

from danvan.exporters.xlsx import SUMMARY
from danvan.importers.base import (
    BinaryStream,
    ColumnarRows,
    Importer,
    ImportOptions,
    RawImport,
    RawSheet,
    UnreadableFileError,
)
from danvan.importers.tabular import fold
from danvan.labels import Label
from danvan.plugins.hookspecs import hookimpl

_SUMMARY_NAMES = frozenset({fold(SUMMARY.vi), fold(SUMMARY.en)})


def read_xlsx(stream: BinaryStream, source: str, options: ImportOptions) -> RawImport:
    """Every sheet of the workbook but the summary, rows numbered as Excel shows them."""
    try:
        workbook = python_calamine.CalamineWorkbook.from_filelike(stream)
    except Exception as error:
        raise UnreadableFileError(
            f"không mở được sổ tính / not a readable workbook ({type(error).__name__}: {error})"
        ) from None
    sheets: list[RawSheet] = []
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
        sheets.append(RawSheet(name=name, hint=name, rows=rows, first_row=first))
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
