"""Reporting rates rolled up the hierarchy: expected, received, on time, late, missing.

A team's reports go to the unit its village lies in on the period's last day (or
``units_on``), by the groups `danvan.aggregate.make_groups` makes: the same road
the meetings' completeness takes, successions and the unit registry included.
The counts add up along the hierarchy (a commune's are the sums of its teams',
a province's the sums of its communes'); the rates are numerator over
denominator, as completeness is, and never averaged. The counting is the
summary's (`danvan.aggregate.count_reports`, which ``summarize(measures=["reporting"])``
uses): here the groups are those of each period, as `danvan status` lists them
month by month.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import attrs

from danvan.aggregate import ExpectedReport, GroupBy, count_reports, make_groups
from danvan.model import Dataset, Level
from danvan.periods import Period, ReportingCalendar
from danvan.registry import UnitRegistry
from danvan.text import collation_key


@attrs.frozen
class RateRow:
    """The reports of one group (a unit, a team, or everything) for one period; the counts
    in the order of `danvan.aggregate.REPORT_COUNTS`."""

    group: str
    name: str
    code: str | None
    period: Period
    expected: int = 0
    received: int = 0
    on_time: int = 0
    late: int = 0
    undated: int = 0
    missing: int = 0
    not_yet_due: int = 0
    #: Expected reports sent in two or more files, none replacing another.
    duplicates: int = 0

    @property
    def reporting_rate(self) -> float | None:
        """Reports received / expected; None when none was expected."""
        return self.received / self.expected if self.expected else None

    @property
    def on_time_rate(self) -> float | None:
        """Reports received by their deadline / expected; None when none was expected."""
        return self.on_time / self.expected if self.expected else None

    def additive(self) -> tuple[int, ...]:
        """The counts, which add up along the hierarchy, in a fixed order."""
        return (
            self.expected,
            self.received,
            self.on_time,
            self.late,
            self.undated,
            self.missing,
            self.not_yet_due,
            self.duplicates,
        )


def group_of_teams(
    dataset: Dataset,
    period: Period,
    by: GroupBy,
    *,
    calendar: ReportingCalendar | None = None,
    units_on: date | None = None,
    registry: UnitRegistry | None = None,
) -> tuple[dict[str, tuple[str, str | None]], dict[str, str | None]]:
    """The groups of ``period`` (id: name and code) and the group of each team (None: none),
    on ``units_on`` (by default the period's last day), as `summarize` groups them."""
    days = (calendar or ReportingCalendar()).bounds(period)
    groups = make_groups(dataset, by, units_on or days.end, days.start, days.end, registry)
    return groups.names, groups.of_team


def reporting_rates(
    dataset: Dataset,
    reports: Sequence[ExpectedReport],
    *,
    by: GroupBy = Level.COMMUNE,
    calendar: ReportingCalendar | None = None,
    units_on: date | None = None,
    registry: UnitRegistry | None = None,
) -> tuple[RateRow, ...]:
    """The counts and rates of ``reports`` per group at ``by`` and per period, every unit of
    the level listed (zeros where nothing was owed), in name order within each period.

    ``registry`` places a village whose unit no longer exists on the day (None: the
    dataset's own units only), as in `danvan.aggregate.summarize`.
    """
    periods = sorted({report.period for report in reports})
    rows: list[RateRow] = []
    for period in periods:
        names, of_team = group_of_teams(
            dataset, period, by, calendar=calendar, units_on=units_on, registry=registry
        )
        counts = count_reports(
            (of_team.get(report.team), report) for report in reports if report.period == period
        )
        for group in counts:
            names.setdefault(group, (group, None))
        for group in sorted(names, key=lambda g: (collation_key(names[g][0]), g)):
            name, code = names[group]
            rows.append(RateRow(group, name, code, period, *counts.get(group, ())))
    return tuple(rows)
