"""What the criteria look at: one team's year (`TeamYear`), gathered from one pass over a period."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

import attrs

from danvan.aggregate import Measure, PeriodTotals
from danvan.model import Aggregation, Dataset, Status, Team
from danvan.periods import Period, ReportingCalendar, parse_period

__all__ = ["COUNTED", "TeamYear", "as_period", "team_years"]

#: Key of `TeamYear.results` holding the number of activities with a counted result.
COUNTED: Final = "__activities_with_results__"


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
            sums_of_team[COUNTED] = sums_of_team.get(COUNTED, 0) + 1
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


def as_period(year: int | Period | str) -> Period:
    """A year given as a number, a key (``"2022"``) or a period, as a period."""
    if isinstance(year, Period):
        return year
    if isinstance(year, int):
        return Period.of_year(year)
    return parse_period(year)
