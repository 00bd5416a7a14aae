"""``Dataset``: every record of a collection, indexed, answering the questions the library asks.

Indexes keep the first record of a duplicated id; finding the duplicates is
validation's job, so building a dataset never fails on bad data.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from typing import TypeVar

import attrs

from danvan._display import HEAD_ROWS, Preview, count
from danvan.model.activities import Activity
from danvan.model.catalog import Catalog
from danvan.model.figures import UnitFigure
from danvan.model.people import Member, Organization
from danvan.model.plans import Target
from danvan.model.reporting_line import ReportingBody
from danvan.model.submissions import Submission
from danvan.model.teams import Assignment, Membership, Role, Team
from danvan.model.units import AdminUnit, Level, Succession

_Record = TypeVar(
    "_Record",
    AdminUnit,
    Organization,
    Member,
    Team,
    Membership,
    Activity,
    UnitFigure,
    Target,
    Submission,
    ReportingBody,
)


def _by_id(records: Iterable[_Record]) -> dict[str, _Record]:
    index: dict[str, _Record] = {}
    for record in records:
        index.setdefault(record.id, record)
    return index


@attrs.define
class _Indexes:
    """Look-up tables built once from a dataset's records (and, lazily, the large ones)."""

    units: dict[str, AdminUnit]
    children: dict[str, list[AdminUnit]]
    organizations: dict[str, Organization]
    members: dict[str, Member]
    teams: dict[str, Team]
    memberships_by_team: dict[str, list[Membership]]
    assignments_by_village: dict[str, list[tuple[Team, Assignment]]]
    activities: dict[str, Activity] | None = None
    figures: dict[str, UnitFigure] | None = None
    targets: dict[str, Target] | None = None
    submissions: dict[str, Submission] | None = None
    bodies: dict[str, ReportingBody] | None = None


_KINDS = (
    ("units", "units"),
    ("organizations", "organisations"),
    ("members", "members"),
    ("teams", "teams"),
    ("memberships", "memberships"),
    ("activities", "activities"),
    ("successions", "successions"),
    ("figures", "unit figures"),
    ("targets", "targets"),
    ("submissions", "submissions"),
)
_ACTIVITY_HEADERS = ("id", "date", "team", "village", "type", "participants", "money")


@attrs.frozen(repr=False)
class Dataset:
    """A collection of units, organisations, members, teams, memberships and activities.

    ``figures`` are figures of whole units (a district's total reported by no
    team), kept apart: no sum of the teams' work counts them. ``targets`` are the
    plan's targets (chỉ tiêu kế hoạch), which a report sets beside the results.
    ``submissions`` are the reports received (which file, from whom, for which days);
    ``bodies`` the reporting line they travel along (who receives whose report, when).
    """

    units: tuple[AdminUnit, ...] = ()
    organizations: tuple[Organization, ...] = ()
    members: tuple[Member, ...] = ()
    teams: tuple[Team, ...] = ()
    memberships: tuple[Membership, ...] = ()
    activities: tuple[Activity, ...] = ()
    successions: tuple[Succession, ...] = ()
    figures: tuple[UnitFigure, ...] = ()
    targets: tuple[Target, ...] = ()
    submissions: tuple[Submission, ...] = ()
    bodies: tuple[ReportingBody, ...] = ()
    catalog: Catalog = attrs.field(factory=Catalog)
    title: str = ""
    description: str = ""

    _ix: _Indexes = attrs.field(init=False, repr=False, eq=False, hash=False)

    def _preview(self) -> Preview:
        """Counts of each kind of record and the first activities: what a notebook shows."""
        facts = [count(len(getattr(self, name)), noun) for name, noun in _KINDS]
        facts = [f for f in facts if not f.startswith("0 ")] or ["empty"]
        head = [
            (a.id, a.date, a.team, a.village, a.type, a.participants, a.money)
            for a in self.activities[:HEAD_ROWS]
        ]
        rest = len(self.activities) - len(head)
        more = f"… {rest:,} more activities" if rest > 0 else ""
        title = f"Dataset {self.title!r}" if self.title else "Dataset"
        return Preview(title, facts, _ACTIVITY_HEADERS, head, more)

    def __repr__(self) -> str:
        """Short whatever the size: the counts and the first activities (``danvan._display``)."""
        return self._preview().text()

    def _repr_html_(self) -> str:
        return self._preview().html()

    def __attrs_post_init__(self) -> None:
        children: defaultdict[str, list[AdminUnit]] = defaultdict(list)
        for unit in self.units:
            if unit.parent is not None:
                children[unit.parent].append(unit)
        by_team: defaultdict[str, list[Membership]] = defaultdict(list)
        for membership in self.memberships:
            by_team[membership.team].append(membership)
        by_village: defaultdict[str, list[tuple[Team, Assignment]]] = defaultdict(list)
        for team in self.teams:
            for assignment in team.villages:
                by_village[assignment.village].append((team, assignment))
        indexes = _Indexes(
            units=_by_id(self.units),
            children=dict(children),
            organizations=_by_id(self.organizations),
            members=_by_id(self.members),
            teams=_by_id(self.teams),
            memberships_by_team=dict(by_team),
            assignments_by_village=dict(by_village),
        )
        object.__setattr__(self, "_ix", indexes)

    # Look-ups by id.

    def unit(self, unit_id: str) -> AdminUnit | None:
        return self._ix.units.get(unit_id)

    def organization(self, organization_id: str) -> Organization | None:
        return self._ix.organizations.get(organization_id)

    def member(self, member_id: str) -> Member | None:
        return self._ix.members.get(member_id)

    def team(self, team_id: str) -> Team | None:
        return self._ix.teams.get(team_id)

    def activity(self, activity_id: str) -> Activity | None:
        if self._ix.activities is None:
            self._ix.activities = _by_id(self.activities)
        return self._ix.activities.get(activity_id)

    def figure(self, figure_id: str) -> UnitFigure | None:
        if self._ix.figures is None:
            self._ix.figures = _by_id(self.figures)
        return self._ix.figures.get(figure_id)

    def target(self, target_id: str) -> Target | None:
        if self._ix.targets is None:
            self._ix.targets = _by_id(self.targets)
        return self._ix.targets.get(target_id)

    def submission(self, submission_id: str) -> Submission | None:
        if self._ix.submissions is None:
            self._ix.submissions = _by_id(self.submissions)
        return self._ix.submissions.get(submission_id)

    def body(self, body_id: str) -> ReportingBody | None:
        if self._ix.bodies is None:
            self._ix.bodies = _by_id(self.bodies)
        return self._ix.bodies.get(body_id)

    def figures_of(self, unit_id: str) -> list[UnitFigure]:
        """The figures reported for the whole of ``unit_id`` (not its children's), in order."""
        return [f for f in self.figures if f.unit == unit_id]

    # The hierarchy.

    def children(self, unit_id: str, at: date | None = None) -> list[AdminUnit]:
        """The units directly below ``unit_id``, only those valid on ``at`` when it is given."""
        found = self._ix.children.get(unit_id, [])
        return [u for u in found if at is None or u.valid_on(at)]

    def ancestors(self, unit_id: str) -> list[AdminUnit]:
        """The chain of parents of ``unit_id``, nearest first; stops at a cycle or a missing id."""
        chain: list[AdminUnit] = []
        seen = {unit_id}
        unit = self._ix.units.get(unit_id)
        while unit is not None and unit.parent is not None and unit.parent not in seen:
            seen.add(unit.parent)
            unit = self._ix.units.get(unit.parent)
            if unit is not None:
                chain.append(unit)
        return chain

    def ancestor_at(self, unit_id: str, level: Level) -> AdminUnit | None:
        """The unit at ``level`` that contains ``unit_id`` (itself if it is at that level)."""
        unit = self._ix.units.get(unit_id)
        if unit is not None and unit.level is level:
            return unit
        return next((a for a in self.ancestors(unit_id) if a.level is level), None)

    def units_at(self, level: Level, at: date | None = None) -> list[AdminUnit]:
        return [u for u in self.units if u.level is level and (at is None or u.valid_on(at))]

    # Teams and people.

    def team_for_village(self, village_id: str, at: date) -> Team | None:
        """The team serving ``village_id`` on ``at``: alive then and assigned to it then."""
        for team, assignment in self._ix.assignments_by_village.get(village_id, []):
            if team.alive_on(at) and assignment.valid_on(at):
                return team
        return None

    def memberships_of(self, team_id: str) -> list[Membership]:
        return list(self._ix.memberships_by_team.get(team_id, []))

    def active_memberships(self, team_id: str, at: date) -> list[Membership]:
        return [m for m in self._ix.memberships_by_team.get(team_id, []) if m.valid_on(at)]

    def leader(self, team_id: str, at: date) -> Member | None:
        """The team's leader (tổ trưởng) on ``at``, if exactly one membership says so."""
        leaders = [m for m in self.active_memberships(team_id, at) if m.role is Role.LEADER]
        return self._ix.members.get(leaders[0].member) if len(leaders) == 1 else None
