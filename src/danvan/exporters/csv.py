"""CSV and Frictionless Data Package exporters (built-in plugin).

``csv`` writes one table as UTF-8 with a byte-order mark by default, so that
Excel shows Vietnamese correctly. ``datapackage`` writes a bundle of several
tables as a Frictionless Data Package: ``datapackage.json`` with a Table Schema
per table plus one CSV per table, into a zip (to a stream or a ``.zip`` path)
or into a folder (any other path).

Formula-like text is escaped with an apostrophe (see ``danvan.excel``).
Dates are written ISO 8601 (``2022-03-15``), datetimes ISO 8601 in the
bundle's zone with the offset, money as whole đồng, percentages as fractions.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import operator
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import IO, Any

import orjson

from danvan.excel import CSV_ESCAPE_TRIGGERS, escape_formula_csv
from danvan.exporters.base import BinaryStream, Exporter, ExportError, ExportOptions, single_table
from danvan.hooks import hookimpl
from danvan.labels import Label
from danvan.tables import Bundle, ColumnType, Row, Table

#: Rows handled together; small enough to keep memory flat.
BATCH = 1000

#: Table Schema type of each column type.
SCHEMA_TYPES: dict[ColumnType, str] = {
    ColumnType.STRING: "string",
    ColumnType.INTEGER: "integer",
    ColumnType.NUMBER: "number",
    ColumnType.MONEY: "integer",
    ColumnType.PERCENT: "number",
    ColumnType.DATE: "date",
    ColumnType.DATETIME: "datetime",
    ColumnType.BOOLEAN: "boolean",
}

CSV_SETTINGS = {
    "bom": Label(
        "Ghi dấu BOM để Excel đọc đúng tiếng Việt (mặc định: có)",
        "write a UTF-8 byte-order mark so Excel reads Vietnamese (default: true)",
    ),
    "delimiter": Label("Ký tự phân cách (mặc định ',')", "field delimiter (default ',')"),
    "header": Label(
        "Dòng tiêu đề: 'label' (nhãn, mặc định) hoặc 'name' (tên cột)",
        "header row: 'label' (default) or 'name' (column names)",
    ),
    "escape_formulas": Label(
        "Thêm dấu ' trước văn bản giống công thức (mặc định: có)",
        "prefix formula-like text with ' (default: true)",
    ),
}


def _delimiter(options: ExportOptions) -> str:
    delimiter = options.get_str("delimiter", ",") or ","
    if len(delimiter) != 1 or delimiter in "\r\n\"'":
        raise ExportError(f"Ký tự phân cách không hợp lệ / invalid delimiter: {delimiter!r}")
    return delimiter


def _wrong_width(table: Table, batch: list[Row], first_number: int) -> ExportError:
    width = len(table.columns)
    offset, row = next((k, r) for k, r in enumerate(batch) if len(r) != width)
    number = first_number + offset
    return ExportError(
        f"Bảng {table.name!r}, dòng {number}: {len(row)} giá trị, cần {width} / "
        f"table {table.name!r}, row {number}: {len(row)} values, expected {width}"
    )


def _fix_row(row: Row, text_at: list[int], times_at: list[int], zone: dt.tzinfo) -> Row:
    changed = list(row)
    for i in text_at:
        value = row[i]
        if value is not None:
            changed[i] = escape_formula_csv(value if isinstance(value, str) else str(value))
    for i in times_at:
        value = row[i]
        if value is not None:
            if value.tzinfo is not None:
                value = value.astimezone(zone)
            changed[i] = value.isoformat()
    return tuple(changed)


def _texts_of(text_at: list[int]) -> Callable[[list[Row]], Iterable[Any]]:
    """A C-level iterator over the values at ``text_at`` in every row of a batch."""
    if not text_at:
        return lambda batch: ()
    if len(text_at) == 1:
        one = operator.itemgetter(text_at[0])
        return lambda batch: map(one, batch)
    several = operator.itemgetter(*text_at)
    return lambda batch: itertools.chain.from_iterable(map(several, batch))


def _has_a_value(row: Row) -> bool:
    return any(value is not None and value != "" for value in row)


def _without_blank_rows(batch: list[Row]) -> list[Row]:
    """``batch`` less its rows with no value at all (checked in C while none is)."""
    if all(map(any, batch)):  # every row has a truthy value: none is blank
        return batch
    return list(filter(_has_a_value, batch))


def csv_batches(
    table: Table, zone: dt.tzinfo, *, escape: bool = True, skip_blank: bool = False
) -> Iterator[list[Row]]:
    """The table's rows as ``csv.writer`` should see them, lazily, in batches.

    Only what needs it is changed: formula-like text in string columns and
    datetimes; other values go through untouched (``csv`` writes ``None`` as
    an empty field and dates as ISO 8601). A batch with nothing to change is
    checked and passed on by C-level calls only, which keeps the exporter
    about as fast as ``csv.writer`` alone. ``skip_blank`` leaves out the rows
    whose every value is empty (see ``write_datapackage_zip``).
    """
    width = len(table.columns)
    text_at = [i for i, c in enumerate(table.columns) if c.type is ColumnType.STRING]
    if not escape:
        text_at = []
    times_at = [i for i, c in enumerate(table.columns) if c.type is ColumnType.DATETIME]
    first_char = operator.itemgetter(0)
    triggers = CSV_ESCAPE_TRIGGERS
    texts = _texts_of(text_at)
    rows = table.iter_rows()
    first_number = 1
    while batch := list(itertools.islice(rows, BATCH)):
        if set(map(len, batch)) != {width}:
            raise _wrong_width(table, batch, first_number)
        first_number += len(batch)
        if skip_blank:
            batch = _without_blank_rows(batch)
        clean = not times_at
        if clean and text_at:
            try:
                # The first characters of the batch's non-empty texts, all in C.
                clean = triggers.isdisjoint(map(first_char, filter(None, texts(batch))))
            except (TypeError, KeyError, IndexError):
                clean = False
        yield batch if clean else [_fix_row(r, text_at, times_at, zone) for r in batch]


def write_table_csv(
    table: Table,
    stream: BinaryStream,
    options: ExportOptions,
    zone: dt.tzinfo,
    *,
    header: str = "label",
    bom: bool = True,
    skip_blank: bool = False,
) -> None:
    """Write one table as CSV to a binary stream, leaving the stream open."""
    text = io.TextIOWrapper(stream, encoding="utf-8-sig" if bom else "utf-8", newline="")
    try:
        writer = csv.writer(text, delimiter=_delimiter(options))
        if header == "name":
            writer.writerow([c.name for c in table.columns])
        elif header == "label":
            writer.writerow([options.label(c.label) for c in table.columns])
        else:
            raise ExportError(f"header must be 'label' or 'name', not {header!r}")
        escape = options.get_bool("escape_formulas", True)
        for batch in csv_batches(table, zone, escape=escape, skip_blank=skip_blank):
            writer.writerows(batch)
        text.flush()
    finally:
        text.detach()


def write_csv(bundle: Bundle, stream: BinaryStream, options: ExportOptions) -> None:
    """The ``csv`` exporter: the bundle's one table (or ``table=``) as CSV."""
    table = single_table(bundle, options, "csv")
    write_table_csv(
        table,
        stream,
        options,
        bundle.metadata.timezone,
        header=options.get_str("header", "label") or "label",
        bom=options.get_bool("bom", True),
    )


_NOT_NAME = re.compile(r"[^a-z0-9._-]+")


def resource_name(name: str, taken: set[str]) -> str:
    """A Data Package resource name (lower-case ``a-z0-9._-``), unique among ``taken``."""
    base = _NOT_NAME.sub("-", name.lower()).strip("-") or "table"
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    taken.add(candidate)
    return candidate


def datapackage_descriptor(bundle: Bundle, options: ExportOptions) -> dict[str, Any]:
    """The ``datapackage.json`` content: one tabular resource with a schema per table."""
    meta = bundle.metadata
    taken: set[str] = set()
    resources = []
    for table in bundle.tables:
        name = resource_name(table.name, taken)
        fields = []
        for column in table.columns:
            field: dict[str, Any] = {
                "name": column.name,
                "title": options.label(column.label),
                "type": SCHEMA_TYPES[column.type],
            }
            if column.description is not None:
                field["description"] = options.label(column.description)
            if column.type is ColumnType.MONEY:
                field["description"] = (field.get("description", "") + " (đồng / VND)").strip()
            fields.append(field)
        resource: dict[str, Any] = {
            "name": name,
            "path": f"{name}.csv",
            "profile": "tabular-data-resource",
            "title": options.label(table.title),
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "dialect": {"delimiter": _delimiter(options), "header": True},
            "schema": {"fields": fields},
        }
        if table.description is not None:
            resource["description"] = options.label(table.description)
        resources.append(resource)
    descriptor: dict[str, Any] = {
        "profile": "tabular-data-package",
        "name": resource_name(meta.period_key or "danvan-report", set()),
        "title": options.label(meta.title),
        "created": meta.generated_at.isoformat(),
        "resources": resources,
    }
    if meta.source:
        descriptor["sources"] = [{"title": meta.source}]
    danvan: dict[str, Any] = {}
    if meta.period_key:
        danvan["period"] = meta.period_key
    if meta.period_label is not None:
        danvan["period_label"] = options.label(meta.period_label)
    if meta.calendar is not None:
        danvan["calendar"] = options.label(meta.calendar)
    if meta.extra:
        danvan["extra"] = dict(meta.extra)
    if danvan:
        descriptor["danvan"] = danvan
    return descriptor


def _descriptor_bytes(bundle: Bundle, options: ExportOptions) -> tuple[dict[str, Any], bytes]:
    descriptor = datapackage_descriptor(bundle, options)
    return descriptor, orjson.dumps(descriptor, option=orjson.OPT_INDENT_2)


def write_datapackage_zip(bundle: Bundle, stream: BinaryStream, options: ExportOptions) -> None:
    """The ``datapackage`` exporter to a stream: a zip with the descriptor and the CSVs.

    Every table of the bundle is a resource, even one with no rows: its CSV is
    the header alone, which the Tabular Data Resource specification allows (it
    asks for ``name``, ``path``, ``schema`` and ``profile``, not for rows:
    https://specs.frictionlessdata.io/tabular-data-resource/) and
    ``frictionless validate`` accepts, so a reader finds the same resources
    whatever the data. A row with no value at all (a dataset with neither title
    nor description) is left out: in CSV it is a blank line, which carries
    nothing and which frictionless refuses (its ``blank-row`` error, "a row
    should contain at least one value").
    """
    descriptor, data = _descriptor_bytes(bundle, options)
    with zipfile.ZipFile(stream, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("datapackage.json", data)
        _write_resources(
            bundle, descriptor, options, lambda path: archive.open(path, "w", force_zip64=True)
        )


def write_datapackage_folder(bundle: Bundle, folder: Path, options: ExportOptions) -> None:
    """The ``datapackage`` exporter to a folder: ``datapackage.json`` beside the CSVs."""
    descriptor, data = _descriptor_bytes(bundle, options)
    (folder / "datapackage.json").write_bytes(data)
    _write_resources(bundle, descriptor, options, lambda path: (folder / path).open("wb"))


def _write_resources(
    bundle: Bundle,
    descriptor: Mapping[str, Any],
    options: ExportOptions,
    open_member: Callable[[str], IO[bytes]],
) -> None:
    """Each table as the CSV its resource names, headed by column names, blank rows left out."""
    bom = options.get_bool("bom", True)
    for table, resource in zip(bundle.tables, descriptor["resources"], strict=True):
        with open_member(resource["path"]) as member:
            write_table_csv(
                table,
                member,
                options,
                bundle.metadata.timezone,
                header="name",
                bom=bom,
                skip_blank=True,
            )


CSV_EXPORTER = Exporter(
    name="csv",
    suffixes=(".csv",),
    media_type="text/csv",
    description=Label("Một bảng dạng CSV (UTF-8, mở được bằng Excel)", "One table as CSV"),
    write=write_csv,
    settings={**CSV_SETTINGS, "table": Label("Tên bảng cần ghi", "name of the table to write")},
    single_table=True,
)

DATAPACKAGE_EXPORTER = Exporter(
    name="datapackage",
    suffixes=(".zip",),
    media_type="application/zip",
    description=Label(
        "Gói dữ liệu Frictionless: datapackage.json và mỗi bảng một CSV (thư mục hoặc .zip)",
        "Frictionless Data Package: datapackage.json plus one CSV per table (folder or .zip)",
    ),
    write=write_datapackage_zip,
    settings={k: v for k, v in CSV_SETTINGS.items() if k != "header"},
    write_folder=write_datapackage_folder,
)


@hookimpl
def danvan_exporters() -> list[Exporter]:
    """The CSV and Data Package exporters."""
    return [CSV_EXPORTER, DATAPACKAGE_EXPORTER]
