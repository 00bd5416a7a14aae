"""JSON importer (built-in plugin): a danvan dataset document, or a JSON export of its tables.

A dataset document (``"format": "danvan.dataset/1"``) is read losslessly by
``danvan.loading.load_checked``, provenance included. A document written by
the ``json`` exporter from ``danvan.layout.dataset_bundle`` (``{"metadata":
…, "tables": [{"name", "columns", "rows"}]}``) is read table by table like a
workbook: a table's ``name`` is its sheet, rows are numbered from 1.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

from danvan.findings import Location
from danvan.hooks import hookimpl
from danvan.importers.base import BinaryStream, Importer, ImportOptions, RawImport, RawSheet
from danvan.importers.limits import check_json_depth
from danvan.labels import Label
from danvan.loading import Path, format_path, load_checked, locate, parse_document
from danvan.model import Catalog


def _rows(table: Mapping[str, Any]) -> Iterator[Sequence[Any]]:
    columns = table.get("columns")
    names = [
        str(c.get("name")) if isinstance(c, Mapping) else str(c)
        for c in (columns if isinstance(columns, list) else [])
    ]
    yield names
    rows = table.get("rows")
    for row in rows if isinstance(rows, list) else []:
        if isinstance(row, Mapping):
            yield [row.get(n) for n in names]
        elif isinstance(row, list):
            yield row
        else:
            yield [row]


def _bundle_sheets(document: Mapping[str, Any]) -> list[RawSheet]:
    sheets: list[RawSheet] = []
    for index, table in enumerate(document["tables"]):
        if not isinstance(table, Mapping):
            continue
        name = table.get("name")
        name = name if isinstance(name, str) else f"tables[{index}]"
        rows = list(_rows(table))
        sheets.append(RawSheet(name=name, hint=name, rows=rows, first_row=0, first_column=None))
    return sheets


def _where(source: str) -> Callable[[Path, Any], Location]:
    """Where a path of the document is: in a record of a dataset document, or a JSON field."""

    def where(path: Path, document: Any) -> Location:
        if isinstance(document, Mapping) and "format" not in document and "tables" in document:
            return Location(source=source, field=format_path(path))
        return locate(path, document, source)

    return where


def read_json(stream: BinaryStream, source: str, options: ImportOptions) -> RawImport:
    """A dataset document (lossless) or a ``json`` export of the layout's tables.

    A document nested deeper than ``options.limits.max_json_depth`` is refused
    (DV626) before it is parsed.
    """
    data = stream.read()
    check_json_depth(data, source, options.limits)
    # Empty, not JSON or a key written twice: findings, and nothing of the file is taken.
    document, refused = parse_document(data, source, _where(source))
    if refused:
        return RawImport(findings=refused)
    if (
        isinstance(document, Mapping)
        and "format" not in document
        and isinstance(document.get("tables"), list)
    ):
        return RawImport(sheets=_bundle_sheets(document))
    # ``read_dataset`` always gives a catalogue; a caller that gives none gets an empty one.
    catalog = options.catalog if options.catalog is not None else Catalog()
    dataset, report = load_checked(document, catalog=catalog, source=source)
    return RawImport(dataset=dataset, findings=report.findings)


JSON_IMPORTER = Importer(
    name="json",
    suffixes=(".json",),
    description=Label(
        "Tài liệu JSON của danvan (đầy đủ, không mất dữ liệu) hoặc các bảng xuất ra JSON",
        "A danvan dataset document (lossless) or the tables exported as JSON",
    ),
    read=read_json,
)


@hookimpl
def danvan_importers() -> list[Importer]:
    """The JSON importer."""
    return [JSON_IMPORTER]
