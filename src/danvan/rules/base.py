"""What a rule is, and the context every rule reads: the dataset plus indexes built once.

Rules stay linear in the number of records because they look things up in
these indexes instead of scanning lists inside loops. An index is built the
first time a rule asks for it and shared by every rule after.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from functools import cached_property

import attrs

from danvan.findings import Finding, FindingCode
from danvan.model import Assignment, Dataset, Membership, Role, Status, Team
from danvan.periods import ReportingCalendar

Check = Callable[["ValidationContext"], Iterable[Finding]]


@attrs.frozen
class Rule:
    """A named check over a dataset that yields findings of the codes it declares.

    Third-party rules are built the same way as the built-in ones, usually
    with the ``rule`` decorator.
    """

    name: str
    codes: tuple[FindingCode, ...]
    check: Check
    description: str = ""

    def __call__(self, context: ValidationContext) -> Iterable[Finding]:
        return self.check(context)


def rule(name: str, *codes: FindingCode) -> Callable[[Check], Rule]:
    """Make a ``Rule`` of a check function; its docstring's first line is the description."""

    def wrap(check: Check) -> Rule:
        doc = (check.__doc__ or "").strip().splitlines()
        return Rule(name=name, codes=codes, check=check, description=doc[0] if doc else "")

    return wrap


class ValidationContext:
    """The dataset under validation, the date it is validated as of, and shared indexes.

    ``as_of`` is the day the data describes (no done activity after it, teams
    need leaders up to it); without one, the last activity's date bounds the
    checks that need an end. ``calendar`` sets the reporting months for the
    monthly meeting check.
    """

    def __init__(
        self,
        dataset: Dataset,
        as_of: dt.date | None = None,
        calendar: ReportingCalendar | None = None,
    ) -> None:
        self.dataset = dataset
        self.as_of = as_of
        self.calendar = calendar or ReportingCalendar()

    @cached_property
    def last_activity_date(self) -> dt.date | None:
        return max((a.date for a in self.dataset.activities), default=None)

    @cached_property
    def horizon(self) -> dt.date | None:
        """The last day the checks look at: ``as_of``, else the last activity's date."""
        return self.as_of if self.as_of is not None else self.last_activity_date

    def team_end(self, team: Team) -> dt.date | None:
        """The last day of ``team``'s life that the checks look at."""
        ends = [d for d in (team.dissolved, self.horizon) if d is not None]
        return min(ends) if ends else None

    @cached_property
    def assignments(self) -> dict[tuple[str, str], list[Assignment]]:
        """Assignments by (team id, village id), for the first team of each id."""
        index: defaultdict[tuple[str, str], list[Assignment]] = defaultdict(list)
        for team in self.dataset.teams:
            if self.dataset.team(team.id) is team:
                for assignment in team.villages:
                    index[team.id, assignment.village].append(assignment)
        return dict(index)

    @cached_property
    def memberships_by_team(self) -> dict[str, list[Membership]]:
        index: defaultdict[str, list[Membership]] = defaultdict(list)
        for membership in self.dataset.memberships:
            index[membership.team].append(membership)
        return dict(index)

    @cached_property
    def leaders_by_team(self) -> dict[str, list[Membership]]:
        return {
            team: [m for m in memberships if m.role is Role.LEADER]
            for team, memberships in self.memberships_by_team.items()
        }

    @cached_property
    def meeting_months(self) -> set[tuple[str, int, int]]:
        """(team, year, month) of every reporting month with a done meeting."""
        meeting_types = self.dataset.catalog.meeting_types
        month_key = self.calendar.month_key
        done = Status.DONE
        return {
            (a.team, *month_key(a.date))
            for a in self.dataset.activities
            if a.type in meeting_types and a.status is done
        }
