"""Loading with findings: every structure error and text fix, located, none raised (DV0xx)."""

from __future__ import annotations

import unicodedata
from importlib.resources import files
from typing import Any

import orjson
from hypothesis import given, settings
from hypothesis import strategies as st

from danvan import load_checked
from danvan.bundled import SAMPLE_FILE, default_catalog, sample
from danvan.findings import Location
from danvan.loading import structure_if_clean


def _document() -> dict[str, Any]:
    return {
        "format": "danvan.dataset/1",
        "units": [
            {"id": "ban-a", "name": "Bản A", "level": "hamlet", "provenance": {"row": 2}},
        ],
        "members": [{"id": "tv-1", "provenance": {"source": "to.xlsx", "sheet": "TV", "row": 7}}],
        "teams": [{"id": "to-1", "name": unicodedata.normalize("NFD", "Tổ bản A")}],
        "activities": [
            {
                "id": "hd-1",
                "team": "to-1",
                "village": "ban-a",
                "date": "2022-02-30",
                "type": "monthly_meeting",
                "participants": "nhiều",
                "colour": "đỏ",
                "quantities": [{"indicator": "sessions", "value": "một"}],
                "provenance": {"source": "hoat-dong.xlsx", "sheet": "T2", "row": 14},
            },
            {"team": "to-1", "village": "ban-a", "date": "2022-03-10", "type": "x"},
        ],
    }


def test_the_sample_file_loads_without_findings() -> None:
    dataset, report = load_checked(
        files("danvan.data").joinpath(SAMPLE_FILE).read_bytes(), source=SAMPLE_FILE
    )
    assert dataset == sample()
    assert not report.findings


def test_every_bad_field_is_a_finding_at_its_record_and_cell() -> None:
    dataset, report = load_checked(orjson.dumps(_document()), source="bao-cao.json")
    assert dataset is None
    assert not report.ok
    located = {
        (f.code, f.location.record_kind, f.location.record_id, f.location.field) for f in report
    }
    assert located == {
        ("DV011", "unit", "ban-a", "level"),
        ("DV010", "member", "tv-1", "full_name"),
        ("DV011", "activity", "hd-1", "date"),
        ("DV011", "activity", "hd-1", "participants"),
        ("DV012", "activity", "hd-1", "colour"),
        ("DV011", "activity", "hd-1", "quantities[0].value"),
        ("DV010", "activity", None, "id"),
        ("DV501", "team", "to-1", "name"),
    }
    cell = next(f.location for f in report if f.location.field == "participants")
    assert cell == Location(
        source="hoat-dong.xlsx",
        sheet="T2",
        row=14,
        field="participants",
        record_kind="activity",
        record_id="hd-1",
        record_index=0,
        pointer="/activities/0/participants",  # the place in the document read, beside the cell
    )
    unit = next(f.location for f in report if f.location.record_kind == "unit")
    assert (unit.source, unit.row) == ("bao-cao.json", 2)
    nameless = next(f.location for f in report if f.location.record_id is None)
    assert nameless.record_index == 1


def test_messages_name_the_value_found_in_both_languages() -> None:
    _, report = load_checked(_document())
    finding = next(f for f in report if f.location.field == "date")
    assert "'2022-02-30'" in finding.message.vi
    assert finding.message.en.startswith("Value '2022-02-30' of field date is invalid")


def test_a_file_that_is_not_json_is_one_finding() -> None:
    dataset, report = load_checked(b"{units: [", source="hong.json")
    assert dataset is None
    [finding] = report.findings
    assert (finding.code, finding.location.source) == ("DV001", "hong.json")


def test_a_document_that_is_not_a_dataset() -> None:
    assert [f.code for f in load_checked(b"[1, 2]")[1]] == ["DV002"]
    _, report = load_checked({"format": "other/2"})
    assert [(f.code, f.location.field) for f in report] == [("DV002", "format")]


@settings(max_examples=50)
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(),
        lambda inner: (
            st.lists(inner) | st.dictionaries(st.sampled_from(["id", "name", "x"]), inner)
        ),
        max_leaves=8,
    )
)
def test_loading_never_raises_and_fails_exactly_when_it_reports_an_error(value: object) -> None:
    dataset, report = load_checked({"units": value})
    assert report.ok == (dataset is not None)


def test_a_clean_document_takes_the_quick_road_and_a_number_in_text_is_an_error() -> None:
    clean = {
        "activities": [{"id": "a1", "team": "t", "village": "v", "date": "2022-01-05", "type": "x"}]
    }
    assert structure_if_clean(clean, catalog=default_catalog()) is not None
    spaced = {"activities": [{**clean["activities"][0], "participants": " 5"}]}
    assert structure_if_clean(spaced, catalog=default_catalog()) is None
    dataset, report = load_checked(spaced)
    assert dataset is None  # a text where a number belongs is never read as one
    assert [(f.code, f.location.field) for f in report.errors] == [("DV011", "participants")]
