"""classify: grades with the points that led to them, and criteria a caller can replace."""

from __future__ import annotations

from datetime import date

import attrs

from danvan.classification import (
    DEFAULT_CRITERIA,
    Criteria,
    Grade,
    MeetingCompleteness,
    Reason,
    TeamYear,
    classify,
    team_years,
)
from danvan.labels import Label
from danvan.model import Activity, Dataset, Funding, FundingSource, Quantity
from danvan.periods import Period, ReportingCalendar
from tests.test_aggregate import tiny


def test_moc_4_is_graded_excellent_with_full_points(nampo: Dataset) -> None:
    grades = {grade.team: grade for grade in classify(nampo, 2022)}
    moc4 = grades["to-moc4"]
    assert moc4.grade is Grade.EXCELLENT
    assert moc4.grade.label.vi == "Hoàn thành xuất sắc nhiệm vụ"
    assert moc4.points == 100
    assert [(r.criterion, r.points, r.max_points) for r in moc4.reasons] == [
        ("completeness", 40, 40),
        ("regularity", 20, 20),
        ("topics", 20, 20),
        ("results", 20, 20),
    ]
    assert moc4.reasons[0].explanation.vi == "Họp định kỳ 12/12 tháng (100%)"
    assert "481.500.000 đồng" in moc4.reasons[3].explanation.vi


def test_every_grade_is_the_sum_of_its_reasons(nampo: Dataset) -> None:
    grades = classify(nampo, 2022)
    assert len(grades) == 5
    for grade in grades:
        assert grade.points == round(sum(r.points for r in grade.reasons), 2)
        assert all(0 <= r.points <= r.max_points for r in grade.reasons)
        assert all(r.explanation.vi and r.explanation.en for r in grade.reasons)


def test_grades_follow_the_thresholds(nampo: Dataset) -> None:
    for grade in classify(nampo, 2022):
        if grade.points >= 90:
            assert grade.grade is Grade.EXCELLENT
        elif grade.points >= 75:
            assert grade.grade is Grade.GOOD
        elif grade.points >= 50:
            assert grade.grade is Grade.COMPLETED
        else:
            assert grade.grade is Grade.NOT_COMPLETED


def _busy_team_that_rarely_meets() -> Dataset:
    """Team t-v1: two monthly meetings in 2022, but work every month and large results."""
    money = (Funding(FundingSource.SOCIETY, 100_000_000),)
    topics = ("forest_protection", "drug_prevention", "child_marriage", "citizen_id", "peanut")
    activities = [
        Activity(
            f"a{m}",
            "t-v1",
            "v1",
            date(2022, m, 5),
            "dissemination",
            topics=(topics[m % 5],),
            quantities=(Quantity("job_dossiers", 3),),
            funding=money,
        )
        for m in range(1, 13)
    ]
    meetings = [
        Activity(f"m{m}", "t-v1", "v1", date(2022, m, 10), "monthly_meeting") for m in (1, 2)
    ]
    return tiny(*activities, *meetings)


def test_a_team_that_rarely_meets_cannot_be_graded_above_completed() -> None:
    grades = {g.team: g for g in classify(_busy_team_that_rarely_meets(), 2022)}
    busy = grades["t-v1"]
    # 40 * 2/12 + 20 + 20 + 20 = 66.67 points: "Hoàn thành" on points alone.
    assert busy.points == 66.67
    assert busy.grade is Grade.COMPLETED
    generous = attrs.evolve(DEFAULT_CRITERIA, completed=40, good=60)
    capped = {g.team: g for g in classify(_busy_team_that_rarely_meets(), 2022, generous)}["t-v1"]
    assert capped.grade is Grade.COMPLETED
    assert capped.reasons[-1].criterion == "completeness_floor"
    assert capped.reasons[-1].points == 0


def test_idle_teams_are_not_completed() -> None:
    grades = classify(_busy_team_that_rarely_meets(), 2022)
    idle = [g for g in grades if g.team != "t-v1"]
    assert len(idle) == 2
    assert {g.grade for g in idle} == {Grade.NOT_COMPLETED}
    assert {g.points for g in idle} == {0}


def test_a_criterion_can_be_replaced() -> None:
    @attrs.frozen
    class Everyone:
        name: str = "everyone"
        max_points: float = 100

        def __call__(self, year: TeamYear) -> Reason:
            return Reason(self.name, 100, 100, Label("Ai cũng giỏi", "Everyone is great"))

    grades = classify(
        _busy_team_that_rarely_meets(), 2022, Criteria((Everyone(),), completeness_floor=None)
    )
    assert {g.grade for g in grades} == {Grade.EXCELLENT}
    assert grades[0].reasons == (
        Reason("everyone", 100, 100, Label("Ai cũng giỏi", "Everyone is great")),
    )


def test_weights_can_be_changed_by_replacing_one_default_criterion() -> None:
    heavier = attrs.evolve(
        DEFAULT_CRITERIA,
        criteria=(MeetingCompleteness(max_points=80), *DEFAULT_CRITERIA.criteria[1:]),
    )
    grade = next(
        g for g in classify(_busy_team_that_rarely_meets(), 2022, heavier) if g.team == "t-v1"
    )
    assert grade.reasons[0].max_points == 80
    assert grade.reasons[0].points == 13.33


def test_the_facts_behind_the_grades() -> None:
    year = next(
        y
        for y in team_years(_busy_team_that_rarely_meets(), Period.of_year(2022))
        if y.team.id == "t-v1"
    )
    assert (year.meetings_held, year.months_expected, year.months_with_other_activity) == (
        2,
        12,
        12,
    )
    assert len(year.topics) == 5
    assert year.money == 1_200_000_000
    assert year.results["job_dossiers"] == 36


def test_the_calendar_decides_which_months_count(nampo: Dataset) -> None:
    grades = classify(nampo, "2022", calendar=ReportingCalendar(15))
    assert {g.team: g.grade for g in grades}["to-moc4"] is Grade.EXCELLENT


def test_grades_have_vietnamese_and_english_labels() -> None:
    assert [c.label.vi for c in Grade] == [
        "Hoàn thành xuất sắc nhiệm vụ",
        "Hoàn thành tốt nhiệm vụ",
        "Hoàn thành nhiệm vụ",
        "Không hoàn thành nhiệm vụ",
    ]
    assert all(c.label.en for c in Grade)
