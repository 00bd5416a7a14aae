"""Percentages are one unit everywhere: a ratio 0..1 in data, shown with a percent format."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import attrs
import pytest

import danvan
from danvan.model import Dataset
from danvan.tables import Bundle, ColumnType
from danvan.testing.readers import READERS


def _without_one_meeting(dataset: Dataset) -> Dataset:
    """The sample less the first monthly meeting of March 2022: 59 of the 60 expected held."""
    march = [
        a
        for a in dataset.activities
        if a.type == "monthly_meeting" and (a.date.year, a.date.month) == (2022, 3)
    ]
    return attrs.evolve(dataset, activities=tuple(a for a in dataset.activities if a != march[0]))


@pytest.fixture(scope="module")
def report() -> Bundle:
    return danvan.period_report(_without_one_meeting(danvan.sample()), "2022")


def _column(bundle: Bundle, table: str, column: str) -> list[Any]:
    found = bundle.table(table)
    at = [c.name for c in found.columns].index(column)
    return [row[at] for row in found.iter_rows()]


def _key_figure(bundle: Bundle, code: str) -> Any:
    codes, values = _column(bundle, "summary", "code"), _column(bundle, "summary", "value")
    return dict(zip(codes, values, strict=True))[code]


def test_the_key_figures_and_the_tables_give_the_same_ratio(report: Bundle) -> None:
    held = sum(_column(report, "by_commune", "meetings_held"))
    expected = sum(_column(report, "by_commune", "meetings_expected"))
    assert (held, expected) == (59, 60)
    assert _key_figure(report, "completeness") == pytest.approx(59 / 60)
    assert _key_figure(report, "completeness") == pytest.approx(
        sum(_column(report, "by_team", "meetings_held"))
        / sum(_column(report, "by_team", "meetings_expected"))
    )
    # The commune of the team that missed March: 11 of its 12 meetings.
    assert any(v == pytest.approx(11 / 12) for v in _column(report, "by_commune", "completeness"))


def test_the_sample_s_key_figures_say_all_meetings_were_held_as_a_ratio() -> None:
    bundle = danvan.period_report(danvan.sample(), "2022")
    assert _key_figure(bundle, "completeness") == 1.0
    assert _column(bundle, "by_commune", "completeness") == [1.0] * 5


@pytest.mark.parametrize(
    ("dataset", "period"),
    [("sample", "2022"), ("sample", "2022-Q1"), ("sample", "2023"), ("empty", "2022-03")],
)
def test_every_percent_column_holds_a_ratio_between_0_and_1(dataset: str, period: str) -> None:
    data = danvan.sample() if dataset == "sample" else Dataset()
    bundle = danvan.period_report(data, period)
    for table in bundle.tables:
        for at, column in enumerate(table.columns):
            if column.type is ColumnType.PERCENT:
                low, high = _BOUNDS.get((table.name, column.name), (0.0, 1.0))
                for row in table.iter_rows():
                    assert row[at] is None or low <= row[at] <= high, (table.name, column.name)


#: Ratios that may pass 1 (110% of the plan, 17 times as many as a year earlier) or fall
#: under 0 (a fall of 5%): still ratios, 1.1 and -0.05, never 110 and -5.
_BOUNDS = {
    ("comparison", "share"): (0.0, float("inf")),
    ("comparison", "change"): (-1.0, float("inf")),
}


@pytest.mark.parametrize("fmt", ["xlsx", "datapackage", "json"])
def test_every_writer_writes_the_ratio(report: Bundle, tmp_path: Path, fmt: str) -> None:
    target = tmp_path / {"xlsx": "r.xlsx", "datapackage": "r.zip", "json": "r.json"}[fmt]
    danvan.export(report, target, format=fmt)
    back = READERS[fmt](target, report)
    for table in report.tables:
        for at, column in enumerate(table.columns):
            if column.type is ColumnType.PERCENT:
                written = [row[at] for row in back[table.name]]
                assert written == pytest.approx([row[at] for row in table.iter_rows()])
    assert pytest.approx(59 / 60) in [row[2] for row in back["summary"]]


def test_no_meeting_expected_is_no_ratio_rather_than_0_or_100() -> None:
    bundle = danvan.period_report(Dataset(), "2022-03")
    assert _key_figure(bundle, "completeness") is None
