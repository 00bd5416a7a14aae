"""Figures of a whole unit: a district's "trên 170 hồ sơ" is its own record, never a team's.

The sample's district figure is listed in the period report's own table, with
its bound in words, and no key figure, by-unit or by-team total counts it. The
record kind travels like every other one: JSON and XLSX round trips, a sheet
typed by hand (written with openpyxl, an independent writer) read with every
finding at its cell.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings

import danvan
from danvan import dataset_bundle, dataset_from_json, dataset_to_json, read_dataset, validate
from danvan.bundled import default_catalog
from danvan.findings import Finding
from danvan.model import Bound, Dataset, Level, Provenance, UnitFigure
from danvan.reports import FIGURES_TABLE
from danvan.tables import Bundle, Table
from tests.strategies import unit_figures

openpyxl = pytest.importorskip("openpyxl")

YEAR = (dt.date(2022, 1, 1), dt.date(2022, 12, 31))


def records(table: Table) -> list[dict[str, Any]]:
    names = [column.name for column in table.columns]
    return [dict(zip(names, row, strict=True)) for row in table.iter_rows()]


def key_figures(bundle: Bundle) -> dict[str, Any]:
    return {row["code"]: row["value"] for row in records(bundle.table("summary"))}


def figure(**changes: Any) -> UnitFigure:
    """The sample's district figure, changed as a test needs."""
    made = UnitFigure(
        "nampo-2022-job-dossiers", "huyen-nam-po", "job_dossiers", 170, *YEAR, Bound.OVER
    )
    return attrs.evolve(made, **changes)


# The sample's report ----------------------------------------------------------------------


def test_the_year_report_lists_the_districts_figure_as_over_170(nampo: Dataset) -> None:
    report = danvan.annual_report(nampo, 2022)
    (row,) = records(report.table(FIGURES_TABLE))
    assert row["unit"] == "Nậm Pồ"
    assert row["level"] == "Huyện"
    assert row["indicator"] == "Hồ sơ đăng ký đi làm việc"
    assert row["figure"] == "trên 170"
    assert (row["value"], row["unit_of_measure"]) == (170, "hồ sơ")
    assert row["source"] == "Trang TTĐT huyện Nậm Pồ, 13/02/2023"
    english = danvan.annual_report(nampo, 2022, lang="en")
    assert records(english.table(FIGURES_TABLE))[0]["figure"] == "over 170"


def test_no_total_of_the_teams_counts_the_districts_figure(nampo: Dataset) -> None:
    report = danvan.annual_report(nampo, 2022)
    assert key_figures(report)["job_dossiers"] == 9  # the five teams' own
    assert sum(row["job_dossiers"] or 0 for row in records(report.table("by_team"))) == 9
    assert sum(row["job_dossiers"] or 0 for row in records(report.table("by_commune"))) == 9
    by_district = danvan.period_report(nampo, "2022", by=Level.DISTRICT)
    assert [row["job_dossiers"] for row in records(by_district.table("by_district"))] == [9]
    without = danvan.annual_report(attrs.evolve(nampo, figures=()), 2022)
    assert key_figures(without) == key_figures(report)


def test_a_month_shows_no_figure_of_the_whole_year(nampo: Dataset) -> None:
    may = danvan.period_report(nampo, "2022-05")
    assert FIGURES_TABLE not in [table.name for table in may.tables]
    straddling = attrs.evolve(nampo, figures=(figure(end=dt.date(2023, 1, 31)),))
    year = danvan.annual_report(straddling, 2022)
    assert FIGURES_TABLE not in [table.name for table in year.tables]


def test_a_figure_of_one_month_is_in_that_months_and_that_years_report(nampo: Dataset) -> None:
    may = figure(value=12, bound=Bound.EXACT, start=dt.date(2022, 5, 1), end=dt.date(2022, 5, 31))
    dataset = attrs.evolve(nampo, figures=(*nampo.figures, may))
    assert [r["figure"] for r in records(danvan.period_report(dataset, "2022-05").tables[-1])] == [
        "12"
    ]
    year = records(danvan.annual_report(dataset, 2022).table(FIGURES_TABLE))
    assert [r["figure"] for r in year] == ["trên 170", "12"]


def test_a_bound_is_said_in_words_before_the_value(nampo: Dataset) -> None:
    said = (
        figure(id="a", bound=Bound.NEARLY, value=1_000_000, indicator="harvest"),
        figure(id="b", bound=Bound.ABOUT, value=2.5, indicator="model_area"),
        figure(id="c", bound=Bound.EXACT, value=1000.0),
    )
    dataset = attrs.evolve(nampo, figures=said)
    for lang, words in (
        ("vi", ["gần 1.000.000", "khoảng 2,5", "1.000"]),
        ("en", ["nearly 1,000,000", "about 2.5", "1,000"]),
    ):
        table = danvan.annual_report(dataset, 2022, lang=lang).table(FIGURES_TABLE)
        assert [row["figure"] for row in records(table)] == words


# Validation -------------------------------------------------------------------------------


def codes_at(findings: list[Finding]) -> dict[str, str | None]:
    return {f.code: f.location.pointer for f in findings}


def test_the_sample_figure_is_valid_and_not_illustrative(nampo: Dataset) -> None:
    (district,) = nampo.figures
    assert district.provenance is not None
    assert not district.provenance.illustrative
    assert nampo.figure("nampo-2022-job-dossiers") is district
    assert nampo.figures_of("huyen-nam-po") == [district]
    assert [f for f in validate(nampo) if f.location.record_kind == "unit_figure"] == []


def test_a_figure_built_in_code_is_checked_and_named_by_its_json_pointer(nampo: Dataset) -> None:
    wrong = figure(
        id="sai",
        unit="huyen-khong-co",
        indicator="khong_co",
        value=-3,
        start=dt.date(2022, 12, 31),
        end=dt.date(2022, 1, 1),
    )
    whole = figure(id="le", value=170.5)
    dataset = attrs.evolve(nampo, figures=(*nampo.figures, wrong, whole, figure()))
    found = [f for f in validate(dataset) if f.location.record_kind == "unit_figure"]
    assert codes_at(found) == {
        "DV102": "/figures/1/unit",
        "DV108": "/figures/1/indicator",
        "DV306": "/figures/1/end",
        "DV405": "/figures/1/value",
        "DV408": "/figures/2/value",
        "DV101": "/figures/3/id",
    }
    unknown = next(f for f in found if f.code == "DV102")
    assert "Mã đơn vị" in unknown.message.vi
    assert "huyen-khong-co" in unknown.message.en


# Round trips ------------------------------------------------------------------------------


def test_the_json_document_holds_the_figures_after_the_successions(nampo: Dataset) -> None:
    text = dataset_to_json(nampo)
    assert b'"bound":"over"' in text
    assert dataset_from_json(text).figures == nampo.figures


@settings(max_examples=50, deadline=None)
@given(unit_figures)
def test_any_figure_survives_its_json_document(made: UnitFigure) -> None:
    dataset = Dataset(figures=(made,))
    assert dataset_from_json(dataset_to_json(dataset), catalog=default_catalog()) == dataset


def test_the_figures_survive_a_workbook(tmp_path: Path, nampo: Dataset) -> None:
    path = tmp_path / "nampo.xlsx"
    danvan.export(dataset_bundle(nampo), path)
    back = read_dataset(path)
    (district,) = back.dataset.figures
    assert attrs.evolve(district, provenance=None) == attrs.evolve(
        nampo.figures[0], provenance=None
    )
    assert district.provenance is not None
    assert district.provenance.sheet == "Số liệu chung của đơn vị"


def test_the_template_has_a_sheet_for_the_figures_of_whole_units() -> None:
    table = danvan.template_bundle().table("figures")
    assert table.title.vi == "Số liệu chung của đơn vị"
    assert [c.label.vi for c in table.columns][:4] == ["Mã", "Mã đơn vị", "Mã chỉ tiêu", "Giá trị"]


# A sheet typed by hand --------------------------------------------------------------------

HEADERS = ["Mã", "Mã đơn vị", "Mã chỉ tiêu", "Giá trị", "Mức chính xác", "Từ ngày", "Đến ngày"]


def _workbook(path: Path) -> None:
    """Units and a figures sheet as a clerk types them, with openpyxl."""
    book = openpyxl.Workbook()
    units = book.active
    units.title = "Đơn vị hành chính"
    units.append(["Mã", "Tên đơn vị", "Cấp", "Mã đơn vị cấp trên", "Mã hành chính"])
    units.append(["tinh-dien-bien", "Điện Biên", "province", None, "11"])
    units.append(["huyen-nam-po", "Nậm Pồ", "district", "tinh-dien-bien", "103"])
    sheet = book.create_sheet("Số liệu chung của đơn vị")
    sheet.append(HEADERS)
    sheet.append(["hs-2022", "huyen-nam-po", "job_dossiers", 170, "trên", *YEAR])
    sheet.append(["hs-sai", "huyen-khong-co", "job_dossiers", 5, None, *YEAR])
    sheet.append(["hs-am", "huyen-nam-po", "job_dossiers", -5, "gần", *YEAR])
    for row in sheet.iter_rows(min_row=2, min_col=6, max_col=7):
        for cell in row:
            cell.number_format = "dd/mm/yyyy"
    book.save(path)


def test_a_figures_sheet_typed_by_hand_is_read_with_findings_at_their_cells(
    tmp_path: Path,
) -> None:
    path = tmp_path / "so-lieu.xlsx"
    _workbook(path)
    result = read_dataset(path)
    assert [f for f in result.report if f.severity.rank == 2] == []
    over, _, negative = result.dataset.figures
    assert (over.value, over.bound, over.start, over.end) == (170, Bound.OVER, *YEAR)
    assert over.provenance == Provenance(str(path), "Số liệu chung của đơn vị", 2)
    assert negative.bound is Bound.NEARLY
    found = {f.code: f.location for f in validate(result.dataset)}
    unit = found["DV102"]
    assert (unit.sheet, unit.row, unit.letter, unit.column) == (
        "Số liệu chung của đơn vị",
        3,
        "B",
        "Mã đơn vị",
    )
    assert (unit.record_kind, unit.record_id, unit.field) == ("unit_figure", "hs-sai", "unit")
    value = found["DV405"]
    assert (value.row, value.letter, value.column) == (4, "D", "Giá trị")
