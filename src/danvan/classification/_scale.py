"""A grading scale (`Criteria`): point criteria, thresholds, conditions, a quota; and `classify`.

The points of the criteria are added up and placed in a band by the
thresholds; a team that misses a condition of its band is graded below it; a
team holding fewer than ``completeness_floor`` of its monthly meetings is graded
at most "Hoàn thành nhiệm vụ"; last, the quota caps the share graded
"Hoàn thành xuất sắc" across the teams graded together.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Final

import attrs

from danvan.aggregate import PeriodTotals
from danvan.classification._conditions import Condition
from danvan.classification._criteria import (
    Criterion,
    MeetingCompleteness,
    Regularity,
    ResultsMobilised,
    TopicsCovered,
    percent,
)
from danvan.classification._facts import TeamYear, as_period, team_years
from danvan.classification._grades import Check, Classification, Grade, Reason
from danvan.classification._quota import Quota
from danvan.labels import Label
from danvan.model import Dataset
from danvan.periods import Period, ReportingCalendar

__all__ = ["DEFAULT_CRITERIA", "Criteria", "classify"]

_GRADES: Final = tuple(Grade)
_DANVAN_LABEL: Final = Label("tiêu chí của danvan", "danvan's criteria")


def _criteria(items: Iterable[Criterion]) -> tuple[Criterion, ...]:
    return tuple(items)


def _conditions(items: Iterable[Condition]) -> tuple[Condition, ...]:
    return tuple(items)


def _default_criteria() -> tuple[Criterion, ...]:
    return (MeetingCompleteness(), Regularity(), TopicsCovered(), ResultsMobilised())


@attrs.frozen
class Criteria:
    """Criteria and thresholds; replace any part with `attrs.evolve(DEFAULT_CRITERIA, ...)`.

    Thresholds are on the total points: at least ``excellent`` is "Hoàn thành
    xuất sắc", at least ``good`` "Hoàn thành tốt", at least ``completed``
    "Hoàn thành", below "Không hoàn thành". A team that misses one of
    ``conditions`` is graded below that condition's grade. A team whose meeting
    completeness is below ``completeness_floor`` is graded at most "Hoàn thành
    nhiệm vụ". ``quota`` caps the share graded "Hoàn thành xuất sắc".
    ``name`` and ``label`` say which scale graded (the report's grades table
    names it); give your own when you make your own.
    """

    criteria: tuple[Criterion, ...] = attrs.field(factory=_default_criteria, converter=_criteria)
    excellent: float = 90
    good: float = 75
    completed: float = 50
    completeness_floor: float | None = 0.5
    conditions: tuple[Condition, ...] = attrs.field(default=(), converter=_conditions)
    quota: Quota | None = None
    name: str = "danvan"
    label: Label = _DANVAN_LABEL

    def __attrs_post_init__(self) -> None:
        if not self.excellent >= self.good >= self.completed:
            raise ValueError(
                "Ngưỡng điểm phải giảm dần / the thresholds must not rise from excellent to "
                f"completed: {self.excellent}, {self.good}, {self.completed}"
            )
        bottom = [c.name for c in self.conditions if c.grade is Grade.NOT_COMPLETED]
        if bottom:
            raise ValueError(
                "Không có mức nào dưới Không hoàn thành nhiệm vụ / a condition cannot gate "
                f"the lowest grade: {bottom}"
            )

    def band(self, points: float) -> Grade:
        """The grade ``points`` earn on their own."""
        if points >= self.excellent:
            return Grade.EXCELLENT
        if points >= self.good:
            return Grade.GOOD
        if points >= self.completed:
            return Grade.COMPLETED
        return Grade.NOT_COMPLETED

    def classify(self, year: TeamYear) -> Classification:
        """The team's grade for the year, with its points, the reasons and the checks.

        The quota is not applied here: it needs every team (`classify_all`).
        """
        reasons = [criterion(year) for criterion in self.criteria]
        points = round(sum(reason.points for reason in reasons), 2)
        band = self.band(points)
        checks = tuple(condition(year, reasons) for condition in self.conditions)
        missed = [c for c in checks if not c.passed and c.grade.rank >= band.rank]
        grade = _GRADES[max([band.rank, *(c.grade.rank + 1 for c in missed)])]
        reasons.extend(_missed(check) for check in missed)
        floor = self.completeness_floor
        completeness = year.completeness or 0.0
        if floor is not None and completeness < floor and grade.rank < Grade.COMPLETED.rank:
            grade = Grade.COMPLETED
            reasons.append(
                Reason(
                    "completeness_floor",
                    0,
                    0,
                    Label(
                        f"Họp định kỳ dưới {percent(floor)} số tháng: "
                        "xếp loại không quá Hoàn thành nhiệm vụ",
                        f"Monthly meetings in under {percent(floor)} of months: "
                        "graded at most Completed",
                    ),
                )
            )
        return Classification(
            year.team.id, year.team.name, grade, points, tuple(reasons), checks, self.name
        )

    def classify_all(self, years: Sequence[TeamYear]) -> list[Classification]:
        """Every team's grade, in the order given, the quota (if any) applied across them."""
        results = [self.classify(year) for year in years]
        return results if self.quota is None else self.quota.apply(results)

    def name_in(self, title: Label) -> Label:
        """``title`` followed by the scale that graded: "… (theo Quy định 366-QĐ/TW)"."""
        return Label(f"{title.vi} (theo {self.label.vi})", f"{title.en} (by {self.label.en})")


def _missed(check: Check) -> Reason:
    """A condition not met, as a reason of no points: the report says why the grade is lower."""
    above = check.grade.label
    return Reason(
        check.condition,
        0,
        0,
        Label(
            f"{check.explanation.vi} (điều kiện để xếp loại {above.vi})",
            f"{check.explanation.en} (a condition of {above.en})",
        ),
    )


DEFAULT_CRITERIA: Final = Criteria()


def classify(
    dataset: Dataset,
    year: int | Period | str,
    criteria: Criteria = DEFAULT_CRITERIA,
    *,
    calendar: ReportingCalendar = ReportingCalendar(1),  # noqa: B008 (frozen, immutable)
    totals: PeriodTotals | None = None,
) -> list[Classification]:
    """Grade every team alive during ``year`` (or any period), in team name order.

    ``totals``: the period's activities already summed, as in `team_years`.
    """
    facts = team_years(dataset, as_period(year), calendar=calendar, totals=totals)
    return criteria.classify_all(facts)
