"""Benchmark: each built-in exporter against the raw writer it wraps, side by side.

Writes N synthetic activity rows (default 1,000,000) through danvan's CSV,
Data Package, JSON, JSON Lines and XLSX exporters and through the plain
library code that does the same job (csv.writer, zipfile + csv.writer, orjson,
XlsxWriter in constant_memory mode). Each measurement runs in a fresh
subprocess so that peak resident memory growth is its own; the time is the
median of ``--runs`` runs.

    python benchmarks/bench_exporters.py            # 1,000,000 rows
    python benchmarks/bench_exporters.py --small    # 20,000 rows, a quick look

Targets from issue 5: at most 1.15x the raw writer's time, and resident
memory growth under 20 MB for the million rows.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import orjson
import xlsxwriter

from danvan.export import Exporter, available_exporters
from danvan.labels import Label
from danvan.tables import Bundle, BundleMetadata, Column, ColumnType, Table

FORMATS = ("csv", "datapackage", "json", "jsonl", "xlsx")
VILLAGES = [
    "Bản Mốc 4",
    "Bản Nà Sự",
    "Bản Van Hồ",
    "Bản Huổi Hoi",
    "Bản Mạy Hốc",
    "Bản Nậm Tin 1",
    "Bản Phìn Hồ",
]
TOPICS = [
    "Bảo vệ rừng",
    "Phòng, chống ma túy",
    "Tảo hôn, hôn nhân cận huyết thống",
    "Tiêm vắc-xin Covid-19",
    "Căn cước công dân",
    "Nghĩa vụ quân sự",
]
DATES = [dt.date(2022, 1, 1) + dt.timedelta(days=d) for d in range(365)]
COLUMNS = (
    Column("village", Label("Bản", "Village")),
    Column("topic", Label("Nội dung", "Topic")),
    Column("held_on", Label("Ngày", "Date"), ColumnType.DATE),
    Column("sessions", Label("Số buổi", "Sessions"), ColumnType.INTEGER),
    Column("people", Label("Lượt người", "People reached"), ColumnType.INTEGER),
    Column("funds", Label("Kinh phí", "Funds"), ColumnType.MONEY),
    Column("share", Label("Tỷ lệ", "Share"), ColumnType.PERCENT),
    Column("held", Label("Đã họp", "Held"), ColumnType.BOOLEAN),
)
HEADER = [c.label.vi for c in COLUMNS]


def activity_rows(n: int) -> Iterator[tuple[Any, ...]]:
    """N synthetic activity rows, generated lazily."""
    villages, topics, dates = VILLAGES, TOPICS, DATES
    for i in range(n):
        yield (
            villages[i % 7],
            topics[i % 6],
            dates[i % 365],
            1 + i % 5,
            20 + i % 200,
            (i % 50) * 100_000,
            (i % 100) / 100,
            i % 7 != 0,
        )


def bundle_of(n: int) -> Bundle:
    table = Table("activities", Label("Hoạt động", "Activities"), COLUMNS, lambda: activity_rows(n))
    return Bundle([table], BundleMetadata(Label("Benchmark")))


def raw_csv(n: int, stream: io.BufferedWriter) -> None:
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
    writer = csv.writer(text)
    writer.writerow(HEADER)
    writer.writerows(activity_rows(n))
    text.flush()
    text.detach()


def raw_datapackage(n: int, stream: io.BufferedWriter) -> None:
    with zipfile.ZipFile(stream, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("datapackage.json", json.dumps({"resources": []}))
        with archive.open("activities.csv", "w", force_zip64=True) as member:
            raw_csv(n, member)  # type: ignore[arg-type]


def raw_json(n: int, stream: io.BufferedWriter) -> None:
    dumps = orjson.dumps
    stream.write(b'{"rows":[')
    first = True
    for row in activity_rows(n):
        if not first:
            stream.write(b",")
        stream.write(dumps(row))
        first = False
    stream.write(b"]}")


def raw_jsonl(n: int, stream: io.BufferedWriter) -> None:
    dumps, names = orjson.dumps, [c.name for c in COLUMNS]
    option = orjson.OPT_APPEND_NEWLINE
    for row in activity_rows(n):
        stream.write(dumps(dict(zip(names, row, strict=True)), option=option))


def raw_xlsx(n: int, stream: io.BufferedWriter) -> None:
    workbook = xlsxwriter.Workbook(
        stream, {"constant_memory": True, "default_date_format": "dd/mm/yyyy"}
    )
    sheet = workbook.add_worksheet("activities")
    sheet.write_row(0, 0, HEADER)
    for r, row in enumerate(activity_rows(n), start=1):
        sheet.write_row(r, 0, row)
    workbook.close()


RAW: dict[str, Callable[[int, io.BufferedWriter], None]] = {
    "csv": raw_csv,
    "datapackage": raw_datapackage,
    "json": raw_json,
    "jsonl": raw_jsonl,
    "xlsx": raw_xlsx,
}


def _status_mb(field: str) -> float:
    """A memory figure of this process from /proc/self/status (Linux), in MB."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _reset_peak() -> None:
    """Start peak RSS (VmHWM) afresh from the current RSS (Linux 4.0+)."""
    with open("/proc/self/clear_refs", "w") as clear:
        clear.write("5")


def child(fmt: str, variant: str, n: int, folder: str) -> None:
    """Run one measurement and print it as JSON (called in a subprocess)."""
    exporter: Exporter = available_exporters()[fmt]
    bundle = bundle_of(n)
    options = exporter.options("vi")
    path = Path(folder) / f"{fmt}-{variant}{exporter.suffixes[0]}"
    _reset_peak()
    before = _status_mb("VmRSS")
    start = time.perf_counter()
    with open(path, "wb") as stream:
        if variant == "danvan":
            exporter.write(bundle, stream, options)
        else:
            RAW[fmt](n, stream)
    seconds = time.perf_counter() - start
    peak = _status_mb("VmHWM")
    size = path.stat().st_size
    path.unlink()
    print(json.dumps({"seconds": seconds, "rss_growth_mb": peak - before, "bytes": size}))


def measure(fmt: str, variant: str, n: int, folder: str) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, __file__, "--child", fmt, variant, str(n), folder],
        check=True,
        capture_output=True,
        text=True,
    )
    result: dict[str, float] = json.loads(out.stdout)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1_000_000, help="rows (default 1,000,000)")
    parser.add_argument("--small", action="store_true", help="20,000 rows, for a quick look")
    parser.add_argument("--runs", type=int, default=3, help="runs per measurement (median)")
    parser.add_argument("--formats", default=",".join(FORMATS), help="comma-separated formats")
    parser.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        fmt, variant, n, folder = args.child
        child(fmt, variant, int(n), folder)
        return
    n = 20_000 if args.small else args.n
    print(f"{n:,} rows, median of {args.runs} runs, each in its own process\n")
    print(
        f"{'format':<12} {'danvan s':>9} {'raw s':>9} {'ratio':>6} {'danvan MB':>10} {'raw MB':>8}"
    )
    with tempfile.TemporaryDirectory() as folder:
        for fmt in args.formats.split(","):
            runs: dict[str, list[dict[str, float]]] = {"danvan": [], "raw": []}
            for _ in range(args.runs):
                for variant in ("raw", "danvan"):
                    runs[variant].append(measure(fmt, variant, n, folder))
            ours = statistics.median(r["seconds"] for r in runs["danvan"])
            raw = statistics.median(r["seconds"] for r in runs["raw"])
            our_mb = max(r["rss_growth_mb"] for r in runs["danvan"])
            raw_mb = max(r["rss_growth_mb"] for r in runs["raw"])
            ratio = ours / raw
            print(
                f"{fmt:<12} {ours:>9.2f} {raw:>9.2f} {ratio:>6.2f} {our_mb:>10.1f} {raw_mb:>8.1f}",
                flush=True,
            )


if __name__ == "__main__":
    main()
