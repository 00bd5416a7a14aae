"""The sample's 2022 submissions: one report a month from each of its five teams, some late,
one missing, all flagged illustrative."""

from __future__ import annotations

from collections import Counter

import danvan
from danvan.periods import DeadlineRule, WorkingCalendar, deadline, parse_period

RULE = DeadlineRule.working_days_after_end(5)
CALENDAR = WorkingCalendar()


def test_every_team_sends_every_month_but_van_ho_in_july() -> None:
    sample = danvan.sample()
    sent = {(s.reporter, s.start.month) for s in sample.submissions if s.start is not None}
    owed = {(team.id, month) for team in sample.teams for month in range(1, 13)}
    assert owed - sent == {("to-vanho", 7)}
    assert len(sample.submissions) == len(sent) == 59


def test_five_reports_come_in_after_five_working_days() -> None:
    late = []
    for sub in danvan.sample().submissions:
        assert sub.start is not None
        assert sub.received is not None
        due = deadline(parse_period(f"{sub.start:%Y-%m}"), RULE, CALENDAR)
        if sub.received > due:
            late.append(sub.id)
    assert sorted(late) == [
        "nop-2022-02-na-su",
        "nop-2022-06-van-ho",
        "nop-2022-09-huoi-hoi",
        "nop-2022-11-may-hoc",
        "nop-2022-12-van-ho",
    ]


def test_tet_moves_januarys_deadline_so_reports_of_up_to_10_february_are_on_time() -> None:
    due = deadline(parse_period("2022-01"), RULE, CALENDAR)
    assert due.isoformat() == "2022-02-11"  # 31 January to 4 February 2022 were Tết days off
    january = [s for s in danvan.sample().submissions if s.start and s.start.month == 1]
    assert all(s.received is not None and s.received <= due for s in january)


def test_the_submissions_are_illustrative_and_say_so() -> None:
    sample = danvan.sample()
    for sub in sample.submissions:
        assert sub.provenance is not None
        assert sub.provenance.illustrative
        assert sub.note.startswith("Minh họa / illustrative")
        assert sub.reporter in {team.id for team in sample.teams}
    assert "2022 submissions are illustrative" in sample.description
    assert Counter(f.code for f in danvan.validate(sample)) == Counter()
