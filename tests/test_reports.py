"""annual_report: the year-end bundle of the sample shows the article's figures."""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
import pytest

from danvan import annual_report, period_report, summarize
from danvan.labels import Label
from danvan.model import Dataset, Level, Quantity
from danvan.tables import Bundle, Column, ColumnType, Table


@pytest.fixture(scope="module")
def report(nampo: Dataset) -> Bundle:
    return annual_report(nampo, 2022)


def records(table: Table) -> list[dict[str, Any]]:
    names = [column.name for column in table.columns]
    return [dict(zip(names, row, strict=True)) for row in table.iter_rows()]


def figures(bundle: Bundle) -> dict[str, Any]:
    return {row["code"]: row["value"] for row in records(bundle.table("summary"))}


def test_the_tables_of_the_year_end_report(report: Bundle) -> None:
    assert [t.name for t in report.tables] == [
        "summary",
        "by_commune",
        "by_activity_type",
        "by_team",
        "by_month",
        "money_by_source",
        "topics_covered",
        "comparison",  # against the plan and the same period last year
        "by_field",
        "results",
        "unit_figures",  # the district's own figure of 2022, apart from the teams'
    ]


def test_the_results_a_written_report_quotes(report: Bundle) -> None:
    lights = [row for row in records(report.table("results")) if row.get("street_lights")]
    assert [(row["team"], row["street_lights"], row["money_total"]) for row in lights] == [
        ("Tổ Dân vận bản Mốc 4", 20, 27_000_000)
    ]
    fields = {row["field"]: row for row in records(report.table("by_field"))}
    assert fields["Kinh tế"]["street_lights"] == 20
    assert sum(row["activities"] for row in fields.values()) == figures(report)["activities"]


def test_key_figures_are_the_articles(report: Bundle) -> None:
    key = figures(report)
    assert key["teams"] == 5
    assert key["gift_packages_children"] == 100
    assert key["gift_packages_households"] == 80
    assert key["street_lights"] == 20
    assert key["job_dossiers"] == 9  # the five teams' own; the district's 170+ is not theirs
    assert key["sessions"] == 7  # six dissemination activities and one Covid-19 drive
    assert 900 <= key["harvest"] <= 999
    assert key["completeness"] == 1.0  # a ratio, as in the percent columns


def test_moc_4_mobilised_nearly_500_million_and_is_graded_excellent(report: Bundle) -> None:
    teams = {row["team"]: row for row in records(report.table("by_team"))}
    moc4 = teams["Tổ Dân vận bản Mốc 4"]
    assert 450_000_000 <= moc4["money_society"] <= 499_000_000
    assert moc4["classification"] == "Hoàn thành xuất sắc nhiệm vụ"
    assert moc4["points"] == 100
    assert "Họp định kỳ 12/12 tháng" in moc4["reasons"]


def test_by_commune_lists_the_five_communes_in_vietnamese_order(report: Bundle) -> None:
    communes = records(report.table("by_commune"))
    assert [row["commune"] for row in communes] == [
        "Chà Nưa", "Nà Hỳ", "Nậm Tin", "Phìn Hồ", "Si Pa Phìn"
    ]  # fmt: skip
    nam_tin = communes[2]
    assert (nam_tin["code"], nam_tin["street_lights"], nam_tin["harvest"]) == ("03156", 20, 950)


def test_by_month_has_twelve_months_and_a_chart_of_activities(report: Bundle) -> None:
    table = report.table("by_month")
    months = records(table)
    assert [row["month"] for row in months] == [f"Tháng {m}/2022" for m in range(1, 13)]
    assert table.chart is not None
    assert (table.chart.category, table.chart.values) == ("month", ("activities",))
    assert sum(row["activities"] for row in months) == figures(report)["activities"]


def test_money_by_source_adds_up(report: Bundle) -> None:
    rows = {row["source"]: row for row in records(report.table("money_by_source"))}
    parts = [rows[s]["amount"] for s in ("state_budget", "society", "people")]
    assert sum(parts) == rows["total"]["amount"] == figures(report)["money_total"]
    assert rows["society"]["share"] == pytest.approx(rows["society"]["amount"] / sum(parts))


def test_topics_covered_lists_only_topics_with_an_activity(report: Bundle) -> None:
    topics = records(report.table("topics_covered"))
    names = {row["topic"] for row in topics}
    assert "Trồng lạc" in names
    assert "Giảm nghèo bền vững" not in names  # in the catalogue, but no activity
    assert all(row["activities"] > 0 for row in topics)


def test_every_table_is_labelled_in_both_languages_and_typed(report: Bundle) -> None:
    for table in report.tables:
        assert table.title.vi
        assert table.title.en
        for column in table.columns:
            assert column.label.vi, (table.name, column.name)
            assert column.label.en, (table.name, column.name)
        for row in records(table):
            for column in table.columns:
                value = row[column.name]
                if column.type is ColumnType.MONEY:
                    assert isinstance(value, int)
                if column.type is ColumnType.PERCENT and value is not None:
                    if table.name == "comparison":  # 110% of the plan, a fall of 5%: ratios
                        assert value >= (0 if column.name == "share" else -1)
                    else:
                        assert 0 <= value <= 1


def test_metadata_says_what_the_report_is(nampo: Dataset) -> None:
    when = dt.datetime(2023, 2, 13, 8, 0, tzinfo=dt.UTC)
    bundle = annual_report(nampo, 2022, source="Ban Dân vận Huyện ủy Nậm Pồ", generated_at=when)
    metadata = bundle.metadata
    assert metadata.period_key == "2022"
    assert metadata.period_label == Label("Năm 2022", "Year 2022")
    assert metadata.calendar is not None
    assert metadata.source == "Ban Dân vận Huyện ủy Nậm Pồ"
    assert metadata.generated_at == when
    assert "2022" in metadata.title.vi


def test_findings_are_included_when_given(nampo: Dataset) -> None:
    findings = Table(
        "findings",
        Label("Kết quả kiểm tra dữ liệu", "Validation findings"),
        (Column("code", Label("Mã", "Code")),),
        [("DV001",)],
    )
    bundle = annual_report(nampo, 2022, findings=findings)
    assert bundle.tables[-1] is findings


def test_names_in_cells_can_be_english(nampo: Dataset) -> None:
    bundle = annual_report(nampo, 2022, lang="en")
    months = records(bundle.table("by_month"))
    assert months[0]["month"] == "January 2022"
    teams = records(bundle.table("by_team"))
    assert {row["classification"] for row in teams} >= {"Excellent"}


def test_a_quarter_report_by_village_has_no_grades(nampo: Dataset) -> None:
    bundle = period_report(nampo, "2022-Q3", by=Level.VILLAGE)
    assert [t.name for t in bundle.tables][:2] == ["summary", "by_village"]
    assert bundle.metadata.period_key == "2022-Q3"
    assert "Quý III/2022" in bundle.metadata.title.vi
    by_team = bundle.table("by_team")
    assert "classification" not in [c.name for c in by_team.columns]
    lights = figures(bundle)["street_lights"]
    assert lights == 20  # put up in September 2022


def test_a_year_report_by_team_has_one_team_table_with_the_grades(nampo: Dataset) -> None:
    bundle = period_report(nampo, "2022", by="team")
    names = [t.name for t in bundle.tables]
    assert names.count("by_team") == 1
    assert names[:2] == ["summary", "by_team"]
    assert "classification" in [c.name for c in bundle.table("by_team").columns]


def test_the_annual_report_is_the_period_report_of_the_year(nampo: Dataset) -> None:
    when = dt.datetime(2023, 2, 13, 9, 27, tzinfo=dt.timezone(dt.timedelta(hours=7)))
    yearly = annual_report(nampo, 2022, generated_at=when)
    same = period_report(nampo, "2022", generated_at=when)
    assert [list(t.iter_rows()) for t in yearly.tables] == [
        list(t.iter_rows()) for t in same.tables
    ]


def test_dissemination_sessions_count_the_dissemination_activities(nampo: Dataset) -> None:
    moc4 = [a for a in nampo.activities if a.team == "to-moc4"]
    talk, other_talk = [a for a in moc4 if a.type == "dissemination"][:2]
    covid = next(a for a in moc4 if a.type == "epidemic_response")  # reports one session
    assert talk.quantity("sessions") is None
    assert covid.quantity("sessions") == 1
    reported = attrs.evolve(other_talk, quantities=(Quantity("sessions", 1),))
    dataset = attrs.evolve(nampo, activities=(talk, reported, covid))
    assert nampo.catalog.indicator("sessions").counts_type == "dissemination"  # type: ignore[union-attr]
    # Two dissemination activities (one reporting the session, one not) and the drive: each once,
    # in every table and in the key figure alike.
    assert summarize(dataset, "2022", by="all").rows[0].indicators["sessions"] == 3
    by_team = summarize(dataset, "2022", by="team")
    assert by_team.row("to-moc4").indicators["sessions"] == 3
    assert figures(period_report(dataset, "2022"))["sessions"] == 3


def test_a_count_without_a_type_counts_only_the_activities_that_report_it(nampo: Dataset) -> None:
    plain = attrs.evolve(
        nampo.catalog,
        indicators=tuple(
            attrs.evolve(i, counts_type=None) if i.code == "sessions" else i
            for i in nampo.catalog.indicators
        ),
    )
    dataset = attrs.evolve(nampo, catalog=plain)
    reported = sum(1 for a in nampo.activities if a.quantity("sessions") is not None)
    assert summarize(dataset, "2022", by="all").rows[0].indicators["sessions"] == reported
    assert reported < figures(period_report(nampo, "2022"))["sessions"]
