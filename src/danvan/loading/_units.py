"""Unit registries from ``danvan.units/1`` documents: the loading of the registry's own format."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from danvan.loading._quick import structure_data
from danvan.model import AdminUnit, Succession
from danvan.registry import UNITS_FORMAT, UnitRegistry


def registry_from_raw(raw: Mapping[str, Any]) -> UnitRegistry:
    """A registry from a parsed ``danvan.units/1`` document (see ``docs/units.md``)."""
    declared = raw.get("format")
    if declared != UNITS_FORMAT:
        raise ValueError(
            f"Không phải danh mục đơn vị hành chính / not a unit registry: "
            f"format {declared!r}, expected {UNITS_FORMAT!r}"
        )
    units = structure_data(raw.get("units", []), tuple[AdminUnit, ...])
    successions = structure_data(raw.get("successions", []), tuple[Succession, ...])
    kinds = {str(k): str(v) for k, v in raw.get("kinds", {}).items()}
    aliases = {str(k): tuple(str(n) for n in v) for k, v in raw.get("aliases", {}).items()}
    return UnitRegistry(units, successions, kinds, aliases)
