"""``danvan status`` on a folder of commune workbooks received on known days.

The folder holds the district's list of units and teams (who owes a report) and
one workbook per commune that reported, written by danvan's own exporter, with
the day it came in typed in its own submissions sheet.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import danvan
from danvan.cli import main
from danvan.model import Dataset, Submission

#: Each commune's workbook and the day it came in (None: never sent). March 2022's
#: reports are due five working days after 31/3, on Thursday 7/4/2022.
RECEIVED = {
    "xa-nam-tin": dt.date(2022, 4, 5),
    "xa-cha-nua": dt.date(2022, 4, 12),
    "xa-si-pa-phin": dt.date(2022, 4, 7),
    "xa-phin-ho": dt.date(2022, 4, 1),
    "xa-na-hy": None,
}


def _commune_workbook(folder: Path, commune: str, received: dt.date, name: str = "") -> None:
    """The commune's units, team and March activities, with the day it was received typed in
    its own submissions sheet, written by danvan's own exporter."""
    sample = danvan.sample()
    villages = {u.id for u in sample.units if u.parent == commune}
    teams = tuple(t for t in sample.teams if {a.village for a in t.villages} & villages)
    units = tuple(
        u
        for u in sample.units
        if u.id in villages
        or u.id == commune
        or u.level.value
        in (
            "province",
            "district",
        )
    )
    march = tuple(
        a
        for a in sample.activities
        if a.team in {t.id for t in teams} and (a.date.year, a.date.month) == (2022, 3)
    )
    typed = Submission(f"nhan-{name or commune}", received=received)
    dataset = Dataset(units=units, teams=teams, activities=march, submissions=(typed,))
    danvan.export(danvan.dataset_bundle(dataset), folder / f"{name or commune}.xlsx")


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("bao-cao-thang-3")
    # The district's list of its units and teams says who owes a report.
    sample = danvan.sample()
    teams = Dataset(units=sample.units, teams=sample.teams)
    danvan.export(danvan.dataset_bundle(teams), folder / "danh-sach-to.xlsx")
    for commune, received in RECEIVED.items():
        if received is not None:
            _commune_workbook(folder, commune, received)
    # Phìn Hồ sent its report twice, the second time not saying it replaces the first.
    _commune_workbook(folder, "xa-phin-ho", dt.date(2022, 4, 2), name="xa-phin-ho-lan-2")
    return folder


def _status(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["status", *args])
    return result.exit_code, result.output


def test_the_status_lists_per_commune_who_is_missing_and_who_is_late(folder: Path) -> None:
    code, output = _status(str(folder), "--period", "2022-03", "--today", "2022-04-20")
    assert code == 0, output
    assert "Ngày xét / today: 20/04/2022 (--today)" in output
    assert "Hạn gửi báo cáo Tháng 3/2022: 07/04/2022 / March 2022 report due 07/04/2022" in output
    lines = output.splitlines()
    na_hy = lines.index("  Nà Hỳ (03169): đã nộp / received 0/1 (0%), đúng hạn / on time 0/1 (0%)")
    assert lines[na_hy + 1] == (
        "    Chưa nộp, quá hạn / missing, past the deadline: Tổ Dân vận bản Huổi Hoi (to-huoihoi)"
    )
    assert (
        "    Nộp muộn / late: Tổ Dân vận bản Nà Sự (to-nasu): nhận / received 12/04/2022, "
        "muộn / late by 5 ngày / days"
    ) in lines
    assert any(
        line.startswith("    Nộp trùng / sent twice: Tổ Dân vận bản Mạy Hốc") for line in lines
    )
    assert "  Tổng / total: đã nộp / received 4/5 (80%), đúng hạn / on time 3/5 (60%)" in lines


def test_the_json_gives_each_teams_status_and_each_communes_rates(folder: Path) -> None:
    code, output = _status(
        str(folder), "--period", "2022-03", "--today", "2022-04-20", "--format", "json"
    )
    assert code == 0, output
    document = json.loads(output)
    assert (document["today"], document["today_from"]) == ("2022-04-20", "option")
    statuses = {r["team"]: (r["status"], r["received"], r["files"]) for r in document["reports"]}
    assert statuses == {
        "to-moc4": ("on_time", "2022-04-05", 1),
        "to-nasu": ("late", "2022-04-12", 1),
        "to-vanho": ("on_time", "2022-04-07", 1),
        "to-huoihoi": ("missing", None, 0),
        "to-mayhoc": ("on_time", "2022-04-01", 2),
    }
    communes = {c["commune"]: c for c in document["communes"]}
    assert communes["xa-phin-ho"]["duplicates"] == 1
    assert communes["xa-cha-nua"]["reporting_rate"] == 1.0
    assert communes["xa-cha-nua"]["on_time_rate"] == 0.0
    (total,) = document["totals"]
    assert (total["expected"], total["received"], total["on_time"], total["missing"]) == (
        5,
        4,
        3,
        1,
    )
    assert document["periods"] == [
        {
            "period": "2022-03",
            "label": {"vi": "Tháng 3/2022", "en": "March 2022"},
            "due": "2022-04-07",
            "nominal": "2022-04-07",
            "moved": False,
        }
    ]


def test_fail_on_missing_exits_1_only_once_a_report_is_past_its_deadline(folder: Path) -> None:
    before, _ = _status(
        str(folder), "--period", "2022-03", "--today", "2022-04-07", "--fail-on", "missing"
    )
    after, output = _status(
        str(folder), "--period", "2022-03", "--today", "2022-04-08", "--fail-on", "missing"
    )
    assert (before, after) == (0, 1)
    assert "1 reports missing past their deadline" in output


def test_the_received_option_is_the_day_every_file_came_in(folder: Path) -> None:
    code, output = _status(
        str(folder),
        "--period",
        "2022-03",
        "--today",
        "2022-04-20",
        "--received",
        "2022-04-06",
        "--format",
        "json",
    )
    assert code == 0, output
    received = {r["received"] for r in json.loads(output)["reports"] if r["status"] != "missing"}
    assert received == {"2022-04-06"}


def test_another_deadline_rule_and_a_bad_one(folder: Path) -> None:
    code, output = _status(
        str(folder), "--period", "2022-03", "--today", "2022-04-20", "--deadline", "day:31"
    )
    assert code == 0, output
    assert "March 2022 report due 31/03/2022" in output
    assert "received 4/5 (80%), đúng hạn / on time 0/5 (0%)" in output
    code, output = _status(str(folder), "--period", "2022-03", "--deadline", "soon")
    assert code == 2
    assert "workdays:N" in output


def test_without_today_the_day_is_todays_in_vietnam_and_the_output_says_so(
    folder: Path,
) -> None:
    code, output = _status(str(folder), "--period", "2022-03", "--format", "json")
    assert code == 0, output
    assert json.loads(output)["today_from"] == "clock"


def test_quarterly_reports_from_a_month_are_a_usage_error(folder: Path) -> None:
    code, output = _status(str(folder), "--period", "2022-03", "--kind", "quarter")
    assert code == 2
    assert "quarter" in output
