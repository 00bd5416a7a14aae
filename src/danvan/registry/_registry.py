"""The registry: units with their validity and successions, looked up by code, name and day."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

import attrs

from danvan.labels import Label
from danvan.model import AdminUnit, Level, Succession
from danvan.model._dates import overlap
from danvan.registry._names import DEFAULT_KINDS, parse_query
from danvan.text._fold import bare_key, name_key

UNITS_FORMAT = "danvan.units/1"
"""The value of the ``format`` key that heads a unit registry document."""

Placement = tuple[str, float]
"""A unit id and the share of the original that went to it (1.0 for a whole unit)."""


@attrs.frozen
class LookupResult:
    """The unit a name designates, or the candidates when it designates none or several."""

    unit: AdminUnit | None
    candidates: tuple[AdminUnit, ...] = ()

    @property
    def ambiguous(self) -> bool:
        return self.unit is None and len(self.candidates) > 1


@attrs.frozen
class UnitProblem:
    """Something wrong with units or successions: a stable code, the units, a message in vi/en.

    ``values`` holds what the message says (the code, the other unit, the
    dates), so that the validation rules can word their findings from it.
    """

    code: str
    units: tuple[str, ...]
    message: Label
    values: Mapping[str, Any] = attrs.field(factory=dict, eq=False)


@attrs.frozen(eq=False)
class UnitRegistry:
    """Units with their validity and the successions between them, indexed for look-up.

    ``kinds`` names the kind of a unit where its level does not say it (phường,
    thị trấn, thành phố, thị xã); ``aliases`` lists other spellings of a name,
    such as a resolution's spelling beside the statistics office's.
    """

    units: tuple[AdminUnit, ...] = ()
    successions: tuple[Succession, ...] = ()
    kinds: Mapping[str, str] = attrs.field(factory=dict)
    aliases: Mapping[str, tuple[str, ...]] = attrs.field(factory=dict)

    _by_id: dict[str, AdminUnit] = attrs.field(init=False, repr=False)
    _by_code: dict[str, list[AdminUnit]] = attrs.field(init=False, repr=False)
    # The name indexes are built by the first look-up by name (``_name_indexes``): a
    # report places units by id and code, and parsing every name would be its cost.
    _names: tuple[dict[str, list[AdminUnit]], dict[str, list[AdminUnit]]] | None = attrs.field(
        init=False, repr=False, default=None
    )
    _children: dict[str, list[AdminUnit]] = attrs.field(init=False, repr=False)
    _outgoing: dict[str, list[Succession]] = attrs.field(init=False, repr=False)

    def __attrs_post_init__(self) -> None:
        by_id: dict[str, AdminUnit] = {}
        by_code: defaultdict[str, list[AdminUnit]] = defaultdict(list)
        children: defaultdict[str, list[AdminUnit]] = defaultdict(list)
        for unit in self.units:
            if unit.id in by_id:
                continue
            by_id[unit.id] = unit
            if unit.code is not None:
                by_code[unit.code].append(unit)
            if unit.parent is not None:
                children[unit.parent].append(unit)
        outgoing: defaultdict[str, list[Succession]] = defaultdict(list)
        for succession in self.successions:
            for predecessor in dict.fromkeys(succession.predecessors):
                outgoing[predecessor].append(succession)
        object.__setattr__(self, "_by_id", by_id)
        object.__setattr__(self, "_by_code", dict(by_code))
        object.__setattr__(self, "_children", dict(children))
        object.__setattr__(self, "_outgoing", dict(outgoing))

    def _name_indexes(self) -> tuple[dict[str, list[AdminUnit]], dict[str, list[AdminUnit]]]:
        """Units by every key of their names and aliases, and by those keys without tones."""
        if self._names is not None:
            return self._names
        by_key: defaultdict[str, list[AdminUnit]] = defaultdict(list)
        by_bare_key: defaultdict[str, list[AdminUnit]] = defaultdict(list)
        for unit in self._by_id.values():
            keys: set[str] = set()
            for name in (unit.name, *self.aliases.get(unit.id, ())):
                keys.update(parse_query(name).keys)
            for key in keys:
                by_key[key].append(unit)
            for bare in {bare_key(key) for key in keys}:
                by_bare_key[bare].append(unit)
        names = (dict(by_key), dict(by_bare_key))
        object.__setattr__(self, "_names", names)
        return names

    # Units by id and by code.

    def unit(self, unit_id: str) -> AdminUnit | None:
        return self._by_id.get(unit_id)

    def kind(self, unit_id: str) -> str:
        """What the unit is called before its name: Tỉnh, Huyện, Thị xã, Xã, Phường, Thị trấn …"""
        if unit_id in self.kinds:
            return self.kinds[unit_id]
        unit = self._by_id.get(unit_id)
        return DEFAULT_KINDS[unit.level] if unit is not None else ""

    def full_name(self, unit_id: str) -> str:
        """The name as written in documents: "Xã Mường Chà", "Thị trấn Mường Chà"."""
        unit = self._by_id.get(unit_id)
        return f"{self.kind(unit_id)} {unit.name}" if unit is not None else unit_id

    def by_code(self, code: str, at: date) -> AdminUnit | None:
        """The unit that held ``code`` on ``at`` (a reused code names different units)."""
        return next((u for u in self._by_code.get(code, []) if u.valid_on(at)), None)

    def with_code(self, code: str) -> list[AdminUnit]:
        """Every unit that ever held ``code``, in registry order."""
        return list(self._by_code.get(code, []))

    def match(self, unit: AdminUnit) -> AdminUnit | None:
        """The registry's unit for a dataset's unit: same code and level, overlapping validity.

        This is how a dataset links to the registry without an id mapping: the
        sample's ``xa-nam-tin`` (code 03156, valid until 30 June 2025) is the
        registry's ``11-03156``.
        """
        if unit.code is None:
            return None
        found = [
            u
            for u in self._by_code.get(unit.code, [])
            if u.level is unit.level
            and overlap(u.valid_from, u.valid_until, unit.valid_from, unit.valid_until)
        ]
        if len(found) > 1:
            key = name_key(unit.name)
            found = [u for u in found if name_key(u.name) == key]
        return found[0] if len(found) == 1 else None

    # The hierarchy.

    def children(self, unit_id: str, at: date | None = None) -> list[AdminUnit]:
        found = self._children.get(unit_id, [])
        return [u for u in found if at is None or u.valid_on(at)]

    def ancestors(self, unit_id: str) -> list[AdminUnit]:
        """The chain of parents, nearest first; stops at a cycle or an unknown id."""
        chain: list[AdminUnit] = []
        seen = {unit_id}
        unit = self._by_id.get(unit_id)
        while unit is not None and unit.parent is not None and unit.parent not in seen:
            seen.add(unit.parent)
            unit = self._by_id.get(unit.parent)
            if unit is not None:
                chain.append(unit)
        return chain

    def units_at(self, level: Level, at: date) -> list[AdminUnit]:
        return [u for u in self._by_id.values() if u.level is level and u.valid_on(at)]

    # Successions.

    def successors(self, unit_id: str, at: date) -> list[Placement]:
        """The units valid on ``at`` that ``unit_id`` became, with the share each received.

        A unit valid on ``at`` is its own successor. Chains are followed through
        every succession dated on or before ``at``; a loop is walked once. Where
        a unit was split, its records' shares are used, and records without a
        share divide what the others leave equally. An empty list means the
        unit cannot be placed on that day.
        """
        found: dict[str, float] = {}
        stack: list[tuple[str, float, frozenset[str]]] = [(unit_id, 1.0, frozenset({unit_id}))]
        while stack:
            current, weight, seen = stack.pop()
            unit = self._by_id.get(current)
            if unit is not None and unit.valid_on(at):
                found[current] = found.get(current, 0.0) + weight
                continue
            outgoing = [s for s in self._outgoing.get(current, []) if s.date <= at]
            for successor, share in reversed(_shares(outgoing)):
                if successor not in seen:
                    stack.append((successor, weight * share, seen | {successor}))
        return list(found.items())

    # Names.

    def lookup(
        self,
        name: str,
        level: Level | None = None,
        at: date | None = None,
        parent: str | None = None,
    ) -> LookupResult:
        """The unit called ``name``, tolerant of NFC/NFD, tone placement, case, spaces, prefixes.

        ``level`` and ``at`` narrow the search; ``parent`` is any ancestor's id.
        A prefix in the name ("xã", "TT.", "huyện") narrows it further when
        that leaves a candidate. Several units left: ``unit`` is None and
        ``candidates`` lists them; none: both are empty.
        """
        query = parse_query(name)
        candidates: list[AdminUnit] = []
        by_key, by_bare_key = self._name_indexes()
        for index, keys in (
            (by_key, query.keys),
            (by_bare_key, tuple(bare_key(k) for k in query.keys)),
        ):
            # Most stripped first: units are indexed under every variant of their
            # name, and the prefix, applied below, then says which kind was meant.
            for key in reversed(keys):
                candidates = self._narrow(index.get(key, []), level, at, parent)
                if candidates:
                    break
            if candidates:
                break
        if query.level is not None and level is None:
            candidates = _prefer(candidates, lambda u: u.level is query.level)
        if query.kind is not None:
            candidates = _prefer(candidates, lambda u: self.kind(u.id) == query.kind)
        ordered = tuple(sorted(candidates, key=_unit_order))
        return LookupResult(ordered[0] if len(ordered) == 1 else None, ordered)

    def _narrow(
        self, units: list[AdminUnit], level: Level | None, at: date | None, parent: str | None
    ) -> list[AdminUnit]:
        return [
            u
            for u in units
            if (level is None or u.level is level)
            and (at is None or u.valid_on(at))
            and (parent is None or any(a.id == parent for a in self.ancestors(u.id)))
        ]


def _unit_order(unit: AdminUnit) -> tuple[int, date, str]:
    return (unit.level.rank, unit.valid_from or date.min, unit.id)


def _prefer(units: list[AdminUnit], test: Any) -> list[AdminUnit]:
    """The units that pass ``test``, or all of them when none does (a hint, not a filter)."""
    preferred = [u for u in units if test(u)]
    return preferred or units


def _shares(successions: list[Succession]) -> list[Placement]:
    """Each successor with its share of the predecessor; missing shares split the remainder."""
    if not successions:
        return []
    known = sum(s.share for s in successions if s.share is not None)
    missing = [s for s in successions if s.share is None]
    rest = max(0.0, 1.0 - known) / len(missing) if missing else 0.0
    return [(s.successor, s.share if s.share is not None else rest) for s in successions]


def merge_registries(registries: Iterable[UnitRegistry]) -> UnitRegistry:
    """One registry from several (the bundled one and each plugin's); the first id wins."""
    units: dict[str, AdminUnit] = {}
    successions: dict[Succession, None] = {}
    kinds: dict[str, str] = {}
    aliases: dict[str, tuple[str, ...]] = {}
    for registry in registries:
        for unit in registry.units:
            units.setdefault(unit.id, unit)
        successions.update(dict.fromkeys(registry.successions))
        for unit_id, kind in registry.kinds.items():
            kinds.setdefault(unit_id, kind)
        for unit_id, names in registry.aliases.items():
            aliases[unit_id] = tuple(dict.fromkeys((*aliases.get(unit_id, ()), *names)))
    return UnitRegistry(tuple(units.values()), tuple(successions), kinds, aliases)
