"""JSON and JSON Lines exporters (built-in plugin), written with orjson.

``json`` writes one document: the bundle's metadata and every table with its
columns and rows (rows as arrays in column order, or as objects). ``jsonl``
writes one table, one JSON object per line. Both stream: rows are encoded in
small batches, never the whole table at once.

JSON is not evaluated by spreadsheets, so text is written as it is (no formula
escaping); datetimes keep their offset; dates are ISO 8601. Integers beyond
64 bits, which orjson refuses, are written exactly by the standard library.
"""

from __future__ import annotations

import datetime as dt
import decimal
import enum
import itertools
import json
from collections.abc import Callable, Iterator
from typing import Any

import orjson

from danvan.exporters.base import BinaryStream, Exporter, ExportError, ExportOptions, single_table
from danvan.hooks import hookimpl
from danvan.labels import Label
from danvan.tables import Bundle, Table

BATCH = 1000


def _default(value: Any) -> Any:
    if isinstance(value, decimal.Decimal):
        return float(value) if value != value.to_integral_value() else int(value)
    if isinstance(value, Label):
        return {"vi": value.vi, "en": value.en}
    raise TypeError(f"cannot write {type(value).__name__} as JSON: {value!r}")


def _std_default(value: Any) -> Any:
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    return _default(value)


def _encode_slow(value: Any) -> bytes:
    """Encode what orjson refuses (integers beyond 64 bits) with the standard library."""
    text = json.dumps(value, default=_std_default, ensure_ascii=False, separators=(",", ":"))
    return text.encode("utf-8")


def _safe_encoder(option: int) -> Callable[[Any], bytes]:
    """Encode one value, falling back to the standard library for what orjson refuses."""
    dumps = orjson.dumps

    def encode(value: Any) -> bytes:
        try:
            return dumps(value, default=_default, option=option)
        except orjson.JSONEncodeError:
            return _encode_slow(value)

    return encode


def _batches(table: Table, as_objects: bool) -> Iterator[list[Any]]:
    """The rows in lists of ``BATCH``, checked for width, as dicts if asked."""
    width = len(table.columns)
    names = [c.name for c in table.columns]
    rows = table.iter_rows()
    first_number = 1
    while batch := list(itertools.islice(rows, BATCH)):
        if set(map(len, batch)) != {width}:
            offset, row = next((k, r) for k, r in enumerate(batch) if len(r) != width)
            raise ExportError(
                f"table {table.name!r}, row {first_number + offset}: {len(row)} values, "
                f"expected {width}"
            )
        first_number += len(batch)
        if as_objects:
            yield list(map(dict, map(zip, itertools.repeat(names), batch)))
        else:
            yield batch


def metadata_document(bundle: Bundle, options: ExportOptions) -> dict[str, Any]:
    """The bundle's metadata as JSON-ready data, labels in the chosen language."""
    meta = bundle.metadata
    return {
        "title": options.label(meta.title),
        "period": meta.period_key,
        "period_label": options.label(meta.period_label) if meta.period_label else None,
        "calendar": options.label(meta.calendar) if meta.calendar else None,
        "source": meta.source,
        "generated_at": meta.generated_at.isoformat(),
        "lang": options.lang,
        "extra": dict(meta.extra),
    }


def table_head(table: Table, options: ExportOptions) -> dict[str, Any]:
    """A table's name, title and columns as JSON-ready data (everything but the rows)."""
    return {
        "name": table.name,
        "title": options.label(table.title),
        "columns": [
            {
                "name": c.name,
                "label": options.label(c.label),
                "type": c.type.value,
                "description": options.label(c.description) if c.description else None,
            }
            for c in table.columns
        ],
    }


def _rows_as_objects(options: ExportOptions, default: str) -> bool:
    shape = options.get_str("rows", default)
    if shape not in ("arrays", "objects"):
        raise ExportError(f"option 'rows' must be 'arrays' or 'objects', not {shape!r}")
    return shape == "objects"


def write_json(bundle: Bundle, stream: BinaryStream, options: ExportOptions) -> None:
    """The ``json`` exporter: ``{"metadata": {...}, "tables": [{..., "rows": [...]}]}``."""
    encode = _safe_encoder(0)
    as_objects = _rows_as_objects(options, "arrays")
    write = stream.write
    write(b'{"metadata":')
    write(encode(metadata_document(bundle, options)))
    write(b',"tables":[')
    for index, table in enumerate(bundle.tables):
        if index:
            write(b",")
        write(encode(table_head(table, options))[:-1])
        write(b',"rows":[')
        first = True
        for batch in _batches(table, as_objects):
            if not first:
                write(b",")
            try:
                # One orjson call for the whole batch, without its brackets.
                write(orjson.dumps(batch, default=_default)[1:-1])
            except orjson.JSONEncodeError:
                write(b",".join(map(encode, batch)))
            first = False
        write(b"]}")
    write(b"]}")


def write_jsonl(bundle: Bundle, stream: BinaryStream, options: ExportOptions) -> None:
    """The ``jsonl`` exporter: one table, one JSON value per line (objects by default)."""
    table = single_table(bundle, options, "jsonl")
    option = orjson.OPT_APPEND_NEWLINE
    dumps, encode_error = orjson.dumps, orjson.JSONEncodeError
    write = stream.write
    for batch in _batches(table, _rows_as_objects(options, "objects")):
        # One write per line: holding a batch of orjson's outputs costs more
        # (each is a fresh buffer) than the buffered writes do.
        for item in batch:
            try:
                write(dumps(item, _default, option))
            except encode_error:
                write(_encode_slow(item) + b"\n")


JSON_EXPORTER = Exporter(
    name="json",
    suffixes=(".json",),
    media_type="application/json",
    description=Label(
        "Một tài liệu JSON: thông tin chung và mọi bảng",
        "One JSON document: the metadata and every table",
    ),
    write=write_json,
    settings={
        "rows": Label(
            "Dạng dòng: 'arrays' (mảng, mặc định) hoặc 'objects' (đối tượng)",
            "row shape: 'arrays' (default) or 'objects'",
        )
    },
)

JSONL_EXPORTER = Exporter(
    name="jsonl",
    suffixes=(".jsonl", ".ndjson"),
    media_type="application/jsonl",
    description=Label("Một bảng, mỗi dòng một đối tượng JSON", "One table, one JSON object a line"),
    write=write_jsonl,
    settings={
        "rows": Label(
            "Dạng dòng: 'objects' (mặc định) hoặc 'arrays'",
            "row shape: 'objects' (default) or 'arrays'",
        ),
        "table": Label("Tên bảng cần ghi", "name of the table to write"),
    },
    single_table=True,
)


@hookimpl
def danvan_exporters() -> list[Exporter]:
    """The JSON and JSON Lines exporters."""
    return [JSON_EXPORTER, JSONL_EXPORTER]
