"""Re-aggregation: where a dataset's villages belong on a later (or earlier) day."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from danvan.model import AdminUnit, Dataset, Level
from danvan.registry._registry import Placement, UnitRegistry

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
