"""The Parquet formats: a dataset as a folder partitioned by province and year, which DuckDB
reads as one dataset and danvan reads back into an equal dataset; damaged files are findings."""

from __future__ import annotations

import io
import random
import sys
import zipfile
from functools import cache
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import danvan
from danvan.bundled import sample
from danvan.exporters.base import ExportError
from danvan.importers.limits import ReadLimits
from danvan.layout import dataset_bundle
from danvan.plugins import available_exporters, available_importers
from danvan.read import DatasetReadError
from danvan.tables import Bundle, Table
from danvan.testing import check_exporter
from danvan.testing.fuzz import check_contract, mutate, small_dataset
from tests.test_read import FOLDER_SETTINGS, tabular_datasets, without_origin


def _fresh(tmp_path: Path, name: str) -> Path:
    return tmp_path / f"{len(list(tmp_path.iterdir()))}-{name}"


def read_zipped_tree(path: Path, bundle: Bundle) -> dict[str, list[tuple[object, ...]]]:
    """A reader of the conformance kit: each table folder's files, in the order of ``_row``."""
    parts: dict[str, list[pa.Table]] = {}
    with zipfile.ZipFile(path) as archive:
        for name in sorted(archive.namelist()):
            if name.endswith(".parquet"):
                table = pq.read_table(io.BytesIO(archive.read(name)))
                parts.setdefault(name.split("/")[0], []).append(table)
    tables = {}
    for name, pieces in parts.items():
        rows = pa.concat_tables(pieces).to_pylist()
        if rows and "_row" in rows[0]:
            rows = sorted(rows, key=lambda r: r.pop("_row"))
        tables[name] = [tuple(r.values()) for r in rows]
    return tables


def test_the_parquet_exporter_conforms(tmp_path: Path) -> None:
    checked = check_exporter(available_exporters()["parquet"], tmp_path, read_zipped_tree)
    assert "several_tables" in checked


def test_activities_are_partitioned_by_province_and_year(tmp_path: Path) -> None:
    folder = tmp_path / "nam-po"
    danvan.export(dataset_bundle(sample()), folder, "parquet")
    activities = sorted(
        p.relative_to(folder).as_posix() for p in (folder / "activities").rglob("*.parquet")
    )
    assert activities == [
        "activities/province=11/year=2021/part-0.parquet",
        "activities/province=11/year=2022/part-0.parquet",
    ]
    assert (folder / "units" / "part-0.parquet").is_file()
    assert (folder / "_danvan_parquet.json").is_file()


def test_duckdb_reads_the_folder_as_one_dataset(tmp_path: Path) -> None:
    folder = tmp_path / "nam-po"
    danvan.export(dataset_bundle(sample()), folder, "parquet")
    query = (
        f"select province, year, count(*) from read_parquet('{folder}/activities/**/*.parquet', "
        "hive_partitioning = true) group by all order by all"
    )
    assert duckdb.sql(query).fetchall() == [(11, 2021, 5), (11, 2022, 91)]
    funds = f"select sum(amount) from read_parquet('{folder}/activity_funding/**/*.parquet')"
    assert duckdb.sql(funds).fetchall() == [(sum(a.money for a in sample().activities),)]


def test_records_without_province_or_year_go_to_the_null_partition(tmp_path: Path) -> None:
    dataset = sample()
    stray = dataset.activities[0].__class__(
        id="lac",
        team="to-moc4",
        village="ban-khong-ro",
        date=dataset.activities[0].date,
        type="meeting",
    )
    moved = danvan.Dataset(**{**_fields(dataset), "activities": (*dataset.activities, stray)})
    folder = tmp_path / "out"
    danvan.export(dataset_bundle(moved), folder, "parquet")
    null = folder / "activities" / "province=__HIVE_DEFAULT_PARTITION__" / "year=2021"
    assert (null / "part-0.parquet").is_file()
    query = (
        f"select id from read_parquet('{folder}/activities/**/*.parquet') where province is null"
    )
    assert duckdb.sql(query).fetchall() == [("lac",)]


def _fields(dataset: danvan.Dataset) -> dict[str, object]:
    names = ("units", "organizations", "members", "teams", "memberships", "activities")
    more = ("successions", "figures", "targets", "submissions", "catalog", "title", "description")
    return {n: getattr(dataset, n) for n in (*names, *more)}


@FOLDER_SETTINGS
@given(dataset=tabular_datasets)
def test_a_dataset_round_trips_through_a_parquet_folder_and_zip(
    tmp_path: Path, dataset: danvan.Dataset
) -> None:
    for name in ("ds", "ds.parquet.zip"):
        target = _fresh(tmp_path, name)
        danvan.export(dataset_bundle(dataset), target, "parquet")
        result = danvan.read_dataset(target)
        assert without_origin(result.dataset) == dataset
        assert not result.report.errors


def test_the_importer_is_registered_and_reads_one_parquet_file(tmp_path: Path) -> None:
    assert available_importers()["parquet"].matches("a.parquet.zip") == ".parquet.zip"
    folder = tmp_path / "out"
    danvan.export(dataset_bundle(sample()), folder, "parquet")
    one = tmp_path / "units.parquet"
    one.write_bytes((folder / "units" / "part-0.parquet").read_bytes())
    result = danvan.read_dataset(one)
    assert [u.id for u in result.dataset.units] == [u.id for u in sample().units]


def test_a_damaged_parquet_file_is_a_finding_not_a_traceback(tmp_path: Path) -> None:
    folder = tmp_path / "out"
    danvan.export(dataset_bundle(sample()), folder, "parquet")
    damaged = folder / "teams" / "part-0.parquet"
    damaged.write_bytes(damaged.read_bytes()[:200])
    (folder / "members" / "part-0.parquet").write_bytes(b"PAR1 not really PAR1")
    result = danvan.read_dataset(folder)
    unreadable = [f for f in result.report.findings if f.code == "DV601"]
    assert sorted(f.location.sheet for f in unreadable) == [
        "members/part-0.parquet",
        "teams/part-0.parquet",
    ]
    assert len(result.dataset.units) == len(sample().units)  # the other tables are read


def test_a_foreign_file_named_parquet_is_a_finding(tmp_path: Path) -> None:
    path = tmp_path / "units.parquet"
    path.write_bytes(b"id,name\n1,x\n")
    result = danvan.read_dataset(path)
    assert [f.code for f in result.report.findings] == ["DV601"]


def test_a_table_past_the_row_limit_is_refused_with_a_finding(tmp_path: Path) -> None:
    folder = tmp_path / "out"
    danvan.export(dataset_bundle(sample()), folder, "parquet")
    result = danvan.read_dataset(folder, limits=ReadLimits(max_rows=50))
    assert "DV624" in {f.code for f in result.report.findings}


def test_a_link_out_of_the_folder_is_not_followed(tmp_path: Path) -> None:
    folder = tmp_path / "out"
    danvan.export(dataset_bundle(sample()), folder, "parquet")
    outside = tmp_path / "secret.parquet"
    pq.write_table(pa.table({"id": ["x"]}), outside)
    (folder / "units" / "more.parquet").symlink_to(outside)
    result = danvan.read_dataset(folder)
    assert len(result.dataset.units) == len(sample().units)


def test_an_existing_folder_not_written_by_danvan_is_not_replaced(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "notes.txt").write_text("của tôi / mine", encoding="utf-8")
    with pytest.raises(ExportError):
        danvan.export(dataset_bundle(sample()), folder, "parquet")
    assert [p.name for p in folder.iterdir()] == ["notes.txt"]
    danvan.export(dataset_bundle(sample()), folder, "parquet", overwrite=True)
    assert (folder / "notes.txt").read_text(encoding="utf-8") == "của tôi / mine"
    assert (folder / "activities").is_dir()


def test_an_unknown_compression_is_an_export_error(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="compression"):
        danvan.export(
            dataset_bundle(sample()), tmp_path / "x", "parquet", options={"compression": "lzma"}
        )
    assert list(tmp_path.iterdir()) == []


def test_a_table_of_a_report_is_written_whole_with_its_month_key(tmp_path: Path) -> None:
    summary = danvan.summarize(sample(), "2022", per=("month",)).to_table()
    target = tmp_path / "report"
    danvan.export(Bundle([summary], dataset_bundle(sample()).metadata), target, "parquet")
    months = pq.read_table(target / "summary" / "part-0.parquet").column("month").to_pylist()
    assert months[0].day == 1
    assert isinstance(summary, Table)


# Hostile inputs: the fuzz kit's mutations on a real Parquet export. -----------------------


@cache
def _seed() -> bytes:
    stream = io.BytesIO()
    danvan.export(dataset_bundle(small_dataset()), stream, "parquet")
    return stream.getvalue()


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rng=st.randoms(use_true_random=False), whole=st.booleans())
def test_a_mutated_parquet_export_is_read_or_refused_with_findings(
    rng: random.Random, whole: bool, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Zip members dropped, doubled, renamed or their bytes changed; or one file's bytes."""
    folder = tmp_path_factory.mktemp("fuzz")
    if whole:
        path = folder / "input.parquet.zip"
        path.write_bytes(mutate(_seed(), "datapackage-zip", rng))
    else:
        with zipfile.ZipFile(io.BytesIO(_seed())) as archive:
            one = archive.read("activities/province=11/year=2022/part-0.parquet")
        path = folder / "activities.parquet"
        path.write_bytes(mutate(one, "datapackage-zip", rng))
    check_contract(path, empty_is_a_finding=True)


def test_without_pyarrow_the_formats_say_which_extra_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "out"
    danvan.export(dataset_bundle(sample()), folder, "parquet")
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    with pytest.raises(ExportError, match=r"pip install 'danvan\[arrow\]'"):
        danvan.export(dataset_bundle(sample()), tmp_path / "again", "parquet")
    assert not (tmp_path / "again").exists()
    with pytest.raises(DatasetReadError, match=r"pip install 'danvan\[arrow\]'"):
        danvan.read_dataset(folder)
