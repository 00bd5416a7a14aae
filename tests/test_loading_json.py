"""JSON round trip of datasets, and load errors that list every failing field."""

from __future__ import annotations

import gc
import unicodedata

import orjson
import pytest
from hypothesis import given, settings

from danvan import DatasetLoadError, dataset_from_json, dataset_to_json
from danvan.bundled import default_catalog
from danvan.collector import collector_paused
from danvan.loading import (
    dataset_from_normal,
    format_path,
    normalize_strings,
    structure_if_clean,
)
from danvan.model import Dataset
from tests.strategies import datasets


@settings(max_examples=60)
@given(datasets)
def test_any_dataset_survives_the_json_round_trip(dataset: Dataset) -> None:
    assert dataset_from_json(dataset_to_json(dataset)) == dataset


def test_the_sample_survives_the_json_round_trip(nampo: Dataset) -> None:
    assert dataset_from_json(dataset_to_json(nampo, indent=True)) == nampo


def test_dates_are_iso_strings_and_enums_their_values(nampo: Dataset) -> None:
    raw = orjson.loads(dataset_to_json(nampo))
    assert raw["format"] == "danvan.dataset/1"
    team = raw["teams"][0]
    assert team["established"] == "2021-12-15"
    assert raw["units"][0]["level"] == "province"
    assert raw["activities"][0]["status"] == "done" if "status" in raw["activities"][0] else True


def test_a_document_without_catalogue_takes_the_default_one() -> None:
    dataset = dataset_from_json(b'{"format": "danvan.dataset/1"}')
    assert dataset.catalog == default_catalog()


def test_every_failing_field_is_listed_with_its_path() -> None:
    document = {
        "units": [{"id": "u1", "name": "Nậm Tin", "level": "hamlet"}],
        "members": [{"id": "m1"}],
        "activities": [
            {
                "id": "a1",
                "team": "t",
                "village": "v",
                "date": "2022-02-30",
                "type": "monthly_meeting",
                "participants": "many",
                "colour": "red",
            }
        ],
    }
    with pytest.raises(DatasetLoadError) as caught:
        dataset_from_json(orjson.dumps(document))
    found = {(format_path(e.path), e.problem) for e in caught.value.errors}
    assert found >= {
        ("units[0].level", "invalid value"),
        ("members[0].full_name", "required field missing"),
        ("activities[0].date", "invalid value"),
        ("activities[0].participants", "invalid value"),
        ("activities[0].colour", "unknown field"),
    }
    assert "activities[0].participants" in str(caught.value)
    bad_date = next(e for e in caught.value.errors if format_path(e.path) == "activities[0].date")
    assert bad_date.value == "2022-02-30"


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"{not json", "invalid JSON"),
        (b"[]", "not an object"),
        (b'{"format": "something-else"}', "unknown format"),
    ],
)
def test_documents_that_are_not_datasets_are_refused_clearly(data: bytes, problem: str) -> None:
    with pytest.raises(DatasetLoadError, match=problem):
        dataset_from_json(data)


def test_text_is_normalised_to_nfc_on_load() -> None:
    decomposed = unicodedata.normalize("NFD", "Nậm Pồ")
    document = {"units": [{"id": "d", "name": decomposed, "level": "district"}]}
    dataset = dataset_from_json(orjson.dumps(document))
    assert dataset.units[0].name == "Nậm Pồ"
    _, changes = normalize_strings(document)
    assert [format_path(c.path) for c in changes] == ["units[0].name"]


def test_normalising_leaves_the_input_alone_and_shares_equal_strings() -> None:
    # Parsed, as on load: each "t1" is then a string object of its own.
    before = orjson.dumps(
        {
            "activities": [
                {"id": "a1", "team": "t1", "title": "Họp  tổ"},
                {"id": "a2", "team": "t1", "title": "Họp tổ"},
            ]
        }
    )
    document = orjson.loads(before)
    assert document["activities"][0]["team"] is not document["activities"][1]["team"]
    normal, changes = normalize_strings(document)
    assert orjson.dumps(document) == before
    assert [format_path(c.path) for c in changes] == ["activities[0].title"]
    first, second = normal["activities"]
    assert first["team"] is second["team"]
    assert first["title"] == second["title"] == "Họp tổ"


def test_the_collector_is_paused_for_a_bulk_build_and_restored_after() -> None:
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_bad_document_is_reported_whole_although_the_fast_structuring_runs_first() -> None:
    document = {
        "activities": [
            {"id": "a1", "team": "t", "village": "v", "date": "2022-13-01", "type": "x"},
            {"id": "a2", "team": "t", "village": "v", "date": "2022-01-01", "type": "x", "n": 1},
        ]
    }
    with pytest.raises(DatasetLoadError) as caught:
        dataset_from_json(orjson.dumps(document))
    assert [format_path(e.path) for e in caught.value.errors] == [
        "activities[0].date",
        "activities[1].n",
    ]


@settings(max_examples=40)
@given(datasets)
def test_the_quick_road_gives_the_dataset_of_the_full_road(dataset: Dataset) -> None:
    raw = orjson.loads(dataset_to_json(dataset))
    normal, changes = normalize_strings(raw)
    quick = structure_if_clean(raw, catalog=default_catalog())
    if changes:
        assert quick is None
    else:
        assert quick == dataset_from_normal(raw, normal, catalog=default_catalog()) == dataset
