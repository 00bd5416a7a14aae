"""What grading produces: the four grades, the reasons behind the points, the result per team."""

from __future__ import annotations

import enum
from collections.abc import Sequence
from typing import Final

import attrs

from danvan.labels import Label

__all__ = ["Check", "Classification", "Grade", "Reason", "classifications_by_team"]


class Grade(enum.Enum):
    """The four grades of a team's year, best first."""

    EXCELLENT = "excellent"
    GOOD = "good"
    COMPLETED = "completed"
    NOT_COMPLETED = "not_completed"

    @property
    def label(self) -> Label:
        return _GRADE_LABELS[self]

    @property
    def rank(self) -> int:
        """0 for the best grade, growing as grades get worse."""
        return _GRADE_RANK[self]


_GRADE_LABELS: Final = {
    Grade.EXCELLENT: Label("Hoàn thành xuất sắc nhiệm vụ", "Excellent"),
    Grade.GOOD: Label("Hoàn thành tốt nhiệm vụ", "Good"),
    Grade.COMPLETED: Label("Hoàn thành nhiệm vụ", "Completed"),
    Grade.NOT_COMPLETED: Label("Không hoàn thành nhiệm vụ", "Not completed"),
}
_GRADE_RANK: Final = {grade: rank for rank, grade in enumerate(Grade)}


@attrs.frozen
class Reason:
    """The points one criterion gave, out of how many, and why.

    A rule that lowered the grade without taking points (a condition not met,
    the quota) is a reason of 0 out of 0, so the report says why.
    """

    criterion: str
    points: float
    max_points: float
    explanation: Label


@attrs.frozen
class Check:
    """One condition of a grade, looked at for one team: met or not, and what was seen.

    ``grade`` is the lowest grade the condition is required for: a team that
    does not meet it is graded below that grade.
    """

    condition: str
    grade: Grade
    passed: bool
    explanation: Label


@attrs.frozen
class Classification:
    """A team's grade for the period, with its total, the reasons and the conditions checked.

    ``criteria`` names the preset (or the caller's own criteria) that graded it.
    """

    team: str
    name: str
    grade: Grade
    points: float
    reasons: tuple[Reason, ...]
    checks: tuple[Check, ...] = ()
    criteria: str = "danvan"


def classifications_by_team(classifications: Sequence[Classification]) -> dict[str, Classification]:
    """Classifications indexed by team id."""
    return {result.team: result for result in classifications}
