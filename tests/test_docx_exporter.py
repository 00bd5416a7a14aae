"""The report document: the sample's 2022 report as the Word file an office files, read back.

python-docx reads every document back: the header blocks of either form, the
sample's figures written as sentences, the placeholders an office fills, the
page the texts set, and the annex tables. The conformance kit runs on it with the other
built-in exporters (``tests/test_conformance_builtin.py``).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import sys
from pathlib import Path
from typing import Any

import attrs
import pytest
from click.testing import CliRunner
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.shared import Pt
from hypothesis import given, settings
from hypothesis import strategies as st

import danvan
from danvan.cli import main
from danvan.exporters._docx_text import vn_long_date, vn_number
from danvan.exporters.base import ExportError
from danvan.exporters.docx import read_document_settings
from danvan.labels import Label
from danvan.model import Dataset
from danvan.tables import Bundle, BundleMetadata, Column, Table
from danvan.testing import reference_bundles
from danvan.text import parse_money

NAM_PO = {
    "parent_body": "Huyện ủy Nậm Pồ",
    "body": "Ban Dân vận",
    "number": "12",
    "issuer_code": "BDVHU",
    "place": "Nậm Pồ",
    "date": "2023-02-13",
    "signer_title": "Trưởng ban",
    "signer_name": "(minh họa)",
    "recipients": ["Thường trực Huyện ủy (b/c);", "Lưu VT."],
}


@pytest.fixture(scope="module")
def report(nampo: Dataset) -> Bundle:
    return danvan.annual_report(nampo, 2022)


def document(bundle: Bundle, **options: Any) -> Any:
    stream = io.BytesIO()
    danvan.export(bundle, stream, "docx", options=options)
    return Document(io.BytesIO(stream.getvalue()))


def texts(doc: Any) -> list[str]:
    """Every paragraph's text, those of the tables' cells included, in order."""
    found = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                found.extend(p.text for p in cell.paragraphs)
    return found


def whole(doc: Any) -> str:
    return "\n".join(texts(doc))


def test_the_party_form_has_its_header_blocks(report: Bundle) -> None:
    doc = document(report, form="party", **NAM_PO)
    header = [p.text for cell in doc.tables[0].rows[0].cells for p in cell.paragraphs if p.text]
    assert header == [
        "HUYỆN ỦY NẬM PỒ",
        "BAN DÂN VẬN",
        "*",
        "Số 12-BC/BDVHU",
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "Nậm Pồ, ngày 13 tháng 02 năm 2023",
    ]
    right = doc.tables[0].rows[0].cells[1]
    date_line = next(p for p in right.paragraphs if p.text.startswith("Nậm Pồ"))
    assert all(run.italic for run in date_line.runs)
    paragraphs = [p.text for p in doc.paragraphs]
    at = paragraphs.index("BÁO CÁO")
    assert paragraphs[at + 1] == "Kết quả hoạt động của Tổ Dân vận cơ sở năm 2022"
    for heading in (
        "I. ĐẶC ĐIỂM TÌNH HÌNH",
        "II. KẾT QUẢ THỰC HIỆN",
        "III. TỒN TẠI, HẠN CHẾ",
        "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ",
        "PHỤ LỤC",
    ):
        assert heading in paragraphs
    closing = texts(doc)
    assert "Nơi nhận:" in closing
    assert "- Thường trực Huyện ủy (b/c);" in closing
    assert (closing[closing.index("(minh họa)") - 2], "(minh họa)") == ("TRƯỞNG BAN", "(minh họa)")


def test_the_state_form_has_the_national_motto(report: Bundle) -> None:
    options = {**NAM_PO, "parent_body": "UBND huyện Nậm Pồ", "issuer_code": "UBND"}
    doc = document(report, form="state", **options)
    header = [p.text for cell in doc.tables[0].rows[0].cells for p in cell.paragraphs if p.text]
    assert header == [
        "UBND HUYỆN NẬM PỒ",
        "BAN DÂN VẬN",
        "Số: 12/BC-UBND",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Nậm Pồ, ngày 13 tháng 02 năm 2023",
    ]
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" not in whole(doc)
    assert "BÁO CÁO" in [p.text for p in doc.paragraphs]


def test_every_field_nobody_filled_stays_a_visible_placeholder(report: Bundle) -> None:
    doc = document(report)
    text = whole(doc)
    assert "Số …-BC/…" in text
    assert "…, ngày … tháng … năm …" in text
    paragraphs = [p.text for p in doc.paragraphs]
    directions = paragraphs[paragraphs.index("IV. PHƯƠNG HƯỚNG, NHIỆM VỤ") + 1]
    assert directions.startswith("…")
    assert "- …;" in texts(doc)  # the recipients


def test_the_samples_figures_are_written_as_sentences(report: Bundle) -> None:
    text = whole(document(report))
    assert "100 suất quà cho trẻ em" in text
    assert "80 suất quà cho hộ có hoàn cảnh khó khăn" in text
    assert "Tổ Dân vận bản Mốc 4 vận động 20 cột đèn đường trị giá 27.000.000 đồng" in text
    assert "sản lượng thu hoạch 950 kg" in text  # nearly a tonne of peanuts
    assert "Tổ Dân vận bản Mốc 4: 27 hoạt động, 1.103 lượt người tham gia; vận động " in text
    assert "481.500.000 đồng; xếp loại hoàn thành xuất sắc nhiệm vụ (100 điểm)" in text
    assert "thu hút 2.055 lượt người" in text
    assert "1. Lĩnh vực kinh tế" in text
    assert "diện tích mô hình 15,5 ha" in text
    assert (
        "So với kế hoạch và cùng kỳ: số hoạt động đạt 101% kế hoạch, chưa có số liệu cùng kỳ"
        in text
    )
    assert "Toàn huyện Nậm Pồ: hồ sơ đăng ký đi làm việc trên 170 hồ sơ" in text


def test_the_page_is_a4_with_the_margins_and_font_the_texts_set(report: Bundle) -> None:
    doc = document(report)
    page = doc.sections[0]
    sizes = (page.page_width, page.page_height, page.top_margin, page.bottom_margin)
    sides = (page.left_margin, page.right_margin)
    assert [round(length.mm) for length in (*sizes, *sides)] == [210, 297, 20, 20, 30, 15]
    assert doc.styles["Normal"].font.name == "Times New Roman"
    assert doc.styles["Normal"].font.size == Pt(14)
    body = next(p for p in doc.paragraphs if p.text.startswith("Năm 2022, các Tổ"))
    assert {run.font.size for run in body.runs} == {Pt(14)}
    annex = doc.sections[-1]
    assert annex.orientation == WD_ORIENT.LANDSCAPE
    assert annex.page_width > annex.page_height


def test_the_annex_holds_every_table_of_the_bundle(report: Bundle) -> None:
    doc = document(report)
    titles = [p.text for p in doc.paragraphs if p.text.startswith("Phụ lục ")]
    assert titles == [
        f"Phụ lục {n}. {table.title.vi}" for n, table in enumerate(report.tables, start=1)
    ]
    cells = [[c.text for c in row.cells] for table in doc.tables for row in table.rows]
    assert ["Cột đèn đường", "20", "cái"] in cells  # without the figure's code
    assert any(row[:3] == ["03156", "Nậm Tin", "27"] for row in cells)  # with the unit's
    assert ["Tổng kinh phí vận động", "551.500.000", "đồng"] in cells


def test_a_long_annex_table_is_cut_with_a_note(report: Bundle) -> None:
    text = whole(document(report, max_annex_rows=2))
    assert "Và 10 dòng nữa không in (xem bản XLSX)." in text  # twelve months, two printed


def test_an_empty_table_is_named_and_said_to_be_empty() -> None:
    doc = document(reference_bundles()["empty_table"])
    paragraphs = [p.text for p in doc.paragraphs]
    at = paragraphs.index("Phụ lục 1. Bảng trống")
    assert paragraphs[at + 1] == "(Bảng không có dòng nào.)"


def test_shortcomings_come_from_completeness(nampo: Dataset) -> None:
    meetings = [a for a in nampo.activities if a.type == "monthly_meeting" and a.date.year == 2022]
    fewer = attrs.evolve(nampo, activities=[a for a in nampo.activities if a is not meetings[0]])
    text = whole(document(danvan.annual_report(fewer, 2022)))
    assert "Còn 1 cuộc họp định kỳ chưa được tổ chức (đạt 59/60, 98,3%)." in text


def test_a_bundle_that_is_not_a_report_still_gives_the_four_sections() -> None:
    doc = document(reference_bundles()["vietnamese"])
    paragraphs = [p.text for p in doc.paragraphs]
    results = paragraphs[paragraphs.index("II. KẾT QUẢ THỰC HIỆN") + 1]
    assert results.startswith("…")
    assert "Phụ lục 1. Hoạt động của các Tổ Dân vận" in paragraphs


def test_settings_come_from_a_toml_or_a_json_file(tmp_path: Path) -> None:
    toml = tmp_path / "vanban.toml"
    toml.write_text('number = "12"\ndate = 2023-02-13\nrecipients = ["Lưu VT."]\n', "utf-8")
    assert read_document_settings(toml) == {
        "number": "12",
        "date": dt.date(2023, 2, 13),
        "recipients": ["Lưu VT."],
    }
    as_json = tmp_path / "vanban.json"
    as_json.write_text(json.dumps({"form": "state"}), "utf-8")
    assert read_document_settings(as_json) == {"form": "state"}
    broken = tmp_path / "broken.toml"
    broken.write_text("number = ", "utf-8")
    with pytest.raises(ExportError, match="not valid TOML"):
        read_document_settings(broken)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"form": "council"}, "unknown; choose party or state"),
        ({"date": "13/02/2023"}, "must be a day"),
        ({"recipients": [1]}, "text or a list of text"),
        ({"signer": "x"}, "has no option 'signer'"),
    ],
)
def test_a_wrong_setting_is_an_export_error(
    report: Bundle, options: dict[str, Any], message: str
) -> None:
    with pytest.raises(ExportError, match=message):
        document(report, **options)


def test_without_python_docx_the_error_names_the_extra(
    report: Bundle, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delitem(sys.modules, "danvan.exporters._docx_document", raising=False)
    monkeypatch.setitem(sys.modules, "docx", None)
    with pytest.raises(ExportError, match=r"pip install 'danvan\[docx\]'"):
        document(report)


@settings(max_examples=25, deadline=None)
@given(st.text(max_size=40))
def test_any_text_in_a_cell_is_written_and_reads_back(text: str) -> None:
    table = Table(
        "t", Label(text or "t", "t"), [Column("text", Label("Nội dung", "Text"))], [(text,)]
    )
    doc = document(Bundle([table], BundleMetadata(Label("Bộ thử", "Test"))))
    written = [row.cells[0].text for grid in doc.tables[2:] for row in grid.rows][1:]
    xml_can_hold = re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]", "", text)
    assert written == [xml_can_hold.replace("\r", "\n")]  # a line break reads back as \n


@given(st.integers(min_value=0, max_value=10**15))
def test_whole_numbers_are_written_with_dots_and_read_back(number: int) -> None:
    assert parse_money(vn_number(number)) == number


def test_dates_are_written_as_the_decree_says() -> None:
    assert vn_long_date(dt.date(2023, 2, 13)) == "ngày 13 tháng 02 năm 2023"
    assert vn_long_date(dt.date(2022, 12, 5)) == "ngày 05 tháng 12 năm 2022"
    assert vn_long_date(None) == "ngày … tháng … năm …"
    assert vn_number(15.5) == "15,5"
    assert vn_number(2055) == "2.055"


def test_the_command_line_writes_either_form(tmp_path: Path) -> None:
    settings = tmp_path / "vanban.toml"
    settings.write_text('parent_body = "Huyện ủy Nậm Pồ"\nnumber = "12"\n', "utf-8")
    output = tmp_path / "report.docx"
    runner = CliRunner()
    args = ["report", "-o", str(output), "--form", "state", "--settings", str(settings)]
    done = runner.invoke(main, args)
    assert done.exit_code == 0, done.output
    text = whole(Document(str(output)))
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Số: 12/BC-…" in text
    assert "HUYỆN ỦY NẬM PỒ" in text
    wrong = runner.invoke(main, ["report", "-o", str(tmp_path / "r.xlsx"), "--form", "party"])
    assert wrong.exit_code == 2
    assert "has no option 'form'" in wrong.stderr
    assert not (tmp_path / "r.xlsx").exists()
