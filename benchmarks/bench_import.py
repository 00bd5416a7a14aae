"""Benchmark: importing activity rows from XLSX against the XLSX readers alone.

Writes N synthetic activities (default 100,000; ``synthetic.make_dataset``)
as the activities sheet of a workbook with danvan's XLSX exporter, then times:

- python-calamine reading that sheet: open the workbook and take the sheet's
  rows as Python values (``to_python()``, the call python-calamine's own
  example shows for reading a sheet and the one pandas' calamine engine
  makes). This is the reader's own time to read the sheet, the baseline of
  issue 6's target;
- python-calamine streaming the rows and dropping each at once (``iter_rows()``
  counted): no importer can do that, since it must hold what it read, but it
  is the floor, shown for reference;
- openpyxl in read-only mode reading the same sheet (``values_only=True``),
  the candidate that was not chosen (skipped if openpyxl is not installed);
- ``danvan.read.read_dataset`` on the workbook: calamine plus header
  recognition, every cell read and checked, records built.

The contenders are timed alternately, run after run, so that all see the
same load on a shared machine; each figure is the median of ``--runs`` runs,
and each ratio is the median of the runs' ratios. What a run returns is freed
after its clock stops (a caller keeps the dataset it imported). openpyxl, an
order of magnitude slower, is timed once. Target from issue 6: the full import
takes at most 1.3x calamine's own time to read the sheet.

    python benchmarks/bench_import.py            # 100,000 rows
    python benchmarks/bench_import.py --n 20000  # a quick look
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import python_calamine

sys.path.insert(0, str(Path(__file__).parent))

from synthetic import make_dataset

from danvan import export, read_dataset
from danvan.collector import collector_paused
from danvan.layout import ACTIVITIES, dataset_bundle
from danvan.read import ImportResult
from danvan.tables import Bundle

TARGET = 1.3


def _read_paused(path: Path) -> ImportResult:
    """read_dataset as the danvan command runs it: the collector paused by the caller."""
    with collector_paused():
        return read_dataset(path)


def _timed(job: Callable[[], Any]) -> float:
    """Seconds ``job`` takes; what it returns is freed after the clock stops, and swept."""
    gc.collect()
    start = time.perf_counter()
    kept = job()
    elapsed = time.perf_counter() - start
    del kept
    gc.collect()
    return elapsed


def read_calamine(path: Path, sheet: str) -> list[list[Any]]:
    workbook = python_calamine.CalamineWorkbook.from_path(path)
    return workbook.get_sheet_by_name(sheet).to_python()


def stream_calamine(path: Path, sheet: str) -> int:
    workbook = python_calamine.CalamineWorkbook.from_path(path)
    return sum(1 for _ in workbook.get_sheet_by_name(sheet).iter_rows())


def read_openpyxl(path: Path, sheet: str) -> int:
    import openpyxl

    workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        return sum(1 for _ in workbook[sheet].iter_rows(values_only=True))
    finally:
        workbook.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=100_000, help="number of activity rows")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    dataset = make_dataset(args.n)
    full = dataset_bundle(dataset, include_catalog=False)
    bundle = Bundle([full.table(ACTIVITIES.name)], full.metadata)
    sheet = ACTIVITIES.title.vi
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "activities.xlsx"
        export(bundle, path)
        size = path.stat().st_size / 1e6
        result = read_dataset(path)
        assert len(result.dataset.activities) == args.n, result.report.summary("en")
        del result
        runs = [
            (
                _timed(lambda: read_calamine(path, sheet)),
                _timed(lambda: stream_calamine(path, sheet)),
                _timed(lambda: _read_paused(path)),
            )
            for _ in range(args.runs)
        ]
        calamine = statistics.median(c for c, _, _ in runs)
        streamed = statistics.median(s for _, s, _ in runs)
        danvan = statistics.median(d for _, _, d in runs)
        ratio = statistics.median(d / c for c, _, d in runs)
        ratio_streamed = statistics.median(d / s for _, s, d in runs)
        try:
            openpyxl: float | None = _timed(lambda: read_openpyxl(path, sheet))
        except ImportError:
            openpyxl = None
    print(f"{args.n:,} activity rows, {len(ACTIVITIES.columns)} columns, {size:.1f} MB XLSX")
    print(f"  python-calamine, sheet read (to_python)    : {calamine:6.2f} s")
    print(f"  python-calamine, rows streamed and dropped : {streamed:6.2f} s")
    if openpyxl is not None:
        print(
            f"  openpyxl read-only, sheet read             : {openpyxl:6.2f} s "
            f"({openpyxl / calamine:.1f}x calamine)"
        )
    verdict = "ok" if ratio <= TARGET else "OVER TARGET"
    print(
        f"  danvan read_dataset                        : {danvan:6.2f} s "
        f"({ratio:.2f}x calamine's sheet read, target <= {TARGET}x: {verdict}; "
        f"{ratio_streamed:.2f}x the streamed rows)"
    )


if __name__ == "__main__":
    main()
