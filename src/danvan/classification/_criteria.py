"""The point criteria: each turns one team's year into points out of a maximum, with a reason.

A criterion is any object with a ``name``, a ``max_points`` and a
``__call__(year) -> Reason`` (`Criterion`); the four here read the measures
every report already has: monthly meetings, other activities month by month,
topics covered, results mobilised.
"""

from __future__ import annotations

from typing import Protocol

import attrs

from danvan.classification._facts import COUNTED, TeamYear
from danvan.classification._grades import Reason
from danvan.labels import Label

__all__ = [
    "Criterion",
    "MeetingCompleteness",
    "Regularity",
    "ResultsMobilised",
    "TopicsCovered",
    "percent",
    "share",
]


class Criterion(Protocol):
    """Anything with a name and a maximum that turns a team's year into a `Reason`."""

    @property
    def name(self) -> str: ...

    @property
    def max_points(self) -> float: ...

    def __call__(self, year: TeamYear) -> Reason: ...


def share(part: float, whole: float) -> float:
    """``part / whole`` capped at 1, and 0 when there is no whole."""
    return min(1.0, part / whole) if whole > 0 else 0.0


def percent(value: float) -> str:
    """A share as a whole percentage: ``0.5`` -> ``"50%"``."""
    return f"{round(value * 100)}%"


@attrs.frozen
class MeetingCompleteness:
    """Monthly meetings held / expected, times ``max_points``."""

    max_points: float = 40
    name: str = "completeness"

    def __call__(self, year: TeamYear) -> Reason:
        held, expected = year.meetings_held, year.months_expected
        part = share(held, expected)
        return Reason(
            self.name,
            round(self.max_points * part, 2),
            self.max_points,
            Label(
                f"Họp định kỳ {held}/{expected} tháng ({percent(part)})",
                f"Monthly meeting held in {held} of {expected} months ({percent(part)})",
            ),
        )


@attrs.frozen
class Regularity:
    """Months with at least one activity besides the meeting / months expected."""

    max_points: float = 20
    name: str = "regularity"

    def __call__(self, year: TeamYear) -> Reason:
        months, expected = year.months_with_other_activity, year.months_expected
        return Reason(
            self.name,
            round(self.max_points * share(months, expected), 2),
            self.max_points,
            Label(
                f"Có hoạt động khác ngoài họp trong {months}/{expected} tháng",
                f"Activities besides the meeting in {months} of {expected} months",
            ),
        )


@attrs.frozen
class TopicsCovered:
    """Distinct topics disseminated or mobilised on; full points from ``full_at`` topics."""

    max_points: float = 20
    full_at: int = 5
    name: str = "topics"

    def __call__(self, year: TeamYear) -> Reason:
        count = len(year.topics)
        return Reason(
            self.name,
            round(self.max_points * share(count, self.full_at), 2),
            self.max_points,
            Label(
                f"{count} chủ đề tuyên truyền, vận động (đủ điểm từ {self.full_at})",
                f"{count} topics covered (full points from {self.full_at})",
            ),
        )


@attrs.frozen
class ResultsMobilised:
    """Half for money mobilised (full from ``money_full_at`` đồng), half for counted results.

    Counted results are the activities that report at least one SUM indicator
    (gift packages, dossiers, harvest …); full from ``results_full_at`` of them.
    """

    max_points: float = 20
    money_full_at: int = 50_000_000
    results_full_at: int = 4
    name: str = "results"

    def __call__(self, year: TeamYear) -> Reason:
        half = self.max_points / 2
        money_points = half * share(year.money, self.money_full_at)
        counted = int(year.results.get(COUNTED, 0))
        result_points = half * share(counted, self.results_full_at)
        money = f"{year.money:,}".replace(",", ".")
        return Reason(
            self.name,
            round(money_points + result_points, 2),
            self.max_points,
            Label(
                f"Vận động {money} đồng; {counted} hoạt động có kết quả đo đếm được",
                f"{money} đồng mobilised; {counted} activities with counted results",
            ),
        )
