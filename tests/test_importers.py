"""Importers: sheets as communes type them, headers in either language, every bad cell located."""

from __future__ import annotations

import datetime as dt
import io
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
import xlsxwriter
from hypothesis import given
from hypothesis import strategies as st

from danvan import read_dataset
from danvan.findings import Finding, Severity
from danvan.importers.base import Importer, ImportOptions, RawImport, RawSheet
from danvan.importers.tabular import cell_reader
from danvan.labels import Label
from danvan.layout import ACTIVITIES
from danvan.model import FundingSource, Status
from danvan.plugins import available_importers, make_plugin_manager
from danvan.text import encode_legacy, normalize

HEADER_VI = ["Mã", "Mã tổ", "Mã bản", "Ngày", "Loại hoạt động", "Nội dung"]
HEADER_EN = ["Id", "Team id", "Village id", "Date", "Activity type", "Title"]


def workbook(path: Path, sheets: dict[str, Sequence[Sequence[Any]]]) -> Path:
    """A workbook typed by hand: each sheet's rows written as given (dates as dates)."""
    book = xlsxwriter.Workbook(path)
    date_format = book.add_format({"num_format": "dd/mm/yyyy"})
    for name, rows in sheets.items():
        sheet = book.add_worksheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if isinstance(value, dt.date):
                    sheet.write_datetime(r, c, value, date_format)
                elif isinstance(value, str):
                    sheet.write_string(r, c, value)
                elif value is not None:
                    sheet.write(r, c, value)
    book.close()
    return path


def only(findings: Sequence[Finding], code: str) -> Finding:
    matching = [f for f in findings if f.code == code]
    assert len(matching) == 1, [str(f) for f in findings]
    return matching[0]


def test_vietnamese_headers_in_any_case_spacing_and_diacritics(tmp_path: Path) -> None:
    header = ["MÃ", "ma  to", "Mã Bản", "ngay", "loai hoat dong", "NỘI DUNG"]
    path = workbook(
        tmp_path / "xa.xlsx",
        {"Hoat dong": [header, ["a1", "t1", "v1", dt.date(2022, 3, 15), "meeting", "Họp tổ"]]},
    )
    result = read_dataset(path)
    assert result.report.findings == ()
    (activity,) = result.dataset.activities
    assert (activity.id, activity.team, activity.date) == ("a1", "t1", dt.date(2022, 3, 15))
    assert activity.provenance is not None
    assert (activity.provenance.sheet, activity.provenance.row) == ("Hoat dong", 2)


def test_english_headers_and_a_sheet_named_otherwise_are_recognised(tmp_path: Path) -> None:
    path = workbook(
        tmp_path / "x.xlsx",
        {"Sheet1": [HEADER_EN, ["a1", "t1", "v1", "15/03/2022", "meeting", "Meeting"]]},
    )
    result = read_dataset(path)
    assert [a.id for a in result.dataset.activities] == ["a1"]


def test_a_title_row_above_the_header_is_skipped(tmp_path: Path) -> None:
    path = workbook(
        tmp_path / "x.xlsx",
        {
            "Hoạt động": [
                ["BÁO CÁO HOẠT ĐỘNG THÁNG 3/2022"],
                [],
                HEADER_VI,
                ["a1", "t1", "v1", "15/03/2022", "meeting", ""],
            ]
        },
    )
    (activity,) = read_dataset(path).dataset.activities
    assert activity.provenance is not None
    assert activity.provenance.row == 4


def test_an_unknown_column_is_a_warning_at_its_header_cell(tmp_path: Path) -> None:
    path = workbook(
        tmp_path / "x.xlsx",
        {
            "Hoạt động": [
                [*HEADER_VI, "Ghi chu them"],
                ["a1", "t1", "v1", "15/03/2022", "m", "", "?"],
            ]
        },
    )
    result = read_dataset(path)
    finding = only(result.report.findings, "DV604")
    assert finding.severity is Severity.WARNING
    location = finding.location
    assert (location.source, location.sheet, location.row) == (str(path), "Hoạt động", 1)
    assert location.column == "Ghi chu them"
    assert len(result.dataset.activities) == 1


def test_a_missing_required_column_is_an_error_and_the_table_is_not_imported(
    tmp_path: Path,
) -> None:
    path = workbook(
        tmp_path / "x.xlsx",
        {"Hoạt động": [HEADER_VI[:3] + HEADER_VI[4:], ["a1", "t1", "v1", "meeting", ""]]},
    )
    result = read_dataset(path)
    finding = only(result.report.findings, "DV605")
    assert finding.severity is Severity.ERROR
    assert finding.location.field == "date"
    assert (finding.location.sheet, finding.location.row) == ("Hoạt động", 1)
    assert "Ngày / Date" in finding.message.en
    assert result.dataset.activities == ()


def test_bad_cells_are_located_and_a_bad_required_cell_skips_the_row(tmp_path: Path) -> None:
    header = [*HEADER_VI, "Số người tham gia"]
    path = workbook(
        tmp_path / "x.xlsx",
        {
            "Hoạt động": [
                header,
                ["a1", "t1", "v1", "31/02/2022", "meeting", "", 10],
                ["a2", "t1", "v1", "01/03/2022", "meeting", "", "nhiều"],
                ["a3", "t1", "", "02/03/2022", "meeting", "", 3],
            ]
        },
    )
    result = read_dataset(path)
    (impossible,) = [f for f in result.report.findings if f.location.field == "participants"]
    assert impossible.code == "DV610"
    assert impossible.location.row == 3
    assert impossible.location.column == "Số người tham gia"
    assert impossible.location.record_id == "a2"
    assert impossible.location.record_kind == "activity"
    date_error = [f for f in result.report.findings if f.location.field == "date"]
    assert [f.code for f in date_error] == ["DV610"]
    assert date_error[0].location.row == 2
    assert "không tồn tại" in date_error[0].message.vi
    missing = only(result.report.findings, "DV611")
    assert (missing.location.row, missing.location.column) == (4, "Mã bản")
    assert [a.id for a in result.dataset.activities] == ["a2"]
    assert result.dataset.activities[0].participants is None


@pytest.mark.parametrize(
    ("written", "amount"),
    [
        ("27.000.000", 27_000_000),
        ("27 triệu đồng", 27_000_000),
        ("1,2 tỷ", 1_200_000_000),
        ("500k", 500_000),
        (27_000_000, 27_000_000),
        (27_000_000.0, 27_000_000),
    ],
)
def test_money_as_people_write_it(tmp_path: Path, written: object, amount: int) -> None:
    path = workbook(
        tmp_path / "x.xlsx",
        {
            "Hoạt động": [HEADER_VI, ["a1", "t1", "v1", "15/03/2022", "gift", ""]],
            "Kinh phí hoạt động": [
                ["Mã hoạt động", "Nguồn kinh phí", "Số tiền (đồng)"],
                ["a1", "Xã hội hóa", written],
            ],
        },
    )
    result = read_dataset(path)
    assert result.report.findings == ()
    (funding,) = result.dataset.activities[0].funding
    assert (funding.source, funding.amount) == (FundingSource.SOCIETY, amount)


@pytest.mark.parametrize("written", ["khoảng 27 triệu", "1.500 triệu", "-500.000", 1.5])
def test_money_that_is_ambiguous_or_approximate_is_never_guessed(
    tmp_path: Path, written: object
) -> None:
    path = workbook(
        tmp_path / "x.xlsx",
        {
            "Hoạt động": [HEADER_VI, ["a1", "t1", "v1", "15/03/2022", "gift", ""]],
            "Kinh phí hoạt động": [
                ["Mã hoạt động", "Nguồn kinh phí", "Số tiền (đồng)"],
                ["a1", "society", written],
            ],
        },
    )
    result = read_dataset(path)
    finding = only(result.report.findings, "DV610")
    assert (finding.location.sheet, finding.location.row) == ("Kinh phí hoạt động", 2)
    assert finding.location.record_id == "a1"
    assert result.dataset.activities[0].funding == ()


@pytest.mark.parametrize(
    "written",
    [dt.date(2022, 2, 24), "24/02/2022", "24-02-2022", "ngày 24 tháng 02 năm 2022", "2022-02-24"],
)
def test_dates_as_people_write_them(tmp_path: Path, written: object) -> None:
    path = workbook(
        tmp_path / "x.xlsx", {"Hoạt động": [HEADER_VI, ["a1", "t1", "v1", written, "m", ""]]}
    )
    assert read_dataset(path).dataset.activities[0].date == dt.date(2022, 2, 24)


def test_a_two_digit_year_is_ambiguous(tmp_path: Path) -> None:
    path = workbook(
        tmp_path / "x.xlsx", {"Hoạt động": [HEADER_VI, ["a1", "t1", "v1", "24/02/22", "m", ""]]}
    )
    result = read_dataset(path)
    assert "hai chữ số" in only(result.report.findings, "DV610").message.vi


def test_enums_by_value_or_by_label_in_either_language(tmp_path: Path) -> None:
    header = [*HEADER_VI, "Trạng thái"]
    rows = [
        [f"a{k}", "t1", "v1", "15/03/2022", "m", "", status]
        for k, status in enumerate(["done", "PLANNED", "cancelled", "Đã hủy", ""])
    ]
    path = workbook(tmp_path / "x.xlsx", {"Hoạt động": [header, *rows]})
    result = read_dataset(path)
    assert [a.status for a in result.dataset.activities] == [
        Status.DONE,
        Status.PLANNED,
        Status.CANCELLED,
        Status.DONE,
        Status.DONE,
    ]
    assert "Đã hủy" in only(result.report.findings, "DV610").message.vi


def test_text_is_normalised_and_reported_as_information(tmp_path: Path) -> None:
    decomposed = "Ho\u0300a  Bi\u0300nh "
    path = workbook(
        tmp_path / "x.xlsx",
        {"Hoạt động": [HEADER_VI, ["a1", "t1", "v1", "15/03/2022", "m", decomposed]]},
    )
    result = read_dataset(path)
    assert result.dataset.activities[0].title == "Hòa Bình"
    codes = {f.code for f in result.report.findings}
    assert codes == {"DV501", "DV503"}
    assert all(f.severity is Severity.INFO for f in result.report.findings)
    assert all(f.location.column == "Nội dung" for f in result.report.findings)


@pytest.mark.parametrize("encoding", ["TCVN3", "VNI"])
def test_legacy_encoded_text_is_a_warning_with_the_likely_text(
    tmp_path: Path, encoding: str
) -> None:
    original = "Tuyên truyền phòng chống ma túy tại bản Mốc"
    mojibake = encode_legacy(original, encoding)  # type: ignore[arg-type]
    path = workbook(
        tmp_path / "x.xlsx",
        {"Hoạt động": [HEADER_VI, ["a1", "t1", "v1", "15/03/2022", "m", mojibake]]},
    )
    finding = only(read_dataset(path).report.findings, "DV612")
    assert finding.severity is Severity.WARNING
    assert finding.location.row == 2
    assert finding.values["encoding"] == encoding
    assert finding.values["suggestion"].lower() == original.lower()


def test_a_csv_file_is_named_by_its_stem_and_formula_escapes_are_undone(tmp_path: Path) -> None:
    path = tmp_path / "activities.csv"
    path.write_text(
        "id,team,village,date,type,title\na1,t1,v1,2022-03-15,m,'=1+1\n", encoding="utf-8-sig"
    )
    result = read_dataset(path)
    assert result.report.findings == ()
    assert result.dataset.activities[0].title == "=1+1"
    assert result.dataset.activities[0].provenance is not None
    assert result.dataset.activities[0].provenance.row == 2


def test_a_semicolon_csv_in_windows_1258_is_read_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "hoat-dong.csv"
    text = ";".join(HEADER_EN) + "\r\na1;t1;v1;15/03/2022;m;Họp\r\n"
    # Windows-1258 writes the tone as a combining mark: "Ho" + dot below + "p".
    path.write_bytes(unicodedata.normalize("NFD", text).encode("cp1258"))
    result = read_dataset(path)
    assert only(result.report.findings, "DV614").severity is Severity.WARNING
    assert result.dataset.activities[0].title == "Họp"


def test_hook_danvan_importers(tmp_path: Path) -> None:
    def read_lines(stream: Any, source: str, options: ImportOptions) -> RawImport:
        rows = [line.split("|") for line in stream.read().decode().splitlines()]
        return RawImport(sheets=[RawSheet(name=None, hint="units", rows=rows)])

    lines = Importer(
        name="lines",
        suffixes=(".lines",),
        description=Label("Dòng phân cách bằng |", "Pipe-separated lines"),
        read=read_lines,
    )

    class Plugin:
        from danvan.plugins import hookimpl

        @staticmethod
        @hookimpl
        def danvan_importers() -> list[Importer]:
            return [lines]

    pm = make_plugin_manager(load_entrypoints=False, extra_plugins={"lines": Plugin()})
    assert available_importers(pm)["lines"] is lines
    path = tmp_path / "units.lines"
    path.write_text("id|name|level\nx1|Xã Nậm Tin|commune\n", encoding="utf-8")
    result = read_dataset(path, plugin_manager=pm)
    assert [u.name for u in result.dataset.units] == ["Xã Nậm Tin"]


def test_the_built_in_importers_are_ordinary_plugins() -> None:
    importers = available_importers(make_plugin_manager(load_entrypoints=False))
    assert sorted(importers) == ["csv", "datapackage", "json", "parquet", "xlsx"]
    assert importers["xlsx"].matches("Xa Nam Tin.XLSX") == ".xlsx"


def test_a_json_export_of_the_tables_is_read_like_a_workbook() -> None:
    document = (
        b'{"metadata": {}, "tables": [{"name": "units", "columns": [{"name": "id"}, '
        b'{"name": "name"}, {"name": "level"}], "rows": [["x1", "X\\u00e3 N\\u1eadm Tin", '
        b'"commune"], {"id": "x2", "name": "B", "level": [1]}]}]}'
    )
    from danvan.importers.json import read_json

    raw = read_json(io.BytesIO(document), "t.json", ImportOptions())
    assert [sheet.name for sheet in raw.sheets] == ["units"]
    assert raw.sheets[0].rows[1] == ["x1", "Xã Nậm Tin", "commune"]


def test_rows_are_numbered_as_excel_shows_them_after_empty_leading_rows(tmp_path: Path) -> None:
    path = workbook(
        tmp_path / "x.xlsx",
        {"Hoạt động": [[], [], HEADER_VI, ["a1", "t1", "v1", "15/03/2022", "m", "Họp"]]},
    )
    (activity,) = read_dataset(path).dataset.activities
    assert activity.provenance is not None
    assert activity.provenance.row == 4


vietnamese = st.text(
    alphabet=st.sampled_from("aăâeêioôơuưy hoaqutuyêùúủũụàáảãạ\u0300\u0301\u0309 \t.,-Đđ"),
    max_size=20,
)


@given(vietnamese)
def test_cells_are_normalised_exactly_as_danvan_text_does(text: str) -> None:
    (title,) = [c for c in ACTIVITIES.columns if c.name == "title"]
    assert cell_reader(title)(text, False)[0] == normalize(text)
