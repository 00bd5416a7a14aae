"""Parquet importer (built-in plugin): what the Parquet exporter writes, read back as tables.

A folder written by ``danvan export … --format parquet`` (one folder a table, partitioned
ones hive style, ``activities/province=11/year=2022/part-0.parquet``), the same tree in a
``.parquet.zip``, or one ``.parquet`` file. Each table's files are read in path order and
put back in their table's order by the ``_row`` column when it is there; the partition
columns (province, year) are not the records' and are not read. A text column ``month``
written as a date key beside its label (``Table.to_arrow``) is read as its label. Every
table is handed to the shared sheet reader like a sheet, headed by its column names, so a
date or an id is read as from any other format.

Hostile files: a damaged or foreign Parquet file, a file past ``ReadLimits`` (rows,
cells, bytes) or a link out of the folder is a finding at that file; the other files are
still read. pyarrow is the optional extra ``danvan[arrow]``: the reader,
``danvan.importers._parquet_reading``, is imported when the first Parquet file is read.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from types import ModuleType
from typing import Final

from danvan._arrow import INSTALL_ARROW, require
from danvan.hooks import hookimpl
from danvan.importers.base import (
    BinaryStream,
    Importer,
    ImportOptions,
    RawImport,
    UnreadableFileError,
)
from danvan.labels import Label
from danvan.layout import TABLES_BY_NAME

#: The module that reads Parquet, imported by dotted path when the first file is read.
READER: Final = "danvan.importers._parquet_reading"
#: What the exporter writes beside the tables (engines skip names starting with ``_``).
DESCRIPTOR: Final = "_danvan_parquet.json"
#: Folders below a table's folder that are looked into, at most (two partition levels).
MAX_DEPTH: Final = 3


def _reader() -> ModuleType:
    try:
        require("pyarrow.parquet")
    except ImportError as error:
        raise UnreadableFileError(str(error)) from None
    return importlib.import_module(READER)


def read_parquet(stream: BinaryStream, source: str, options: ImportOptions) -> RawImport:
    """A ``.parquet`` file (one table) or a ``.parquet.zip`` (the exporter's tree, zipped)."""
    result: RawImport = _reader().read_stream(stream, source, options)
    return result


def read_parquet_folder(folder: Path, source: str, options: ImportOptions) -> RawImport:
    """A folder of tables, each a folder of Parquet files (partitioned hive style or not)."""
    result: RawImport = _reader().read_folder(folder, source, options)
    return result


def _holds_parquet(folder: Path, depth: int) -> bool:
    try:
        entries = list(folder.iterdir())
    except OSError:
        return False
    for entry in entries:
        if entry.is_symlink():
            continue
        if entry.is_file() and entry.name.lower().endswith(".parquet"):
            return True
        if depth > 0 and entry.is_dir() and _holds_parquet(entry, depth - 1):
            return True
    return False


def is_parquet_folder(path: Path) -> bool:
    """Whether ``path`` is a folder the exporter wrote, or holds a record table as Parquet."""
    if (path / DESCRIPTOR).is_file():
        return True
    return any(
        (path / name).is_dir()
        and not (path / name).is_symlink()
        and _holds_parquet(path / name, MAX_DEPTH)
        for name in TABLES_BY_NAME
    )


PARQUET_IMPORTER = Importer(
    name="parquet",
    suffixes=(".parquet", ".parquet.zip"),
    description=Label(
        "Thư mục Parquet (như danvan xuất), tệp .parquet.zip hoặc một tệp .parquet "
        f"({INSTALL_ARROW})",
        f"Folder of Parquet files (as danvan exports them), a .parquet.zip or one .parquet file "
        f"({INSTALL_ARROW})",
    ),
    read=read_parquet,
    read_folder=read_parquet_folder,
    accepts_folder=is_parquet_folder,
)


@hookimpl
def danvan_importers() -> list[Importer]:
    """The Parquet importer."""
    return [PARQUET_IMPORTER]
