"""Limits with names: a file past one is a finding at the file, never a crash; the rest imports."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

import danvan
from danvan import read_dataset
from danvan.findings import Location, cap_findings, make_finding
from danvan.importers.limits import DEFAULT_LIMITS, ReadLimits, json_depth
from danvan.loading import dataset_to_json
from danvan.read import DatasetReadError, ImportResult
from tests.hostile import activity_rows, twice, zipped


def _codes(result: ImportResult, path: Path) -> list[str]:
    return [f.code for f in result.report.findings if f.location.source == str(path)]


def _beside_a_good_file(tmp_path: Path, name: str, data: bytes, **limits: Any) -> ImportResult:
    """Read ``data`` (as ``name``) in a folder with a small good CSV, which must import."""
    good = tmp_path / "activities.csv"
    good.write_text(activity_rows(3), encoding="utf-8")
    (tmp_path / name).write_bytes(data)
    result = read_dataset(tmp_path, limits=ReadLimits(**limits))
    from_good = [a.id for a in result.dataset.activities if a.provenance.source == str(good)]  # type: ignore[union-attr]
    assert from_good == ["hd-x-0", "hd-x-1", "hd-x-2"]
    return result


def test_the_defaults_are_of_the_apache_poi_kind() -> None:
    assert DEFAULT_LIMITS.max_inflate_ratio == 100
    assert DEFAULT_LIMITS.ratio_grace_bytes == 100 * 1024
    assert DEFAULT_LIMITS.max_text_length == 32_767  # what an Excel cell holds
    assert DEFAULT_LIMITS.max_columns == 16_384  # column XFD


def test_a_limit_must_be_positive() -> None:
    with pytest.raises(ValueError, match="max_rows"):
        ReadLimits(max_rows=0)


# Data Package zips ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("empty.zip", zipped({}), "DV622"),
        ("twice.zip", twice("activities.csv", b"id\n", b"id\n"), "DV623"),
        ("bomb.zip", zipped({"activities.csv": b"," * 5_000_000}), "DV621"),
    ],
)
def test_a_hostile_package_is_refused_with_a_finding(
    tmp_path: Path, name: str, data: bytes, code: str
) -> None:
    result = _beside_a_good_file(tmp_path, name, data)
    assert _codes(result, tmp_path / name) == [code]


def test_a_member_larger_than_allowed_is_refused_without_trusting_its_header(
    tmp_path: Path,
) -> None:
    data = zipped({"activities.csv": activity_rows(200)}, compression=zipfile.ZIP_STORED)
    result = _beside_a_good_file(tmp_path, "big.zip", data, max_member_bytes=4_000)
    (finding,) = [f for f in result.report.findings if f.code == "DV620"]
    assert "max_member_bytes" in finding.message.en


def test_the_archive_total_is_a_limit_of_its_own(tmp_path: Path) -> None:
    members = {f"activities-{k}.csv": activity_rows(40) for k in range(4)}
    result = _beside_a_good_file(tmp_path, "many.zip", zipped(members), max_archive_bytes=6_000)
    (finding,) = [f for f in result.report.findings if f.code == "DV620"]
    assert "max_archive_bytes" in finding.message.en


def test_a_package_past_the_rows_of_a_file_is_refused_before_its_csv_is_parsed(
    tmp_path: Path,
) -> None:
    data = zipped({"activities.csv": activity_rows(30), "more.csv": activity_rows(30)})
    result = _beside_a_good_file(tmp_path, "rows.zip", data, max_rows=40)
    (finding,) = [f for f in result.report.findings if f.code == "DV624"]
    assert (finding.location.sheet, "max_rows") == ("more.csv", finding.values["setting"])


# The shared sheet reader ------------------------------------------------------------------


def test_a_sheet_past_the_rows_limit_is_left_out_with_a_finding(tmp_path: Path) -> None:
    path = tmp_path / "long.csv"
    path.write_text(activity_rows(20), encoding="utf-8")
    result = _beside_a_good_file(tmp_path, "long.csv", path.read_bytes(), max_rows=10)
    assert _codes(result, path) == ["DV624"]


def test_a_sheet_wider_than_allowed_is_left_out(tmp_path: Path) -> None:
    path = tmp_path / "wide.csv"
    data = activity_rows(3).replace("\n", "," * 30 + "\n").encode()
    result = _beside_a_good_file(tmp_path, "wide.csv", data, max_columns=20)
    (finding,) = [f for f in result.report.findings if f.location.source == str(path)]
    assert (finding.code, finding.values["setting"]) == ("DV624", "max_columns")


def test_a_text_longer_than_allowed_is_a_finding_at_its_cell_and_never_cut(
    tmp_path: Path,
) -> None:
    path = tmp_path / "activities.csv"
    long_title = "Họp " + "x" * 60
    path.write_text(activity_rows(3, title=long_title), encoding="utf-8")
    result = read_dataset(path, limits=ReadLimits(max_text_length=50))
    findings = [f for f in result.report.findings if f.code == "DV625"]
    assert [f.location.row for f in findings] == [2, 3, 4]
    assert findings[0].location.field == "title"
    assert [a.title for a in result.dataset.activities] == [""] * 3  # left out, not cut


def test_a_long_required_value_drops_its_row(tmp_path: Path) -> None:
    path = tmp_path / "activities.csv"
    text = activity_rows(2).replace("hd-x-1,", "hd-" + "9" * 80 + ",")
    path.write_text(text, encoding="utf-8")
    result = read_dataset(path, limits=ReadLimits(max_text_length=50))
    assert [a.id for a in result.dataset.activities] == ["hd-x-0"]
    assert [f.location.row for f in result.report.findings if f.code == "DV625"] == [3]


# JSON --------------------------------------------------------------------------------------


def test_a_json_document_nested_too_deep_is_refused_before_it_is_parsed(tmp_path: Path) -> None:
    data = b"[" * 5_000 + b"]" * 5_000
    result = _beside_a_good_file(tmp_path, "deep.json", data)
    assert _codes(result, tmp_path / "deep.json") == ["DV626"]
    with pytest.raises(DatasetReadError, match="max_json_depth"):
        read_dataset(tmp_path / "deep.json")


_json = st.recursive(
    st.none() | st.integers() | st.text(alphabet='[]{}"\\ab'),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner),
    max_leaves=12,
)


def _depth(value: Any) -> int:
    if isinstance(value, list):
        return 1 + max(map(_depth, value), default=0)
    if isinstance(value, dict):
        return 1 + max(map(_depth, value.values()), default=0)
    return 0


@given(_json)
def test_the_depth_read_from_the_bytes_is_the_nesting_of_the_document(value: Any) -> None:
    """Brackets, quotes and backslashes inside strings do not count."""
    assert json_depth(json.dumps(value).encode()) == _depth(value)


# Findings per code per file --------------------------------------------------------------


def test_past_the_limit_one_finding_counts_the_others(tmp_path: Path) -> None:
    path = tmp_path / "activities.csv"
    path.write_text(activity_rows(30).replace(",2022-03-", ",2022-13-"), encoding="utf-8")
    result = read_dataset(path, limits=ReadLimits(max_findings_per_code=5))
    codes = [f.code for f in result.report.findings]
    assert codes.count("DV610") == 5
    (more,) = [f for f in result.report.findings if f.code == "DV628"]
    assert more.values == {"source": str(path), "count": 25, "kind": "DV610", "limit": 5}


def test_validation_caps_the_findings_of_a_file_of_duplicates_too(tmp_path: Path) -> None:
    """The issue's data package of duplicate ids made millions of findings; now a thousand."""
    path = tmp_path / "duplicates.zip"
    path.write_bytes(zipped({"activities.csv": activity_rows(1_500, same_id=True)}))
    dataset = read_dataset(path).dataset
    capped = danvan.validate(dataset)
    assert [f.code for f in capped.findings].count("DV101") == 1_000
    (more,) = [f for f in capped.findings if f.code == "DV628" and f.values["kind"] == "DV101"]
    every = danvan.validate(dataset, max_findings_per_code=None).filter(code="DV101")
    assert more.values["count"] == len(every.findings) - 1_000 > 0


_places = st.tuples(st.sampled_from(["a.csv", "b.csv", None]), st.sampled_from(["DV610", "DV611"]))


@given(st.lists(_places), st.integers(min_value=1, max_value=4))
def test_capping_keeps_each_code_of_each_file_up_to_the_limit_and_counts_the_rest(
    places: list[tuple[str | None, str]], limit: int
) -> None:
    findings = [
        make_finding(code, Location(source=source), column="c", detail_vi="x", detail_en="x")
        for source, code in places
    ]
    kept = cap_findings(findings, limit)
    for source in ("a.csv", "b.csv", None):
        for code in ("DV610", "DV611"):
            total = places.count((source, code))
            listed = [f for f in kept if (f.location.source, f.code) == (source, code)]
            assert len(listed) == min(total, limit)
            counted = [
                f.values["count"]
                for f in kept
                if f.code == "DV628" and (f.location.source, f.values["kind"]) == (source, code)
            ]
            assert counted == ([total - limit] if total > limit else [])


def test_the_count_of_findings_left_out_names_the_file_read_not_a_record_s_provenance(
    tmp_path: Path,
) -> None:
    """A dataset document's findings name each record's provenance (the article it came from);
    the DV628 that counts what the cap left out names the file that was read."""
    document = orjson.loads(dataset_to_json(danvan.sample()))
    for activity in document["activities"]:
        activity["participants"] = 1.9  # a wrong type: one DV011 per activity
    path = tmp_path / "nam-po.json"
    path.write_bytes(orjson.dumps(document))
    result = danvan.read_dataset(path, limits=danvan.ReadLimits(max_findings_per_code=3))
    (more,) = [f for f in result.report.findings if f.code == "DV628"]
    assert more.location.source == str(path)
    assert more.values["count"] == len(document["activities"]) - 3
