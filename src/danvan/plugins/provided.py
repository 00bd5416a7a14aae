"""What the registered plugins provide, merged: validation rules, the catalogue, the unit registry.

Built-ins come first (they are registered first), then third-party plugins in
the order they were loaded. Each function takes a plugin manager for tests and
defaults to the process-wide one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from danvan.model import Catalog
from danvan.plugins.manager import PluginManager, get_plugin_manager

if TYPE_CHECKING:
    from danvan.registry import UnitRegistry
    from danvan.rules.base import Rule


def _manager(plugin_manager: PluginManager | None) -> PluginManager:
    return plugin_manager if plugin_manager is not None else get_plugin_manager()


def rules(plugin_manager: PluginManager | None = None) -> list[Rule]:
    """Every rule of every plugin (``danvan_rules``), the built-in ones first."""
    from danvan.rules.base import Rule

    return [rule for _, rule in _manager(plugin_manager).contributions("danvan_rules", Rule)]


def catalog(plugin_manager: PluginManager | None = None) -> Catalog:
    """The built-in catalogue with every plugin's entries added (``danvan_catalog``)."""
    merged = Catalog()
    for _, part in _manager(plugin_manager).contributions("danvan_catalog", Catalog):
        merged = merged.merged(part)
    return merged


def unit_registry(plugin_manager: PluginManager | None = None) -> UnitRegistry:
    """The bundled units with every plugin's added (``danvan_unit_registries``)."""
    from danvan.registry import UnitRegistry, merge_registries

    parts = _manager(plugin_manager).contributions("danvan_unit_registries", UnitRegistry)
    return merge_registries(registry for _, registry in parts)
