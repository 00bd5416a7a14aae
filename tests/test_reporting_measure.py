"""The reporting rates as a measure of `summarize`: counts that add up, rates derived from them."""

from __future__ import annotations

import datetime as dt

import attrs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import danvan
from danvan.aggregate import REPORT_COUNTS, GroupBy, Measure, PeriodTotals, SummaryRow, summarize
from danvan.model import Dataset, Level
from danvan.periods import DeadlineRule, Period, PeriodKind
from danvan.reporting import (
    ReportingSettings,
    expected_reports,
    group_of_teams,
    reporting_rates,
)
from danvan.tables import ColumnType
from tests.test_reporting import MARCH, TEAMS, UNITS, datasets_with_submissions, sent

QUARTER = Period.of_quarter(2022, 1)
RATES = ("reporting_rate", "on_time_rate")


def counts(row: SummaryRow) -> tuple[int, ...]:
    """The counts of reports of a row, in the order of `REPORT_COUNTS`."""
    return tuple(getattr(row, f"reports_{name}") for name in REPORT_COUNTS)


def _sum(rows: list[tuple[int, ...]]) -> tuple[int, ...]:
    return tuple(sum(column) for column in zip(*rows, strict=True)) if rows else (0,) * 8


def test_the_samples_year_counts_60_reports_owed_59_received_54_on_time() -> None:
    summary = summarize(danvan.sample(), "2022", by="all", measures=["reporting"])
    (total,) = summary.rows
    assert (total.reports_expected, total.reports_received) == (60, 59)
    assert (total.reports_on_time, total.reports_late, total.reports_missing) == (54, 5, 1)
    assert (total.reports_undated, total.reports_not_yet_due, total.reports_duplicates) == (0, 0, 0)
    assert (total.reporting_rate, total.on_time_rate) == (59 / 60, 54 / 60)


def test_by_commune_the_missing_report_is_si_pa_phins_in_the_third_quarter() -> None:
    summary = danvan.summarize(danvan.sample(), "2022", measures=["reporting"], per=("quarter",))
    missing = [(r.name, *r.keys) for r in summary.rows if r.reports_missing]
    assert missing == [("Si Pa Phìn", "2022-Q3")]
    july = summary.row("xa-si-pa-phin", "2022-Q3")
    assert (july.reports_expected, july.reports_received, july.reporting_rate) == (3, 2, 2 / 3)
    assert _sum([counts(r) for r in summary.rows]) == (60, 59, 54, 5, 0, 1, 0, 0)


def test_reporting_is_not_a_default_measure() -> None:
    summary = summarize(danvan.sample(), "2022")
    assert Measure.REPORTING not in summary.measures
    assert "reporting_rate" not in [c.name for c in summary.columns()]
    assert summary.rows[0].reports_expected == 0


def test_the_columns_are_bilingual_counts_then_percentages() -> None:
    summary = summarize(danvan.sample(), "2022", by="all", measures=["reporting"])
    columns = {c.name: c for c in summary.columns()}
    assert list(columns) == [*(f"reports_{name}" for name in REPORT_COUNTS), *RATES]
    for name, column in columns.items():
        assert column.label.vi
        assert column.label.en
        assert column.label.vi != column.label.en
        expected = ColumnType.PERCENT if name in RATES else ColumnType.INTEGER
        assert column.type is expected
    (row,) = summary.to_table().iter_rows()
    assert row == (60, 59, 54, 5, 0, 1, 0, 0, 59 / 60, 54 / 60)


def test_a_unit_that_owes_nothing_has_no_rate() -> None:
    dataset = Dataset(units=UNITS)
    (row,) = summarize(dataset, MARCH, by="all", measures=["reporting"]).rows
    assert (row.reports_expected, row.reporting_rate, row.on_time_rate) == (0, None, None)


def test_the_settings_say_which_day_the_reports_are_seen_on() -> None:
    dataset = Dataset(
        units=UNITS, teams=TEAMS, submissions=(sent("nop-1", "to-na-su", dt.date(2022, 4, 5)),)
    )
    before = ReportingSettings(today=dt.date(2022, 4, 1))
    (row,) = summarize(dataset, MARCH, by="all", measures=["reporting"], reporting=before).rows
    assert (row.reports_received, row.reports_not_yet_due, row.reports_missing) == (1, 2, 0)
    after = ReportingSettings(today=dt.date(2022, 4, 20))
    (row,) = summarize(dataset, MARCH, by="all", measures=["reporting"], reporting=after).rows
    assert (row.reports_received, row.reports_not_yet_due, row.reports_missing) == (1, 0, 2)


def test_a_quarterly_report_counts_in_the_month_its_quarter_ends() -> None:
    quarterly = ReportingSettings(
        kind=PeriodKind.QUARTER, rule=DeadlineRule.working_days_after_end(5)
    )
    summary = summarize(
        danvan.sample(),
        "2022-Q1",
        by="all",
        per=("month",),
        measures=["reporting"],
        reporting=quarterly,
    )
    assert [row.reports_expected for row in summary.rows] == [0, 0, 5]


def test_the_stored_pass_gives_what_summarize_gives() -> None:
    sample = danvan.sample()
    asked = ReportingSettings(today=dt.date(2022, 7, 10))
    totals = PeriodTotals.of(sample, "2022")
    groupings: tuple[GroupBy, ...] = (Level.COMMUNE, "team", "all")
    for by in groupings:
        stored = totals.summarize(by=by, per=("month",), measures=["reporting"], reporting=asked)
        again = summarize(
            sample, "2022", by=by, per=("month",), measures=["reporting"], reporting=asked
        )
        assert stored == again


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(datasets_with_submissions(), st.dates(dt.date(2022, 1, 1), dt.date(2023, 3, 1)))
def test_the_measure_rolls_up_from_teams_to_communes_to_the_province(
    dataset: Dataset, today: dt.date
) -> None:
    asked = ReportingSettings(today=today)

    def rows(by: GroupBy) -> list[SummaryRow]:
        summary = summarize(
            dataset, QUARTER, by=by, per=("month",), measures=["reporting"], reporting=asked
        )
        return list(summary.rows)

    by_team, by_commune, by_province = rows("team"), rows(Level.COMMUNE), rows(Level.PROVINCE)
    _, commune_of = group_of_teams(dataset, QUARTER, Level.COMMUNE)
    reports = expected_reports(dataset, QUARTER, today=today)
    for month in ("2022-01", "2022-02", "2022-03"):
        communes = [row for row in by_commune if row.keys == (month,)]
        for commune in communes:
            teams = [
                counts(row)
                for row in by_team
                if row.keys == (month,) and commune_of.get(row.group) == commune.group
            ]
            assert counts(commune) == _sum(teams)
        provinces = [counts(row) for row in by_province if row.keys == (month,)]
        assert _sum(provinces) == _sum([counts(c) for c in communes])
        (everything,) = [r for r in rows("all") if r.keys == (month,)]
        assert everything.reports_expected == sum(1 for r in reports if r.period.key == month)
        assert everything.reports_received <= everything.reports_expected


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(datasets_with_submissions(), st.dates(dt.date(2022, 1, 1), dt.date(2023, 3, 1)))
def test_a_months_summary_counts_what_reporting_rates_counts(
    dataset: Dataset, today: dt.date
) -> None:
    """One road: a month's rates by commune are the same, asked of either."""
    reports = expected_reports(dataset, MARCH, today=today)
    rates = reporting_rates(dataset, reports, by=Level.COMMUNE)
    summary = summarize(
        dataset, MARCH, measures=["reporting"], reporting=ReportingSettings(today=today)
    )
    if not reports:  # reporting_rates lists the periods something is owed for
        assert [counts(r) for r in summary.rows] == [(0,) * 8] * len(summary.rows)
        return
    assert [(r.group, r.additive()) for r in rates] == [(r.group, counts(r)) for r in summary.rows]
    for rate, row in zip(rates, summary.rows, strict=True):
        assert (rate.reporting_rate, rate.on_time_rate) == (row.reporting_rate, row.on_time_rate)


def test_a_report_without_submissions_is_asked_for_through_the_settings() -> None:
    unsent = attrs.evolve(danvan.sample(), submissions=())
    (row,) = summarize(unsent, "2022-Q1", by="all", measures=["reporting"]).rows
    assert (row.reports_expected, row.reports_missing, row.reporting_rate) == (15, 15, 0.0)
