"""danvan's plugin system: pluggy hook specifications and the plugin manager."""

from __future__ import annotations

from danvan.plugins.hookspecs import hookimpl, hookspec
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
    "get_plugin_manager",
    "hookimpl",
    "hookspec",
    "make_plugin_manager",
]
