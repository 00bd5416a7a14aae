"""Raw sheets to records: tables and headers recognised, cells read, every problem located.

Shared by every tabular importer (XLSX, CSV, Data Package, JSON bundles) so
that a header, a date or an amount is read the same way whatever the file.
Pure: no I/O. Parsers never guess; a cell that cannot be read exactly becomes
a DV610 finding at its file, sheet, row and column.

The rooms: ``_headers`` (tables and headers recognised), ``_cells`` (one cell read as
its column wants it), ``_columns`` (a column read at once), ``_sheets`` (a sheet's
header found and its columns read), ``_models`` and ``_construct`` (the records'
classes, built fast), ``_records`` (records built from rows, merged with whole datasets through
``danvan.importers.contents``).
"""

from __future__ import annotations

from danvan.importers.tabular._cells import CellError, Converted, Problem, cell_reader
from danvan.importers.tabular._headers import header_column, table_for_headers, table_for_name
from danvan.importers.tabular._records import build_dataset
from danvan.importers.tabular._sheets import HEADER_SEARCH_ROWS, SheetRows, read_sheet, read_sheets

__all__ = [
    "HEADER_SEARCH_ROWS",
    "CellError",
    "Converted",
    "Problem",
    "SheetRows",
    "build_dataset",
    "cell_reader",
    "header_column",
    "read_sheet",
    "read_sheets",
    "table_for_headers",
    "table_for_name",
]
