"""The plugin manager: built-in plugins plus third-party ones from entry points.

Third-party plugins are loaded from the entry-point group ``danvan`` by hand
(not with pluggy's ``load_setuptools_entrypoints``) so that a plugin that fails
to import becomes a warning naming its distribution instead of an exception,
and hooks are called one implementation at a time (``collect``) so that a
plugin that raises is skipped with a warning while the others keep working.

Environment variables:

- ``DANVAN_DISABLE_PLUGIN_ENTRYPOINTS=1`` loads no third-party plugin (tests
  use it to run against the built-ins alone).
- ``DANVAN_PLUGINS=name1,name2`` loads only the entry points with these names.
"""

from __future__ import annotations

import functools
import importlib
import importlib.metadata
import os
import warnings
from collections.abc import Iterable, Mapping
from typing import Any, Protocol, TypeVar

import attrs
import pluggy

from danvan.plugins import hookspecs

ENTRY_POINT_GROUP = "danvan"
ENV_DISABLE_ENTRYPOINTS = "DANVAN_DISABLE_PLUGIN_ENTRYPOINTS"
ENV_ONLY_PLUGINS = "DANVAN_PLUGINS"
BUILTIN_DISTRIBUTION = "danvan"

#: Modules registered as plugins in every manager, in this order.
BUILTIN_PLUGINS: tuple[str, ...] = (
    "danvan.bundled",
    "danvan.rules.builtin",
    "danvan.exporters.csv",
    "danvan.exporters.json",
    "danvan.exporters.xlsx",
    "danvan.importers.csv",
    "danvan.importers.json",
    "danvan.importers.xlsx",
)

_Item = TypeVar("_Item")


class _HasName(Protocol):
    @property
    def name(self) -> str: ...


_Named = TypeVar("_Named", bound=_HasName)


class PluginWarning(UserWarning):
    """A plugin could not be loaded or failed in a hook and was skipped."""


class PluginConflictError(Exception):
    """Two plugins claim the same thing (for instance one exporter name)."""


@attrs.frozen
class PluginInfo:
    """Where a registered plugin comes from."""

    name: str
    distribution: str
    version: str | None
    builtin: bool

    def describe(self) -> str:
        """``name (distribution version)``, the form used in warnings and errors."""
        version = f" {self.version}" if self.version else ""
        return f"{self.name} ({self.distribution}{version})"


def _danvan_version() -> str | None:
    try:
        return importlib.metadata.version(BUILTIN_DISTRIBUTION)
    except importlib.metadata.PackageNotFoundError:
        return None


def _entry_points() -> Iterable[importlib.metadata.EntryPoint]:
    return importlib.metadata.entry_points(group=ENTRY_POINT_GROUP)


def _env_flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() not in {"", "0", "false", "no", "off"}


def _env_names(name: str) -> frozenset[str] | None:
    value = os.environ.get(name)
    if value is None or not value.strip():
        return None
    return frozenset(part.strip() for part in value.split(",") if part.strip())


class PluginManager(pluggy.PluginManager):
    """A pluggy manager that remembers each plugin's distribution and isolates failures."""

    def __init__(self) -> None:
        super().__init__(hookspecs.PROJECT_NAME)
        self.add_hookspecs(hookspecs)
        self._info: dict[str, PluginInfo] = {}

    def register_plugin(self, plugin: object, info: PluginInfo) -> bool:
        """Register ``plugin`` under ``info.name``; a plugin pluggy rejects becomes a warning."""
        try:
            self.register(plugin, name=info.name)
        except (pluggy.PluginValidationError, ValueError) as exc:
            if info.builtin:
                raise
            warnings.warn(
                PluginWarning(
                    f"Bỏ qua plugin / skipping plugin {info.describe()}: "
                    f"{type(exc).__name__}: {exc}"
                ),
                stacklevel=2,
            )
            return False
        self._info[info.name] = info
        return True

    def plugin_info(self, name: str) -> PluginInfo:
        """Where the plugin registered as ``name`` comes from."""
        return self._info.get(name) or PluginInfo(name, "?", None, builtin=False)

    def plugins_info(self) -> list[PluginInfo]:
        """Every registered plugin, built-ins first (what ``danvan plugins`` lists)."""
        return sorted(
            (self.plugin_info(name) for name, _ in self.list_name_plugin()),
            key=lambda info: (not info.builtin, info.name),
        )

    def collect(self, hook_name: str, **kwargs: Any) -> list[tuple[PluginInfo, Any]]:
        """Call ``hook_name`` on every plugin separately, skipping any that raises.

        Returns ``(plugin info, result)`` pairs for the plugins that answered
        (``None`` results are dropped). Meant for the collecting hooks danvan
        has (each plugin contributes a list); hook wrappers are not run.
        """
        caller: pluggy.HookCaller = getattr(self.hook, hook_name)
        results: list[tuple[PluginInfo, Any]] = []
        for impl in caller.get_hookimpls():
            info = self.plugin_info(impl.plugin_name)
            if impl.hookwrapper or impl.wrapper:
                continue
            try:
                args = {name: kwargs[name] for name in impl.argnames}
                result = impl.function(**args)
            except Exception as exc:
                if info.builtin:
                    raise
                warnings.warn(
                    PluginWarning(
                        f"Plugin {info.describe()} lỗi trong / failed in {hook_name}: "
                        f"{type(exc).__name__}: {exc}"
                    ),
                    stacklevel=2,
                )
                continue
            if result is not None:
                results.append((info, result))
        return results

    def contributions(self, hook_name: str, kind: type[_Item]) -> list[tuple[PluginInfo, _Item]]:
        """What every plugin's ``hook_name`` returned, flattened into ``(plugin, item)`` pairs.

        A hook may return one item or an iterable of them. Anything that is not
        a ``kind`` is skipped with a warning naming the plugin.
        """
        found: list[tuple[PluginInfo, _Item]] = []
        for info, result in self.collect(hook_name):
            items = [result] if isinstance(result, kind) else result
            try:
                items = list(items)
            except TypeError:
                items = [result]
            for item in items:
                if isinstance(item, kind):
                    found.append((info, item))
                    continue
                warnings.warn(
                    PluginWarning(
                        f"Plugin {info.describe()} trả về giá trị sai kiểu / returned "
                        f"{item!r} from {hook_name}, not a {kind.__name__}; skipped"
                    ),
                    stacklevel=2,
                )
        return found

    def named_contributions(self, hook_name: str, kind: type[_Named]) -> dict[str, _Named]:
        """``contributions`` by their ``name``; two with one name raise an error naming both."""
        found: dict[str, tuple[_Named, PluginInfo]] = {}
        for info, item in self.contributions(hook_name, kind):
            if item.name in found:
                _, other = found[item.name]
                raise PluginConflictError(
                    f"Hai plugin cùng khai báo tên / two plugins claim the {kind.__name__.lower()} "
                    f"name {item.name!r}: {other.describe()} and {info.describe()}"
                )
            found[item.name] = (item, info)
        return {name: item for name, (item, _) in found.items()}


def load_entry_point_plugins(
    pm: PluginManager, only: frozenset[str] | None = None
) -> list[PluginInfo]:
    """Register the plugins of the ``danvan`` entry-point group; return those loaded.

    ``only`` limits loading to the named entry points. A plugin that fails to
    import is reported as a ``PluginWarning`` naming its distribution and skipped.
    """
    loaded: list[PluginInfo] = []
    for entry_point in _entry_points():
        if only is not None and entry_point.name not in only:
            continue
        dist = entry_point.dist
        info = PluginInfo(
            name=entry_point.name,
            distribution=dist.name if dist is not None else entry_point.value,
            version=dist.version if dist is not None else None,
            builtin=False,
        )
        if pm.has_plugin(info.name):
            continue
        try:
            plugin = entry_point.load()
        except Exception as exc:
            warnings.warn(
                PluginWarning(
                    f"Không nạp được plugin / could not load plugin {info.describe()} "
                    f"from {entry_point.value!r}: {type(exc).__name__}: {exc}"
                ),
                stacklevel=2,
            )
            continue
        if pm.register_plugin(plugin, info):
            loaded.append(info)
    return loaded


def make_plugin_manager(
    *,
    load_entrypoints: bool | None = None,
    only: Iterable[str] | None = None,
    extra_plugins: Mapping[str, object] | None = None,
) -> PluginManager:
    """A new manager with the built-in plugins and, unless disabled, the installed ones.

    ``load_entrypoints`` and ``only`` default to the environment variables
    ``DANVAN_DISABLE_PLUGIN_ENTRYPOINTS`` and ``DANVAN_PLUGINS``.
    ``extra_plugins`` registers more plugins by name (handy in tests).
    """
    pm = PluginManager()
    version = _danvan_version()
    for module_name in BUILTIN_PLUGINS:
        pm.register_plugin(
            importlib.import_module(module_name),
            PluginInfo(module_name, BUILTIN_DISTRIBUTION, version, builtin=True),
        )
    if load_entrypoints is None:
        load_entrypoints = not _env_flag(ENV_DISABLE_ENTRYPOINTS)
    if load_entrypoints:
        allowed = frozenset(only) if only is not None else _env_names(ENV_ONLY_PLUGINS)
        load_entry_point_plugins(pm, allowed)
    for name, plugin in (extra_plugins or {}).items():
        pm.register_plugin(plugin, PluginInfo(name, name, None, builtin=False))
    return pm


@functools.cache
def get_plugin_manager() -> PluginManager:
    """The process-wide manager, made once (call ``get_plugin_manager.cache_clear()`` to redo)."""
    return make_plugin_manager()
