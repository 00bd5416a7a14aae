"""Time ``Table.to_arrow`` against ``pyarrow.Table.from_pylist``, and the national route.

The target (issue 18): ``to_arrow()`` of a 1,000,000-row table within 2x of
``pyarrow.Table.from_pylist`` on the same rows. The rows are the activities record table
of the synthetic province (``synthetic.make_dataset``), 13 columns of text, dates,
counts and flags, as ``danvan export`` writes them; a second table holds a summary's
month label, which Arrow writes as a date key beside the label. Then the national
route on the same data: the Parquet dataset written by the ``parquet`` exporter, summed
by DuckDB with ``additive_sql``, beside ``danvan.summarize`` on the objects in memory.

Run: python benchmarks/bench_arrow.py [--n 1000000] [--repeat 3] [--no-national]
(needs ``pip install -e '.[test]'``: pyarrow and duckdb).
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
from synthetic import make_dataset

import danvan
from danvan.exporters.parquet import additive_sql
from danvan.labels import Label
from danvan.layout import dataset_bundle
from danvan.model import Level
from danvan.periods import Period
from danvan.tables import Column, ColumnType, Table


def best(action: Callable[[], Any], repeat: int) -> float:
    """The shortest of ``repeat`` runs, in seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


def compare(name: str, table: Table, repeat: int) -> None:
    rows = list(table.iter_rows())
    table = Table(table.name, table.title, table.columns, rows)
    names = [c.name for c in table.columns]
    dicts = [dict(zip(names, row, strict=True)) for row in rows]
    ours = best(table.to_arrow, repeat)
    theirs = best(lambda: pa.Table.from_pylist(dicts), repeat)
    with_dicts = best(
        lambda: pa.Table.from_pylist([dict(zip(names, r, strict=True)) for r in rows]), 1
    )
    print(f"{name}: {len(rows):,} rows x {len(names)} columns")
    print(f"  Table.to_arrow()                    {ours:6.2f} s")
    print(f"  pa.Table.from_pylist(dicts)         {theirs:6.2f} s   ratio {ours / theirs:4.2f}")
    ratio = ours / with_dicts
    print(f"  the dicts made, then from_pylist    {with_dicts:6.2f} s   ratio {ratio:4.2f}")


def months_table(n: int) -> Table:
    labels = [Period.of_month(2022, 1 + i % 12).label("vi") for i in range(n)]
    columns = (
        Column("code", Label("Mã")),
        Column("month", Label("Tháng")),
        Column("activities", Label("Số hoạt động"), ColumnType.INTEGER),
        Column("money_total", Label("Tiền"), ColumnType.MONEY),
        Column("coverage", Label("Tỷ lệ"), ColumnType.PERCENT),
    )
    rows = [(f"{i % 9000:05d}", labels[i], i % 50, i * 1000, (i % 100) / 100) for i in range(n)]
    return Table("summary", Label("Tổng hợp"), columns, rows)


def country(folder: Path, provinces: int) -> None:
    """The province's partitions copied under ``provinces`` province codes: a country's year."""
    for table in ("activities", "activity_funding", "activity_quantities"):
        for code in range(12, 11 + provinces):
            shutil.copytree(folder / table / "province=11", folder / table / f"province={code}")
    size = sum(p.stat().st_size for p in folder.rglob("*.parquet"))
    for period in ("2022", "2022", "2022-03"):
        start = time.perf_counter()
        rows = duckdb.sql(additive_sql(folder, period)).fetchall()
        took = time.perf_counter() - start
        print(
            f"  {provinces} provinces ({size / 2**20:.0f} MiB), additive_sql {period:7}   "
            f"{took:6.2f} s   {len(rows):,} rows"
        )


def national(dataset: danvan.Dataset, provinces: int) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "province"
        start = time.perf_counter()
        danvan.export(dataset_bundle(dataset), folder, "parquet")
        written = time.perf_counter() - start
        size = sum(p.stat().st_size for p in folder.rglob("*.parquet"))
        start = time.perf_counter()
        rows = duckdb.sql(additive_sql(folder, "2022")).fetchall()
        queried = time.perf_counter() - start
        if provinces > 1:
            country(folder, provinces)
    start = time.perf_counter()
    summary = danvan.summarize(dataset, "2022", by=Level.COMMUNE, per=("month", "type"))
    summed = time.perf_counter() - start
    print(
        f"national route, {len(dataset.activities):,} activities:\n"
        f"  danvan export --format parquet      {written:6.2f} s   {size / 2**20:.1f} MiB\n"
        f"  DuckDB additive_sql (cold)          {queried:6.2f} s   {len(rows):,} rows\n"
        f"  danvan.summarize (objects in RAM)   {summed:6.2f} s   "
        f"{sum(1 for r in summary.rows if r.activities):,} rows with activities"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=1_000_000, help="rows (activities)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-national", action="store_true", help="only to_arrow")
    parser.add_argument(
        "--provinces", type=int, default=1, help="copy the province's partitions this many times"
    )
    args = parser.parse_args()
    dataset = make_dataset(args.n)
    activities = dataset_bundle(dataset).table("activities")
    compare("activities record table", activities, args.repeat)
    compare("summary with a month label", months_table(args.n), args.repeat)
    if not args.no_national:
        national(dataset, args.provinces)


if __name__ == "__main__":
    main()
