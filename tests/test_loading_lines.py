"""Streaming load: activities as JSON lines beside a setting document, one line at a time."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import orjson
from hypothesis import given, settings
from hypothesis import strategies as st

from danvan import dataset_to_json, load_checked, load_lines
from danvan.findings import Location, ValidationReport
from danvan.loading import converter
from danvan.model import Activity, Dataset
from tests.strategies import activities, datasets

SETTING: dict[str, Any] = {
    "units": [{"id": "ban-a", "name": "Bản A", "level": "village"}],
    "teams": [{"id": "to-1", "name": "Tổ bản A"}],
}


def _line(**fields: Any) -> bytes:
    record = {"team": "to-1", "village": "ban-a", "date": "2022-03-10", "type": "x", **fields}
    return orjson.dumps(record) + b"\n"


def test_clean_lines_load_into_the_setting(tmp_path: Path) -> None:
    (tmp_path / "hoat-dong.jsonl").write_bytes(
        _line(id="hd-1", participants=30) + _line(id="hd-2", topics=["rung"])
    )
    with open(tmp_path / "hoat-dong.jsonl", "rb") as lines:
        dataset, report = load_lines(orjson.dumps(SETTING), lines, source="hoat-dong.jsonl")
    assert dataset is not None
    assert not report.findings
    assert [a.id for a in dataset.activities] == ["hd-1", "hd-2"]
    assert dataset.activities[0].date == date(2022, 3, 10)
    assert dataset.unit("ban-a") is not None
    assert dataset.activities[1].topics == ("rung",)


def test_a_bad_line_is_a_finding_at_its_line_number() -> None:
    lines = [_line(id="hd-1"), _line(id="hd-2", participants="nhiều", colour="đỏ")]
    dataset, report = load_lines(SETTING, lines, source="hoat-dong.jsonl")
    assert dataset is None
    located = {(f.code, f.location.field, f.location.row) for f in report}
    assert located == {("DV011", "participants", 2), ("DV012", "colour", 2)}
    finding = next(iter(report))
    assert finding.location == Location(
        source="hoat-dong.jsonl",
        row=2,
        field=finding.location.field,
        record_kind="activity",
        record_id="hd-2",
        record_index=1,
    )


def test_text_out_of_normal_form_is_fixed_and_noted_at_its_line() -> None:
    title = unicodedata.normalize("NFD", "Họp  tổ")
    dataset, report = load_lines(SETTING, [_line(id="hd-1", title=title)], source="a.jsonl")
    assert dataset is not None
    assert dataset.activities[0].title == "Họp tổ"
    assert {(f.code, f.location.row, f.location.field) for f in report} == {
        ("DV501", 1, "title"),
        ("DV503", 1, "title"),
    }


def test_a_line_that_is_not_json_is_one_finding_and_the_others_are_still_checked() -> None:
    lines = [_line(id="hd-1"), b"{id: hd-2\n", b"\n", _line(id="hd-4", date="2022-02-30")]
    dataset, report = load_lines(SETTING, lines, source="a.jsonl")
    assert dataset is None
    assert sorted((f.code, f.location.row) for f in report) == [("DV001", 2), ("DV011", 4)]
    bad_date = next(f for f in report if f.code == "DV011")
    assert bad_date.location.record_index == 1  # the second activity read


def test_lines_follow_the_activities_the_setting_holds() -> None:
    setting = {**SETTING, "activities": [orjson.loads(_line(id="hd-0"))]}
    dataset, _ = load_lines(setting, [_line(id="hd-1")])
    assert dataset is not None
    assert [a.id for a in dataset.activities] == ["hd-0", "hd-1"]
    _, report = load_lines(setting, [_line(id="hd-1", status="maybe")])
    assert [f.location.record_index for f in report] == [1]


def test_a_setting_that_is_not_json_is_a_finding_and_no_dataset() -> None:
    dataset, report = load_lines(b"{", [_line(id="hd-1")], setting_source="setting.json")
    assert dataset is None
    assert [(f.code, f.location.source) for f in report] == [("DV001", "setting.json")]


def test_equal_values_of_different_lines_are_held_once() -> None:
    quantity = {"indicator": "sessions", "value": 1}
    lines = [
        _line(id=f"hd-{i}", topics=["rung"], quantities=[quantity], title="Họp tổ")
        for i in range(3)
    ]
    lines.append(_line(id="hd-3", quantities=[{**quantity, "value": 1.0}]))
    dataset, _ = load_lines(SETTING, lines)
    assert dataset is not None
    first, second, _, fourth = dataset.activities
    assert first.topics is second.topics
    assert first.quantities is second.quantities
    assert first.title is second.title
    assert first.date is second.date
    assert fourth.quantities == first.quantities  # 1 == 1.0, yet each keeps its own type
    assert isinstance(fourth.quantities[0].value, float)


# The same as load_checked on the whole document -----------------------------------------


def _whole_document(setting: dict[str, Any], lines: list[bytes]) -> dict[str, Any]:
    given = setting.get("activities", [])
    return {**setting, "activities": [*given, *(orjson.loads(line) for line in lines)]}


def _modulo_location(report: ValidationReport) -> list[tuple[Any, ...]]:
    """The findings without file and row, which say where the record was read from."""
    return sorted(
        (
            f.code,
            f.severity.value,
            f.message.en,
            f.location.field,
            f.location.record_kind,
            f.location.record_id,
            f.location.record_index,
        )
        for f in report
    )


def _split(dataset: Dataset) -> tuple[dict[str, Any], list[bytes]]:
    raw = orjson.loads(dataset_to_json(dataset))
    lines = [orjson.dumps(record) for record in raw.pop("activities", [])]
    return raw, lines


@settings(max_examples=40, deadline=None)
@given(datasets)
def test_clean_lines_give_what_load_checked_gives_for_the_whole_document(
    dataset: Dataset,
) -> None:
    setting, lines = _split(dataset)
    streamed, report = load_lines(setting, lines)
    assert streamed == dataset
    assert not report.findings
    assert load_checked(_whole_document(setting, lines))[0] == streamed


MUTATIONS: list[Callable[[dict[str, Any]], Any]] = [
    lambda record: record,
    lambda record: {**record, "title": unicodedata.normalize("NFD", "Hòa  giải ")},
    lambda record: {**record, "note": " hoà thuận"},
    lambda record: {**record, "participants": " 5"},
    lambda record: {**record, "households": "nhiều"},
    lambda record: {**record, "colour": "đỏ"},
    lambda record: {k: v for k, v in record.items() if k != "id"},
    lambda record: {**record, "date": "2022-02-30"},
    lambda record: {**record, "topics": ["rung", 7]},
    lambda record: {**record, "quantities": [{"indicator": "x", "value": "một"}]},
    lambda record: {**record, "funding": [{"source": "bank", "amount": 1}]},
    lambda record: [record],
    lambda record: "hd-1",
]


@settings(max_examples=60, deadline=None)
@given(
    datasets,
    st.lists(st.tuples(activities, st.sampled_from(MUTATIONS)), max_size=5),
)
def test_any_lines_give_the_dataset_and_findings_of_the_whole_document(
    dataset: Dataset, changed: list[tuple[Activity, Callable[[dict[str, Any]], Any]]]
) -> None:
    setting, lines = _split(dataset)
    lines += [orjson.dumps(mutate(converter.unstructure(a))) for a, mutate in changed]
    streamed, report = load_lines(setting, lines, source="a.jsonl")
    whole, whole_report = load_checked(_whole_document(setting, lines))
    assert streamed == whole
    assert _modulo_location(report) == _modulo_location(whole_report)
    assert report.ok == (streamed is not None)
