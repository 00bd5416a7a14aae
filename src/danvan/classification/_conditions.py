"""Conditions of a grade: what a team must meet, besides its points, to be graded that high.

Quy định 366-QĐ/TW grades by points *and* conditions (e.g. "Hoàn thành xuất
sắc" needs at least 90 points and every task done on time, part of them beyond
what was asked). A `Condition` looks at a team's year and the reasons its points
were given for, and says whether it is met (`Check`); a team that misses a
condition of a grade is graded below that grade.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from fractions import Fraction
from typing import Protocol

import attrs

from danvan.classification._criteria import percent
from danvan.classification._facts import TeamYear
from danvan.classification._grades import Check, Grade, Reason
from danvan.labels import Label

__all__ = ["Condition", "FullMarksShare", "MeetingsHeld", "NoDiscipline", "exact"]


class Condition(Protocol):
    """Anything with a name and the lowest grade it gates that turns a year into a `Check`."""

    @property
    def name(self) -> str: ...

    @property
    def grade(self) -> Grade: ...

    def __call__(self, year: TeamYear, reasons: Sequence[Reason]) -> Check: ...


def exact(value: float) -> Fraction:
    """A share as the decimal it was written as (``0.3`` is 3/10, not the float below it)."""
    return Fraction(str(value))


def _met(passed: bool) -> tuple[str, str]:
    return ("đạt", "met") if passed else ("không đạt", "not met")


@attrs.frozen
class MeetingsHeld:
    """The monthly meeting held in at least ``at_least`` of the months expected.

    The monthly meeting is the team's standing task, so "every task done on
    time" reads as a meeting in every month (``at_least=1``).
    """

    at_least: float = 1.0
    grade: Grade = Grade.GOOD
    name: str = "meetings_held"

    def __call__(self, year: TeamYear, reasons: Sequence[Reason]) -> Check:
        held, expected = year.meetings_held, year.months_expected
        passed = expected > 0 and held >= exact(self.at_least) * expected
        vi, en = _met(passed)
        need = percent(self.at_least)
        return Check(
            self.name,
            self.grade,
            passed,
            Label(
                f"Họp định kỳ {held}/{expected} tháng, cần từ {need} số tháng: {vi}",
                f"Monthly meeting in {held} of {expected} months, {need} needed: {en}",
            ),
        )


@attrs.frozen
class FullMarksShare:
    """At least ``at_least`` of the point criteria given their full points.

    A criterion gives full points when the team reached the mark set for them
    (5 topics, 50 million đồng …): the nearest the measures come to a task done
    beyond what was asked.
    """

    at_least: float = 0.3
    grade: Grade = Grade.EXCELLENT
    name: str = "full_marks"

    def __call__(self, year: TeamYear, reasons: Sequence[Reason]) -> Check:
        scored = [reason for reason in reasons if reason.max_points > 0]
        full = sum(1 for reason in scored if reason.points >= reason.max_points)
        passed = bool(scored) and full >= exact(self.at_least) * len(scored)
        vi, en = _met(passed)
        need = percent(self.at_least)
        return Check(
            self.name,
            self.grade,
            passed,
            Label(
                f"{full}/{len(scored)} tiêu chí đạt điểm tối đa, cần từ {need}: {vi}",
                f"{full} of {len(scored)} criteria at full points, {need} needed: {en}",
            ),
        )


def _team_ids(ids: Iterable[str]) -> frozenset[str]:
    return frozenset(ids)


@attrs.frozen
class NoDiscipline:
    """No member of the team disciplined during the period.

    The records do not hold discipline; ``disciplined`` are the ids of the teams
    the review found one in, given by the caller. Empty, every team meets it.
    """

    disciplined: frozenset[str] = attrs.field(default=frozenset(), converter=_team_ids)
    grade: Grade = Grade.EXCELLENT
    name: str = "no_discipline"

    def __call__(self, year: TeamYear, reasons: Sequence[Reason]) -> Check:
        passed = year.team.id not in self.disciplined
        if passed:
            label = Label(
                "Không có thành viên bị kỷ luật (theo danh sách được cung cấp)",
                "No member disciplined (by the list given)",
            )
        else:
            label = Label(
                "Có thành viên bị kỷ luật trong kỳ: không đạt",
                "A member was disciplined during the period: not met",
            )
        return Check(self.name, self.grade, passed, label)
