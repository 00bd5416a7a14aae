"""Year-end grading of the teams (xếp loại Tổ Dân vận), from criteria a caller can replace.

Each criterion looks at one team's year (`TeamYear`) and gives points with an
explanation; `Criteria` adds them up, applies the thresholds and the rule that a
team holding fewer than half its monthly meetings cannot be graded above
"Hoàn thành nhiệm vụ". The defaults are documented in ``docs/classification.md``;
they are this library's proposal, not an official scale.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from typing import Final, Protocol

import attrs

from danvan.aggregate import Measure, PeriodTotals
from danvan.labels import Label
from danvan.model import Aggregation, Dataset, Status, Team
from danvan.periods import Period, ReportingCalendar, parse_period

__all__ = [
    "DEFAULT_CRITERIA",
    "Classification",
    "Criteria",
    "Criterion",
    "Grade",
    "MeetingCompleteness",
    "Reason",
    "Regularity",
    "ResultsMobilised",
    "TeamYear",
    "TopicsCovered",
    "classify",
]


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
class TeamYear:
    """What the criteria look at: one team's work over one period (usually a year).

    ``months_expected`` are the reporting months the team existed on at least one
    day of; ``meetings_held`` the months among them with a monthly meeting;
    ``months_with_other_activity`` those with any other done activity.
    ``results`` holds the totals of the SUM indicators.
    """

    team: Team
    period: Period
    months_expected: int
    meetings_held: int
    months_with_other_activity: int
    activities: int
    topics: frozenset[str]
    money: int
    results: Mapping[str, int | float]

    @property
    def completeness(self) -> float | None:
        return self.meetings_held / self.months_expected if self.months_expected else None


@attrs.frozen
class Reason:
    """The points one criterion gave, out of how many, and why."""

    criterion: str
    points: float
    max_points: float
    explanation: Label


class Criterion(Protocol):
    """Anything with a name and a maximum that turns a team's year into a `Reason`."""

    @property
    def name(self) -> str: ...

    @property
    def max_points(self) -> float: ...

    def __call__(self, year: TeamYear) -> Reason: ...


def _share(part: float, whole: float) -> float:
    return min(1.0, part / whole) if whole > 0 else 0.0


def _percent(value: float) -> str:
    return f"{round(value * 100)}%"


@attrs.frozen
class MeetingCompleteness:
    """Monthly meetings held / expected, times ``max_points``."""

    max_points: float = 40
    name: str = "completeness"

    def __call__(self, year: TeamYear) -> Reason:
        share = _share(year.meetings_held, year.months_expected)
        held, expected = year.meetings_held, year.months_expected
        return Reason(
            self.name,
            round(self.max_points * share, 2),
            self.max_points,
            Label(
                f"Họp định kỳ {held}/{expected} tháng ({_percent(share)})",
                f"Monthly meeting held in {held} of {expected} months ({_percent(share)})",
            ),
        )


@attrs.frozen
class Regularity:
    """Months with at least one activity besides the meeting / months expected."""

    max_points: float = 20
    name: str = "regularity"

    def __call__(self, year: TeamYear) -> Reason:
        months, expected = year.months_with_other_activity, year.months_expected
        share = _share(months, expected)
        return Reason(
            self.name,
            round(self.max_points * share, 2),
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
            round(self.max_points * _share(count, self.full_at), 2),
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
        money_points = half * _share(year.money, self.money_full_at)
        counted = int(year.results.get(_COUNTED, 0))
        result_points = half * _share(counted, self.results_full_at)
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


#: Key of `TeamYear.results` holding the number of activities with a counted result.
_COUNTED: Final = "__activities_with_results__"


@attrs.frozen
class Classification:
    """A team's grade for the period, with its total and the reasons behind it."""

    team: str
    name: str
    grade: Grade
    points: float
    reasons: tuple[Reason, ...]


@attrs.frozen
class Criteria:
    """Criteria and thresholds; replace any part with `attrs.evolve(DEFAULT_CRITERIA, ...)`.

    Thresholds are on the total points: at least ``excellent`` is "Hoàn thành
    xuất sắc", at least ``good`` "Hoàn thành tốt", at least ``completed``
    "Hoàn thành", below "Không hoàn thành". A team whose meeting completeness is
    below ``completeness_floor`` is graded at most "Hoàn thành nhiệm vụ".
    """

    criteria: tuple[Criterion, ...] = attrs.field(
        factory=lambda: (MeetingCompleteness(), Regularity(), TopicsCovered(), ResultsMobilised()),
        converter=tuple,
    )
    excellent: float = 90
    good: float = 75
    completed: float = 50
    completeness_floor: float | None = 0.5

    def classify(self, year: TeamYear) -> Classification:
        """The team's grade for the year, with its points and the reasons behind them."""
        reasons = [criterion(year) for criterion in self.criteria]
        points = round(sum(reason.points for reason in reasons), 2)
        if points >= self.excellent:
            grade = Grade.EXCELLENT
        elif points >= self.good:
            grade = Grade.GOOD
        elif points >= self.completed:
            grade = Grade.COMPLETED
        else:
            grade = Grade.NOT_COMPLETED
        completeness = year.completeness or 0.0
        floor = self.completeness_floor
        if floor is not None and completeness < floor and grade.rank < Grade.COMPLETED.rank:
            grade = Grade.COMPLETED
            reasons.append(
                Reason(
                    "completeness_floor",
                    0,
                    0,
                    Label(
                        f"Họp định kỳ dưới {_percent(floor)} số tháng: "
                        "xếp loại không quá Hoàn thành nhiệm vụ",
                        f"Monthly meetings in under {_percent(floor)} of months: "
                        "graded at most Completed",
                    ),
                )
            )
        return Classification(year.team.id, year.team.name, grade, points, tuple(reasons))


DEFAULT_CRITERIA: Final = Criteria()


def team_years(
    dataset: Dataset,
    period: Period,
    *,
    calendar: ReportingCalendar = ReportingCalendar(1),  # noqa: B008
    totals: PeriodTotals | None = None,
) -> list[TeamYear]:
    """The facts the criteria look at, for every team alive during ``period``, in name order.

    ``totals``, the period's activities already summed (a report has them), spares
    summing them again.
    """
    if totals is None:
        totals = PeriodTotals.of(dataset, period, calendar=calendar)
    elif totals.dataset is not dataset or (totals.period, totals.calendar) != (period, calendar):
        raise ValueError("totals were summed for another dataset, period or calendar")
    summary = totals.summarize(
        by="team", measures=(Measure.ACTIVITIES, Measure.MONEY, Measure.COMPLETENESS)
    )
    bounds = calendar.bounds(period)
    meeting_types = dataset.catalog.meeting_types
    sums = {i.code for i in dataset.catalog.indicators if i.aggregation is Aggregation.SUM}
    other_months: dict[str, set[tuple[int, int]]] = {}
    topics: dict[str, set[str]] = {}
    results: dict[str, dict[str, int | float]] = {}
    for activity in dataset.activities:
        if activity.status is not Status.DONE or activity.date not in bounds:
            continue
        team = activity.team
        if activity.type not in meeting_types:
            other_months.setdefault(team, set()).add(calendar.month_key(activity.date))
        topics.setdefault(team, set()).update(activity.topics)
        sums_of_team = results.setdefault(team, {})
        counted = False
        for quantity in activity.quantities:
            if quantity.indicator in sums:
                sums_of_team[quantity.indicator] = (
                    sums_of_team.get(quantity.indicator, 0) + quantity.value
                )
                counted = True
        if counted:
            sums_of_team[_COUNTED] = sums_of_team.get(_COUNTED, 0) + 1
    years = []
    for row in summary.rows:
        team_record = dataset.team(row.group)
        if team_record is None:
            continue
        years.append(
            TeamYear(
                team=team_record,
                period=period,
                months_expected=row.meetings_expected,
                meetings_held=row.meetings_held,
                months_with_other_activity=min(
                    len(other_months.get(row.group, ())), row.meetings_expected
                ),
                activities=row.activities,
                topics=frozenset(topics.get(row.group, ())),
                money=row.money_total,
                results=dict(results.get(row.group, {})),
            )
        )
    return years


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
    period = _as_period(year)
    facts = team_years(dataset, period, calendar=calendar, totals=totals)
    return [criteria.classify(year_facts) for year_facts in facts]


def _as_period(year: int | Period | str) -> Period:
    if isinstance(year, Period):
        return year
    if isinstance(year, int):
        return Period.of_year(year)
    return parse_period(year)


def classifications_by_team(classifications: Sequence[Classification]) -> dict[str, Classification]:
    """Classifications indexed by team id."""
    return {result.team: result for result in classifications}
