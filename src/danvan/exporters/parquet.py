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
import os
from pathlib import Path
from types import ModuleType
from typing import Final

from danvan._arrow import INSTALL_ARROW, require
from danvan.exporters.base import BinaryStream, Exporter, ExportError, ExportOptions
from danvan.hooks import hookimpl
from danvan.labels import Label
from danvan.model import FundingSource, Level
from danvan.periods import Period, parse_period
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


_ADDITIVE_SQL: Final = """\
with recursive
units as (select id, parent, level from read_parquet('{root}/units/*.parquet')),
up(village, unit, unit_level, depth) as (
    select id, id, level, 0 from units
    union all
    select up.village, parent.id, parent.level, up.depth + 1
    from up
    join units as child on child.id = up.unit
    join units as parent on parent.id = child.parent
    where up.depth < 64
),
placed as (select village, min(unit) as unit from up where unit_level = '{level}' group by village),
activities as (
    select id, village, date, type, participants, households
    from read_parquet('{root}/activities/**/*.parquet', hive_partitioning = true)
    where status = 'done' and date between DATE '{start}' and DATE '{end}'
      and (year is null or try_cast(year as bigint) between {first_year} and {last_year})
),
money as (
    select activity, {money_by_source}
    from read_parquet('{root}/activity_funding/**/*.parquet', hive_partitioning = true)
    group by activity
)
select placed.unit as {level}, strftime(activities.date, '%Y-%m') as month, activities.type,
    count(*) as activities,
    coalesce(sum(participants), 0) as participants,
    coalesce(sum(households), 0) as households,
    {money_sums}
from activities
join placed on placed.village = activities.village
left join money on money.activity = activities.id
group by all
order by all
"""


def additive_sql(
    root: str | os.PathLike[str], period: Period | str, *, level: Level = Level.COMMUNE
) -> str:
    """The SQL (DuckDB) that sums a Parquet dataset as ``summarize`` sums its additive measures.

    For a folder the ``parquet`` exporter wrote: one row per unit at ``level`` × calendar
    month × activity type, with the activities done in ``period`` (its calendar days:
    ``ReportingCalendar(1)``), their participants, households and money by source (đồng),
    the same figures as ``summarize(dataset, period, by=level, per=("month", "type"))``
    gives in its rows with activities. A village goes to its ancestor at ``level`` in the
    units as written; a hierarchy that changed within the data (successions,
    re-aggregation onto successors) is ``summarize``'s to handle, not this query's. The
    year partitions outside the period are not read. ``docs/scale.md`` shows it at work::

        import duckdb
        duckdb.sql(additive_sql("national/", "2024")).pl()
    """
    if isinstance(period, str):
        period = parse_period(period)
    days = period.calendar_days()
    sources = [source.value for source in FundingSource]
    return _ADDITIVE_SQL.format(
        root=os.fspath(root).replace("'", "''").rstrip("/"),
        level=level.value,
        start=days.start.isoformat(),
        end=days.end.isoformat(),
        first_year=days.start.year,
        last_year=days.end.year,
        money_by_source=", ".join(
            f"sum(amount) filter (where source = '{s}') as money_{s}" for s in sources
        ),
        money_sums=",\n    ".join(
            f"coalesce(sum(money.money_{s}), 0) as money_{s}" for s in sources
        ),
    )


@hookimpl
def danvan_exporters() -> list[Exporter]:
    """The Parquet exporter."""
    return [PARQUET_EXPORTER]
