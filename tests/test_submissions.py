"""Submissions: a record of its own in every format, and one recorded for each file read."""

from __future__ import annotations

import datetime as dt
import hashlib
import zipfile
from pathlib import Path

import attrs
import openpyxl
import pytest

import danvan
from danvan.model import Activity, AdminUnit, Dataset, Level, Submission

frictionless = pytest.importorskip("frictionless")

SENT = Submission(
    id="nop-2022-03-moc-4",
    reporter="to-moc-4",
    start=dt.date(2022, 3, 1),
    end=dt.date(2022, 3, 31),
    received=dt.date(2022, 4, 5),
    file="to-moc-4-thang-3.xlsx",
    sha256="ab" * 32,
    sent_by="Lò Văn Hùng",
    note="nộp qua Zalo",
)
AGAIN = Submission(
    id="nop-2022-03-moc-4-lan-2",
    reporter="to-moc-4",
    start=dt.date(2022, 3, 1),
    end=dt.date(2022, 3, 31),
    file="to-moc-4-thang-3-sua.xlsx",
    replaces="nop-2022-03-moc-4",
)
TWO = Dataset(submissions=(SENT, AGAIN))


def _plain(dataset: Dataset) -> tuple[Submission, ...]:
    return tuple(attrs.evolve(s, provenance=None) for s in dataset.submissions)


@pytest.mark.parametrize("name", ["nop.json", "nop.xlsx", "nop.zip"])
def test_submissions_come_back_from_every_format(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    fmt = "datapackage" if name.endswith(".zip") else None
    danvan.export(danvan.dataset_bundle(TWO), path, format=fmt)
    assert _plain(danvan.read_dataset(path).dataset) == (SENT, AGAIN)


def test_a_data_package_of_submissions_validates(tmp_path: Path) -> None:
    danvan.export(danvan.dataset_bundle(TWO), tmp_path / "goi", format="datapackage")
    report = frictionless.validate(str(tmp_path / "goi" / "datapackage.json"))
    assert report.flatten(["rowNumber", "fieldName", "type"]) == []


def _team_workbook(path: Path, modified: str | None) -> Path:
    """A team's workbook of two activities, saved by openpyxl, its last-saved day set by hand.

    openpyxl stamps the save with the clock, so the metadata part is rewritten
    afterwards: ``modified`` as written in ``dcterms:modified``, or no such element.
    """
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Hoạt động"
    sheet.append(["Mã", "Mã tổ", "Mã bản", "Ngày", "Loại hoạt động"])
    sheet.append(["hd-1", "to-moc-4", "ban-moc-4", dt.date(2022, 3, 3), "hop-to"])
    sheet.append(["hd-2", "to-moc-4", "ban-moc-4", dt.date(2022, 3, 28), "hop-to"])
    saved = path.with_suffix(".tmp")
    book.save(saved)
    with zipfile.ZipFile(saved) as source, zipfile.ZipFile(path, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "docProps/core.xml":
                text = data.decode("utf-8")
                start = text.index("<dcterms:modified")
                end = text.index("</dcterms:modified>") + len("</dcterms:modified>")
                element = f'<dcterms:modified xsi:type="dcterms:W3CDTF">{modified}'
                new = "" if modified is None else element + "</dcterms:modified>"
                data = (text[:start] + new + text[end:]).encode("utf-8")
            target.writestr(info, data)
    saved.unlink()
    return path


def _recorded(path: Path, received: dt.date | None = None) -> Submission:
    result = danvan.read_dataset(path, record_submissions=True, received=received)
    (submission,) = result.dataset.submissions
    return submission


def test_a_workbook_read_is_recorded_with_its_team_period_name_and_hash(tmp_path: Path) -> None:
    path = _team_workbook(tmp_path / "to-moc-4.xlsx", "2022-04-05T02:30:00Z")
    submission = _recorded(path)
    assert submission.reporter == "to-moc-4"
    assert (submission.start, submission.end) == (dt.date(2022, 3, 3), dt.date(2022, 3, 28))
    assert submission.file == "to-moc-4.xlsx"
    assert submission.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert submission.provenance is not None
    assert submission.provenance.source == str(path)


def test_the_received_day_is_the_workbooks_last_saved_day_in_vietnam(tmp_path: Path) -> None:
    morning = _team_workbook(tmp_path / "sang.xlsx", "2022-04-05T02:30:00Z")
    evening = _team_workbook(tmp_path / "toi.xlsx", "2022-04-05T20:00:00Z")  # 03:00 on the 6th
    assert _recorded(morning).received == dt.date(2022, 4, 5)
    assert _recorded(evening).received == dt.date(2022, 4, 6)


def test_the_received_option_wins_over_the_workbooks_day(tmp_path: Path) -> None:
    path = _team_workbook(tmp_path / "to-moc-4.xlsx", "2022-04-05T02:30:00Z")
    assert _recorded(path, received=dt.date(2022, 4, 10)).received == dt.date(2022, 4, 10)


def test_no_day_written_anywhere_gives_none_never_the_clock(tmp_path: Path) -> None:
    path = _team_workbook(tmp_path / "to-moc-4.xlsx", None)
    assert _recorded(path).received is None


def test_a_day_typed_in_the_files_own_submissions_sheet_comes_before_its_metadata(
    tmp_path: Path,
) -> None:
    path = tmp_path / "to-moc-4.xlsx"
    typed = Submission(id="nop-1", reporter="to-moc-4", received=dt.date(2022, 4, 7))
    activity = Activity(
        id="hd-1", team="to-moc-4", village="ban-moc-4", date=dt.date(2022, 3, 3), type="hop-to"
    )
    danvan.export(
        danvan.dataset_bundle(Dataset(activities=(activity,), submissions=(typed,))), path
    )
    result = danvan.read_dataset(path, record_submissions=True)
    typed_back, recorded = result.dataset.submissions
    assert typed_back.id == "nop-1"
    assert recorded.received == dt.date(2022, 4, 7)
    assert recorded.reporter == "to-moc-4"


def test_a_file_of_several_teams_names_no_reporter_and_says_so(tmp_path: Path) -> None:
    days = (dt.date(2022, 3, 3), dt.date(2022, 3, 9))
    activities = tuple(
        Activity(id=f"hd-{n}", team=team, village="ban-1", date=day, type="hop-to")
        for n, (team, day) in enumerate(zip(("to-1", "to-2"), days, strict=True))
    )
    path = tmp_path / "xa.json"
    danvan.export(danvan.dataset_bundle(Dataset(activities=activities)), path)
    submission = _recorded(path)
    assert submission.reporter is None
    assert "reporter not told: 2 teams" in submission.note
    assert (submission.start, submission.end) == days
    assert submission.received is None


def test_a_commune_workbook_of_several_teams_is_the_communes_report(tmp_path: Path) -> None:
    units = (
        AdminUnit("xa-cha-nua", "Chà Nưa", Level.COMMUNE),
        AdminUnit("ban-1", "Nà Sự", Level.VILLAGE, parent="xa-cha-nua"),
        AdminUnit("ban-2", "Nậm Chua", Level.VILLAGE, parent="xa-cha-nua"),
    )
    activities = tuple(
        Activity(
            id=f"hd-{n}",
            team=f"to-{n}",
            village=f"ban-{n}",
            date=dt.date(2022, 3, n),
            type="hop-to",
        )
        for n in (1, 2)
    )
    path = tmp_path / "xa-cha-nua.xlsx"
    danvan.export(danvan.dataset_bundle(Dataset(units=units, activities=activities)), path)
    submission = _recorded(path, received=dt.date(2022, 4, 5))
    assert submission.reporter == "xa-cha-nua"
    assert submission.note == ""


def test_reading_records_nothing_unless_asked(tmp_path: Path) -> None:
    path = _team_workbook(tmp_path / "to-moc-4.xlsx", "2022-04-05T02:30:00Z")
    assert danvan.read_dataset(path).dataset.submissions == ()


def test_a_reporter_that_is_nobody_and_days_reversed_are_findings() -> None:
    wrong = attrs.evolve(SENT, reporter="to-khong-co", start=SENT.end, end=SENT.start)
    codes = {f.code for f in danvan.validate(Dataset(submissions=(wrong,)))}
    assert {"DV103", "DV306"} <= codes


def test_a_submission_replaces_one_the_dataset_holds() -> None:
    first = Submission("nop-1", file="xa.xlsx")
    again = Submission("nop-2", file="xa-sua.xlsx", replaces="nop-1")
    stray = Submission("nop-3", file="xa-sua-lai.xlsx", replaces="nop-9")
    report = danvan.validate(Dataset(submissions=(first, again, stray)))
    (unknown,) = [f for f in report if f.code == "DV110"]
    assert (unknown.location.record_id, unknown.location.field) == ("nop-3", "replaces")
    assert unknown.message.vi == "Lần nộp này thay lần nộp nop-9, không có trong dữ liệu"
