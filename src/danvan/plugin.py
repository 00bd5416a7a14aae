"""What a plugin author needs, in one place: hooks, the format and rule contracts, findings.

``danvan`` is the face for people who read, check and report data; this is the
face for people who extend danvan with an exporter, an importer, a rule or
catalogue entries, and check an exporter with the conformance kit
(``check_exporter``). Everything here is a contract that stays put; the modules
behind it may move.

Like ``danvan``, this face is lazy: ``_HOLDERS`` names the module of each
name, imported on first use, so that a plugin importing three names does not
load the conformance kit; type checkers read the imports under
``TYPE_CHECKING``.

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

from typing import TYPE_CHECKING

from danvan._lazy import attach as _attach

if TYPE_CHECKING:  # the same names as _HOLDERS, for type checkers and editors
    from danvan.exporters.base import Exporter, ExportError, ExportOptions, single_table
    from danvan.findings import Finding, FindingCode, Location, Severity, make_finding
    from danvan.hooks import hookimpl
    from danvan.importers.base import (
        ColumnarRows,
        Importer,
        ImportOptions,
        RawImport,
        RawSheet,
        UnreadableFileError,
    )
    from danvan.labels import Label
    from danvan.rules.base import Rule, ValidationContext, rule
    from danvan.tables import Bundle, Column, ColumnType, Table
    from danvan.testing import ConformanceError, check_exporter

# Each name and the module that holds it, one line per name.
_HOLDERS: dict[str, str] = {
    "Bundle": "danvan.tables",
    "Column": "danvan.tables",
    "ColumnType": "danvan.tables",
    "ColumnarRows": "danvan.importers.base",
    "ConformanceError": "danvan.testing",
    "ExportError": "danvan.exporters.base",
    "ExportOptions": "danvan.exporters.base",
    "Exporter": "danvan.exporters.base",
    "Finding": "danvan.findings",
    "FindingCode": "danvan.findings",
    "ImportOptions": "danvan.importers.base",
    "Importer": "danvan.importers.base",
    "Label": "danvan.labels",
    "Location": "danvan.findings",
    "RawImport": "danvan.importers.base",
    "RawSheet": "danvan.importers.base",
    "Rule": "danvan.rules.base",
    "Severity": "danvan.findings",
    "Table": "danvan.tables",
    "UnreadableFileError": "danvan.importers.base",
    "ValidationContext": "danvan.rules.base",
    "check_exporter": "danvan.testing",
    "hookimpl": "danvan.hooks",
    "make_finding": "danvan.findings",
    "rule": "danvan.rules.base",
    "single_table": "danvan.exporters.base",
}

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

if not TYPE_CHECKING:  # hidden from type checkers, so that they flag a misspelt name
    __getattr__, __dir__ = _attach(__name__, _HOLDERS)
