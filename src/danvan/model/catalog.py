"""The catalogue: kinds of activity, topics, and the indicators that quantities are counted in.

It is data, not code: the default one ships as ``danvan/data/catalog.json`` and
plugins add entries through the ``danvan_catalog`` hook.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from typing import TypeVar

import attrs

from danvan.labels import Label


class Field(enum.Enum):
    """The four fields of mass-mobilisation work (and of "Dân vận khéo" models)."""

    ECONOMY = "economy"
    CULTURE_SOCIETY = "culture_society"
    DEFENCE_SECURITY = "defence_security"
    POLITICAL_SYSTEM = "political_system"

    @property
    def label(self) -> Label:
        return _FIELD_LABELS[self]


_FIELD_LABELS = {
    Field.ECONOMY: Label("Kinh tế", "Economy"),
    Field.CULTURE_SOCIETY: Label("Văn hóa - xã hội", "Culture and society"),
    Field.DEFENCE_SECURITY: Label("Quốc phòng - an ninh", "Defence and security"),
    Field.POLITICAL_SYSTEM: Label("Xây dựng hệ thống chính trị", "Building the political system"),
}


class Aggregation(enum.Enum):
    """How an indicator's values combine over records: summed, counted, the largest, the latest."""

    SUM = "sum"
    COUNT = "count"
    MAX = "max"
    LAST = "last"


class QuantityUnit(enum.Enum):
    """Units that quantities are counted in, written as Vietnamese reports write them."""

    DONG = "đồng"
    KG = "kg"
    HECTARE = "ha"
    METRE = "m"
    PACKAGE = "suất"
    DOSSIER = "hồ sơ"
    PERSON = "người"
    HOUSEHOLD = "hộ"
    PIECE = "cái"
    WORK = "công trình"
    SESSION = "buổi"

    @property
    def whole(self) -> bool:
        """Whether values in this unit are whole numbers (people, packages, đồng)."""
        return self not in _FRACTIONAL_UNITS


_FRACTIONAL_UNITS = frozenset({QuantityUnit.KG, QuantityUnit.HECTARE, QuantityUnit.METRE})


@attrs.frozen
class ActivityType:
    """A kind of work a team does; ``monthly_meeting`` marks the one whose regularity counts."""

    code: str
    label: Label
    field: Field
    monthly_meeting: bool = False


@attrs.frozen
class Topic:
    """What a dissemination or mobilisation was about (forest protection, child marriage …)."""

    code: str
    label: Label
    field: Field | None = None


@attrs.frozen
class Indicator:
    """A quantity reported by activities, with its unit and how it aggregates.

    ``counts_type`` makes a COUNT indicator count what its label says: every
    activity of that type, whether it reports the indicator or not, and each
    other activity that reports it ("Số buổi tuyên truyền" is every
    dissemination activity, and a Covid-19 drive that held one session);
    each activity once.
    """

    code: str
    label: Label
    unit: QuantityUnit
    aggregation: Aggregation = Aggregation.SUM
    counts_type: str | None = None


@attrs.frozen
class Catalog:
    """Activity types, topics and indicators, indexed by code."""

    activity_types: tuple[ActivityType, ...] = ()
    topics: tuple[Topic, ...] = ()
    indicators: tuple[Indicator, ...] = ()
    _types_by_code: dict[str, ActivityType] = attrs.field(
        init=False, repr=False, eq=False, hash=False
    )
    _topics_by_code: dict[str, Topic] = attrs.field(init=False, repr=False, eq=False, hash=False)
    _indicators_by_code: dict[str, Indicator] = attrs.field(
        init=False, repr=False, eq=False, hash=False
    )

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_types_by_code", _first_by_code(self.activity_types))
        object.__setattr__(self, "_topics_by_code", _first_by_code(self.topics))
        object.__setattr__(self, "_indicators_by_code", _first_by_code(self.indicators))

    def activity_type(self, code: str) -> ActivityType | None:
        return self._types_by_code.get(code)

    def topic(self, code: str) -> Topic | None:
        return self._topics_by_code.get(code)

    def indicator(self, code: str) -> Indicator | None:
        return self._indicators_by_code.get(code)

    @property
    def meeting_types(self) -> frozenset[str]:
        """Codes of the activity types that count as the monthly meeting."""
        return frozenset(t.code for t in self.activity_types if t.monthly_meeting)

    def merged(self, other: Catalog) -> Catalog:
        """This catalogue with ``other``'s entries added; on a shared code, this one's stays."""
        return Catalog(
            activity_types=_merge(self.activity_types, other.activity_types),
            topics=_merge(self.topics, other.topics),
            indicators=_merge(self.indicators, other.indicators),
        )


_Entry = TypeVar("_Entry", ActivityType, Topic, Indicator)


def _first_by_code(entries: Iterable[_Entry]) -> dict[str, _Entry]:
    index: dict[str, _Entry] = {}
    for entry in entries:
        index.setdefault(entry.code, entry)
    return index


def _merge(first: tuple[_Entry, ...], second: tuple[_Entry, ...]) -> tuple[_Entry, ...]:
    seen = {entry.code for entry in first}
    return first + tuple(entry for entry in second if entry.code not in seen)
