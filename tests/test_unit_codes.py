"""Official unit codes keep their leading zeros, as clerks type them into a workbook.

Excel makes ``03156`` the number 3156 in a cell not formatted as text. The
template formats its text columns as text; a code that became a number anyway
is restored from its level's width (province 2, district 3, commune 5 digits)
with a warning at its cell, and a code of the wrong width is an error, never
guessed. The workbooks are written by XlsxWriter, numbers in the code column.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import xlsxwriter
from hypothesis import given
from hypothesis import strategies as st

from danvan import export, read_dataset, template_bundle
from danvan.findings import Finding, Location
from danvan.importers.tabular._codes import CODE_WIDTHS, restore_unit_codes
from danvan.model import Level

UNITS = "Đơn vị hành chính"
HEADERS = ["Mã", "Tên đơn vị", "Cấp", "Mã đơn vị cấp trên", "Mã hành chính"]


def _workbook(path: Path, rows: list[list[object]]) -> Path:
    book = xlsxwriter.Workbook(str(path))
    page = book.add_worksheet(UNITS)
    page.write_row(0, 0, HEADERS)
    for number, row in enumerate(rows, start=1):
        page.write_row(number, 0, row)  # numbers written as numbers, as Excel keeps them
    book.close()
    return path


def _found(findings: tuple[Finding, ...], code: str) -> list[Finding]:
    return [f for f in findings if f.code == code]


def test_codes_typed_as_numbers_get_their_zeros_back_with_a_warning_at_the_cell(
    tmp_path: Path,
) -> None:
    path = _workbook(
        tmp_path / "units.xlsx",
        [
            ["tinh-dien-bien", "Điện Biên", "province", None, 11],
            ["huyen-ba-dinh", "Ba Đình", "district", "tinh-dien-bien", 1],
            ["xa-nam-tin", "Nậm Tin", "commune", "huyen-ba-dinh", 3156],
            ["ban-moc-4", "Mốc 4", "village", "xa-nam-tin", None],
        ],
    )

    result = read_dataset(path)

    codes = {unit.id: unit.code for unit in result.dataset.units}
    assert codes == {
        "tinh-dien-bien": "11",
        "huyen-ba-dinh": "001",
        "xa-nam-tin": "03156",
        "ban-moc-4": None,
    }
    restored = _found(result.report.findings, "DV609")
    assert [(f.location.row, f.location.column) for f in restored] == [
        (3, "Mã hành chính"),
        (4, "Mã hành chính"),
    ]
    assert [f.location.record_id for f in restored] == ["huyen-ba-dinh", "xa-nam-tin"]
    assert all(f.severity.value == "warning" for f in restored)
    assert "number 3156" in restored[1].message.en
    assert "read as 03156" in restored[1].message.en
    assert not result.report.errors


def test_a_code_of_the_wrong_width_is_an_error_kept_as_typed(tmp_path: Path) -> None:
    path = _workbook(
        tmp_path / "units.xlsx",
        [
            ["xa-a", "A", "commune", None, "3156"],  # text: no zero was dropped by Excel
            ["xa-b", "B", "commune", None, 315600],  # a digit too many
            ["xa-c", "C", "commune", None, "03 156"],
            ["tinh-a", "A", "province", None, 3156],  # a commune's code on a province
        ],
    )

    result = read_dataset(path)

    wrong = _found(result.report.findings, "DV617")
    assert [(f.location.row, f.location.record_id) for f in wrong] == [
        (2, "xa-a"),
        (3, "xa-b"),
        (4, "xa-c"),
        (5, "tinh-a"),
    ]
    assert all(f.severity.value == "error" for f in wrong)
    assert {u.id: u.code for u in result.dataset.units} == {
        "xa-a": "3156",
        "xa-b": "315600",
        "xa-c": "03 156",
        "tinh-a": "3156",
    }
    assert not _found(result.report.findings, "DV609")


def test_a_csv_saved_from_excel_gets_its_zeros_back_too(tmp_path: Path) -> None:
    path = tmp_path / "units.csv"
    path.write_text(
        ",".join(HEADERS) + "\nxa-nam-tin,Nậm Tin,commune,,3156\n",
        encoding="utf-8",
    )

    result = read_dataset(path)

    assert [u.code for u in result.dataset.units] == ["03156"]
    (finding,) = _found(result.report.findings, "DV609")
    assert (finding.location.row, finding.location.field) == (2, "code")


def test_the_template_formats_its_code_columns_as_text(tmp_path: Path) -> None:
    target = tmp_path / "template.xlsx"
    export(template_bundle(), target, "xlsx")

    with zipfile.ZipFile(target) as workbook:
        names = re.findall(rb'<sheet name="([^"]+)"', workbook.read("xl/workbook.xml"))
        sheet_number = [n.decode() for n in names].index(UNITS) + 1
        sheet = workbook.read(f"xl/worksheets/sheet{sheet_number}.xml")
        styles = workbook.read("xl/styles.xml")
    cell_formats = re.search(rb"<cellXfs[^>]*>(.*?)</cellXfs>", styles, re.S)
    assert cell_formats is not None
    number_formats = re.findall(rb'<xf numFmtId="(\d+)"', cell_formats.group(1))
    column_styles = {
        int(first): int(style)
        for first, style in re.findall(rb'<col min="(\d+)" max="\d+"[^>]*style="(\d+)"', sheet)
    }
    code_column = HEADERS.index("Mã hành chính") + 1
    assert number_formats[column_styles[code_column]] == b"49"  # Excel's built-in "@": text


@given(
    level=st.sampled_from(sorted(CODE_WIDTHS, key=lambda level: level.rank)),
    data=st.data(),
)
def test_any_code_typed_as_a_number_reads_back_as_written(
    level: Level, data: st.DataObject
) -> None:
    width = CODE_WIDTHS[level]
    code = data.draw(st.from_regex(rf"\A[0-9]{{{width}}}\Z"))
    typed = float(int(code))  # what the workbook holds once Excel has made it a number
    values = [str(int(code))]

    findings = list(
        restore_unit_codes(values, [typed], [level], False, lambda _: Location(source="x"))
    )

    assert values == [code]
    assert [f.code for f in findings] == (["DV609"] if code.startswith("0") else [])
