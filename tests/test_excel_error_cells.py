"""An Excel error cell (#DIV/0!, #N/A …) is a finding at its cell, never read as an empty one.

python-calamine reads an error cell as an empty string, as it reads a blank
cell; danvan reads the errors from the sheet's XML instead. The workbooks are
written by XlsxWriter (an independent writer), which stores a formula with
its cached error (``t="e"``), as Excel does; one is edited afterwards to hold
an error typed in, with no formula.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
import python_calamine
import xlsxwriter

from danvan import read_dataset
from danvan.findings import Finding
from danvan.importers.limits import ReadLimits

ERRORS = ("#DIV/0!", "#N/A", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#NULL!")
UNITS = "Đơn vị hành chính"
HEADERS = ["Mã", "Tên đơn vị", "Cấp", "Mã hành chính"]


def _units_workbook(path: Path, sheet: str = UNITS, left: int = 0, top: int = 0) -> None:
    """A units sheet whose commune names are formulas that failed, one per Excel error."""
    book = xlsxwriter.Workbook(str(path))
    page = book.add_worksheet(sheet)
    page.write_row(top, left, HEADERS)
    page.write_row(top + 1, left, ["xa-ok", "Nậm Tin", "commune", "03156"])
    for number, error in enumerate(ERRORS, start=top + 2):
        page.write_string(number, left, f"xa-{number}")
        page.write_formula(number, left + 1, "=1/0", None, error)
        page.write_row(number, left + 2, ["commune", "03187"])
    book.close()


def _excel_errors(path: Path) -> list[Finding]:
    return [f for f in read_dataset(path).report.findings if f.code == "DV608"]


def test_calamine_reads_an_error_cell_as_an_empty_one(tmp_path: Path) -> None:
    """Why danvan reads the XML: the reader alone cannot tell an error from a blank."""
    path = tmp_path / "errors.xlsx"
    _units_workbook(path)
    rows = python_calamine.CalamineWorkbook.from_path(str(path)).get_sheet_by_name(UNITS)
    assert [row[1] for row in rows.to_python()[2:]] == [""] * len(ERRORS)


def test_every_excel_error_is_a_finding_at_its_cell(tmp_path: Path) -> None:
    path = tmp_path / "errors.xlsx"
    _units_workbook(path)

    findings = _excel_errors(path)

    assert [f.location.row for f in findings] == list(range(3, 3 + len(ERRORS)))
    assert {f.location.sheet for f in findings} == {UNITS}
    assert {f.location.column for f in findings} == {"Tên đơn vị"}
    assert {f.location.field for f in findings} == {"name"}
    assert all(f.severity.value == "error" for f in findings)
    for finding, error, row in zip(findings, ERRORS, range(3, 12), strict=False):
        assert f"B{row}" in finding.message.en
        assert error in finding.message.en
        assert error in finding.message.vi


def test_a_row_whose_required_cell_shows_an_error_is_not_imported(tmp_path: Path) -> None:
    path = tmp_path / "errors.xlsx"
    _units_workbook(path)

    units = read_dataset(path).dataset.units

    assert [unit.id for unit in units] == ["xa-ok"]


def test_an_error_is_found_where_the_sheet_starts_further_right_and_down(tmp_path: Path) -> None:
    path = tmp_path / "offset.xlsx"
    _units_workbook(path, sheet="Xã & bản", left=2, top=3)

    findings = _excel_errors(path)

    assert len(findings) == len(ERRORS)
    assert findings[0].location.sheet == "Xã & bản"
    assert findings[0].location.row == 6
    assert "D6" in findings[0].message.en


def _typed_error(path: Path, edit: tuple[bytes, bytes] = (b"<f>NA()</f>", b"")) -> None:
    """A workbook whose cell D3 holds ``#N/A`` typed in: ``t="e"`` with no formula.

    ``edit`` is the change made to the sheet's XML after XlsxWriter wrote it.
    """
    book = xlsxwriter.Workbook(str(path))
    page = book.add_worksheet(UNITS)
    page.write_row(0, 0, HEADERS)
    page.write_row(1, 0, ["xa-a", "Nậm Tin", "commune", "03156"])
    page.write_row(2, 0, ["xa-b", "Chà Nưa", "commune"])
    page.write_formula(2, 3, "=NA()", None, "#N/A")
    book.close()
    members = zipfile.ZipFile(path)
    contents = {info.filename: members.read(info) for info in members.infolist()}
    members.close()
    sheet = contents["xl/worksheets/sheet1.xml"]
    contents["xl/worksheets/sheet1.xml"] = sheet.replace(*edit)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in contents.items():
            out.writestr(name, data)
    path.write_bytes(buffer.getvalue())


def test_an_error_typed_in_an_optional_cell_is_a_finding_and_the_row_stays(
    tmp_path: Path,
) -> None:
    path = tmp_path / "typed.xlsx"
    _typed_error(path)

    result = read_dataset(path)
    (finding,) = [f for f in result.report.findings if f.code == "DV608"]

    assert (finding.location.row, finding.location.column) == (3, "Mã hành chính")
    assert "D3" in finding.message.en
    assert "#N/A" in finding.message.en
    assert {u.id: u.code for u in result.dataset.units} == {"xa-a": "03156", "xa-b": None}


@pytest.mark.parametrize("text", ['t="e"', "#DIV/0!"])
def test_text_that_looks_like_an_error_is_text(tmp_path: Path, text: str) -> None:
    """A name typed as text (a string cell) is read as it is, not as an error."""
    path = tmp_path / "text.xlsx"
    book = xlsxwriter.Workbook(str(path))
    page = book.add_worksheet(UNITS)
    page.write_row(0, 0, HEADERS)
    page.write_row(1, 0, ["xa-a", text, "commune", "03156"])
    book.close()

    result = read_dataset(path)

    assert _excel_errors(path) == []
    assert [u.name for u in result.dataset.units] == [text]


def test_an_error_cell_without_a_reference_is_still_a_finding(tmp_path: Path) -> None:
    """A cell may leave out its reference (``r``): the error is then reported at its sheet."""
    path = tmp_path / "unreferenced.xlsx"
    _typed_error(path, (b'<c r="D3" t="e">', b'<c t="e">'))

    (finding,) = _excel_errors(path)

    assert finding.location.sheet == UNITS
    assert "#N/A" in finding.message.en


def test_a_workbook_of_more_error_cells_than_allowed_is_refused(tmp_path: Path) -> None:
    path, other = tmp_path / "errors.xlsx", tmp_path / "other.xlsx"
    _units_workbook(path)
    _typed_error(other)

    result = read_dataset([path, other], limits=ReadLimits(max_error_cells=3))

    (refused,) = [f for f in result.report.findings if f.location.source == str(path)]
    assert refused.code == "DV624"
    assert "max_error_cells" in refused.message.en
    assert [u.id for u in result.dataset.units] == ["xa-a", "xa-b"]  # the other file is read
