"""Every Data Package danvan writes passes `frictionless validate`, whatever the dataset."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

import danvan
from danvan.model import Activity, Dataset
from danvan.tables import Bundle
from tests.strategies import datasets

frictionless = pytest.importorskip("frictionless")


def _problems(bundle: Bundle, target: Path) -> list[list[object]]:
    """Export ``bundle`` as a Data Package to ``target`` and what frictionless refuses in it."""
    danvan.export(bundle, target, format="datapackage")
    source = target if target.suffix == ".zip" else target / "datapackage.json"
    report = frictionless.validate(str(source))
    return report.flatten(["taskName", "rowNumber", "fieldName", "type", "note"])


ONE_ACTIVITY = Activity(
    id="hd-1", team="to-moc-4", village="ban-moc-4", date=dt.date(2022, 3, 15), type="hop-to"
)

EDGE_DATASETS = {
    "empty": Dataset(),
    "no_title": Dataset(description="Chỉ có mô tả"),
    "title_with_quotes": Dataset(title='Tổ "Mốc 4", bản Nà Sự; xã Chà Nưa\'s report'),
    "only_activities": Dataset(activities=(ONE_ACTIVITY,)),
    "the_sample_with_its_district_figure": danvan.sample(),
}


@pytest.mark.parametrize("name", EDGE_DATASETS)
@pytest.mark.parametrize("target", ["goi.zip", "goi"])
def test_the_records_of_an_edge_dataset_make_a_valid_data_package(
    tmp_path: Path, name: str, target: str
) -> None:
    bundle = danvan.dataset_bundle(EDGE_DATASETS[name])
    assert _problems(bundle, tmp_path / target) == []


def test_a_dataset_with_neither_title_nor_description_writes_no_blank_row(tmp_path: Path) -> None:
    danvan.export(danvan.dataset_bundle(Dataset()), tmp_path / "goi", format="datapackage")
    assert (tmp_path / "goi" / "dataset.csv").read_text("utf-8-sig").splitlines() == [
        "title,description"
    ]


def test_a_table_with_no_rows_stays_a_resource_with_its_header(tmp_path: Path) -> None:
    danvan.export(danvan.dataset_bundle(Dataset()), tmp_path / "goi", format="datapackage")
    text = (tmp_path / "goi" / "activities.csv").read_text("utf-8-sig")
    assert text.startswith("id,team,village,date,")
    assert text.count("\n") == 1


@pytest.mark.parametrize("dataset", [Dataset(), danvan.sample()], ids=["empty", "sample"])
@pytest.mark.parametrize("target", ["bao-cao.zip", "bao-cao"])
def test_a_period_report_makes_a_valid_data_package(
    tmp_path: Path, dataset: Dataset, target: str
) -> None:
    bundle = danvan.period_report(dataset, "2022")
    assert _problems(bundle, tmp_path / target) == []


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(datasets)
def test_the_records_of_any_dataset_make_a_valid_data_package(dataset: Dataset) -> None:
    with tempfile.TemporaryDirectory() as folder:
        assert _problems(danvan.dataset_bundle(dataset), Path(folder) / "goi.zip") == []
