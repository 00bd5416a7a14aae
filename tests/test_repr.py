"""A notebook shows counts and the first rows of a large object, not megabytes of attrs repr."""

from __future__ import annotations

import datetime as dt

import attrs

import danvan
from danvan.findings import Finding, Location, Severity, ValidationReport
from danvan.labels import Label
from danvan.model import Dataset
from danvan.tables import Column, ColumnType, Table

MILLION = 1_000_000
MAX_LINES = 20
MAX_CHARS = 3_000


def _short(text: str) -> None:
    assert len(text.splitlines()) <= MAX_LINES
    assert len(text) <= MAX_CHARS


def test_a_table_of_a_million_rows_shows_its_counts_and_first_rows() -> None:
    columns = [Column(f"c{i}", Label(f"Cột {i}"), ColumnType.INTEGER) for i in range(30)]
    table = Table("big", Label("Bảng lớn", "Big table"), columns, [tuple(range(30))] * MILLION)
    text = repr(table)
    _short(text)
    _short(table._repr_html_())
    assert "30 columns, 1,000,000 rows" in text
    assert "… 999,995 more rows" in text
    assert "+22" in text  # the columns not shown are counted


def test_a_table_of_a_one_shot_iterator_is_not_read_by_its_repr() -> None:
    rows = iter([("Bản Mốc 4",)])
    table = Table("once", Label("Một lần"), [Column("village", Label("Bản"))], rows)
    assert "rows read once, when written" in repr(table)
    assert list(table.iter_rows()) == [("Bản Mốc 4",)]


def test_a_dataset_of_a_million_activities_shows_counts_and_the_first_ones() -> None:
    sample = danvan.sample()
    big = attrs.evolve(sample, activities=sample.activities[:1] * MILLION)
    text = repr(big)
    _short(text)
    _short(big._repr_html_())
    assert "1,000,000 activities" in text
    assert sample.activities[0].id in text
    assert big == attrs.evolve(sample, activities=sample.activities[:1] * MILLION)


def test_an_empty_dataset_says_so() -> None:
    assert repr(Dataset()) == "<Dataset: empty>"


def test_a_report_of_a_million_findings_shows_counts_and_the_first_ones() -> None:
    finding = Finding(
        "DV101",
        Severity.ERROR,
        Label("Ngày không hợp lệ <script>", "Invalid date <script>"),
        Location(source="ban-moc-4.xlsx", sheet="Hoạt động", row=7, column="Ngày"),
    )
    report = ValidationReport([finding] * MILLION)
    text = repr(report)
    _short(text)
    assert "1,000,000 findings, 1000000 errors" in text
    assert "ban-moc-4.xlsx Hoạt động row 7 Ngày" in text
    html = report._repr_html_()
    _short(html)
    assert "&lt;script&gt;" in html
    assert "<script>" not in html


def test_cells_are_cut_to_one_short_line() -> None:
    table = Table(
        "long",
        Label("Dài"),
        [Column("note", Label("Ghi chú")), Column("day", Label("Ngày"), ColumnType.DATE)],
        [("dòng 1\ndòng 2 " * 500, dt.date(2022, 3, 15))],
    )
    text = repr(table)
    _short(text)
    assert "dòng 1 dòng 2 dòng 1 dòng 2 dòng 1 dòng…" in text
    assert "2022-03-15" in text


def test_a_summary_of_many_rows_shows_what_was_summed_and_its_first_rows() -> None:
    summary = danvan.summarize(danvan.sample(), "2022", by="team", per=("month",))
    big = attrs.evolve(summary, rows=summary.rows * 20_000)
    text = repr(big)
    _short(text)
    _short(big._repr_html_())
    assert "period 2022" in text
    assert "by team" in text
    assert "per month" in text
    assert f"{len(big.rows):,} rows" in text
    assert big == attrs.evolve(summary, rows=summary.rows * 20_000)
