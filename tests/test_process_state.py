"""The library changes no process-wide state: a caller's garbage collector is its own."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

import danvan
from danvan.loading import dataset_to_json


def _refuse(*_args: object) -> None:
    raise AssertionError("danvan switched the garbage collector")


def test_reading_validating_and_reporting_leave_the_collector_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    document = tmp_path / "nam-po.json"
    document.write_bytes(dataset_to_json(danvan.sample()))
    danvan.export(danvan.dataset_bundle(danvan.sample()), tmp_path / "nam-po.xlsx")
    for name in ("disable", "enable", "freeze", "unfreeze"):
        monkeypatch.setattr(gc, name, _refuse)
    result = danvan.read_dataset([document, tmp_path / "nam-po.xlsx"])
    danvan.validate(result.dataset)
    danvan.export(danvan.annual_report(result.dataset, 2022), tmp_path / "report.xlsx")
    dataset, report = danvan.load_checked(document.read_bytes())
    assert dataset is not None
    assert report.ok


def test_a_caller_pauses_the_collector_for_a_bulk_load_and_gets_it_back() -> None:
    assert gc.isenabled()
    with danvan.collector_paused():
        assert not gc.isenabled()
        danvan.sample()
    assert gc.isenabled()
