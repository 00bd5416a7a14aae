"""Administrative units over time: a registry to look units up by code, name and date.

The 2025 reform merged communes and reused their codes (03166 meant xã Chà
Cang until 30 June 2025 and means xã Mường Chà from 1 July 2025), so a code
alone does not name a unit: a code *on a day* does. The registry answers
"which unit held this code then", "what became of this unit", "which unit is
called this", and places a dataset's villages under the communes of a later
date, which re-aggregation needs. Everything here is pure: loading the bundled
file is :func:`danvan.bundled.bundled_registry`'s job.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from typing import Any

import attrs

from danvan.labels import Label
from danvan.model import AdminUnit, Dataset, Level, Succession
from danvan.model._dates import overlap

UNITS_FORMAT = "danvan.units/1"
"""The value of the ``format`` key that heads a unit registry document."""

Placement = tuple[str, float]
"""A unit id and the share of the original that went to it (1.0 for a whole unit)."""


# Names: the one place where names become comparison keys.

_TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")  # huyền, sắc, ngã, hỏi, nặng
_SPACES = re.compile(r"\s+")


def _fold(name: str) -> str:
    """The comparison key of a name: NFC, casefolded, spaces collapsed, tone placement ignored.

    Each word's tone mark is moved to the end of the word, so "hoà" and "hòa"
    (old and new placement) give one key while "hoà" and "hoá" stay apart.
    ``danvan.text.normalize`` will take this over; keep every caller on this
    function so that the swap happens in one place.
    """
    text = _SPACES.sub(" ", unicodedata.normalize("NFC", name).casefold()).strip()
    words = []
    for word in text.split(" "):
        decomposed = unicodedata.normalize("NFD", word)
        tones = "".join(sorted(c for c in decomposed if c in _TONE_MARKS))
        words.append("".join(c for c in decomposed if c not in _TONE_MARKS) + tones)
    return " ".join(words)


def _bare(key: str) -> str:
    """A folded key without any diacritic ("nậm tin" and "nam tin" alike): the last resort."""
    return "".join(c for c in key if not unicodedata.combining(c)).replace("đ", "d")


# Prefixes people write before a name, with the level and the kind they imply.
_PREFIX_WORDS: tuple[tuple[str, Level | None, str | None], ...] = (
    ("tổ dân phố", Level.VILLAGE, None),
    ("thành phố", None, "Thành phố"),
    ("thị trấn", Level.COMMUNE, "Thị trấn"),
    ("thị xã", Level.DISTRICT, "Thị xã"),
    ("phường", Level.COMMUNE, "Phường"),
    ("huyện", Level.DISTRICT, "Huyện"),
    ("quận", Level.DISTRICT, "Quận"),
    ("tỉnh", Level.PROVINCE, "Tỉnh"),
    ("thôn", Level.VILLAGE, None),
    ("bản", Level.VILLAGE, None),
    ("xóm", Level.VILLAGE, None),
    ("tdp", Level.VILLAGE, None),
    ("ấp", Level.VILLAGE, None),
    ("xã", Level.COMMUNE, "Xã"),
)
_PREFIX_ABBREVIATIONS: tuple[tuple[str, Level | None, str | None], ...] = (
    ("tp.", None, "Thành phố"),
    ("tx.", Level.DISTRICT, "Thị xã"),
    ("tt.", Level.COMMUNE, "Thị trấn"),
    ("x.", Level.COMMUNE, "Xã"),
    ("p.", Level.COMMUNE, "Phường"),
    ("h.", Level.DISTRICT, "Huyện"),
    ("q.", Level.DISTRICT, "Quận"),
    ("t.", Level.PROVINCE, "Tỉnh"),
)
_PREFIXES = tuple(
    (_fold(text) + ("" if text.endswith(".") else " "), level, kind)
    for text, level, kind in _PREFIX_WORDS + _PREFIX_ABBREVIATIONS
)

_DEFAULT_KINDS = {
    Level.PROVINCE: "Tỉnh",
    Level.DISTRICT: "Huyện",
    Level.COMMUNE: "Xã",
    Level.VILLAGE: "Bản",
}


@attrs.frozen
class _Query:
    keys: tuple[str, ...]
    level: Level | None
    kind: str | None


def _parse_query(name: str) -> _Query:
    """The keys to try for ``name``, most literal first, and what its prefix implies."""
    key = _fold(name)
    keys = [key]
    level: Level | None = None
    kind: str | None = None
    for _ in range(2):
        for prefix, prefix_level, prefix_kind in _PREFIXES:
            if key.startswith(prefix) and len(key) > len(prefix):
                key = key[len(prefix) :].strip()
                keys.append(key)
                level = level or prefix_level
                kind = kind or prefix_kind
                break
        else:
            break
    return _Query(tuple(keys), level, kind)


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
    _by_key: dict[str, list[AdminUnit]] = attrs.field(init=False, repr=False)
    _by_bare_key: dict[str, list[AdminUnit]] = attrs.field(init=False, repr=False)
    _children: dict[str, list[AdminUnit]] = attrs.field(init=False, repr=False)
    _outgoing: dict[str, list[Succession]] = attrs.field(init=False, repr=False)

    def __attrs_post_init__(self) -> None:
        by_id: dict[str, AdminUnit] = {}
        by_code: defaultdict[str, list[AdminUnit]] = defaultdict(list)
        by_key: defaultdict[str, list[AdminUnit]] = defaultdict(list)
        by_bare_key: defaultdict[str, list[AdminUnit]] = defaultdict(list)
        children: defaultdict[str, list[AdminUnit]] = defaultdict(list)
        for unit in self.units:
            if unit.id in by_id:
                continue
            by_id[unit.id] = unit
            if unit.code is not None:
                by_code[unit.code].append(unit)
            if unit.parent is not None:
                children[unit.parent].append(unit)
            keys: set[str] = set()
            for name in (unit.name, *self.aliases.get(unit.id, ())):
                keys.update(_parse_query(name).keys)
            for key in keys:
                by_key[key].append(unit)
            for bare in {_bare(key) for key in keys}:
                by_bare_key[bare].append(unit)
        outgoing: defaultdict[str, list[Succession]] = defaultdict(list)
        for succession in self.successions:
            for predecessor in dict.fromkeys(succession.predecessors):
                outgoing[predecessor].append(succession)
        object.__setattr__(self, "_by_id", by_id)
        object.__setattr__(self, "_by_code", dict(by_code))
        object.__setattr__(self, "_by_key", dict(by_key))
        object.__setattr__(self, "_by_bare_key", dict(by_bare_key))
        object.__setattr__(self, "_children", dict(children))
        object.__setattr__(self, "_outgoing", dict(outgoing))

    # Units by id and by code.

    def unit(self, unit_id: str) -> AdminUnit | None:
        return self._by_id.get(unit_id)

    def kind(self, unit_id: str) -> str:
        """What the unit is called before its name: Tỉnh, Huyện, Thị xã, Xã, Phường, Thị trấn …"""
        if unit_id in self.kinds:
            return self.kinds[unit_id]
        unit = self._by_id.get(unit_id)
        return _DEFAULT_KINDS[unit.level] if unit is not None else ""

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
            key = _fold(unit.name)
            found = [u for u in found if _fold(u.name) == key]
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
        query = _parse_query(name)
        candidates: list[AdminUnit] = []
        for index, keys in (
            (self._by_key, query.keys),
            (self._by_bare_key, tuple(_bare(k) for k in query.keys)),
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


def registry_from_raw(raw: Mapping[str, Any]) -> UnitRegistry:
    """A registry from a parsed ``danvan.units/1`` document (see ``docs/units.md``)."""
    from danvan.convert import converter

    declared = raw.get("format")
    if declared != UNITS_FORMAT:
        raise ValueError(
            f"Không phải danh mục đơn vị hành chính / not a unit registry: "
            f"format {declared!r}, expected {UNITS_FORMAT!r}"
        )
    units = converter.structure(raw.get("units", []), tuple[AdminUnit, ...])
    successions = converter.structure(raw.get("successions", []), tuple[Succession, ...])
    kinds = {str(k): str(v) for k, v in raw.get("kinds", {}).items()}
    aliases = {str(k): tuple(str(n) for n in v) for k, v in raw.get("aliases", {}).items()}
    return UnitRegistry(units, successions, kinds, aliases)


# Re-aggregation: where a dataset's villages belong on a later (or earlier) day.


def remap_village_parents(
    dataset: Dataset, at: date, registry: UnitRegistry | None = None
) -> dict[str, tuple[Placement, ...]]:
    """For each village of ``dataset``, the commune(s) it belongs to on ``at``, with shares.

    A village follows its commune's succession unless a record says otherwise:
    a succession of the village itself in the dataset (to a new village record
    or straight to a commune) is followed first. The commune is then the
    village's parent if valid on ``at``, else its successors: those the dataset
    records, or, where it records none, the registry's, the commune being
    linked to the registry by code and validity (:meth:`UnitRegistry.match`).
    Shares of one village add up to 1, so totals are preserved; an empty tuple
    means the village cannot be placed on ``at``.
    """
    own = UnitRegistry(dataset.units, dataset.successions)
    result: dict[str, tuple[Placement, ...]] = {}
    for village in dataset.units:
        if village.level is not Level.VILLAGE:
            continue
        placements: dict[str, float] = {}
        for target, weight in _village_targets(own, village, at):
            for commune, share in unit_placements(own, registry, target, at):
                placements[commune] = placements.get(commune, 0.0) + weight * share
        result[village.id] = tuple(placements.items())
    return result


def _village_targets(own: UnitRegistry, village: AdminUnit, at: date) -> Iterator[Placement]:
    """The communes a village hangs from on ``at`` before following the communes' successions."""
    if village.valid_on(at) or not own.successions:
        targets: list[Placement] = [(village.id, 1.0)]
    else:
        targets = own.successors(village.id, at) or [(village.id, 1.0)]
    for target_id, weight in targets:
        target = own.unit(target_id)
        if target is not None and target.level is Level.VILLAGE:
            if target.parent is not None:
                yield target.parent, weight
        else:
            yield target_id, weight


def unit_placements(
    own: UnitRegistry, registry: UnitRegistry | None, unit_id: str, at: date
) -> list[Placement]:
    """Where a dataset's unit (a commune, usually) is on ``at``, with shares.

    ``own`` is the dataset as a registry (``UnitRegistry(dataset.units,
    dataset.successions)``). The unit itself if valid on ``at``, else the
    successors the dataset records, else, where it records none, the
    registry's successors of its counterpart (:meth:`UnitRegistry.match`).
    Ids in the result are the dataset's where it has the unit, else the
    registry's. Empty: the unit cannot be placed on ``at``.
    """
    placed = own.successors(unit_id, at)
    if placed:
        return placed
    unit = own.unit(unit_id)
    if registry is None or unit is None:
        return []
    counterpart = registry.match(unit)
    return registry.successors(counterpart.id, at) if counterpart is not None else []


# Checks: plain problem records; the rules module wraps them as findings.


def check_reused_codes(units: Iterable[AdminUnit]) -> list[UnitProblem]:
    """A code held by two units on one day: a reused code must not overlap its old holder."""
    by_code: defaultdict[str, list[AdminUnit]] = defaultdict(list)
    for unit in units:
        if unit.code is not None:
            by_code[unit.code].append(unit)
    problems = []
    for code, holders in by_code.items():
        for a, b in itertools.combinations(holders, 2):
            if a.id != b.id and overlap(a.valid_from, a.valid_until, b.valid_from, b.valid_until):
                problems.append(
                    UnitProblem(
                        "units.code-overlap",
                        (a.id, b.id),
                        Label(
                            f"Mã {code} được dùng cho hai đơn vị cùng lúc: {a.id} ({a.name}) "
                            f"và {b.id} ({b.name}); thời gian hiệu lực chồng lên nhau",
                            f"Code {code} is held by two units at once: {a.id} ({a.name}) "
                            f"and {b.id} ({b.name}); their validity overlaps",
                        ),
                        {"unit_code": code, "other": a.id, "other_name": a.name},
                    )
                )
    return problems


def check_valid_after_successor(
    units: Iterable[AdminUnit], successions: Iterable[Succession]
) -> list[UnitProblem]:
    """A predecessor still valid on the day its successor starts.

    A split record with a share below 1 is exempt: part of a unit may leave
    while the unit goes on.
    """
    by_id: dict[str, AdminUnit] = {}
    for unit in units:
        by_id.setdefault(unit.id, unit)
    problems = []
    for succession in successions:
        if succession.share is not None and succession.share < 1:
            continue
        for predecessor_id in succession.predecessors:
            predecessor = by_id.get(predecessor_id)
            if predecessor is None:
                continue
            if predecessor.valid_until is None or predecessor.valid_until >= succession.date:
                until = predecessor.valid_until.isoformat() if predecessor.valid_until else "—"
                problems.append(
                    UnitProblem(
                        "units.valid-after-successor",
                        (predecessor_id, succession.successor),
                        Label(
                            f"{predecessor_id} ({predecessor.name}) còn hiệu lực đến {until} "
                            f"nhưng {succession.successor} đã thay thế từ "
                            f"{succession.date.isoformat()}",
                            f"{predecessor_id} ({predecessor.name}) is valid until {until} "
                            f"but {succession.successor} succeeds it from "
                            f"{succession.date.isoformat()}",
                        ),
                        {
                            "successor": succession.successor,
                            "start": succession.date,
                            "end": predecessor.valid_until,
                        },
                    )
                )
    return problems


def check_succession_cycles(successions: Iterable[Succession]) -> list[UnitProblem]:
    """Successions that lead back to where they started; one problem per loop."""
    graph: defaultdict[str, set[str]] = defaultdict(set)
    for succession in successions:
        for predecessor in succession.predecessors:
            graph[predecessor].add(succession.successor)
    problems = []
    for component in _strongly_connected(graph):
        if len(component) > 1 or component[0] in graph.get(component[0], ()):
            loop = " → ".join((*component, component[0]))
            problems.append(
                UnitProblem(
                    "units.succession-cycle",
                    tuple(component),
                    Label(
                        f"Chuỗi sáp nhập quay vòng: {loop}",
                        f"The successions loop: {loop}",
                    ),
                    {"cycle": loop},
                )
            )
    return problems


def _strongly_connected(graph: Mapping[str, set[str]]) -> list[list[str]]:
    """Tarjan's strongly connected components, iteratively; each component sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    components: list[list[str]] = []
    counter = itertools.count()
    nodes = sorted(set(graph) | {n for targets in graph.values() for n in targets})
    for root in nodes:
        if root in index:
            continue
        work: list[tuple[str, Iterator[str]]] = [(root, iter(sorted(graph.get(root, ()))))]
        index[root] = low[root] = next(counter)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, targets = work[-1]
            advanced = False
            for target in targets:
                if target not in index:
                    index[target] = low[target] = next(counter)
                    stack.append(target)
                    on_stack.add(target)
                    work.append((target, iter(sorted(graph.get(target, ())))))
                    advanced = True
                    break
                if target in on_stack:
                    low[node] = min(low[node], index[target])
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                components.append(sorted(component))
    return components
