"""The XLSX report prints: page setup read back by openpyxl, and the pages LibreOffice prints."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from danvan import annual_report, export
from danvan.exporters._xlsx_print import (
    MAX_HEADER_FOOTER,
    escape_header_text,
    page_header,
    wrapped_lines,
)
from danvan.labels import Label
from danvan.model import Dataset
from danvan.tables import Bundle, BundleMetadata, Column, ColumnType, Table

TITLE = "Báo cáo kết quả hoạt động của Tổ Dân vận cơ sở: Năm 2022"


@pytest.fixture(scope="module")
def report(nampo: Dataset, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("print") / "bao-cao-2022.xlsx"
    export(annual_report(nampo, 2022), path)
    return path


def _one_table(title: str, columns: list[Column], rows: list[tuple[object, ...]]) -> Bundle:
    table = Table("t", Label(title, title), columns, rows)
    return Bundle([table], BundleMetadata(Label(title, title)))


def test_every_sheet_prints_landscape_a4_one_page_wide(report: Path, nampo: Dataset) -> None:
    book = openpyxl.load_workbook(report)
    assert len(book.worksheets) == 1 + len(annual_report(nampo, 2022).tables)  # and the summary
    for sheet in book.worksheets:
        setup = sheet.page_setup
        assert setup.orientation == "landscape", sheet.title
        assert int(setup.paperSize) == 9  # A4
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert (setup.fitToWidth or 1) == 1  # absent means 1
        # As many pages tall as it takes (0); the summary on one (absent means 1).
        assert (setup.fitToHeight if setup.fitToHeight is not None else 1) == (
            1 if sheet.title == "Tổng hợp" else 0
        )
        assert sheet.oddHeader.left.text == TITLE
        assert sheet.oddFooter.center.text == "Trang &P/&N"


def test_every_table_repeats_its_header_row_and_names_itself_in_the_page_header(
    report: Path,
) -> None:
    book = openpyxl.load_workbook(report)
    summary, *tables = book.worksheets
    assert summary.print_title_rows is None
    assert summary.oddHeader.right.text == "Tổng hợp"
    for sheet in tables:
        assert sheet.print_title_rows == "$1:$1"
        assert sheet.print_options.gridLines
    topics = book["Các chủ đề đã tuyên truyền"]
    assert topics.oddHeader.right.text == "Các chủ đề đã tuyên truyền, vận động"


def test_counts_are_whole_money_has_dong_and_shares_are_percentages(report: Path) -> None:
    book = openpyxl.load_workbook(report)
    figures = {row[0].value: row[2] for row in book["Các chỉ tiêu chính"].iter_rows(min_row=2)}
    assert figures["participants"].value == 2055
    assert figures["participants"].number_format == "#,##0"  # 2,055, not 2,055.00
    assert figures["model_area"].value == 15.5
    assert figures["model_area"].number_format == "#,##0.0#"  # 15.5
    # The key figures mix counts, money and a ratio: each prints as what it is.
    assert figures["completeness"].value == 1
    assert figures["completeness"].number_format == "0.0%"  # 100.0%, not 1
    assert figures["money_total"].value == 551_500_000
    assert figures["money_total"].number_format == '#,##0 "đ"'
    money = book["Kinh phí theo nguồn"]
    assert money["D2"].number_format == '#,##0 "đ"'
    assert money["E2"].number_format == "0.0%"
    by_commune = book["Kết quả theo xã"]
    header = [cell.value for cell in by_commune[1]]
    harvest = header.index("Sản lượng thu hoạch (kg)") + 1
    assert {by_commune.cell(r, harvest).number_format for r in range(2, 7)} == {"#,##0"}


def test_a_unit_code_is_hidden_and_shown_on_request(report: Path, tmp_path: Path) -> None:
    book = openpyxl.load_workbook(report)
    by_commune = book["Kết quả theo xã"]
    assert by_commune["A1"].value == "Mã"
    assert by_commune.column_dimensions["A"].hidden
    assert by_commune["A2"].value == "03187"  # still there, for whoever unhides it
    assert not by_commune.column_dimensions["B"].hidden

    bundle = _one_table(
        "Theo xã",
        [Column("code", Label("Mã", "Code"), identifier=True), Column("name", Label("Xã", "Name"))],
        [("03156", "Nậm Tin")],
    )
    shown = tmp_path / "shown.xlsx"
    export(bundle, shown, options={"hide_identifiers": False})
    assert not openpyxl.load_workbook(shown).worksheets[1].column_dimensions["A"].hidden


def test_long_text_wraps_inside_its_column_and_its_row_grows(tmp_path: Path) -> None:
    reasons = "Họp định kỳ 12/12 tháng (100%): 40/40; " * 4
    bundle = _one_table(
        "Xếp loại",
        [Column("team", Label("Tổ", "Team")), Column("reasons", Label("Căn cứ", "Reasons"))],
        [("Tổ Dân vận bản Mốc 4", reasons)],
    )
    path = tmp_path / "wrapped.xlsx"
    export(bundle, path)
    sheet = openpyxl.load_workbook(path).worksheets[1]
    assert sheet["B2"].alignment.wrap_text
    assert sheet.row_dimensions[2].height == 15 * wrapped_lines(reasons, 60) > 15
    assert not sheet["A2"].alignment.wrap_text


def test_an_ampersand_in_a_title_is_printed_not_read_as_a_code(tmp_path: Path) -> None:
    title = "Dân vận & Mặt trận &20"
    path = tmp_path / "amp.xlsx"
    export(_one_table(title, [Column("n", Label("Số", "N"), ColumnType.INTEGER)], [(1,)]), path)
    with zipfile.ZipFile(path) as archive:
        sheet = archive.read("xl/worksheets/sheet2.xml").decode("utf-8")
    assert "Dân vận &amp;&amp; Mặt trận &amp;&amp;20" in sheet  # && in the XML's text
    assert escape_header_text("A & B\nC") == "A && B C"


@given(st.text(max_size=400), st.text(max_size=400))
def test_a_page_header_always_fits_excels_limit_and_escapes_every_ampersand(
    report_title: str, table_title: str
) -> None:
    header = page_header(report_title, table_title)
    assert len(header.encode("utf-16-le")) // 2 <= MAX_HEADER_FOOTER
    assert header.startswith("&L")
    text = header[2:].replace("&R", "\x00", 1) if "&R" in header else header[2:]
    assert re.fullmatch(r"(?:[^&]|&&)*(?:\x00(?:[^&]|&&)*)?", text, re.DOTALL)


def test_a_long_title_is_cut_at_a_word_with_an_ellipsis() -> None:
    header = page_header("Báo cáo " * 40, "Kết quả theo xã")
    assert header.endswith("&RKết quả theo xã")
    left = header[2 : header.index("&R")]
    assert left.endswith("…")
    assert left[:-1].split()[-1] in {"Báo", "cáo"}  # a whole word before the ellipsis


def _soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def _pdf_pages(workbook: Path, out: Path) -> list[str]:
    """The text of each page LibreOffice prints of ``workbook``, white space removed."""
    pypdf = pytest.importorskip("pypdf")
    soffice = _soffice()
    assert soffice is not None
    profile = out / "profile"
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            str(workbook),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    reader = pypdf.PdfReader(out / f"{workbook.stem}.pdf")
    for page in reader.pages:
        assert page.mediabox.width > page.mediabox.height  # landscape
    return [re.sub(r"\s+", "", page.extract_text()) for page in reader.pages]


def _squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.skipif(_soffice() is None, reason="LibreOffice (soffice) is not installed")
def test_the_annual_report_prints_in_about_twelve_pages_each_table_one_page_wide(
    report: Path, nampo: Dataset, tmp_path: Path
) -> None:
    pages = _pdf_pages(report, tmp_path)
    assert 8 <= len(pages) <= 14, f"{len(pages)} pages"
    tables = {_squeezed(t.title.vi): t for t in annual_report(nampo, 2022).tables}
    printed: dict[str, int] = {}
    for number, text in enumerate(pages, start=1):
        assert text.startswith(_squeezed(TITLE))
        header = re.match(rf"(.*?)Trang{number}/{len(pages)}", text[len(_squeezed(TITLE)) :])
        assert header, f"page {number} has no footer 'Trang {number}/{len(pages)}'"
        title = header.group(1)
        printed[title] = printed.get(title, 0) + 1
        if title in tables:
            shown = [c for c in tables[title].columns if not c.identifier]
            # The header row is on every page, first column to last: nothing split sideways.
            assert _squeezed(shown[0].label.vi) in text, (number, title)
            assert _squeezed(shown[-1].label.vi) in text, (number, title)
    assert set(printed) == {"Tổnghợp", *tables}
