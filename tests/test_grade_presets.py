"""Grading by the rules in force: the scale of Quy định 366-QĐ/TW, its conditions, the quota.

The bands of 366 (90 / 70 / 50 points), the conditions a grade needs beside its
points, the cap on the share graded "Hoàn thành xuất sắc", and both named scales
grading the Nậm Pồ sample.
"""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path

import attrs
import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from danvan import period_report
from danvan.classification import (
    CRITERIA_366,
    DEFAULT_CRITERIA,
    DEFAULT_PRESET,
    PRESETS,
    Classification,
    Criteria,
    Grade,
    Quota,
    QuotaBase,
    Reason,
    TeamYear,
    UnknownPresetError,
    classify,
    criteria_366,
    preset,
)
from danvan.classification._facts import COUNTED
from danvan.cli import main
from danvan.errors import DanvanError
from danvan.labels import Label
from danvan.model import Dataset, Team
from danvan.periods import Period


def year_of(
    team: str = "t1",
    *,
    meetings: int = 12,
    other_months: int = 12,
    topics: int = 5,
    money: int = 50_000_000,
    counted: int = 4,
) -> TeamYear:
    """A team's 2022 as the criteria see it; by default full marks everywhere."""
    return TeamYear(
        team=Team(team, f"Tổ {team}"),
        period=Period.of_year(2022),
        months_expected=12,
        meetings_held=meetings,
        months_with_other_activity=other_months,
        activities=meetings + other_months,
        topics=frozenset(f"topic{i}" for i in range(topics)),
        money=money,
        results={COUNTED: counted},
    )


@attrs.frozen
class Fixed:
    """A criterion that gives the same points to every team."""

    points: float
    max_points: float
    name: str = "fixed"

    def __call__(self, year: TeamYear) -> Reason:
        return Reason(self.name, self.points, self.max_points, Label("cố định", "fixed"))


def graded_366(points: float) -> Grade:
    """The 366 grade of a team meeting every condition, whose points are ``points``."""
    full_30 = Fixed(30, 30, "full")  # one criterion of two at full points: 50% >= 30%
    scale = attrs.evolve(CRITERIA_366, criteria=(full_30, Fixed(round(points - 30, 2), 70)))
    return scale.classify(year_of()).grade


@pytest.mark.parametrize(
    ("points", "grade"),
    [
        (49.9, Grade.NOT_COMPLETED),
        (50, Grade.COMPLETED),
        (69.9, Grade.COMPLETED),
        (70, Grade.GOOD),
        (89.9, Grade.GOOD),
        (90, Grade.EXCELLENT),
        (100, Grade.EXCELLENT),
    ],
)
def test_the_bands_of_366_on_100_points(points: float, grade: Grade) -> None:
    assert CRITERIA_366.band(points) is grade
    assert graded_366(points) is grade


def test_the_366_scale_is_out_of_100_points() -> None:
    assert sum(criterion.max_points for criterion in CRITERIA_366.criteria) == 100
    assert (CRITERIA_366.excellent, CRITERIA_366.good, CRITERIA_366.completed) == (90, 70, 50)


def test_full_marks_and_every_condition_met_is_excellent() -> None:
    result = CRITERIA_366.classify(year_of())
    assert (result.grade, result.points, result.criteria) == (Grade.EXCELLENT, 100, "366")
    assert [(c.condition, c.passed) for c in result.checks] == [
        ("meetings_on_schedule", True),
        ("meetings_every_month", True),
        ("full_marks", True),
        ("no_discipline", True),
    ]


def test_a_month_without_its_meeting_keeps_a_team_below_good() -> None:
    # 30 * 11/12 + 70 = 97.5 points, but the standing task was missed once.
    result = CRITERIA_366.classify(year_of(meetings=11))
    assert result.points == 97.5
    assert result.grade is Grade.COMPLETED
    assert result.reasons[-1].criterion == "meetings_every_month"
    assert result.reasons[-1].points == 0
    assert "11/12" in result.reasons[-1].explanation.vi


def test_meetings_in_under_80_percent_of_months_is_not_completed() -> None:
    result = CRITERIA_366.classify(year_of(meetings=9))
    assert result.points == 92.5
    assert result.grade is Grade.NOT_COMPLETED
    assert [r.criterion for r in result.reasons if r.max_points == 0] == [
        "meetings_on_schedule",
        "meetings_every_month",
    ]


def test_excellent_needs_30_percent_of_the_criteria_at_full_points() -> None:
    one_of_four = (Fixed(30, 30), Fixed(19.9, 20), Fixed(19.9, 20), Fixed(29.9, 30))
    short = attrs.evolve(CRITERIA_366, criteria=one_of_four).classify(year_of())
    assert (short.points, short.grade) == (99.7, Grade.GOOD)
    assert short.reasons[-1].criterion == "full_marks"
    assert "1/4" in short.reasons[-1].explanation.vi
    two_of_four = (Fixed(30, 30), Fixed(20, 20), Fixed(19.9, 20), Fixed(29.9, 30))
    assert attrs.evolve(CRITERIA_366, criteria=two_of_four).classify(year_of()).grade is (
        Grade.EXCELLENT
    )


def test_no_criterion_at_full_points_is_never_excellent() -> None:
    scale = attrs.evolve(CRITERIA_366, criteria=(Fixed(49.5, 50, "a"), Fixed(49.5, 50, "b")))
    result = scale.classify(year_of())
    assert result.points == 99
    assert result.grade is Grade.GOOD
    assert result.reasons[-1].criterion == "full_marks"
    assert "0/2" in result.reasons[-1].explanation.vi


def test_a_member_disciplined_keeps_the_team_from_excellent() -> None:
    scale = criteria_366(disciplined={"t1"})
    assert scale.classify(year_of("t1")).grade is Grade.GOOD
    assert scale.classify(year_of("t2")).grade is Grade.EXCELLENT


def result(team: str, grade: Grade, points: float) -> Classification:
    return Classification(team, team, grade, points, ())


def test_the_quota_of_the_decree_counts_the_teams_finally_graded_good() -> None:
    graded = [result(f"e{i}", Grade.EXCELLENT, 90 + i) for i in range(6)]
    graded += [result(f"g{i}", Grade.GOOD, 80) for i in range(4)]
    after = Quota(0.2).apply(graded)
    excellent = [c.team for c in after if c.grade is Grade.EXCELLENT]
    good = [c for c in after if c.grade is Grade.GOOD]
    # 1 kept leaves 9 good, and 1 <= 20% of 9; 2 would leave 8, and 2 > 1.6.
    assert excellent == ["e5"]
    assert len(good) == 9
    assert [r.criterion for r in after[0].reasons] == ["quota"]


def test_the_other_bases_of_the_quota() -> None:
    graded = [result(f"e{i}", Grade.EXCELLENT, 95) for i in range(3)]
    graded += [result(f"c{i}", Grade.COMPLETED, 60) for i in range(7)]
    assert Quota(0.2, QuotaBase.ALL).cap(3, 0, 10) == 2
    assert Quota(0.2, QuotaBase.GOOD_OR_BETTER).cap(3, 0, 10) == 0
    assert Quota(0.3, QuotaBase.ALL).cap(5, 0, 10) == 3  # 0.3 read as 3/10, not 0.2999…
    kept = [c.team for c in Quota(0.2, QuotaBase.ALL).apply(graded) if c.grade is Grade.EXCELLENT]
    assert kept == ["e0", "e1"]


def test_ties_are_broken_by_points_then_the_stated_order_then_the_id() -> None:
    graded = [
        result("a", Grade.EXCELLENT, 95),
        result("b", Grade.EXCELLENT, 97),
        result("c", Grade.EXCELLENT, 95),
        result("d", Grade.EXCELLENT, 95),
    ]
    base = Quota(0.5, QuotaBase.ALL)
    assert [c.team for c in base.ranked(graded)] == ["b", "a", "c", "d"]
    assert [c.team for c in attrs.evolve(base, priority=("d", "c")).ranked(graded)] == [
        "b",
        "d",
        "c",
        "a",
    ]
    kept = attrs.evolve(base, priority=("c",)).apply(graded)
    assert [c.team for c in kept if c.grade is Grade.EXCELLENT] == ["b", "c"]


team_years = st.lists(
    st.builds(
        year_of,
        meetings=st.sampled_from([8, 10, 11, 12, 12, 12]),
        other_months=st.integers(0, 12),
        topics=st.integers(0, 7),
        money=st.sampled_from([0, 10_000_000, 40_000_000, 50_000_000, 90_000_000]),
        counted=st.integers(0, 6),
    ),
    max_size=25,
).map(lambda years: [attrs.evolve(y, team=Team(f"t{i:02}", "Tổ")) for i, y in enumerate(years)])
shares = st.sampled_from([0, 0.1, 0.15, 0.2, 0.25, 0.3, 0.5, 1])


def _count(graded: list[Classification], *grades: Grade) -> int:
    return sum(1 for c in graded if c.grade in grades)


@given(team_years, shares, st.sampled_from(list(QuotaBase)))
def test_never_more_than_the_cap_graded_excellent(
    years: list[TeamYear], share: float, base: QuotaBase
) -> None:
    graded = criteria_366(excellent_cap=share, quota_base=base).classify_all(years)
    excellent = _count(graded, Grade.EXCELLENT)
    of = {
        QuotaBase.GOOD: _count(graded, Grade.GOOD),
        QuotaBase.GOOD_OR_BETTER: _count(graded, Grade.GOOD, Grade.EXCELLENT),
        QuotaBase.ALL: len(graded),
    }[base]
    assert excellent <= Fraction(str(share)) * of
    uncapped = CRITERIA_366.classify_all(years)
    for before, after in zip(uncapped, graded, strict=True):
        if before.grade is Grade.EXCELLENT:
            assert after.grade in (Grade.EXCELLENT, Grade.GOOD)
        else:
            assert after == before


@given(team_years, shares, shares, st.sampled_from(list(QuotaBase)))
def test_lowering_the_cap_never_raises_a_grade(
    years: list[TeamYear], one: float, other: float, base: QuotaBase
) -> None:
    low, high = sorted((one, other))
    under_low = criteria_366(excellent_cap=low, quota_base=base).classify_all(years)
    under_high = criteria_366(excellent_cap=high, quota_base=base).classify_all(years)
    for lower, higher in zip(under_low, under_high, strict=True):
        assert lower.grade.rank >= higher.grade.rank


def test_the_sample_graded_by_both_scales(nampo: Dataset) -> None:
    by_danvan = {c.team: (c.grade, c.points) for c in classify(nampo, 2022)}
    by_366 = {c.team: (c.grade, c.points) for c in classify(nampo, 2022, preset("366"))}
    assert by_danvan == {
        "to-huoihoi": (Grade.COMPLETED, 74.77),
        "to-mayhoc": (Grade.COMPLETED, 68.57),
        "to-moc4": (Grade.EXCELLENT, 100),
        "to-nasu": (Grade.COMPLETED, 72.57),
        "to-vanho": (Grade.GOOD, 77.27),
    }
    assert by_366 == {
        "to-huoihoi": (Grade.COMPLETED, 68.82),
        "to-mayhoc": (Grade.COMPLETED, 63.52),
        "to-moc4": (Grade.EXCELLENT, 100),
        "to-nasu": (Grade.COMPLETED, 67.52),
        "to-vanho": (Grade.GOOD, 76.57),
    }


def test_a_cap_of_20_percent_leaves_the_sample_no_excellent_team(nampo: Dataset) -> None:
    # One team earns it, one other is good: keeping Mốc 4 would be 1 > 20% of 1.
    capped = {c.team: c for c in classify(nampo, 2022, preset("366", excellent_cap=0.2))}
    assert capped["to-moc4"].grade is Grade.GOOD
    assert capped["to-moc4"].reasons[-1].criterion == "quota"
    of_all = preset("366", excellent_cap=0.2, quota_base=QuotaBase.ALL)
    assert {c.team: c.grade for c in classify(nampo, 2022, of_all)}["to-moc4"] is Grade.EXCELLENT


def test_the_scales_by_name() -> None:
    assert DEFAULT_PRESET == "danvan"
    assert PRESETS["danvan"] is DEFAULT_CRITERIA
    assert PRESETS["366"] is CRITERIA_366
    assert preset() is DEFAULT_CRITERIA
    assert preset("366", excellent_cap=0.2).quota == Quota(0.2)
    with pytest.raises(UnknownPresetError, match="no grading scale 'QĐ 124'") as raised:
        preset("QĐ 124")
    assert isinstance(raised.value, DanvanError)
    assert isinstance(raised.value, LookupError)


def test_a_scale_refuses_thresholds_that_rise_and_a_share_outside_0_to_1() -> None:
    with pytest.raises(ValueError, match="thresholds"):
        Criteria(excellent=70, good=90)
    with pytest.raises(ValueError, match="between 0 and 1"):
        Quota(20)


def test_the_grades_table_names_the_scale_that_graded_it(nampo: Dataset) -> None:
    default = period_report(nampo, "2022").table("by_team").title
    by_366 = period_report(nampo, "2022", criteria=preset("366")).table("by_team").title
    assert default == Label(
        "Kết quả và xếp loại từng Tổ (theo tiêu chí của danvan)",
        "By team, with its grade (by danvan's criteria)",
    )
    assert by_366 == Label(
        "Kết quả và xếp loại từng Tổ (theo Quy định 366-QĐ/TW)",
        "By team, with its grade (by Regulation 366-QĐ/TW)",
    )


def test_the_report_command_grades_by_the_scale_asked(tmp_path: Path) -> None:
    output = tmp_path / "r.json"
    args = ["report", "--grades", "366", "--excellent-cap", "0.2", "-o", str(output)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    (by_team,) = [t for t in json.loads(output.read_bytes())["tables"] if t["name"] == "by_team"]
    assert "Quy định 366-QĐ/TW" in by_team["title"]
    names = [column["name"] for column in by_team["columns"]]
    rows = [dict(zip(names, row, strict=True)) for row in by_team["rows"]]
    grades = {row["team"]: row["classification"] for row in rows}
    assert grades["Tổ Dân vận bản Mốc 4"] == "Hoàn thành tốt nhiệm vụ"
    refused = CliRunner().invoke(main, ["report", "--grades", "124", "-o", str(output)])
    assert refused.exit_code == 2
