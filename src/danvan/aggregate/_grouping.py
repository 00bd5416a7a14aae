"""Where activities, villages and teams go: the groups of a summary on one day."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

import attrs

from danvan.aggregate._measures import GroupBy
from danvan.labels import Label
from danvan.model import (
    AdminUnit,
    Dataset,
    Level,
    Team,
)
from danvan.registry import UnitRegistry, remap_village_parents, unit_placements

#: Why a unit is kept under its own name though it is not one of the units of the day.
GONE = Label(
    "đơn vị không còn vào ngày đó, và cả dữ liệu lẫn danh mục đơn vị không cho biết nó "
    "thành đơn vị nào",
    "it no longer exists on that day, and neither the dataset nor the unit registry says "
    "what it became",
)
UNKNOWN_CODE = Label(
    "danh mục đơn vị có tỉnh của nó nhưng không có đơn vị nào khớp mã, cấp và thời gian "
    "hiệu lực của nó",
    "the unit registry holds its province but no unit that matches its code, level and validity",
)


@attrs.frozen
class NotPlaced:
    """A unit of the dataset that a summary keeps as a group of its own, though it could not
    place it among the units of the summary's day, and why (``GONE``, ``UNKNOWN_CODE``)."""

    unit: AdminUnit
    reason: Label


@attrs.frozen
class Groups:
    """Where activities, villages and teams go: the group ids with their names, in order."""

    names: dict[str, tuple[str, str | None]]
    of_village: dict[str, str | None]
    of_team: dict[str, str | None]
    #: The day the level grouped by ended, when none of its units exists on the units day.
    abolished: date | None = None
    #: The units kept as groups that could not be placed on the units day (see `NotPlaced`).
    not_placed: tuple[NotPlaced, ...] = ()


def make_groups(
    dataset: Dataset,
    by: GroupBy,
    reference: date,
    start: date,
    end: date,
    registry: UnitRegistry | None,
) -> Groups:
    """The groups of the summary, and the group of every village and team (None: no group)."""
    names: dict[str, tuple[str, str | None]] = {}
    of_village: dict[str, str | None] = {}
    of_team: dict[str, str | None] = {}
    if by == "all":
        names[""] = ("Tổng cộng", None)
        for unit in dataset.units:
            of_village[unit.id] = ""
        for team in dataset.teams:
            of_team[team.id] = ""
        return Groups(names, of_village, of_team)
    if by == "team":
        for team in dataset.teams:
            if alive_between(team, start, end):
                names[team.id] = (team.name, None)
            of_team[team.id] = team.id
        return Groups(names, of_village, of_team)
    assert isinstance(by, Level)
    abolished = level_abolished(dataset, by, reference, registry)
    for unit in dataset.units_at(by, reference):
        names[unit.id] = (unit.name, unit.code)
    hierarchy = _Hierarchy(dataset, by, reference, registry)
    for unit in dataset.units:
        if unit.level is Level.VILLAGE or unit.level is by:
            of_village[unit.id] = _named(hierarchy.group(unit.id), names)
    for team in dataset.teams:
        home = _home_village(team, reference, start, end)
        of_team[team.id] = None if home is None else _named(hierarchy.group(home), names)
    not_placed: tuple[NotPlaced, ...] = ()
    if abolished is None:  # else DV210 says it of the whole level
        not_placed = _not_placed(dataset, names, hierarchy.kept, registry)
    return Groups(names, of_village, of_team, abolished, not_placed)


def _not_placed(
    dataset: Dataset,
    names: dict[str, tuple[str, str | None]],
    kept: dict[str, AdminUnit],
    registry: UnitRegistry | None,
) -> tuple[NotPlaced, ...]:
    """The groups that are not units of the day: kept for want of a successor (``GONE``), or
    with a code the registry does not know in a province it holds (``UNKNOWN_CODE``).

    A unit of a province the registry does not hold is not questioned: the bundled
    registry is Điện Biên's, and a plugin adds the others.
    """
    found: list[NotPlaced] = []
    for group in names:
        unit = kept.get(group)
        if unit is not None:
            found.append(NotPlaced(unit, GONE))
            continue
        unit = dataset.unit(group)
        if unit is None or unit.code is None or registry is None or not registry.units:
            continue
        province = unit if unit.level is Level.PROVINCE else None
        province = province or dataset.ancestor_at(unit.id, Level.PROVINCE)
        if province is None or province.code is None or not registry.with_code(province.code):
            continue
        if registry.match(unit) is None:
            found.append(NotPlaced(unit, UNKNOWN_CODE))
    return tuple(found)


def level_abolished(
    dataset: Dataset, level: Level, day: date, registry: UnitRegistry | None = None
) -> date | None:
    """The day units at ``level`` ceased to exist, when none exists on ``day`` though some did
    before: the day after the last of them ended. None when one exists on ``day``.

    The answer comes from the units' validity, the dataset's and ``registry``'s, not from a
    date written here: the 2025 rearrangement ended every district on 30 June 2025, and the
    sample's and the bundled registry's districts say so (``valid_until``). A dataset's unit
    that the registry matches ends when the registry's does, even if its own record leaves
    the end open. A unit neither the dataset nor the registry gives an end is taken as
    existing: where the registry cannot tell, the level is not declared abolished.
    """
    units = [unit for unit in dataset.units if unit.level is level]
    if registry is not None:
        units = [_ended_as(unit, registry) for unit in units]
        units += [unit for unit in registry.units if unit.level is level]
    ends = []
    for unit in units:
        if unit.valid_on(day):
            return None
        if unit.valid_until is not None and unit.valid_until < day:
            ends.append(unit.valid_until)
    return max(ends) + timedelta(days=1) if ends else None


def _ended_as(unit: AdminUnit, registry: UnitRegistry) -> AdminUnit:
    """``unit`` with the end of the registry's unit it matches when it states none itself."""
    if unit.valid_until is not None:
        return unit
    matched = registry.match(unit)
    if matched is None or matched.valid_until is None:
        return unit
    return attrs.evolve(unit, valid_until=matched.valid_until)


def _named(unit: AdminUnit | None, names: dict[str, tuple[str, str | None]]) -> str | None:
    if unit is None:
        return None
    names.setdefault(unit.id, (unit.name, unit.code))
    return unit.id


class _Hierarchy:
    """The unit at one level that contains a village on one day, successions followed.

    A village whose own ancestor at the level is valid on the day stays in it
    (the common case, which costs one look-up). Otherwise it goes, whole, to
    the successor of its commune that received the largest share (a village is
    not divided; record a succession of the village itself to say where it
    went), and then up to the level asked for. When no successor exists at
    that level on the day, the village stays in its own ancestor, so no
    activity is lost. Successions are worked out once, on first need.
    """

    def __init__(
        self, dataset: Dataset, level: Level, at: date, registry: UnitRegistry | None
    ) -> None:
        self.dataset = dataset
        self.level = level
        self.at = at
        self._registry = registry
        self._own: UnitRegistry | None = None
        self._villages: dict[str, tuple[tuple[str, float], ...]] | None = None
        self._by_code: dict[str, AdminUnit] = {}
        #: The ancestors kept as they are for want of a place on the day, by id.
        self.kept: dict[str, AdminUnit] = {}

    def group(self, unit_id: str) -> AdminUnit | None:
        ancestor = self.dataset.ancestor_at(unit_id, self.level)
        if ancestor is not None and ancestor.valid_on(self.at):
            return ancestor
        moved = self._moved(unit_id)
        if moved is None and ancestor is not None:
            self.kept.setdefault(ancestor.id, ancestor)
        return moved if moved is not None else ancestor

    @property
    def registry(self) -> UnitRegistry:
        if self._registry is None:  # no registry given: the dataset's own units only
            self._registry = UnitRegistry()
        return self._registry

    @property
    def own(self) -> UnitRegistry:
        if self._own is None:
            dataset = self.dataset
            self._own = UnitRegistry(dataset.units, dataset.successions)
            self._by_code = {
                unit.code: unit
                for unit in reversed(dataset.units_at(self.level, self.at))
                if unit.code is not None
            }
        return self._own

    def _moved(self, unit_id: str) -> AdminUnit | None:
        unit = self.dataset.unit(unit_id)
        if unit is None:
            return None
        own = self.own
        if self.level is Level.VILLAGE:
            placements: Sequence[tuple[str, float]] = own.successors(unit_id, self.at)
        elif unit.level is Level.VILLAGE:
            if self._villages is None:
                self._villages = remap_village_parents(self.dataset, self.at, self.registry)
            placements = self._villages.get(unit_id, ())
        else:
            placements = unit_placements(own, self.registry, unit_id, self.at)
        if not placements:
            return None
        target = max(placements, key=lambda placement: placement[1])[0]
        return self._up(target)

    def _up(self, unit_id: str) -> AdminUnit | None:
        """The unit at the level that contains ``unit_id`` (the dataset's, else the registry's)."""
        own = self.own
        unit = own.unit(unit_id)
        source = own
        if unit is None:
            source = self.registry
            unit = source.unit(unit_id)
        if unit is None:
            return None
        found = next((u for u in (unit, *source.ancestors(unit.id)) if u.level is self.level), None)
        if found is None or source is own or found.code is None:
            return found
        # The registry's unit, unless the dataset records it (same code, valid that day).
        return self._by_code.get(found.code, found)


def alive_between(team: Team, start: date, end: date) -> bool:
    """Whether ``team`` existed on at least one day from ``start`` to ``end``."""
    return (team.established is None or team.established <= end) and (
        team.dissolved is None or start <= team.dissolved
    )


def _home_village(team: Team, reference: date, start: date, end: date) -> str | None:
    """The village a team counts in for unit measures: the one assigned on ``reference``,
    else the last assignment that overlaps the period."""
    overlapping = [
        a
        for a in team.villages
        if (a.valid_from is None or a.valid_from <= end)
        and (a.valid_until is None or start <= a.valid_until)
    ]
    for assignment in overlapping:
        if assignment.valid_on(reference):
            return assignment.village
    return overlapping[-1].village if overlapping else None
