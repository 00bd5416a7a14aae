"""Tổ Dân vận: the teams, the villages they serve and the people in them."""

from __future__ import annotations

import enum
from datetime import date

import attrs

from danvan.labels import Label
from danvan.model._dates import within
from danvan.model.common import Provenance


class Role(enum.Enum):
    """A member's role in a team: tổ trưởng, tổ phó, thành viên."""

    LEADER = "leader"
    DEPUTY = "deputy"
    MEMBER = "member"

    @property
    def label(self) -> Label:
        return _ROLE_LABELS[self]


_ROLE_LABELS = {
    Role.LEADER: Label("Tổ trưởng", "Leader"),
    Role.DEPUTY: Label("Tổ phó", "Deputy"),
    Role.MEMBER: Label("Thành viên", "Member"),
}


@attrs.frozen
class Assignment:
    """A village served by a team from one date until another (both inclusive).

    ``provenance`` is the line's own place when it was read from the team
    villages sheet (left out of equality, as for quantities).
    """

    village: str
    valid_from: date | None = None
    valid_until: date | None = None
    provenance: Provenance | None = attrs.field(default=None, eq=False)

    def valid_on(self, day: date) -> bool:
        return within(day, self.valid_from, self.valid_until)


@attrs.frozen
class Team:
    """A Tổ Dân vận cơ sở.

    ``established`` is its first day and ``dissolved`` its last (inclusive);
    ``decision`` is the founding decision, e.g. ``765-QĐ/HU``.
    """

    id: str
    name: str
    villages: tuple[Assignment, ...] = ()
    decision: str | None = None
    established: date | None = None
    dissolved: date | None = None
    provenance: Provenance | None = None

    def alive_on(self, day: date) -> bool:
        return within(day, self.established, self.dissolved)


@attrs.frozen
class Membership:
    """A member's place in a team, with a role, from one date until another (inclusive)."""

    id: str
    team: str
    member: str
    role: Role = Role.MEMBER
    valid_from: date | None = None
    valid_until: date | None = None
    provenance: Provenance | None = None

    def valid_on(self, day: date) -> bool:
        return within(day, self.valid_from, self.valid_until)
