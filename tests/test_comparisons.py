"""Comparisons: the results of a period beside the plan and the same period a year earlier.

A plan target is a record of its own (sheet "Kế hoạch"), checked like a unit
figure; a unit without targets of its own is given its children's sum; the
value a year earlier is what `summarize` gives for the shifted period, and a
period with no data a year earlier says so in words, never 0.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import danvan
from danvan import dataset_bundle, dataset_from_json, dataset_to_json, read_dataset, validate
from danvan.aggregate import Comparison, compare, summarize, year_earlier
from danvan.bundled import default_catalog
from danvan.model import AdminUnit, Dataset, Level, Provenance, Target
from danvan.periods import Period, parse_period
from danvan.reports import COMPARISON_TABLE
from danvan.tables import Table
from tests.strategies import plan_targets

openpyxl = pytest.importorskip("openpyxl")

YEAR = (dt.date(2022, 1, 1), dt.date(2022, 12, 31))


def records(table: Table) -> list[dict[str, Any]]:
    names = [column.name for column in table.columns]
    return [dict(zip(names, row, strict=True)) for row in table.iter_rows()]


def by_measure(items: tuple[Comparison, ...], group: str) -> dict[str, Comparison]:
    return {item.measure: item for item in items if item.group == group}


# The same period a year earlier --------------------------------------------------------------


def test_the_same_period_a_year_earlier() -> None:
    assert year_earlier(parse_period("2022-Q1")) == parse_period("2021-Q1")
    assert year_earlier(Period.of_month(2022, 3)) == Period.of_month(2021, 3)
    assert year_earlier(Period.of_year(2022)) == Period.of_year(2021)
    leap = Period.between(dt.date(2024, 2, 1), dt.date(2024, 2, 29))
    assert year_earlier(leap) == Period.between(dt.date(2023, 2, 1), dt.date(2023, 2, 28))


def test_the_first_quarter_of_2022_has_no_data_a_year_earlier(nampo: Dataset) -> None:
    summary = summarize(nampo, "2022-Q1", by="all")
    previous = summarize(nampo, "2021-Q1", by="all")
    items = by_measure(compare(nampo, summary, previous), "")
    activities = items["activities"]
    assert activities.value == 22
    assert activities.previous is None
    assert activities.change is None
    assert activities.words("vi") == "chưa có số liệu cùng kỳ"
    assert activities.words("en") == "no data for the same period last year"


def test_the_year_2022_stands_beside_the_founding_meetings_of_2021(nampo: Dataset) -> None:
    """The sample's teams met first on 28/12/2021: 2021 holds five meetings, its "cùng kỳ"."""
    summary = summarize(nampo, "2022", by="all")
    items = by_measure(compare(nampo, summary, summarize(nampo, "2021", by="all")), "")
    assert (items["activities"].value, items["activities"].previous) == (91, 5)
    assert items["money"].previous == 0
    assert items["money"].words("vi") == "đạt 110% kế hoạch; cùng kỳ không có"


@settings(max_examples=15, deadline=None)
@given(
    moved=st.lists(st.integers(min_value=0, max_value=95), max_size=30, unique=True),
    period=st.sampled_from(["2022-Q1", "2022-Q2", "2022-Q3", "2022-Q4", "2022-03", "2022"]),
)
def test_the_previous_value_is_the_summary_of_the_shifted_period(
    nampo: Dataset, moved: list[int], period: str
) -> None:
    activities = list(nampo.activities)
    for index in moved:
        day = activities[index].date
        activities[index] = attrs.evolve(activities[index], date=day.replace(year=day.year - 1))
    dataset = attrs.evolve(nampo, activities=tuple(activities))
    shifted = year_earlier(parse_period(period))
    assert shifted is not None
    now = summarize(dataset, period, by=Level.COMMUNE)
    before = summarize(dataset, shifted, by=Level.COMMUNE, units_on=YEAR[1])
    has_data = any(row.activities for row in before.rows)
    for item in compare(dataset, now, before):
        row = before.row(item.group)
        expected = {"activities": row.activities, "participants": row.participants}
        if item.measure in expected:
            assert item.previous == (expected[item.measure] if has_data else None)


# Targets along the hierarchy -----------------------------------------------------------------


def _district(communes: int) -> Dataset:
    units = [AdminUnit("d", "Huyện", Level.DISTRICT)]
    units += [AdminUnit(f"c{i}", f"Xã {i}", Level.COMMUNE, "d") for i in range(communes)]
    return Dataset(units=tuple(units))


def _target(unit: str, value: int, indicator: str = "activities") -> Target:
    return Target(f"kh-{unit}-{indicator}", unit, indicator, *YEAR, value)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=10**9), min_size=1, max_size=6))
def test_the_target_of_a_parent_is_the_sum_of_its_childrens(values: list[int]) -> None:
    dataset = attrs.evolve(
        _district(len(values)),
        targets=tuple(_target(f"c{i}", value) for i, value in enumerate(values)),
    )
    by_district = summarize(dataset, "2022", by=Level.DISTRICT)
    (district,) = compare(dataset, by_district, None, ["activities"])
    by_commune = compare(dataset, summarize(dataset, "2022", by=Level.COMMUNE), None)
    children = [item.target for item in by_commune if item.measure == "activities"]
    assert district.target == sum(values) == sum(t for t in children if t is not None)


def test_a_units_own_target_counts_and_a_target_of_part_of_the_period_does_not() -> None:
    half = Target("nua", "c0", "activities", dt.date(2022, 1, 1), dt.date(2022, 6, 30), 4)
    dataset = attrs.evolve(
        _district(2), targets=(_target("d", 30), _target("c0", 10), _target("c1", 12), half)
    )
    (district,) = compare(
        dataset, summarize(dataset, "2022", by=Level.DISTRICT), None, ["activities"]
    )
    assert district.target == 30  # the district's own plan, not 10 + 12
    first_half = compare(dataset, summarize(dataset, "2022-H1", by=Level.COMMUNE), None)
    assert [item.target for item in first_half if item.measure == "activities"] == [4, None]


def test_words_for_more_less_and_the_same() -> None:
    item = Comparison("c", "Xã", None, (), "activities", 112, 100, 100)
    assert item.share == pytest.approx(1.12)
    assert item.change == pytest.approx(0.12)
    assert item.words("vi") == "đạt 112% kế hoạch; tăng 12% so với cùng kỳ"
    assert item.words("en") == "112% of the plan; up 12% on the same period last year"
    fell = attrs.evolve(item, value=95, target=None)
    assert fell.words("vi") == "giảm 5% so với cùng kỳ"
    assert attrs.evolve(item, value=100, target=None).words("vi") == "bằng cùng kỳ"


# The report ----------------------------------------------------------------------------------


def test_the_year_report_compares_the_district_with_its_plan(nampo: Dataset) -> None:
    table = danvan.annual_report(nampo, 2022).table(COMPARISON_TABLE)
    assert table.title.vi == "So sánh với kế hoạch và cùng kỳ"
    rows = records(table)
    whole = {row["measure"]: row for row in rows if row["unit"] == "Toàn địa bàn"}
    assert whole["Số hoạt động"]["target"] == 90
    assert whole["Số hoạt động"]["assessment"].startswith("đạt 101% kế hoạch")
    assert whole["Hộ tham gia mô hình"]["share"] == pytest.approx(141 / 150)
    nam_tin = next(r for r in rows if r["unit"] == "Nậm Tin" and r["measure"] == "Số hoạt động")
    assert (nam_tin["value"], nam_tin["target"], nam_tin["share"]) == (27, 18, 1.5)


def test_a_quarter_report_says_there_is_no_data_a_year_earlier(nampo: Dataset) -> None:
    table = danvan.period_report(nampo, "2022-Q1", lang="en").table(COMPARISON_TABLE)
    rows = records(table)
    assert rows
    assert all(row["previous"] is None for row in rows)
    assert all(row["assessment"] == "no data for the same period last year" for row in rows)
    assert all(row["target"] is None for row in rows)  # the plan is for the whole year


# The plan's records --------------------------------------------------------------------------


def test_the_samples_targets_are_valid_and_illustrative(nampo: Dataset) -> None:
    assert len(nampo.targets) == 9
    assert all(t.provenance is not None and t.provenance.illustrative for t in nampo.targets)
    assert [f for f in validate(nampo) if f.location.record_kind == "target"] == []


def test_a_target_built_in_code_is_checked_and_named_by_its_json_pointer(nampo: Dataset) -> None:
    wrong = Target("sai", "huyen-khong-co", "khong_co", YEAR[1], YEAR[0], -3)
    dataset = attrs.evolve(nampo, targets=(*nampo.targets, wrong))
    found = {f.code: f.location.pointer for f in validate(dataset) if f.code[:2] == "DV"}
    assert found["DV102"] == "/targets/9/unit"
    assert found["DV108"] == "/targets/9/indicator"
    assert found["DV306"] == "/targets/9/end"
    assert found["DV405"] == "/targets/9/value"


@settings(max_examples=50, deadline=None)
@given(plan_targets)
def test_any_target_survives_its_json_document(made: Target) -> None:
    dataset = Dataset(targets=(made,))
    assert dataset_from_json(dataset_to_json(dataset), catalog=default_catalog()) == dataset


def test_the_targets_survive_a_workbook(tmp_path: Path, nampo: Dataset) -> None:
    path = tmp_path / "nampo.xlsx"
    danvan.export(dataset_bundle(nampo), path)
    back = read_dataset(path).dataset.targets
    assert [attrs.evolve(t, provenance=None) for t in back] == [
        attrs.evolve(t, provenance=None) for t in nampo.targets
    ]
    assert back[0].provenance is not None
    assert back[0].provenance.sheet == "Kế hoạch"


def test_the_template_has_a_plan_sheet() -> None:
    table = danvan.template_bundle().table("targets")
    assert table.title.vi == "Kế hoạch"
    assert [c.label.vi for c in table.columns][:3] == ["Mã", "Mã đơn vị", "Mã chỉ tiêu"]


def test_a_plan_sheet_typed_by_hand_is_read_with_a_finding_at_its_cell(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    units = book.active
    units.title = "Đơn vị hành chính"
    units.append(["Mã", "Tên đơn vị", "Cấp", "Mã đơn vị cấp trên", "Mã hành chính"])
    units.append(["huyen-nam-po", "Nậm Pồ", "district", None, "103"])
    sheet = book.create_sheet("Kế hoạch")
    sheet.append(["Mã", "Mã đơn vị", "Mã chỉ tiêu", "Từ ngày", "Đến ngày", "Chỉ tiêu kế hoạch"])
    sheet.append(["kh-1", "huyen-nam-po", "activities", *YEAR, 90])
    sheet.append(["kh-2", "huyen-nam-po", "cay_xanh", *YEAR, 500])
    path = tmp_path / "ke-hoach.xlsx"
    book.save(path)
    result = read_dataset(path)
    assert [f for f in result.report if f.severity.rank == 2] == []
    planned, _ = result.dataset.targets
    assert (planned.indicator, planned.start, planned.end, planned.value) == (
        "activities",
        *YEAR,
        90,
    )
    assert planned.provenance == Provenance(str(path), "Kế hoạch", 2)
    (unknown,) = [f for f in validate(result.dataset) if f.code == "DV108"]
    where = unknown.location
    assert (where.sheet, where.row, where.letter, where.column) == (
        "Kế hoạch",
        3,
        "C",
        "Mã chỉ tiêu",
    )
    assert (where.record_kind, where.record_id) == ("target", "kh-2")
