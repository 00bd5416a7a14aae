"""Administrative units over time: a registry to look units up by code, name and date.

The 2025 reform merged communes and reused their codes (03166 meant xã Chà
Cang until 30 June 2025 and means xã Mường Chà from 1 July 2025), so a code
alone does not name a unit: a code *on a day* does. The registry answers
"which unit held this code then", "what became of this unit", "which unit is
called this", and places a dataset's villages under the communes of a later
date, which re-aggregation needs. Everything here is pure: loading the bundled
file is :func:`danvan.bundled.bundled_registry`'s job.

The rooms: ``_registry`` (the registry and its look-ups), ``_names`` (the prefixes
people write before names), ``_remap`` (villages onto another day's communes),
``_checks`` (reused codes, validity after a successor, cycles).
"""

from danvan.registry._checks import (
    check_reused_codes,
    check_succession_cycles,
    check_valid_after_successor,
)
from danvan.registry._registry import (
    UNITS_FORMAT,
    LookupResult,
    Placement,
    UnitProblem,
    UnitRegistry,
    merge_registries,
)
from danvan.registry._remap import remap_village_parents, unit_placements

__all__ = [
    "UNITS_FORMAT",
    "LookupResult",
    "Placement",
    "UnitProblem",
    "UnitRegistry",
    "check_reused_codes",
    "check_succession_cycles",
    "check_valid_after_successor",
    "merge_registries",
    "remap_village_parents",
    "unit_placements",
]
