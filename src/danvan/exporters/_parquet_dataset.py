"""Writing a bundle as a hive-partitioned folder of Parquet files (pyarrow), or that tree zipped.

The heavy half of ``danvan.exporters.parquet``, imported by dotted path when the first
dataset is written. Which tables are partitioned and how: see that module.
"""

from __future__ import annotations

import io
import re
import urllib.parse
import zipfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, Final

import orjson
import pyarrow.parquet as pq

from danvan.exporters.base import BinaryStream, ExportError, ExportOptions
from danvan.labels import Label
from danvan.layout import ACTIVITIES, ACTIVITY_FUNDING, ACTIVITY_QUANTITIES, UNITS
from danvan.model import Level
from danvan.tables import Bundle, Column, ColumnType, Row, Table

#: The partition of a record whose province or year is not known: null to DuckDB, Spark, pyarrow.
NULL_PARTITION: Final = "__HIVE_DEFAULT_PARTITION__"
#: What a folder holds: its tables, titles and partitions (engines skip names starting with _).
DESCRIPTOR: Final = "_danvan_parquet.json"
#: The column that keeps a partitioned record's place in its table.
ROW: Final = Column("_row", Label("Thứ tự dòng", "Row order"), ColumnType.INTEGER)
PARTITIONS: Final = ("province", "year")
_DETAILS: Final = (ACTIVITY_QUANTITIES.name, ACTIVITY_FUNDING.name)
_COMPRESSIONS: Final = ("zstd", "snappy", "gzip", "none")
_SAFE_NAME: Final = re.compile(r"[^A-Za-z0-9_.-]")
#: Ancestors followed to find a unit's province, at most (a cycle ends the walk earlier).
_MAX_DEPTH: Final = 64

Part = tuple[str, Table]


def _names(table: Table | None) -> list[str]:
    return [c.name for c in table.columns] if table is not None else []


def _by_name(bundle: Bundle) -> dict[str, Table]:
    return {t.name: t for t in bundle.tables}


def is_dataset(bundle: Bundle) -> bool:
    """Whether ``bundle`` holds a dataset's record tables (units and activities as laid out)."""
    tables = _by_name(bundle)
    return _names(tables.get(UNITS.name)) == [c.name for c in UNITS.columns] and _names(
        tables.get(ACTIVITIES.name)
    ) == [c.name for c in ACTIVITIES.columns]


def partition_value(value: object) -> str:
    """A value as a hive partition folder writes it: Hive's %XX escapes, null as its name."""
    if value is None or value == "":
        return NULL_PARTITION
    return urllib.parse.quote(str(value), safe="")


def provinces(units: Table) -> dict[str, str]:
    """Each unit's province as a partition value: the province's official code, else its id."""
    index = {name: i for i, name in enumerate(_names(units))}
    rows = {row[index["id"]]: row for row in units.iter_rows()}
    found: dict[str, str] = {}
    for unit_id in rows:
        current, seen = unit_id, set[str]()
        while current in rows and current not in seen and len(seen) < _MAX_DEPTH:
            seen.add(current)
            row = rows[current]
            if row[index["level"]] == Level.PROVINCE.value:
                found[unit_id] = partition_value(row[index["code"]] or row[index["id"]])
                break
            current = row[index["parent"]]
    return found


def _partitioned(
    table: Table,
    folder: str,
    key: Callable[[Row], tuple[str, str]],
    keys: dict[str, tuple[str, str]] | None,
) -> Iterator[Part]:
    """The rows of ``table`` by partition, each with its place in the table (``_row``)."""
    groups: dict[tuple[str, str], list[Row]] = {}
    for number, row in enumerate(table.iter_rows(), start=1):
        where = key(row)
        groups.setdefault(where, []).append((*row, number))
        if keys is not None:
            keys.setdefault(row[0], where)
    columns = (*table.columns, ROW)
    if not groups:
        yield f"{folder}/part-0.parquet", Table(table.name, table.title, columns, [])
    for (province, year), rows in sorted(groups.items()):
        path = f"{folder}/province={province}/year={year}/part-0.parquet"
        yield path, Table(table.name, table.title, columns, rows, description=table.description)


def _activity_key(
    of_unit: dict[str, str], village: int, day: int
) -> Callable[[Row], tuple[str, str]]:
    """An activity's partition: its village's province and its date's year."""

    def key(row: Row) -> tuple[str, str]:
        year = row[day].year if row[day] is not None else None
        return of_unit.get(row[village], NULL_PARTITION), partition_value(year)

    return key


def _detail_key(of_activity: dict[str, tuple[str, str]]) -> Callable[[Row], tuple[str, str]]:
    """A quantity's or funding line's partition: its activity's."""
    unknown = (NULL_PARTITION, NULL_PARTITION)
    return lambda row: of_activity.get(row[0], unknown)


def _folder_name(name: str, used: set[str]) -> str:
    """A table's folder: its name made safe for a path (and not hidden from engines)."""
    base = _SAFE_NAME.sub("_", name).lstrip("._") or "table"
    folder, number = base, 1
    while folder.lower() in used:
        number += 1
        folder = f"{base}_{number}"
    used.add(folder.lower())
    return folder


def parts(bundle: Bundle, *, partition: bool = True) -> Iterator[Part]:
    """Every file to write: its path in the folder and the table it holds, in order."""
    tables = _by_name(bundle)
    dataset = partition and is_dataset(bundle)
    of_unit = provinces(tables[UNITS.name]) if dataset else {}
    of_activity: dict[str, tuple[str, str]] = {}
    used: set[str] = set()
    for table in bundle.tables:
        folder = _folder_name(table.name, used)
        if dataset and table.name == ACTIVITIES.name:
            key = _activity_key(
                of_unit, _names(table).index("village"), _names(table).index("date")
            )
            yield from _partitioned(table, folder, key, of_activity)
        elif dataset and table.name in _DETAILS and _names(table)[:1] == ["activity"]:
            yield from _partitioned(table, folder, _detail_key(of_activity), None)
        else:
            yield f"{folder}/part-0.parquet", table


def _compression(options: ExportOptions) -> str | None:
    chosen = options.get_str("compression", "zstd")
    if chosen not in _COMPRESSIONS:
        raise ExportError(
            f"Tuỳ chọn / option 'compression' must be one of {', '.join(_COMPRESSIONS)}, "
            f"not {chosen!r}"
        )
    return None if chosen == "none" else chosen


def _parquet(table: Table, bundle: Bundle, compression: str | None) -> bytes:
    arrow = table.to_arrow(timezone=bundle.metadata.timezone)
    buffer = io.BytesIO()
    try:
        pq.write_table(arrow, buffer, compression=compression)
    except ValueError as error:
        raise ExportError(f"table {table.name!r}: {error}") from None
    return buffer.getvalue()


def descriptor(bundle: Bundle, written: Sequence[Part], options: ExportOptions) -> bytes:
    """``_danvan_parquet.json``: the tables, their titles, files and partitions."""
    meta = bundle.metadata
    tables: dict[str, dict[str, Any]] = {}
    for path, table in written:
        entry = tables.setdefault(
            table.name,
            {
                "name": table.name,
                "title": options.label(table.title),
                "folder": path.split("/", 1)[0],
                "partitioned_by": [],
                "row_order": None,
                "files": [],
            },
        )
        entry["files"].append(path)
        if "/province=" in path:
            entry["partitioned_by"] = list(PARTITIONS)
        if ROW in table.columns:
            entry["row_order"] = ROW.name
    document = {
        "format": "danvan-parquet",
        "version": 1,
        "title": options.label(meta.title),
        "period": meta.period_key,
        "source": meta.source,
        "generated_at": meta.generated_at.isoformat(),
        "lang": options.lang,
        "null_partition": NULL_PARTITION,
        "tables": list(tables.values()),
    }
    return orjson.dumps(document, option=orjson.OPT_INDENT_2)


def _write(bundle: Bundle, options: ExportOptions, put: Callable[[str, bytes], None]) -> None:
    compression = _compression(options)
    written: list[Part] = []
    for path, table in parts(bundle, partition=options.get_bool("partition", True)):
        put(path, _parquet(table, bundle, compression))
        written.append((path, table))
    put(DESCRIPTOR, descriptor(bundle, written, options))


def write_folder(bundle: Bundle, folder: Path, options: ExportOptions) -> None:
    """The tree into ``folder`` (a staging folder that ``danvan.exporting`` moves into place)."""

    def put(path: str, data: bytes) -> None:
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)

    _write(bundle, options, put)


def write_zip(bundle: Bundle, stream: BinaryStream, options: ExportOptions) -> None:
    """The tree into a zip on ``stream`` (stored: Parquet is compressed already)."""
    with zipfile.ZipFile(stream, "w", compression=zipfile.ZIP_STORED) as archive:
        _write(bundle, options, archive.writestr)
