"""Every finding about imported data points to its cell: file, sheet, row, column letter and header.

The workbooks are written by XlsxWriter (an independent writer), their columns
in an order the template never uses (reversed, and the activities shifted two
columns right), so that a finding naming the template's column would be caught.
A quantity or a funding line is found on its own sheet and row, not on its
activity's. The same data as a dataset document names each field by its JSON
pointer; as a folder of CSV files, by its file, row, letter and header.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path
from typing import Any

import orjson
import pytest
import xlsxwriter
from hypothesis import given, settings
from xlsxwriter.utility import xl_col_to_name

from danvan import dataset_from_json, dataset_to_json, load_checked, read_dataset, validate
from danvan.bundled import default_catalog
from danvan.findings import Location, ValidationReport
from danvan.loading import dataset_from_normal, normalize_strings, structure_if_clean
from danvan.model import Dataset, Provenance
from tests import strategies

AS_OF = dt.date(2022, 12, 31)

# Each sheet: its name, its headers in the order written, and its rows by header.
UNITS = (
    "Đơn vị hành chính",
    ["Mã hành chính", "Mã đơn vị cấp trên", "Cấp", "Tên đơn vị", "Mã"],
    [
        {"Mã": "p11", "Tên đơn vị": "Điện Biên", "Cấp": "province", "Mã hành chính": "11"},
        {"Mã": "d103", "Tên đơn vị": "Nậm Pồ", "Cấp": "district", "Mã đơn vị cấp trên": "p11"},
        {"Mã": "x03156", "Tên đơn vị": "Nậm Tin", "Cấp": "commune", "Mã đơn vị cấp trên": "d103"},
        {"Mã": "ban-1", "Tên đơn vị": "Mốc 4", "Cấp": "village", "Mã đơn vị cấp trên": "x03156"},
    ],
)
TEAMS = (
    "Tổ Dân vận",
    ["Ngày thành lập", "Tên tổ", "Mã"],
    [{"Mã": "to-1", "Tên tổ": "Tổ Dân vận bản Mốc 4", "Ngày thành lập": "2021-12-15"}],
)
TEAM_VILLAGES = (
    "Địa bàn phụ trách",
    ["Từ ngày", "Mã bản", "Mã tổ"],
    [{"Mã tổ": "to-1", "Mã bản": "ban-1", "Từ ngày": "2021-12-15"}],
)
ACTIVITIES = (
    "Hoạt động",
    ["Nội dung", "Loại hoạt động", "Ngày", "Mã bản", "Mã tổ", "Mã"],
    [
        {"Mã": "hd-1", "Mã tổ": "to-1", "Ngày": "2022-03-10", "Loại hoạt động": "dissemination"},
        {"Mã": "hd-2", "Mã tổ": "to-1", "Ngày": "2022-04-10", "Loại hoạt động": "gift_giving"},
        {"Mã": "hd-3", "Mã tổ": "to-9", "Ngày": "2022-05-10", "Loại hoạt động": "dissemination"},
        {"Mã": "hd-4", "Mã tổ": "to-1", "Ngày": "2023-02-01", "Loại hoạt động": "dissemination"},
        {"Mã": "hd-1", "Mã tổ": "to-1", "Ngày": "2022-06-10", "Loại hoạt động": "review"},
    ],
)
QUANTITIES = (
    "Chỉ tiêu hoạt động",
    ["Đơn vị tính", "Giá trị", "Mã chỉ tiêu", "Mã hoạt động"],
    [
        {"Mã hoạt động": "hd-1", "Mã chỉ tiêu": "sessions", "Giá trị": 1},
        {"Mã hoạt động": "hd-2", "Mã chỉ tiêu": "gift_packages_children", "Giá trị": -100},
        {"Mã hoạt động": "hd-2", "Mã chỉ tiêu": "khong_co", "Giá trị": 5},
    ],
)
FUNDING = (
    "Kinh phí hoạt động",
    ["Số tiền (đồng)", "Nguồn kinh phí", "Mã hoạt động"],
    [{"Mã hoạt động": "hd-2", "Nguồn kinh phí": "society", "Số tiền (đồng)": -5000}],
)
SHEETS = (UNITS, TEAMS, TEAM_VILLAGES, ACTIVITIES, QUANTITIES, FUNDING)
#: Columns left empty before the activities' table (the reader drops them: the letters must not).
SHIFT = {"Hoạt động": 2}

#: (code, sheet, row, header) of each fault of the data above; rows as Excel shows them.
EXPECTED = {
    ("DV405", "Chỉ tiêu hoạt động", 3, "Giá trị"),  # a negative quantity, on its own sheet
    ("DV108", "Chỉ tiêu hoạt động", 4, "Mã chỉ tiêu"),  # an unknown indicator
    # A negative amount is refused by the cell reader, at the funding line's own cell.
    ("DV610", "Kinh phí hoạt động", 2, "Số tiền (đồng)"),
    ("DV404", "Hoạt động", 5, "Ngày"),  # done after the report date
    ("DV101", "Hoạt động", 6, "Mã"),  # an id twice
    ("DV103", "Hoạt động", 4, "Mã tổ"),  # a team that does not exist
}


def _letter(sheet: str, header: str) -> str:
    """The letter XlsxWriter puts ``header`` under: its place in the order written, shifted."""
    headers = next(h for name, h, _ in SHEETS if name == sheet)
    return xl_col_to_name(SHIFT.get(sheet, 0) + headers.index(header))


def _cell(value: Any) -> Any:
    return dt.date.fromisoformat(value) if isinstance(value, str) and value[:2] == "20" else value


def _write_workbook(path: Path) -> None:
    book = xlsxwriter.Workbook(str(path))
    dates = book.add_format({"num_format": "dd/mm/yyyy"})
    text = book.add_format({"num_format": "@"})
    for name, headers, rows in SHEETS:
        page = book.add_worksheet(name)
        left = SHIFT.get(name, 0)
        page.write_row(0, left, headers)
        for number, row in enumerate(rows, start=1):
            for index, header in enumerate(headers):
                value = _cell(row.get(header, "ban-1" if header == "Mã bản" else None))
                if value is None:
                    continue
                if isinstance(value, dt.date):
                    page.write_datetime(number, left + index, value, dates)
                elif isinstance(value, str):
                    page.write_string(number, left + index, value, text)
                else:
                    page.write_number(number, left + index, value)
    book.close()


def _findings(path: Path) -> ValidationReport:
    result = read_dataset(path)
    return result.report + validate(result.dataset, as_of=AS_OF)


@pytest.fixture
def workbook(tmp_path: Path) -> Path:
    path = tmp_path / "bao_cao.xlsx"
    _write_workbook(path)
    return path


def test_a_quantity_is_found_on_its_own_sheet_and_row(workbook: Path) -> None:
    activity = read_dataset(workbook).dataset.activities[1]
    negative = activity.quantities[0]
    assert negative.value == -100
    assert negative.provenance is not None
    assert (negative.provenance.sheet, negative.provenance.row) == ("Chỉ tiêu hoạt động", 3)
    assert activity.provenance is not None
    assert (activity.provenance.sheet, activity.provenance.row) == ("Hoạt động", 3)


def test_each_finding_names_sheet_row_letter_and_header_as_typed(workbook: Path) -> None:
    report = _findings(workbook)
    wanted = {code for code, *_ in EXPECTED}
    found = [f for f in report if f.code in wanted]
    assert {(f.code, f.location.sheet, f.location.row, f.location.column) for f in found} == (
        EXPECTED
    )
    for finding in found:
        where = finding.location
        assert where.sheet is not None
        assert where.column is not None
        assert where.letter == _letter(where.sheet, where.column), finding.code
        assert where.source is not None
        assert where.source.endswith("bao_cao.xlsx")
        assert f"column {where.letter} ({where.column})" in str(where)
        assert where.pointer is None  # a cell of a sheet, not a place in a document


def test_the_team_a_village_line_names_is_at_its_own_row(tmp_path: Path) -> None:
    path = tmp_path / "to.xlsx"
    _write_workbook(path)
    team = read_dataset(path).dataset.teams[0]
    (line,) = team.villages
    assert line.provenance is not None
    assert (line.provenance.sheet, line.provenance.row) == ("Địa bàn phụ trách", 2)
    assert line.provenance.column("village") == (_letter("Địa bàn phụ trách", "Mã bản"), "Mã bản")


def test_one_column_map_serves_every_record_of_a_sheet(workbook: Path) -> None:
    """The column map is shared, not copied per record: memory stays flat."""
    activities = read_dataset(workbook).dataset.activities
    maps = {id(a.provenance.columns) for a in activities if a.provenance is not None}
    assert len(maps) == 1


# The same data as a dataset document: each finding names its JSON pointer.


def _document() -> dict[str, Any]:
    activities: list[dict[str, Any]] = []
    for row in ACTIVITIES[2]:
        activities.append(
            {
                "id": row["Mã"],
                "team": row["Mã tổ"],
                "village": "ban-1",
                "date": row["Ngày"],
                "type": row["Loại hoạt động"],
            }
        )
    for row in QUANTITIES[2]:
        owner = next(a for a in activities if a["id"] == row["Mã hoạt động"])
        owner.setdefault("quantities", []).append(
            {"indicator": row["Mã chỉ tiêu"], "value": row["Giá trị"]}
        )
    activities[1]["funding"] = [{"source": "society", "amount": -5000}]
    return {
        "format": "danvan.dataset/1",
        "units": [
            {"id": "p11", "name": "Điện Biên", "level": "province", "code": "11"},
            {"id": "d103", "name": "Nậm Pồ", "level": "district", "parent": "p11"},
            {"id": "x03156", "name": "Nậm Tin", "level": "commune", "parent": "d103"},
            {"id": "ban-1", "name": "Mốc 4", "level": "village", "parent": "x03156"},
        ],
        "teams": [
            {
                "id": "to-1",
                "name": "Tổ Dân vận bản Mốc 4",
                "established": "2021-12-15",
                "villages": [{"village": "ban-1", "valid_from": "2021-12-15"}],
            }
        ],
        "activities": activities,
    }


POINTERS = {
    ("DV405", "/activities/1/quantities/0/value"),
    ("DV108", "/activities/1/quantities/1/indicator"),
    ("DV406", "/activities/1/funding/0/amount"),
    ("DV404", "/activities/3/date"),
    ("DV101", "/activities/4/id"),
    ("DV103", "/activities/2/team"),
}


def test_a_finding_about_a_document_names_its_json_pointer(tmp_path: Path) -> None:
    path = tmp_path / "bao_cao.json"
    path.write_text(json.dumps(_document(), ensure_ascii=False), encoding="utf-8")
    report = _findings(path)
    wanted = {code for code, _ in POINTERS}
    assert {(f.code, f.location.pointer) for f in report if f.code in wanted} == POINTERS
    assert all(f.location.row is None for f in report if f.code in wanted)


def test_a_field_that_does_not_fit_names_its_json_pointer(tmp_path: Path) -> None:
    document = _document()
    document["activities"][2]["participants"] = "nhiều"
    path = tmp_path / "sai.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    (invalid,) = [f for f in read_dataset(path).report if f.code == "DV011"]
    assert invalid.location.pointer == "/activities/2/participants"


def test_a_dataset_built_in_code_is_pointed_to_as_its_document_would_be() -> None:
    """The pointer is the field's place in the dataset's JSON form, from the rule's own walk."""
    dataset = dataset_from_json(json.dumps(_document()))
    report = validate(dataset, as_of=AS_OF)
    pointers = {(f.code, f.location.pointer) for f in report}
    assert pointers >= POINTERS


# The same data as a folder of CSV files: the sheet is the file.


def test_a_folder_of_csv_files_names_file_row_letter_and_header(tmp_path: Path) -> None:
    folder = tmp_path / "xa_nam_tin"
    folder.mkdir()
    for name, headers, rows in SHEETS:
        with (folder / f"{name}.csv").open("w", encoding="utf-8", newline="") as stream:
            writer = csv.writer(stream)
            writer.writerow(headers)
            for row in rows:
                writer.writerow([row.get(h, "ban-1" if h == "Mã bản" else "") for h in headers])
    report = _findings(folder)
    wanted = {code for code, *_ in EXPECTED}
    found = {f.code: f.location for f in report if f.code in wanted}
    assert set(found) == wanted
    for code, sheet, row, header in EXPECTED:
        where = found[code]
        assert where.source is not None, code
        assert where.source.endswith(f"{sheet}.csv"), code
        assert (where.row, where.column) == (row, header), code
        assert where.letter == xl_col_to_name(
            next(h for n, h, _ in SHEETS if n == sheet).index(header)
        ), code


# Location stays what it was for those who built one by hand.


def test_a_location_built_by_hand_is_unchanged() -> None:
    where = Location(source="a.xlsx", sheet="S", row=3, column="Giá trị")
    assert where.letter is None
    assert where.pointer is None
    assert str(where) == "a.xlsx, sheet S, row 3, column Giá trị"
    place = Provenance(source="a.xlsx", sheet="S", row=3, columns={"value": ("G", "Giá trị")})
    assert place == Provenance(source="a.xlsx", sheet="S", row=3)
    assert Location.of("quantity", "q", place, field="value").letter == "G"


# A line's place travels with it, through JSON and both roads of loading.


def _places(dataset: Dataset) -> list[Any]:
    """Every line's provenance, compared field by field (equality of lines leaves it out)."""
    lines = [
        *(q.provenance for a in dataset.activities for q in a.quantities),
        *(f.provenance for a in dataset.activities for f in a.funding),
        *(v.provenance for t in dataset.teams for v in t.villages),
    ]
    return [None if p is None else (p.source, p.sheet, p.row, p.illustrative) for p in lines]


@settings(max_examples=40, deadline=None)
@given(dataset=strategies.datasets)
def test_a_lines_place_survives_json_by_either_road(dataset: Dataset) -> None:
    raw = orjson.loads(dataset_to_json(dataset))
    # The columns are a reading aid, not data: no key names them (a text may say "columns").
    assert '"columns":' not in json.dumps(raw)
    normal, changes = normalize_strings(raw)
    full = dataset_from_normal(raw, normal, catalog=default_catalog())
    assert _places(full) == _places(dataset)
    quick = structure_if_clean(raw, catalog=default_catalog())
    if not changes:
        assert quick is not None
        assert _places(quick) == _places(dataset)


def test_a_document_naming_the_columns_of_a_place_is_refused() -> None:
    document = _document()
    document["activities"][0]["provenance"] = {"row": 2, "columns": {"id": ["A", "Mã"]}}
    dataset, report = load_checked(json.dumps(document))
    assert dataset is None
    assert [(f.code, f.location.pointer) for f in report] == [
        ("DV012", "/activities/0/provenance/columns")
    ]
