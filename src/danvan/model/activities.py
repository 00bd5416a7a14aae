"""Activities: what a team did in a village on a day, with what it counted and what it cost."""

from __future__ import annotations

import enum
from datetime import date

import attrs

from danvan.labels import Label
from danvan.model.common import Provenance


class FundingSource(enum.Enum):
    """Where the money came from: the state budget, society (xã hội hóa), or the people."""

    STATE_BUDGET = "state_budget"
    SOCIETY = "society"
    PEOPLE = "people"

    @property
    def label(self) -> Label:
        return _SOURCE_LABELS[self]


_SOURCE_LABELS = {
    FundingSource.STATE_BUDGET: Label("Ngân sách nhà nước", "State budget"),
    FundingSource.SOCIETY: Label("Xã hội hóa", "Mobilised from society"),
    FundingSource.PEOPLE: Label("Nhân dân đóng góp", "People's contribution"),
}


class Status(enum.Enum):
    DONE = "done"
    PLANNED = "planned"
    CANCELLED = "cancelled"


@attrs.frozen
class Quantity:
    """A value of an indicator; ``unit`` is kept where the source states one, to be checked.

    A quantity (as a funding line) read from its own sheet keeps its own
    ``provenance``, so that a finding about it names that sheet and row; it is
    left out of equality, as an activity's place is not what it did.
    """

    indicator: str
    value: int | float
    unit: str | None = None
    #: Where the line was typed (its own sheet and row), apart from its activity's place.
    provenance: Provenance | None = attrs.field(default=None, eq=False)


@attrs.frozen
class Funding:
    """Money towards an activity, in whole đồng (never a float)."""

    source: FundingSource
    amount: int
    donor: str | None = None
    #: Where the line was typed (its own sheet and row), apart from its activity's place.
    provenance: Provenance | None = attrs.field(default=None, eq=False)


@attrs.frozen
class Activity:
    """One thing a team did in one village on one day."""

    id: str
    team: str
    village: str
    date: date
    type: str
    title: str = ""
    topics: tuple[str, ...] = ()
    participants: int | None = None
    households: int | None = None
    quantities: tuple[Quantity, ...] = ()
    funding: tuple[Funding, ...] = ()
    partners: tuple[str, ...] = ()
    status: Status = Status.DONE
    note: str = ""
    provenance: Provenance | None = None

    def quantity(self, indicator: str) -> int | float | None:
        """The value of ``indicator`` in this activity, summed if it appears more than once."""
        values = [q.value for q in self.quantities if q.indicator == indicator]
        return sum(values) if values else None

    @property
    def money(self) -> int:
        """All money towards this activity, in đồng."""
        return sum(f.amount for f in self.funding)
