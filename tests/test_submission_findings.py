"""Findings on submissions, each with its file: a period not told, a team that did not exist,
two files for one team and month."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import danvan
from danvan.findings import Finding
from danvan.model import Dataset, Submission, Team

TEAM = Team(
    "to-moc-4",
    "Tổ Dân vận bản Mốc 4",
    established=dt.date(2021, 12, 15),
    dissolved=dt.date(2025, 6, 30),
)
MARCH = {"reporter": "to-moc-4", "start": dt.date(2022, 3, 1), "end": dt.date(2022, 3, 31)}


def _findings(*submissions: Submission, code: str) -> list[Finding]:
    report = danvan.validate(Dataset(teams=(TEAM,), submissions=submissions))
    return [f for f in report if f.code == code]


def test_two_different_files_for_one_month_are_a_warning_naming_both() -> None:
    first = Submission("nop-1", file="moc-4-thang-3.xlsx", sha256="a" * 64, **MARCH)
    other = Submission("nop-2", file="moc-4-thang-3-ban-khac.xlsx", sha256="b" * 64, **MARCH)
    (found,) = _findings(first, other, code="DV112")
    assert found.severity.value == "warning"
    assert found.location.record_id == "nop-2"
    assert "moc-4-thang-3.xlsx" in found.message.vi
    assert "moc-4-thang-3-ban-khac.xlsx" in found.message.en


def test_the_same_file_sent_twice_is_a_duplicate_not_a_conflict() -> None:
    first = Submission("nop-1", file="moc-4-thang-3.xlsx", sha256="a" * 64, **MARCH)
    again = Submission("nop-2", file="moc-4-thang-3 (1).xlsx", sha256="a" * 64, **MARCH)
    (found,) = _findings(first, again, code="DV113")
    assert found.severity.value == "info"
    assert _findings(first, again, code="DV112") == []


def test_a_file_that_replaces_the_other_is_no_conflict() -> None:
    first = Submission("nop-1", file="moc-4-thang-3.xlsx", sha256="a" * 64, **MARCH)
    fixed = Submission("nop-2", file="sua.xlsx", sha256="b" * 64, replaces="nop-1", **MARCH)
    assert _findings(first, fixed, code="DV112") == []


def test_another_month_or_another_team_is_no_duplicate() -> None:
    march = Submission("nop-1", file="a.xlsx", sha256="a" * 64, **MARCH)
    april = Submission(
        "nop-2",
        reporter="to-moc-4",
        start=dt.date(2022, 4, 1),
        end=dt.date(2022, 4, 30),
        file="b.xlsx",
        sha256="b" * 64,
    )
    assert _findings(march, april, code="DV112") == []


def test_a_report_for_days_before_the_team_was_founded() -> None:
    early = Submission(
        "nop-1", reporter="to-moc-4", start=dt.date(2021, 11, 1), end=dt.date(2021, 11, 30)
    )
    (found,) = _findings(early, code="DV311")
    assert found.location.field == "end"
    late = Submission(
        "nop-2", reporter="to-moc-4", start=dt.date(2025, 7, 1), end=dt.date(2025, 7, 31)
    )
    (found,) = _findings(late, code="DV311")
    assert found.location.field == "start"
    december = Submission(
        "nop-3", reporter="to-moc-4", start=dt.date(2021, 12, 1), end=dt.date(2021, 12, 31)
    )
    assert _findings(december, code="DV311") == []  # founded on the 15th: part of the month


def test_a_file_with_no_dated_activity_is_a_finding_at_that_file(tmp_path: Path) -> None:
    path = tmp_path / "xa-nam-tin-chua-co-hoat-dong.json"
    teams = [{"id": "to-moc-4", "name": "Tổ Dân vận bản Mốc 4"}]
    path.write_text(json.dumps({"format": "danvan.dataset/1", "teams": teams}), "utf-8")
    result = danvan.read_dataset(path, record_submissions=True, received=dt.date(2022, 4, 5))
    (recorded,) = result.dataset.submissions
    assert (recorded.start, recorded.end) == (None, None)
    (found,) = [f for f in danvan.validate(result.dataset) if f.code == "DV111"]
    assert found.location.source == str(path)
    assert found.message.vi == (
        "Không rõ báo cáo xa-nam-tin-chua-co-hoat-dong.json cho kỳ nào: không có ngày nào trong tệp"
    )
