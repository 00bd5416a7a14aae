"""danvan's plugin system: the hook specifications, the plugin manager, and what plugins provide."""

from __future__ import annotations

from danvan.hooks import hookimpl, hookspec
from danvan.plugins.manager import (
    ENTRY_POINT_GROUP,
    ENV_DISABLE_ENTRYPOINTS,
    ENV_ONLY_PLUGINS,
    NameClash,
    PluginConflictError,
    PluginInfo,
    PluginManager,
    PluginWarning,
    SkippedPlugin,
    get_plugin_manager,
    make_plugin_manager,
)
from danvan.plugins.provided import available_exporters, available_importers, registered_rules

__all__ = [
    "ENTRY_POINT_GROUP",
    "ENV_DISABLE_ENTRYPOINTS",
    "ENV_ONLY_PLUGINS",
    "NameClash",
    "PluginConflictError",
    "PluginInfo",
    "PluginManager",
    "PluginWarning",
    "SkippedPlugin",
    "available_exporters",
    "available_importers",
    "get_plugin_manager",
    "hookimpl",
    "hookspec",
    "make_plugin_manager",
    "registered_rules",
]
