"""The national route: a generated dataset written as Parquet, summed by DuckDB with the SQL of
``additive_sql``, gives what ``danvan.summarize`` gives for the additive measures."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import attrs
import duckdb

import danvan
from danvan.exporters.parquet import additive_sql
from danvan.layout import dataset_bundle
from danvan.model import Dataset, FundingSource, Level, Status

ROOT = Path(__file__).resolve().parent.parent


def _synthetic() -> ModuleType:
    """``benchmarks/synthetic.py``, the generator every benchmark uses."""
    spec = importlib.util.spec_from_file_location("synthetic", ROOT / "benchmarks" / "synthetic.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _generated() -> Dataset:
    """A province's year, some activities planned or cancelled (which no sum counts)."""
    dataset: Dataset = _synthetic().make_dataset(4_000, villages=240)
    statuses = (Status.DONE, Status.DONE, Status.PLANNED, Status.DONE, Status.CANCELLED)
    activities = tuple(
        attrs.evolve(a, status=statuses[i % len(statuses)])
        for i, a in enumerate(dataset.activities)
    )
    return attrs.evolve(dataset, activities=activities)


def _summarised(dataset: Dataset, period: str) -> list[tuple[object, ...]]:
    summary = danvan.summarize(dataset, period, by=Level.COMMUNE, per=("month", "type"))
    return sorted(
        (
            row.group,
            *row.keys,
            row.activities,
            row.participants,
            row.households,
            *(row.money.get(source, 0) for source in FundingSource),
        )
        for row in summary.rows
        if row.activities
    )


def test_duckdb_over_the_parquet_dataset_sums_as_summarize_does(tmp_path: Path) -> None:
    dataset = _generated()
    folder = tmp_path / "province"
    danvan.export(dataset_bundle(dataset), folder, "parquet")
    for period in ("2022", "2022-Q2", "2022-07"):
        rows = duckdb.sql(additive_sql(folder, period)).fetchall()
        assert rows == _summarised(dataset, period)
        assert rows  # the period has activities: the comparison compared something


def test_the_sql_reads_only_the_years_of_the_period(tmp_path: Path) -> None:
    sql = additive_sql(tmp_path / "it's here", "2022-Q1")
    assert "between 2022 and 2022" in sql
    assert "it''s here/activities/**/*.parquet" in sql
