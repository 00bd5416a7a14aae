"""XLSX output: layout, formats, the summary chart and Excel's limits."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path
from typing import Any

import attrs
import pytest
from python_calamine import CalamineWorkbook

from danvan import annual_report, export
from danvan.excel import MAX_CELL_CHARS, TRUNCATION_MARKER, ExcelLimitWarning
from danvan.exporters.base import ExportOptions
from danvan.exporters.xlsx import IN_MEMORY_CELLS, memory_mode
from danvan.model import Dataset
from danvan.testing import reference_bundles


def _write(tmp_path: Path, bundle_name: str, **kwargs: Any) -> Path:
    target = tmp_path / f"{bundle_name}.xlsx"
    export(reference_bundles()[bundle_name], target, **kwargs)
    return target


def _sheets(path: Path) -> dict[str, list[list[Any]]]:
    workbook = CalamineWorkbook.from_path(str(path))
    return {
        name: workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
        for name in workbook.sheet_names
    }


def _xml(path: Path, member: str) -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read(member).decode("utf-8")


def test_a_summary_sheet_comes_first_then_one_sheet_per_table(tmp_path: Path) -> None:
    sheets = _sheets(_write(tmp_path, "several_tables"))
    assert list(sheets) == [
        "Tổng hợp",
        "Hoạt động theo tháng",
        "Hoạt động của các Tổ Dân vận",
        "Không có dòng",
        "Chuỗi giống công thức",
    ]
    summary = sheets["Tổng hợp"]
    assert summary[0][0] == "Bộ thử: nhiều bảng"
    assert ["Hoạt động theo tháng", "Hoạt động theo tháng", 6.0] in summary


def test_headers_follow_the_language(tmp_path: Path) -> None:
    sheets = _sheets(_write(tmp_path, "vietnamese", lang="en"))
    assert list(sheets) == ["Summary", "Activities of the teams"]
    assert sheets["Activities of the teams"][0][:3] == ["Village", "Dissemination topic", "Date"]


def test_the_header_is_frozen_filtered_and_bold(tmp_path: Path) -> None:
    path = _write(tmp_path, "vietnamese")
    sheet = _xml(path, "xl/worksheets/sheet2.xml")
    assert 'state="frozen"' in sheet
    assert '<autoFilter ref="A1:J5"/>' in sheet
    assert re.search(r'<col min="2" max="2" width="(\d+)', sheet)
    styles = _xml(path, "xl/styles.xml")
    assert "<b/>" in styles
    assert 'wrapText="1"' in styles


def test_numbers_dates_and_money_have_vietnamese_formats(tmp_path: Path) -> None:
    path = _write(tmp_path, "vietnamese")
    styles = _xml(path, "xl/styles.xml")
    for code in ["dd/mm/yyyy", "#,##0 &quot;đ&quot;", "0.0%", "dd/mm/yyyy hh:mm"]:
        assert f'formatCode="{code}"' in styles
    row = _sheets(path)["Hoạt động của các Tổ Dân vận"][1]
    assert row[2] == dt.date(2022, 3, 15)
    assert row[5] == 27_000_000


def test_datetimes_are_written_in_vietnam_time(tmp_path: Path) -> None:
    rows = _sheets(_write(tmp_path, "dates"))["Ngày giờ"]
    assert rows[1][1] == dt.datetime(2022, 2, 24, 7, 0)
    assert rows[2][1] == dt.datetime(2025, 7, 1, 7, 0)


def test_formula_like_text_is_written_as_text_never_as_a_formula(tmp_path: Path) -> None:
    path = _write(tmp_path, "formulas")
    assert "<f>" not in _xml(path, "xl/worksheets/sheet2.xml")
    texts = [row[1] for row in _sheets(path)["Chuỗi giống công thức"][1:]]
    assert texts[:4] == ["=1+1", "+84 912 345 678", "-5", "@SUM(A1:A2)"]


def test_integers_beyond_excel_precision_stay_exact_as_text(tmp_path: Path) -> None:
    rows = _sheets(_write(tmp_path, "numbers"))["Số lớn và tiền"]
    assert rows[2][1] == 10**15 - 1
    assert rows[4][0] == "1000000000000000000"
    assert rows[4][1] == str(2**63 - 1)


def test_a_cell_over_the_limit_is_cut_with_a_marker_and_a_warning(tmp_path: Path) -> None:
    with pytest.warns(ExcelLimitWarning, match="truncated"):
        path = _write(tmp_path, "over_limit")
    cell = _sheets(path)["Ô quá dài"][1][1]
    assert len(cell) == MAX_CELL_CHARS
    assert cell.endswith(TRUNCATION_MARKER)


def test_rows_beyond_the_sheet_limit_continue_on_a_further_sheet(tmp_path: Path) -> None:
    path = _write(tmp_path, "vietnamese", options={"max_rows": 3})
    sheets = _sheets(path)
    names = list(sheets)
    assert names[1:] == ["Hoạt động của các Tổ Dân vận", "Hoạt động của các Tổ Dân (2)"]
    first, second = sheets[names[1]], sheets[names[2]]
    assert first[0] == second[0]
    assert [r[0] for r in first[1:] + second[1:]] == [
        "Bản Mốc 4",
        "Bản Nà Sự",
        "Bản Huổi Hoi",
        "Bản Mạy Hốc — Ngày hội Đại đoàn kết",
    ]
    assert sheets["Tổng hợp"][-1][-1] == 4


def test_the_summary_has_a_native_chart_of_the_monthly_table(tmp_path: Path) -> None:
    path = _write(tmp_path, "several_tables")
    chart = _xml(path, "xl/charts/chart1.xml")
    assert "<c:barChart>" in chart
    assert "'Hoạt động theo tháng'!$B$2:$B$7" in chart
    assert "Số buổi mỗi tháng" in chart


def test_document_properties_describe_the_report(tmp_path: Path) -> None:
    path = _write(tmp_path, "vietnamese")
    core = _xml(path, "docProps/core.xml")
    assert "<dc:title>Bộ thử: tiếng Việt</dc:title>" in core
    assert "<dc:subject>Năm 2022</dc:subject>" in core
    assert "2023-02-13T02:30:00Z" in core
    assert "danvan:period" in _xml(path, "docProps/custom.xml")


def test_the_whole_workbook_can_be_built_in_memory_too(tmp_path: Path) -> None:
    path = _write(tmp_path, "vietnamese", options={"constant_memory": False})
    assert _sheets(path)["Hoạt động của các Tổ Dân vận"][4][0].startswith("Bản Mạy Hốc")


def test_a_small_workbook_is_built_in_memory_a_big_or_streamed_one_row_by_row() -> None:
    small = reference_bundles()["vietnamese"]
    in_memory = {"constant_memory": False, "in_memory": True}
    row_by_row = {"constant_memory": True, "in_memory": False}
    assert memory_mode(small, ExportOptions()) == in_memory

    table = small.tables[0]
    rows = list(table.iter_rows())
    copies = IN_MEMORY_CELLS // (len(rows) * len(table.columns)) + 1
    big = attrs.evolve(small, tables=[attrs.evolve(table, rows=rows * copies)])
    assert memory_mode(big, ExportOptions()) == row_by_row
    read_once = attrs.evolve(small, tables=[attrs.evolve(table, rows=iter(rows))])
    assert memory_mode(read_once, ExportOptions()) == row_by_row

    # Rows given as a function are counted by reading them.
    made = attrs.evolve(small, tables=[attrs.evolve(table, rows=lambda: iter(rows))])
    assert memory_mode(made, ExportOptions()) == in_memory
    made_big = attrs.evolve(small, tables=[attrs.evolve(table, rows=lambda: iter(rows * copies))])
    assert memory_mode(made_big, ExportOptions()) == row_by_row

    # The setting, when given, decides either way.
    assert memory_mode(small, ExportOptions(settings={"constant_memory": True})) == row_by_row
    assert memory_mode(big, ExportOptions(settings={"constant_memory": False})) == in_memory


def test_a_report_reads_the_same_built_in_memory_or_row_by_row(
    tmp_path: Path, nampo: Dataset
) -> None:
    report = annual_report(nampo, 2022)
    export(report, tmp_path / "memory.xlsx", options={"constant_memory": False})
    export(report, tmp_path / "rows.xlsx", options={"constant_memory": True})
    assert _sheets(tmp_path / "memory.xlsx") == _sheets(tmp_path / "rows.xlsx")


def test_the_annual_report_charts_activities_per_month(tmp_path: Path, nampo: Dataset) -> None:
    path = tmp_path / "report.xlsx"
    export(annual_report(nampo, 2022), path)
    chart = _xml(path, "xl/charts/chart1.xml")
    assert "'Kết quả theo tháng'!" in chart
    assert "Số hoạt động theo tháng" in chart
