"""Parquet exporter (built-in plugin): a bundle as a folder of Parquet files, one engine away.

Each table is a folder of Parquet files. The activities of a dataset (``danvan export``'s
record tables) and their quantities and funding are partitioned by province and year,
hive style, ``activities/province=11/year=2022/part-0.parquet``, so that DuckDB, Spark or
pyarrow read the folder as one dataset and skip what a query does not ask for; other
tables are one file each, ``units/part-0.parquet``. A record whose province or year is
not known (a village outside the units, no date) goes to ``__HIVE_DEFAULT_PARTITION__``,
which DuckDB, Spark and pyarrow read as null. A partitioned table has one more column,
``_row``, the record's place in its table, so that a reader restores the order.
``_danvan_parquet.json`` (ignored by engines, as every name starting with ``_`` is)
says which tables there are, their titles and how they are partitioned.

Types follow ``Table.to_arrow`` (``danvan._arrow``): money int64 đồng, dates date32,
each field's metadata holding its bilingual header. To a path ending in
``.parquet.zip`` or a stream, the same tree is written into a zip (stored, Parquet
being compressed already). pyarrow is the optional extra ``danvan[arrow]``: the writer,
``danvan.exporters._parquet_dataset``, is imported when the first dataset is written.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from types import ModuleType
from typing import Final

from danvan._arrow import INSTALL_ARROW, require
from danvan.exporters.base import BinaryStream, Exporter, ExportError, ExportOptions
from danvan.hooks import hookimpl
from danvan.labels import Label
from danvan.tables import Bundle

#: The module that writes Parquet, imported by dotted path when the first dataset is written.
WRITER: Final = "danvan.exporters._parquet_dataset"


def _writer() -> ModuleType:
    try:
        require("pyarrow.parquet")
    except ImportError as error:
        raise ExportError(str(error)) from None
    return importlib.import_module(WRITER)


def write_parquet_zip(bundle: Bundle, stream: BinaryStream, options: ExportOptions) -> None:
    """The ``parquet`` exporter to a stream or a ``.parquet.zip`` path: the tree, zipped."""
    _writer().write_zip(bundle, stream, options)


def write_parquet_folder(bundle: Bundle, folder: Path, options: ExportOptions) -> None:
    """The ``parquet`` exporter to a folder (any path not ending in ``.parquet.zip``)."""
    _writer().write_folder(bundle, folder, options)


PARQUET_EXPORTER = Exporter(
    name="parquet",
    suffixes=(".parquet.zip",),
    media_type="application/vnd.apache.parquet",
    description=Label(
        "Thư mục Parquet chia theo tỉnh và năm, đọc được bằng DuckDB, Spark, polars "
        f"({INSTALL_ARROW})",
        "Folder of Parquet files partitioned by province and year, for DuckDB, Spark, polars "
        f"({INSTALL_ARROW})",
    ),
    write=write_parquet_zip,
    settings={
        "compression": Label(
            "Cách nén: 'zstd' (mặc định), 'snappy', 'gzip' hoặc 'none'",
            "compression: 'zstd' (default), 'snappy', 'gzip' or 'none'",
        ),
        "partition": Label(
            "Chia hoạt động theo tỉnh và năm (mặc định: có)",
            "partition the activities by province and year (default: true)",
        ),
    },
    write_folder=write_parquet_folder,
)


@hookimpl
def danvan_exporters() -> list[Exporter]:
    """The Parquet exporter."""
    return [PARQUET_EXPORTER]
