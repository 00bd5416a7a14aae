"""Expected reports and reporting rates: who owes which report, and who sent it on time."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from danvan.model import AdminUnit, Assignment, Dataset, Level, Submission, Team
from danvan.periods import DeadlineRule, Period, PeriodKind, WorkingCalendar
from danvan.reporting import (
    DEFAULT_DEADLINE,
    ExpectedReport,
    ReportStatus,
    expected_reports,
    group_of_teams,
    reporting_rates,
)
from tests.strategies import consistent_datasets

MARCH = Period.of_month(2022, 3)
UNITS = (
    AdminUnit("tinh", "Điện Biên", Level.PROVINCE, code="11"),
    AdminUnit("huyen", "Nậm Pồ", Level.DISTRICT, code="103", parent="tinh"),
    AdminUnit("xa-nam-tin", "Nậm Tin", Level.COMMUNE, code="03156", parent="huyen"),
    AdminUnit("xa-cha-nua", "Chà Nưa", Level.COMMUNE, code="03187", parent="huyen"),
    AdminUnit("ban-moc-4", "Mốc 4", Level.VILLAGE, parent="xa-nam-tin"),
    AdminUnit("ban-na-su", "Nà Sự", Level.VILLAGE, parent="xa-cha-nua"),
    AdminUnit("ban-huoi-do", "Huổi Đo", Level.VILLAGE, parent="xa-cha-nua"),
)
TEAMS = (
    Team("to-moc-4", "Tổ bản Mốc 4", villages=(Assignment("ban-moc-4"),)),
    Team("to-na-su", "Tổ bản Nà Sự", villages=(Assignment("ban-na-su"),)),
    Team("to-huoi-do", "Tổ bản Huổi Đo", villages=(Assignment("ban-huoi-do"),)),
)
#: March 2022 ends on Thursday 31/3; five working days later is Thursday 7/4.
DUE = dt.date(2022, 4, 7)


def sent(
    id: str,
    reporter: str,
    received: dt.date | None,
    *,
    start: dt.date = dt.date(2022, 3, 2),
    end: dt.date = dt.date(2022, 3, 28),
    replaces: str | None = None,
) -> Submission:
    """A report from ``reporter`` (of March 2022 unless told), received on ``received``."""
    return Submission(id, reporter, start=start, end=end, received=received, replaces=replaces)


def reports_of(
    *submissions: Submission, today: dt.date = dt.date(2022, 4, 20)
) -> dict[str, ExpectedReport]:
    dataset = Dataset(units=UNITS, teams=TEAMS, submissions=submissions)
    return {r.team: r for r in expected_reports(dataset, MARCH, today=today)}


def test_each_active_team_owes_one_report_with_its_deadline_and_status() -> None:
    reports = reports_of(
        sent("nop-1", "to-moc-4", dt.date(2022, 4, 5)),
        sent("nop-2", "to-na-su", dt.date(2022, 4, 8)),
    )
    assert reports["to-moc-4"].due == DUE
    assert reports["to-moc-4"].status is ReportStatus.ON_TIME
    assert reports["to-na-su"].status is ReportStatus.LATE
    assert reports["to-na-su"].days_late == 1
    assert reports["to-huoi-do"].status is ReportStatus.MISSING


def test_a_report_not_yet_due_is_not_missing() -> None:
    reports = reports_of(today=DUE)
    assert {r.status for r in reports.values()} == {ReportStatus.NOT_YET_DUE}


def test_a_report_received_on_a_day_nobody_wrote_is_received_but_not_on_time() -> None:
    report = reports_of(sent("nop-1", "to-moc-4", None))["to-moc-4"]
    assert report.status is ReportStatus.UNDATED
    assert report.status.received


def test_two_files_for_one_team_and_month_are_a_duplicate_unless_one_replaces_the_other() -> None:
    first = sent("nop-1", "to-moc-4", dt.date(2022, 4, 4))
    again = sent("nop-2", "to-moc-4", dt.date(2022, 4, 9))
    duplicate = reports_of(first, again)["to-moc-4"]
    assert (duplicate.files, duplicate.duplicate) == (2, True)
    corrected = reports_of(first, sent("nop-2", "to-moc-4", dt.date(2022, 4, 9), replaces="nop-1"))
    report = corrected["to-moc-4"]
    assert (report.submissions, report.duplicate) == (("nop-2",), False)
    # The correction came late; the report itself came on time, on the 4th.
    assert (report.received, report.status) == (dt.date(2022, 4, 4), ReportStatus.ON_TIME)


def test_a_communes_workbook_reports_for_the_communes_teams() -> None:
    reports = reports_of(sent("nop-xa", "xa-cha-nua", dt.date(2022, 4, 6)))
    assert reports["to-na-su"].status is ReportStatus.ON_TIME
    assert reports["to-huoi-do"].status is ReportStatus.ON_TIME
    assert reports["to-moc-4"].status is ReportStatus.MISSING


def test_a_submission_of_other_days_does_not_report_this_period() -> None:
    april = sent(
        "nop-4",
        "to-moc-4",
        dt.date(2022, 5, 3),
        start=dt.date(2022, 4, 1),
        end=dt.date(2022, 4, 30),
    )
    assert reports_of(april)["to-moc-4"].status is ReportStatus.MISSING


def test_a_team_owes_reports_only_while_it_exists() -> None:
    team = Team(
        "to-moi",
        "Tổ mới",
        villages=(Assignment("ban-moc-4"),),
        established=dt.date(2022, 3, 20),
        dissolved=dt.date(2022, 6, 5),
    )
    dataset = Dataset(units=UNITS, teams=(team,))
    reports = expected_reports(dataset, Period.of_year(2022), today=dt.date(2023, 1, 1))
    assert [r.period.key for r in reports] == ["2022-03", "2022-04", "2022-05", "2022-06"]


def test_quarterly_reports_and_a_deadline_that_falls_on_tet() -> None:
    dataset = Dataset(units=UNITS, teams=TEAMS[:1])
    (q4,) = expected_reports(
        dataset,
        Period.of_quarter(2022, 4),
        today=dt.date(2023, 3, 1),
        kind=PeriodKind.QUARTER,
        rule=DeadlineRule.day_of_last_month(31),
    )
    assert q4.due == dt.date(2023, 1, 3)  # 31/12/2022 a Saturday, 2/1/2023 off for New Year
    (january,) = expected_reports(dataset, Period.of_month(2022, 1), today=dt.date(2022, 3, 1))
    assert january.deadline.rule == DEFAULT_DEADLINE
    assert january.due == dt.date(2022, 2, 11)  # Tết Nhâm Dần: 31/1 to 4/2/2022 off


def test_a_calendar_with_an_extra_day_off_moves_the_deadline() -> None:
    dataset = Dataset(units=UNITS, teams=TEAMS[:1])
    working = WorkingCalendar(extra_days_off={dt.date(2022, 4, 4)})
    (report,) = expected_reports(dataset, MARCH, today=dt.date(2022, 5, 1), working=working)
    assert report.due == dt.date(2022, 4, 8)


def test_rates_per_commune_are_numerators_over_denominators() -> None:
    dataset = Dataset(
        units=UNITS,
        teams=TEAMS,
        submissions=(
            sent("nop-1", "to-na-su", dt.date(2022, 4, 5)),
            sent("nop-2", "to-huoi-do", dt.date(2022, 4, 12)),
            sent("nop-3", "to-huoi-do", dt.date(2022, 4, 13)),
        ),
    )
    reports = expected_reports(dataset, MARCH, today=dt.date(2022, 4, 20))
    rows = {row.group: row for row in reporting_rates(dataset, reports)}
    cha_nua, nam_tin = rows["xa-cha-nua"], rows["xa-nam-tin"]
    assert (cha_nua.expected, cha_nua.received, cha_nua.on_time, cha_nua.late) == (2, 2, 1, 1)
    assert (cha_nua.duplicates, cha_nua.reporting_rate, cha_nua.on_time_rate) == (1, 1.0, 0.5)
    assert (nam_tin.missing, nam_tin.reporting_rate) == (1, 0.0)
    (district,) = reporting_rates(dataset, reports, by=Level.DISTRICT)
    assert district.additive() == tuple(
        a + b for a, b in zip(cha_nua.additive(), nam_tin.additive(), strict=True)
    )


@st.composite
def datasets_with_submissions(draw: st.DrawFn) -> Dataset:
    """A random province with teams, and submissions from its teams and communes in 2022."""
    dataset = draw(consistent_datasets())
    reporters = [t.id for t in dataset.teams] + [
        u.id for u in dataset.units if u.level is Level.COMMUNE
    ]
    if not reporters:
        return dataset
    days = st.dates(min_value=dt.date(2022, 1, 1), max_value=dt.date(2023, 1, 31))
    submissions: list[Submission] = []
    for n in range(draw(st.integers(0, 30))):
        start, end = sorted((draw(days), draw(days)))
        earlier = [s.id for s in submissions]
        submissions.append(
            Submission(
                f"nop-{n}",
                draw(st.sampled_from(reporters)),
                start=start,
                end=end,
                received=draw(st.none() | days),
                replaces=draw(st.none() | st.sampled_from(earlier)) if earlier else None,
            )
        )
    return Dataset(units=dataset.units, teams=dataset.teams, submissions=tuple(submissions))


def _sum(rows: list[tuple[int, ...]]) -> tuple[int, ...]:
    return tuple(sum(column) for column in zip(*rows, strict=True)) if rows else (0,) * 8


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(datasets_with_submissions(), st.dates(dt.date(2022, 1, 1), dt.date(2023, 3, 1)))
def test_rates_roll_up_from_teams_to_communes_to_the_province(
    dataset: Dataset, today: dt.date
) -> None:
    period = Period.of_quarter(2022, 1)
    reports = expected_reports(dataset, period, today=today)
    by_team = reporting_rates(dataset, reports, by="team")
    by_commune = reporting_rates(dataset, reports, by=Level.COMMUNE)
    province = {r.period: r for r in reporting_rates(dataset, reports, by=Level.PROVINCE)}
    for month in {r.period for r in reports}:
        _, commune_of = group_of_teams(dataset, month, Level.COMMUNE)
        communes = [row for row in by_commune if row.period == month]
        for commune in communes:
            teams = [
                row.additive()
                for row in by_team
                if row.period == month and commune_of.get(row.group) == commune.group
            ]
            assert commune.additive() == _sum(teams)
        assert province[month].additive() == _sum([c.additive() for c in communes])
        assert province[month].expected == sum(1 for r in reports if r.period == month)
        assert province[month].received <= province[month].expected


def test_a_team_read_twice_owes_one_report() -> None:
    dataset = Dataset(units=UNITS, teams=(*TEAMS, TEAMS[0]))
    reports = expected_reports(dataset, MARCH, today=dt.date(2022, 4, 20))
    assert [r.team for r in reports] == ["to-moc-4", "to-na-su", "to-huoi-do"]


def test_a_teams_own_file_and_its_communes_are_two_files_listed_in_the_order_given() -> None:
    report = reports_of(
        sent("nop-xa", "xa-cha-nua", dt.date(2022, 4, 6)),
        sent("nop-to", "to-na-su", dt.date(2022, 4, 4)),
    )["to-na-su"]
    assert (report.submissions, report.duplicate) == (("nop-xa", "nop-to"), True)
    assert report.received == dt.date(2022, 4, 4)


def test_a_districts_own_report_is_not_its_teams_report() -> None:
    reports = reports_of(sent("nop-huyen", "huyen", dt.date(2022, 4, 5)))
    assert {r.status for r in reports.values()} == {ReportStatus.MISSING}
