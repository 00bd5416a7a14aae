"""The README's promise, code by code: every problem with its file, sheet, row and column.

Every built-in code that concerns imported data is either in ``AT_A_CELL``
(a finding of it about a record read from a sheet names the column's letter
and its header as typed) or in ``NO_COLUMN`` with the reason it cannot name
one. A workbook written by XlsxWriter, made faulty in every way the first
list knows, shows each of them at its column.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from pathlib import Path
from typing import Any

import xlsxwriter
from xlsxwriter.utility import xl_col_to_name

from danvan import read_dataset, validate
from danvan.findings import ValidationReport, codes

#: Codes whose findings about a record read from a sheet name the cell's column.
AT_A_CELL = frozenset(
    {
        *("DV101", "DV102", "DV103", "DV104", "DV105", "DV106", "DV107", "DV108", "DV109"),
        *("DV110", "DV111", "DV112", "DV113"),
        *("DV201", "DV202", "DV203", "DV204", "DV205", "DV206", "DV207"),
        *("DV305", "DV306", "DV311"),
        *("DV401", "DV402", "DV403", "DV404", "DV405", "DV407", "DV408"),
        *("DV501", "DV503", "DV504"),
        *("DV604", "DV606", "DV608", "DV609", "DV610", "DV611", "DV613", "DV617"),
    }
)
#: Codes that concern imported data but name no column, and why.
NO_COLUMN = {
    # The file or document refused whole, before any cell is read.
    "DV001": "not JSON: the whole file",
    "DV002": "not a dataset document: the whole file",
    "DV601": "a file that cannot be read",
    "DV602": "a file of no known format",
    "DV614": "a file not in UTF-8: the whole file",
    "DV615": "no table in the file",
    "DV616": "no record in the file",
    "DV620": "an archive that inflates too much",
    "DV621": "an archive member that inflates too many times",
    "DV622": "an empty archive",
    "DV623": "an archive member named twice",
    "DV626": "JSON nested too deep: refused before it is parsed",
    "DV627": "the reader was stopped: nothing of the file was read",
    "DV630": "not a regular file",
    "DV631": "a link out of the folder",
    "DV632": "an empty file",
    # A sheet or a header, not a cell.
    "DV603": "a sheet that matches no table: the whole sheet",
    "DV605": "a required column that is not there: it names the header it wants, no letter",
    "DV607": "an empty sheet",
    "DV624": "a sheet beyond the limits, left out before its cells are read",
    "DV633": "a quote left open: the row it opens, before it has columns",
    "DV628": "counts findings left out, it is about none of them",
    # A place in a JSON document: named by its JSON pointer instead.
    "DV010": "a required field missing in a document: its JSON pointer",
    "DV011": "a value that does not fit, in a document: its JSON pointer",
    "DV012": "an unknown field in a document: its JSON pointer",
    "DV634": "a key written twice in a document: its JSON pointer",
    # About a record or a span of time as a whole, not one of its cells.
    "DV208": "units whose successions loop: no one cell",
    "DV209": "a name that fits several units: a look-up, not a cell read",
    "DV210": "a level abolished on the report's day: about the report",
    "DV211": "a unit a report cannot place on its day: about the report",
    "DV301": "a team without a leader for a span of days",
    "DV302": "two leaders at once: two rows, the span they overlap",
    "DV303": "a membership outside its team's life: its span as a whole",
    "DV304": "a member twice in a team: two rows",
    "DV310": "a month without a meeting: a record that is not there",
    "DV409": "two activities alike in every column: the whole row",
}
#: Codes at a cell as well, made by the same cell reader as DV501, tested where they are made.
AT_A_CELL_ELSEWHERE = {
    "DV502": "tone marks placed another way: test_text_roads",
    "DV612": "legacy-encoded text: test_importers",
    "DV625": "a text too long: test_limits",
    # A negative amount in a sheet is a DV610 at its cell: the line is never made.
    "DV406": "from a document only (its JSON pointer): test_findings_point_to_cells",
}
NOT_IMPORTED = {"DV999": "a rule that failed: a bug, not the data"}


def test_every_code_is_at_a_cell_or_says_why_not() -> None:
    declared = {code.id for code in codes.BUILTIN}
    kinds = [AT_A_CELL, set(NO_COLUMN), set(AT_A_CELL_ELSEWHERE), set(NOT_IMPORTED)]
    assert sum(map(len, kinds)) == len(set().union(*kinds))  # each code in one list only
    assert declared == set().union(*kinds)


UNIT_HEADERS = [
    "Ghi chú lạ",  # no column of the table: DV604
    "Hiệu lực đến ngày",
    "Hiệu lực từ ngày",
    "Mã hành chính",
    "Mã đơn vị cấp trên",
    "Cấp",
    "Tên đơn vị",
    "Mã",
    "Tên đơn vị",  # twice: DV606
]


def _units() -> list[list[Any]]:
    """Rows in UNIT_HEADERS' order: note, until, from, code, parent, level, name, id."""
    day = dt.date
    return [
        [None, None, None, "11", None, "province", "Điện Biên", "p11"],
        [None, None, None, "103", "p11", "district", "Nậm Pồ", "d103"],
        ["lạ", day(2025, 12, 31), None, "03156", "d103", "commune", "Nậm Tin", "x1"],
        [None, None, None, None, "x1", "village", "Mốc 4", "ban-1"],
        [None, None, None, None, "x1", "village", "Huổi Hoi", "ban-3"],
        [None, None, None, None, "d103", "village", "Nà Sự", "ban-2"],  # DV203
        [None, None, None, None, "ban-1", "commune", "Xã lạ", "x2"],  # DV201
        [None, None, None, None, "x3b", "commune", "Vòng A", "x3a"],  # DV202 (and DV201)
        [None, None, None, None, "x3a", "commune", "Vòng B", "x3b"],
        [None, None, None, None, "khong-co", "commune", "Mồ côi", "x4"],  # DV102
        [None, day(2019, 1, 1), day(2020, 1, 1), None, "d103", "commune", "Ngược", "x5"],  # DV205
        [None, None, day(2020, 1, 1), None, "p11", "district", "Mới", "d104"],
        [None, None, day(2019, 1, 1), None, "d104", "commune", "Trước cha", "x6"],  # DV204
        [None, None, None, "03156", "d103", "commune", "Trùng mã", "x7"],  # DV206
        [None, None, None, 3187, "d103", "commune", "Chà Nưa", "x8"],  # DV609
        [None, None, None, "12a", "d103", "commune", "Mã sai", "x9"],  # DV617
        [None, None, None, None, "d103", "không rõ", "Cấp sai", "x11"],  # DV610
        [None, None, None, None, "d103", "commune", "Nậm  Nhừ", "x12"],  # DV503
        [None, None, None, None, "d103", "commune", "Nà\x01 Hỳ", "x13"],  # DV504
        [
            None,
            None,
            None,
            None,
            "d103",
            "commune",
            unicodedata.normalize("NFD", "Sín Thầu"),
            "x14",
        ],
    ]


SHEETS: list[tuple[str, list[str], list[list[Any]]]] = [
    (
        "Cơ quan, đơn vị",
        ["Mã địa bàn", "Loại cơ quan", "Tên cơ quan", "Mã"],
        [["khong-co", "front", "Hội Phụ nữ", "o-1"]],  # DV102
    ),
    (
        "Thành viên",
        ["Mã cơ quan", "Họ và tên", "Mã"],
        [["o-9", "Người A", "tv-1"]],  # DV105
    ),
    (
        "Tổ Dân vận",
        ["Ngày giải thể", "Ngày thành lập", "Tên tổ", "Mã"],
        [
            [None, dt.date(2021, 12, 15), "Tổ Mốc 4", "to-1"],
            [dt.date(2021, 1, 1), dt.date(2022, 1, 1), "Tổ ngược", "to-2"],  # DV306
        ],
    ),
    (
        "Địa bàn phụ trách",
        ["Đến ngày", "Từ ngày", "Mã bản", "Mã tổ"],
        [
            [None, dt.date(2021, 12, 15), "ban-1", "to-1"],
            [None, None, "ban-9", "to-1"],  # DV102
            [None, None, "x1", "to-1"],  # DV109
            [None, dt.date(2020, 1, 1), "ban-2", "to-1"],  # DV305
            [None, None, "ban-1", "to-3"],  # DV613
        ],
    ),
    (
        "Phân công thành viên",
        ["Đến ngày", "Từ ngày", "Vai trò", "Mã thành viên", "Mã tổ", "Mã"],
        [
            [None, dt.date(2021, 12, 15), "leader", "tv-1", "to-1", "ms-1"],
            [None, None, None, "tv-9", "to-1", "ms-2"],  # DV104
            [None, None, None, "tv-1", "to-9", "ms-3"],  # DV103
            [dt.date(2022, 1, 1), dt.date(2022, 5, 1), None, "tv-1", "to-2", "ms-4"],  # DV306
        ],
    ),
    (
        "Hoạt động",
        ["Chủ đề", "Số người tham gia", "Loại hoạt động", "Ngày", "Mã bản", "Mã tổ", "Mã"],
        [
            [None, 30, "dissemination", dt.date(2022, 3, 10), "ban-1", "to-1", "a1"],
            [None, None, "dissemination", dt.date(2021, 1, 1), "ban-1", "to-1", "a2"],  # DV401/3
            [None, None, "dissemination", dt.date(2022, 3, 10), "ban-3", "to-1", "a3"],  # DV402
            [None, None, "dissemination", dt.date(2022, 3, 10), "x1", "to-1", "a5"],  # DV109
            [None, None, "khong_loai", dt.date(2022, 3, 11), "ban-1", "to-1", "a7"],  # DV106
            [
                *("rung_xanh", None, "dissemination", dt.date(2022, 3, 12)),
                *("ban-1", "to-1", "a8"),
            ],  # DV107
            [None, None, "dissemination", dt.date(2023, 2, 1), "ban-1", "to-1", "a9"],  # DV404
            [None, -5, "review", dt.date(2022, 3, 13), "ban-1", "to-1", "a11"],  # DV405
            [None, None, "review", dt.date(2022, 3, 14), "ban-1", "to-1", "a1"],  # DV101
            [None, None, "review", None, "ban-1", "to-1", "a12"],  # DV611: no date
        ],
    ),
    (
        "Chỉ tiêu hoạt động",
        ["Đơn vị tính", "Giá trị", "Mã chỉ tiêu", "Mã hoạt động"],
        [
            [None, 1, "sessions", "a1"],
            [None, -2, "sessions", "a1"],  # DV405
            [None, 3, "khong_co", "a1"],  # DV108
            [None, 1.5, "sessions", "a1"],  # DV408
            ["tấn", 10, "harvest", "a1"],  # DV407
            [None, 1, "sessions", "a-none"],  # DV613
        ],
    ),
    (
        "Kinh phí hoạt động",
        ["Số tiền (đồng)", "Nguồn kinh phí", "Mã hoạt động"],
        [[-5, "society", "a1"]],  # DV406
    ),
    (
        "Sáp nhập đơn vị",
        ["Ngày hiệu lực", "Đơn vị kế thừa", "Đơn vị trước"],
        [[dt.date(2025, 7, 1), "x14", "x1"]],  # DV207: x1 ends after its successor starts
    ),
    (
        "Số liệu chung của đơn vị",
        ["Đến ngày", "Từ ngày", "Giá trị", "Mã chỉ tiêu", "Mã đơn vị", "Mã"],
        [
            [dt.date(2022, 12, 31), dt.date(2022, 1, 1), 170, "job_dossiers", "khong-co", "f1"],
            [dt.date(2022, 12, 31), dt.date(2022, 1, 1), 170, "khong_co", "d103", "f2"],
            [dt.date(2022, 1, 1), dt.date(2022, 12, 31), 170, "job_dossiers", "d103", "f3"],
            [dt.date(2022, 12, 31), dt.date(2022, 1, 1), -1, "job_dossiers", "d103", "f4"],
            [dt.date(2022, 12, 31), dt.date(2022, 1, 1), 1.5, "job_dossiers", "d103", "f1"],
        ],  # DV102, DV108, DV306, DV405, DV408 and DV101 at the figures' own cells
    ),
    (
        "Kế hoạch",
        ["Chỉ tiêu kế hoạch", "Đến ngày", "Từ ngày", "Mã chỉ tiêu", "Mã đơn vị", "Mã"],
        [
            [90, dt.date(2022, 12, 31), dt.date(2022, 1, 1), "activities", "khong-co", "k1"],
            [90, dt.date(2022, 12, 31), dt.date(2022, 1, 1), "khong_co", "d103", "k2"],
            [90, dt.date(2022, 1, 1), dt.date(2022, 12, 31), "activities", "d103", "k3"],
            [-1, dt.date(2022, 12, 31), dt.date(2022, 1, 1), "money", "d103", "k4"],
            [2.5, dt.date(2022, 12, 31), dt.date(2022, 1, 1), "participants", "d103", "k1"],
        ],  # DV102, DV108, DV306, DV405, DV408 and DV101 at the targets' own cells
    ),
    (
        "Nộp báo cáo",
        [
            "Thay cho",
            "Ngày nhận",
            "Đến ngày",
            "Từ ngày",
            "Đơn vị báo cáo",
            "Mã",
            "Tệp",
            "Mã băm SHA-256",
        ],
        [
            [
                None,
                dt.date(2022, 4, 5),
                dt.date(2022, 3, 31),
                dt.date(2022, 3, 1),
                "khong-co",
                "n1",
            ],
            [None, None, dt.date(2022, 3, 1), dt.date(2022, 3, 31), "d103", "n2"],
            [None, None, dt.date(2022, 3, 31), dt.date(2022, 3, 1), "d103", "n1"],
            ["n9", None, dt.date(2022, 3, 31), dt.date(2022, 3, 1), "d103", "n3"],
            [None, None, dt.date(2021, 1, 31), dt.date(2021, 1, 1), "to-1", "n4"],  # DV311
            [None, None, dt.date(2022, 3, 31), None, "to-1", "n5"],  # DV111
            [
                None,
                None,
                dt.date(2022, 4, 30),
                dt.date(2022, 4, 1),
                "to-1",
                "n6",
                "a.xlsx",
                "a" * 64,
            ],
            [
                None,
                None,
                dt.date(2022, 4, 30),
                dt.date(2022, 4, 1),
                "to-1",
                "n7",
                "a2.xlsx",
                "a" * 64,
            ],
            [
                None,
                None,
                dt.date(2022, 4, 30),
                dt.date(2022, 4, 1),
                "to-1",
                "n8",
                "b.xlsx",
                "b" * 64,
            ],
        ],  # DV103, DV306, DV101, DV110, DV111, DV311, DV113 (n7) and DV112 (n8) at their cells
    ),
    (
        "Tuyến báo cáo",
        [
            "Hiệu lực đến ngày",
            "Hiệu lực từ ngày",
            "Báo cáo lên",
            "Mã đơn vị",
            "Loại cơ quan",
            "Tên cơ quan",
            "Mã",
        ],
        [
            [None, None, "khong-co", "khong-co", "commune_party_committee", "Đảng ủy xã", "co-1"],
            [dt.date(2020, 1, 1), dt.date(2021, 1, 1), "co-1", "x1", "other", "Ngược", "co-2"],
        ],  # DV105, DV102 and DV306 at the reporting line's own cells
    ),
]


def _write(path: Path) -> None:
    book = xlsxwriter.Workbook(str(path))
    dates = book.add_format({"num_format": "dd/mm/yyyy"})
    text = book.add_format({"num_format": "@"})

    def put(page: Any, row: int, column: int, value: Any) -> None:
        if value is None:
            return
        if isinstance(value, dt.date):
            page.write_datetime(row, column, value, dates)
        elif isinstance(value, str):
            page.write_string(row, column, value, text)
        else:
            page.write_number(row, column, value)

    units = book.add_worksheet("Đơn vị hành chính")
    units.write_row(0, 0, UNIT_HEADERS)
    rows = _units()
    for number, row in enumerate(rows, start=1):
        for column, value in enumerate(row):
            put(units, number, column, value)
    # An Excel error cell in the name column: DV608.
    units.write_string(len(rows) + 1, 7, "x15")
    units.write_row(len(rows) + 1, 4, ["d103", "commune"])
    units.write_formula(len(rows) + 1, 6, "=1/0", None, "#DIV/0!")
    for name, headers, body in SHEETS:
        page = book.add_worksheet(name)
        page.write_row(0, 0, headers)
        for number, row in enumerate(body, start=1):
            for column, value in enumerate(row):
                put(page, number, column, value)
    book.close()


def _report(path: Path) -> ValidationReport:
    result = read_dataset(path)
    return result.report + validate(result.dataset, as_of=dt.date(2022, 12, 31))


def test_every_finding_of_a_faulty_workbook_names_its_column(tmp_path: Path) -> None:
    path = tmp_path / "sai_het.xlsx"
    _write(path)
    report = _report(path)
    seen = {f.code for f in report}
    assert seen >= AT_A_CELL, sorted(AT_A_CELL - seen)
    for finding in report:
        if finding.code in AT_A_CELL and finding.location.row is not None:
            where = finding.location
            assert where.letter is not None, str(finding)
            assert where.column is not None, str(finding)
            headers = UNIT_HEADERS if where.sheet == "Đơn vị hành chính" else None
            if headers is None:
                headers = next(h for n, h, _ in SHEETS if n == where.sheet)
            assert headers[_column_number(where.letter)] == where.column, str(finding)


def _column_number(letter: str) -> int:
    number = 0
    for char in letter:
        number = number * 26 + ord(char) - ord("A") + 1
    assert xl_col_to_name(number - 1) == letter
    return number - 1
