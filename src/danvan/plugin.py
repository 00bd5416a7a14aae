"""What a plugin author needs, in one place: hooks, the format and rule contracts, findings.

``danvan`` is the face for people who read, check and report data; this is the
face for people who extend danvan with an exporter, an importer, a rule or
catalogue entries, and check an exporter with the conformance kit
(``check_exporter``). Everything here is a contract that stays put; the modules
behind it may move.

>>> from danvan.plugin import Exporter, ExportOptions, Label, hookimpl
>>> def write_counts(bundle, stream, options: ExportOptions) -> None:
...     for table in bundle.tables:
...         rows = sum(1 for _ in table.iter_rows())  # rows are read lazily, once
...         stream.write(f"{table.name}: {rows}\\n".encode())
>>> COUNTS = Exporter(
...     name="counts",
...     suffixes=(".counts",),
...     media_type="text/plain",
...     description=Label("Số dòng của mỗi bảng", "Rows per table"),
...     write=write_counts,
... )
>>> @hookimpl
... def danvan_exporters() -> list[Exporter]:
...     return [COUNTS]
>>> [exporter.name for exporter in danvan_exporters()]
['counts']
"""

from __future__ import annotations

from danvan.exporters.base import Exporter, ExportError, ExportOptions, single_table
from danvan.findings import Finding, FindingCode, Location, Severity, make_finding
from danvan.importers.base import (
    ColumnarRows,
    Importer,
    ImportOptions,
    RawImport,
    RawSheet,
    UnreadableFileError,
)
from danvan.labels import Label
from danvan.plugins.hookspecs import hookimpl
from danvan.rules.base import Rule, ValidationContext, rule
from danvan.tables import Bundle, Column, ColumnType, Table
from danvan.testing import ConformanceError, check_exporter

__all__ = [
    "Bundle",
    "Column",
    "ColumnType",
    "ColumnarRows",
    "ConformanceError",
    "ExportError",
    "ExportOptions",
    "Exporter",
    "Finding",
    "FindingCode",
    "ImportOptions",
    "Importer",
    "Label",
    "Location",
    "RawImport",
    "RawSheet",
    "Rule",
    "Severity",
    "Table",
    "UnreadableFileError",
    "ValidationContext",
    "check_exporter",
    "hookimpl",
    "make_finding",
    "rule",
    "single_table",
]
