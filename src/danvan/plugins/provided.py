"""What the registered plugins provide, merged: formats, rules, the catalogue, the unit registry,
the reporting line.

This is where defaults come from. The services below take their importers,
exporters, rules, catalogue and unit registry as arguments; the public face
(``danvan``) and the command line ask these functions for them when the
caller gives none. Built-ins come first (they are registered first), then
third-party plugins in the order they were loaded. Each function takes a
plugin manager for tests and defaults to the process-wide one.
"""

from __future__ import annotations

from danvan.exporters.base import Exporter
from danvan.importers.base import Importer
from danvan.model import Catalog, ReportingBody
from danvan.plugins.manager import PluginManager, get_plugin_manager
from danvan.registry import UnitRegistry, merge_registries
from danvan.rules.base import Rule


def _manager(plugin_manager: PluginManager | None) -> PluginManager:
    return plugin_manager if plugin_manager is not None else get_plugin_manager()


def registered_rules(plugin_manager: PluginManager | None = None) -> list[Rule]:
    """Every rule of every plugin (``danvan_rules``), the built-in ones first."""
    return [rule for _, rule in _manager(plugin_manager).contributions("danvan_rules", Rule)]


def catalog(plugin_manager: PluginManager | None = None) -> Catalog:
    """The built-in catalogue with every plugin's entries added (``danvan_catalog``)."""
    merged = Catalog()
    for _, part in _manager(plugin_manager).contributions("danvan_catalog", Catalog):
        merged = merged.merged(part)
    return merged


def unit_registry(plugin_manager: PluginManager | None = None) -> UnitRegistry:
    """The bundled units with every plugin's added (``danvan_unit_registries``)."""
    parts = _manager(plugin_manager).contributions("danvan_unit_registries", UnitRegistry)
    return merge_registries(registry for _, registry in parts)


def reporting_line(plugin_manager: PluginManager | None = None) -> tuple[ReportingBody, ...]:
    """The bundled reporting line, then every plugin's bodies (``danvan_reporting_lines``)."""
    parts = _manager(plugin_manager).contributions("danvan_reporting_lines", ReportingBody)
    return tuple(body for _, body in parts)


def available_importers(plugin_manager: PluginManager | None = None) -> dict[str, Importer]:
    """Every importer the registered plugins provide, by name.

    A plugin's importer named like a built-in one is dropped with a ``PluginWarning``
    (the built-in is kept), a name two plugins claim goes to neither, and
    a hook returning something else is skipped with a ``PluginWarning``.
    """
    return _manager(plugin_manager).named_contributions("danvan_importers", Importer)


def available_exporters(plugin_manager: PluginManager | None = None) -> dict[str, Exporter]:
    """Every exporter the registered plugins provide, by name.

    A plugin's exporter named like a built-in one is dropped with a ``PluginWarning``
    (the built-in is kept); a name two plugins claim goes to neither. An exporter
    hook that raises or returns something else is skipped with a warning.
    """
    return _manager(plugin_manager).named_contributions("danvan_exporters", Exporter)
