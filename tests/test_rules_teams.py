"""Teams: one leader every day, memberships inside the team's life, monthly meetings (DV3xx)."""

from __future__ import annotations

from datetime import date

import attrs

from danvan import validate
from danvan.model import Assignment, Dataset, Membership, Role, Status
from danvan.periods import ReportingCalendar
from danvan.rules import teams
from tests.rule_cases import AS_OF, added, changed, check, found

LEADER = "to-moc4-1"
TEAM = "to-moc4"


def _leader(membership_id: str, start: date | None, end: date | None = None) -> Membership:
    return Membership(membership_id, TEAM, f"tv-{membership_id}", Role.LEADER, start, end)


def test_the_sample_teams_are_sound(nampo: Dataset) -> None:
    rules = (teams.team_dates, teams.memberships, teams.leaders, teams.monthly_meetings)
    assert not check(nampo, *rules).findings


def test_a_team_whose_leader_left_has_no_leader_from_the_next_day(nampo: Dataset) -> None:
    dataset = changed(nampo, "memberships", LEADER, valid_until=date(2022, 6, 30))
    report = check(dataset, teams.leaders)
    assert found(report) == {("DV301", TEAM, None)}
    assert report.findings[0].values == {"start": date(2022, 7, 1), "end": AS_OF}
    assert report.findings[0].message.vi == "Tổ không có tổ trưởng từ 01/07/2022 đến 31/12/2022"


def test_a_handover_on_the_next_day_leaves_no_gap_and_no_overlap(nampo: Dataset) -> None:
    dataset = changed(nampo, "memberships", LEADER, valid_until=date(2022, 6, 30))
    dataset = added(dataset, "memberships", _leader("new", date(2022, 7, 1)))
    assert not check(dataset, teams.leaders).findings


def test_a_gap_of_one_day_between_leaders_is_found(nampo: Dataset) -> None:
    dataset = changed(nampo, "memberships", LEADER, valid_until=date(2022, 6, 30))
    dataset = added(dataset, "memberships", _leader("new", date(2022, 7, 2)))
    [finding] = check(dataset, teams.leaders).findings
    assert (finding.code, finding.values["start"], finding.values["end"]) == (
        "DV301",
        date(2022, 7, 1),
        date(2022, 7, 1),
    )


def test_a_leader_ending_on_the_day_the_next_starts_overlaps_for_that_day(nampo: Dataset) -> None:
    dataset = changed(nampo, "memberships", LEADER, valid_until=date(2022, 7, 1))
    dataset = added(dataset, "memberships", _leader("new", date(2022, 7, 1)))
    [finding] = check(dataset, teams.leaders).findings
    assert (finding.code, finding.location.record_id) == ("DV302", "new")
    assert finding.values["start"] == finding.values["end"] == date(2022, 7, 1)
    assert finding.values["other"] == LEADER


def test_a_team_with_no_leader_at_all_is_one_finding_for_its_whole_life(nampo: Dataset) -> None:
    dataset = changed(nampo, "memberships", LEADER, role=Role.MEMBER)
    [finding] = check(dataset, teams.leaders).findings
    assert finding.values == {"start": date(2021, 12, 15), "end": AS_OF}


def test_leaders_are_needed_only_up_to_the_as_of_date(nampo: Dataset) -> None:
    dataset = changed(nampo, "memberships", LEADER, valid_until=date(2022, 6, 30))
    assert not check(dataset, teams.leaders, as_of=date(2022, 6, 30)).findings


def test_memberships_must_lie_inside_the_teams_life(nampo: Dataset) -> None:
    dataset = changed(nampo, "memberships", "to-moc4-3", valid_from=date(2021, 1, 1))
    assert found(check(dataset, teams.memberships)) == {("DV303", "to-moc4-3", None)}


def test_a_member_in_one_team_twice_at_once(nampo: Dataset) -> None:
    again = Membership("to-moc4-3b", TEAM, "tv-moc4-3", Role.DEPUTY, date(2022, 5, 1))
    report = check(added(nampo, "memberships", again), teams.memberships)
    assert found(report) == {("DV304", "to-moc4-3b", None)}
    assert report.findings[0].values["other"] == "to-moc4-3"


def test_a_member_may_come_back_after_leaving(nampo: Dataset) -> None:
    dataset = changed(nampo, "memberships", "to-moc4-3", valid_until=date(2022, 4, 30))
    again = Membership("to-moc4-3b", TEAM, "tv-moc4-3", Role.MEMBER, date(2022, 5, 1))
    assert not check(added(dataset, "memberships", again), teams.memberships).findings


def test_dates_that_end_before_they_start(nampo: Dataset) -> None:
    team = nampo.team(TEAM)
    assert team is not None
    assignment = attrs.evolve(team.villages[0], valid_until=date(2020, 1, 1))
    dataset = changed(nampo, "teams", TEAM, dissolved=date(2021, 1, 1), villages=(assignment,))
    dataset = changed(
        dataset,
        "memberships",
        "to-moc4-2",
        valid_from=date(2022, 2, 1),
        valid_until=date(2022, 1, 1),
    )
    assert found(check(dataset, teams.team_dates)) == {
        ("DV306", TEAM, "dissolved"),
        ("DV306", TEAM, "villages[0]"),
        ("DV306", "to-moc4-2", "valid_until"),
    }


def test_a_village_assigned_before_the_team_existed(nampo: Dataset) -> None:
    early = (Assignment("ban-moc-4", date(2021, 1, 1)),)
    report = check(changed(nampo, "teams", TEAM, villages=early), teams.team_dates)
    assert found(report) == {("DV305", TEAM, "villages[0]")}


def _without_meetings_in(dataset: Dataset, team: str, month: int) -> Dataset:
    meetings = dataset.catalog.meeting_types
    kept = tuple(
        a
        for a in dataset.activities
        if not (a.team == team and a.type in meetings and a.date.month == month)
    )
    return attrs.evolve(dataset, activities=kept)


def test_a_month_without_its_meeting_is_a_warning(nampo: Dataset) -> None:
    report = check(_without_meetings_in(nampo, TEAM, 5), teams.monthly_meetings)
    [finding] = report.findings
    assert (finding.code, finding.severity.value, finding.location.record_id) == (
        "DV310",
        "warning",
        TEAM,
    )
    assert finding.message.vi == "Tổ không có buổi họp định kỳ nào trong tháng 05/2022"
    assert report.ok  # a warning is not an error


def test_a_cancelled_meeting_does_not_count(nampo: Dataset) -> None:
    meeting = next(
        a
        for a in nampo.activities
        if a.team == TEAM and a.type == "monthly_meeting" and a.date.month == 5
    )
    dataset = changed(nampo, "activities", meeting.id, status=Status.CANCELLED)
    assert found(check(dataset, teams.monthly_meetings)) == {("DV310", TEAM, None)}


def test_the_month_in_progress_is_not_yet_expected(nampo: Dataset) -> None:
    dataset = _without_meetings_in(nampo, TEAM, 12)
    meeting_dates = [a.date for a in nampo.activities if a.team == TEAM and a.date.month == 12]
    assert meeting_dates  # the sample has a December meeting, removed here
    assert not check(dataset, teams.monthly_meetings, as_of=date(2022, 12, 20)).findings
    assert check(dataset, teams.monthly_meetings).filter(code="DV310").findings


def test_months_follow_the_reporting_calendar_when_one_is_given(nampo: Dataset) -> None:
    may = next(
        a
        for a in nampo.activities
        if a.team == TEAM and a.type == "monthly_meeting" and a.date.month == 5
    )
    assert may.date == date(2022, 5, 10)
    # Moved to 20 May: still May by the calendar, but June for a month cut on the 15th.
    dataset = changed(nampo, "activities", may.id, date=date(2022, 5, 20))
    assert not check(dataset, teams.monthly_meetings).findings
    calendar = ReportingCalendar(cutoff_day=15)
    report = validate(dataset, as_of=AS_OF, rules=[teams.monthly_meetings], calendar=calendar)
    assert [(f.values["year"], f.values["month"]) for f in report] == [(2022, 5)]
