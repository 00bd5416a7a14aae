"""Rules on the administrative hierarchy: levels in order, no cycles, children inside parents."""

from __future__ import annotations

from collections.abc import Iterator

from danvan.findings import Finding, Location, codes, make_finding
from danvan.model import AdminUnit, Level
from danvan.model._dates import within
from danvan.rules.base import ValidationContext, rule


def _outside(unit: AdminUnit, parent: AdminUnit) -> bool:
    """Whether a date the unit states lies outside its parent's validity.

    An open end means "as long as its parent": a village whose end is not
    known is not faulted because its commune was merged away.
    """
    return any(
        day is not None and not within(day, parent.valid_from, parent.valid_until)
        for day in (unit.valid_from, unit.valid_until)
    )


@rule(
    "hierarchy",
    codes.LEVEL_ORDER,
    codes.VILLAGE_PARENT,
    codes.OUTSIDE_PARENT,
    codes.UNIT_DATES_REVERSED,
)
def hierarchy(context: ValidationContext) -> Iterator[Finding]:
    """Each parent is a level above its child, a village's parent is a commune, and a child
    exists only while its parent does."""
    dataset = context.dataset
    for position, unit in enumerate(dataset.units):

        def at(field: str, unit: AdminUnit = unit, position: int = position) -> Location:
            return Location.of("unit", unit.id, unit.provenance, field=field, index=position)

        if (
            unit.valid_from is not None
            and unit.valid_until is not None
            and unit.valid_until < unit.valid_from
        ):
            yield make_finding(
                codes.UNIT_DATES_REVERSED,
                at("valid_until"),
                start=unit.valid_from,
                end=unit.valid_until,
            )
        parent = dataset.unit(unit.parent) if unit.parent is not None else None
        if parent is None:
            continue
        if parent.level.rank >= unit.level.rank:
            yield make_finding(
                codes.LEVEL_ORDER,
                at("parent"),
                level=unit.level,
                parent=parent.id,
                parent_level=parent.level,
            )
        elif unit.level is Level.VILLAGE and parent.level is not Level.COMMUNE:
            yield make_finding(
                codes.VILLAGE_PARENT, at("parent"), parent=parent.id, parent_level=parent.level
            )
        if _outside(unit, parent):
            yield make_finding(
                codes.OUTSIDE_PARENT,
                at("valid_from"),
                start=unit.valid_from,
                end=unit.valid_until,
                parent=parent.id,
                parent_start=parent.valid_from,
                parent_end=parent.valid_until,
            )


@rule("hierarchy-cycles", codes.CYCLE)
def cycles(context: ValidationContext) -> Iterator[Finding]:
    """Following parents never comes back to where it started."""
    dataset = context.dataset
    parents = {unit.id: unit.parent for unit in reversed(dataset.units)}
    done: set[str] = set()
    for start in parents:
        path: list[str] = []
        on_path: set[str] = set()
        current: str | None = start
        while current is not None and current not in done and current not in on_path:
            path.append(current)
            on_path.add(current)
            current = parents.get(current)
        if current is not None and current in on_path:
            loop = path[path.index(current) :]
            text = " → ".join([*loop, loop[0]])
            for unit_id in loop:
                unit = dataset.unit(unit_id)
                provenance = unit.provenance if unit is not None else None
                location = Location.of("unit", unit_id, provenance, field="parent")
                yield make_finding(codes.CYCLE, location, cycle=text)
        done.update(path)
