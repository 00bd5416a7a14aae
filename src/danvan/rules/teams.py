"""Rules on teams: one leader every day, memberships inside the team's life, monthly meetings.

Intervals are inclusive at both ends and an open end (``None``) runs forever;
leader coverage is checked by one sweep over each team's leader memberships,
sorted by start, so the cost grows with the memberships, not with the days.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator

from danvan.findings import Finding, Location, codes, make_finding
from danvan.layout import field_name
from danvan.model import Membership, Team
from danvan.model._dates import overlap, within
from danvan.periods import DateRange, Period
from danvan.rules.base import ValidationContext, rule

_FIRST = dt.date.min.toordinal()
_LAST = dt.date.max.toordinal()


def _day(ordinal: int) -> dt.date | None:
    """The date of an ordinal, ``None`` for the open ends."""
    return None if ordinal <= _FIRST or ordinal >= _LAST else dt.date.fromordinal(ordinal)


def _reversed(start: dt.date | None, end: dt.date | None) -> bool:
    return start is not None and end is not None and end < start


def _outside(start: dt.date | None, end: dt.date | None, team: Team) -> bool:
    """Whether an explicit end of ``[start, end]`` falls outside the team's life.

    An open end of a membership or an assignment means "as long as the team",
    so only the dates actually written are checked.
    """
    return any(
        day is not None and not within(day, team.established, team.dissolved)
        for day in (start, end)
    )


@rule("team-dates", codes.DATES_REVERSED, codes.ASSIGNMENT_OUTSIDE_TEAM)
def team_dates(context: ValidationContext) -> Iterator[Finding]:
    """Teams, assignments and memberships end after they start; villages are assigned only
    while the team exists."""
    dataset = context.dataset
    for position, team in enumerate(dataset.teams):
        if _reversed(team.established, team.dissolved):
            yield make_finding(
                codes.DATES_REVERSED,
                Location.of("team", team.id, team.provenance, field="dissolved", index=position),
                field=field_name("team", "dissolved"),
                start=team.established,
                end=team.dissolved,
            )
        for index, assignment in enumerate(team.villages):
            field = f"villages[{index}]"
            location = Location.of_line(
                "team", team, assignment, field=field, column="valid_until", index=position
            )
            if _reversed(assignment.valid_from, assignment.valid_until):
                yield make_finding(
                    codes.DATES_REVERSED,
                    location,
                    field=field_name("team", field),
                    start=assignment.valid_from,
                    end=assignment.valid_until,
                )
            elif _outside(assignment.valid_from, assignment.valid_until, team):
                yield make_finding(
                    codes.ASSIGNMENT_OUTSIDE_TEAM,
                    location,
                    village=assignment.village,
                    start=assignment.valid_from,
                    end=assignment.valid_until,
                    team_start=team.established,
                    team_end=team.dissolved,
                )
    for position, membership in enumerate(dataset.memberships):
        if _reversed(membership.valid_from, membership.valid_until):
            yield make_finding(
                codes.DATES_REVERSED,
                Location.of(
                    "membership",
                    membership.id,
                    membership.provenance,
                    field="valid_until",
                    index=position,
                ),
                field=field_name("membership", "valid_until"),
                start=membership.valid_from,
                end=membership.valid_until,
            )


@rule("memberships", codes.MEMBERSHIP_OUTSIDE_TEAM, codes.MEMBER_TWICE)
def memberships(context: ValidationContext) -> Iterator[Finding]:
    """Memberships lie inside their team's life; nobody is in one team twice at once."""
    dataset = context.dataset
    for team_id, team_memberships in context.memberships_by_team.items():
        team = dataset.team(team_id)
        if team is None:
            continue
        by_member: defaultdict[str, list[Membership]] = defaultdict(list)
        for membership in team_memberships:
            by_member[membership.member].append(membership)
            if _outside(membership.valid_from, membership.valid_until, team):
                yield make_finding(
                    codes.MEMBERSHIP_OUTSIDE_TEAM,
                    Location.of("membership", membership.id, membership.provenance),
                    start=membership.valid_from,
                    end=membership.valid_until,
                    team=team.id,
                    team_start=team.established,
                    team_end=team.dissolved,
                )
        for member_id, held in by_member.items():
            if len(held) < 2:
                continue
            held.sort(key=lambda m: m.valid_from or dt.date.min)
            latest = held[0]
            for membership in held[1:]:
                if overlap(
                    latest.valid_from,
                    latest.valid_until,
                    membership.valid_from,
                    membership.valid_until,
                ):
                    yield make_finding(
                        codes.MEMBER_TWICE,
                        Location.of("membership", membership.id, membership.provenance),
                        member=member_id,
                        team=team.id,
                        other=latest.id,
                    )
                if _end(membership) > _end(latest):
                    latest = membership


def _start(membership: Membership) -> int:
    return _FIRST if membership.valid_from is None else membership.valid_from.toordinal()


def _end(membership: Membership) -> int:
    return _LAST if membership.valid_until is None else membership.valid_until.toordinal()


@rule("leaders", codes.NO_LEADER, codes.TWO_LEADERS)
def leaders(context: ValidationContext) -> Iterator[Finding]:
    """Exactly one leader on every day of a team's life, up to the as-of date."""
    leaders_by_team = context.leaders_by_team
    for team in context.dataset.teams:
        if context.dataset.team(team.id) is not team:
            continue
        held = leaders_by_team.get(team.id, [])
        first = _start_of_life(team, held)
        end = context.team_end(team)
        last = _LAST if end is None else end.toordinal()
        if last < first:
            continue
        yield from _leader_sweep(team, held, first, last)


def _start_of_life(team: Team, held: list[Membership]) -> int:
    if team.established is not None:
        return team.established.toordinal()
    return min((_start(m) for m in held), default=_FIRST)


def _leader_sweep(team: Team, held: list[Membership], first: int, last: int) -> Iterator[Finding]:
    team_location = Location.of("team", team.id, team.provenance)
    spans = sorted(
        (
            (max(_start(m), first), min(_end(m), last), m)
            for m in held
            if _start(m) <= last and _end(m) >= first
        ),
        key=lambda span: (span[0], span[1]),
    )
    covered = first - 1
    holder: Membership | None = None
    for start, end, membership in spans:
        if start > covered + 1:
            yield make_finding(
                codes.NO_LEADER, team_location, start=_day(covered + 1), end=_day(start - 1)
            )
        elif holder is not None and start <= covered:
            yield make_finding(
                codes.TWO_LEADERS,
                Location.of("membership", membership.id, membership.provenance),
                other=holder.id,
                record_id=membership.id,
                start=_day(start),
                end=_day(min(end, covered)),
            )
        if end > covered:
            covered, holder = end, membership
    if covered < last:
        yield make_finding(codes.NO_LEADER, team_location, start=_day(covered + 1), end=_day(last))


@rule("monthly-meetings", codes.MISSING_MEETING)
def monthly_meetings(context: ValidationContext) -> Iterator[Finding]:
    """Every whole reporting month of a team's life has a done meeting."""
    held = context.meeting_months
    calendar = context.calendar
    bounds: dict[tuple[int, int], DateRange] = {}
    for team in context.dataset.teams:
        end = context.team_end(team)
        if team.established is None or end is None or context.dataset.team(team.id) is not team:
            continue
        year, month = calendar.month_key(team.established)
        while True:
            span = bounds.get((year, month))
            if span is None:
                span = bounds[year, month] = calendar.bounds(Period.of_month(year, month))
            if span.end > end:
                break
            if span.start >= team.established and (team.id, year, month) not in held:
                yield make_finding(
                    codes.MISSING_MEETING,
                    Location.of("team", team.id, team.provenance),
                    year=year,
                    month=month,
                )
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
