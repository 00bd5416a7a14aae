"""The plugin manager: built-in plugins plus third-party ones from entry points.

Third-party plugins are loaded from the entry-point group ``danvan`` by hand
(not with pluggy's ``load_setuptools_entrypoints``) so that a plugin that fails
to import becomes a warning naming its distribution instead of an exception,
and hooks are called one implementation at a time (``collect``) so that a
plugin that raises is skipped with a warning while the others keep working.

A plugin cannot end the host: whatever it raises at import, when registered or
in a hook (``SystemExit`` included, ``KeyboardInterrupt`` excepted) becomes a
``PluginWarning`` and the plugin, or its answer, is skipped. Names are settled
as ``danvan.plugins.info`` says: a built-in keeps its exporter or importer
name, and a name (or an entry-point name) claimed by two third-party plugins
goes to neither.

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
import time
import warnings
from collections.abc import Iterable, Mapping
from types import ModuleType
from typing import Any, TypeVar

import attrs
import pluggy

import danvan.plugins.hookspecs as hookspecs
from danvan.hooks import PROJECT_NAME
from danvan.plugins.info import (
    ENV_ONLY_PLUGINS,
    NameClash,
    Named,
    PluginConflictError,
    PluginInfo,
    PluginWarning,
    SkippedPlugin,
    failure,
    settle_names,
)

ENTRY_POINT_GROUP = "danvan"
ENV_DISABLE_ENTRYPOINTS = "DANVAN_DISABLE_PLUGIN_ENTRYPOINTS"
BUILTIN_DISTRIBUTION = "danvan"

#: Modules registered as plugins in every manager, in this order.
BUILTIN_PLUGINS: tuple[str, ...] = (
    "danvan.bundled",
    "danvan.rules.builtin",
    "danvan.exporters.csv",
    "danvan.exporters.json",
    "danvan.exporters.xlsx",
    "danvan.exporters.docx",
    "danvan.exporters.parquet",
    "danvan.importers.csv",
    "danvan.importers.json",
    "danvan.importers.xlsx",
    "danvan.importers.parquet",
)

_BUILTIN = frozenset(BUILTIN_PLUGINS)
HOOK_PREFIX = f"{PROJECT_NAME}_"
"""What the name of every hook, and of every built-in hook implementation, starts with."""

_Item = TypeVar("_Item")


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
        super().__init__(PROJECT_NAME)
        self.add_hookspecs(hookspecs)
        self._info: dict[str, PluginInfo] = {}
        self._skipped: list[SkippedPlugin] = []

    def parse_hookimpl_opts(self, plugin: object, name: str) -> pluggy.HookimplOpts | None:
        """pluggy's look at one attribute of a plugin; a built-in module's look stops at the name.

        The built-in plugin modules name each hook implementation after its hook
        (``danvan_*``, a test holds them to it), so their other attributes (the
        names they import) are not inspected one by one: registering the built-ins
        is most of what making a manager costs.
        """
        builtin = isinstance(plugin, ModuleType) and plugin.__name__ in _BUILTIN
        if builtin and not name.startswith(HOOK_PREFIX):
            return None
        return super().parse_hookimpl_opts(plugin, name)

    def register_plugin(self, plugin: object, info: PluginInfo) -> bool:
        """Register ``plugin`` under ``info.name``; a plugin that fails to register is a warning.

        Registering reads the plugin's attributes, which a third-party object may
        make raise anything: that too is a warning (``KeyboardInterrupt`` excepted).
        """
        started = time.perf_counter()
        try:
            self.register(plugin, name=info.name)
        except KeyboardInterrupt:
            raise
        except BaseException as exc:
            if info.builtin:
                raise
            if self.get_plugin(info.name) is plugin:  # half registered: undo
                self.unregister(name=info.name)
            self.skip(info, f"Bỏ qua plugin / skipping plugin {info.describe()}", failure(exc))
            return False
        spent = time.perf_counter() - started + (info.load_seconds or 0.0)
        self._info[info.name] = attrs.evolve(info, load_seconds=spent)
        return True

    def skip(self, info: PluginInfo, headline: str, reason: str) -> None:
        """Warn ``headline: reason`` and remember that ``info`` was not registered."""
        self._skipped.append(SkippedPlugin(info, reason))
        warnings.warn(PluginWarning(f"{headline}: {reason}"), stacklevel=3)

    def skipped(self) -> list[SkippedPlugin]:
        """The third-party plugins that were not registered, and why."""
        return list(self._skipped)

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
            except KeyboardInterrupt:
                raise
            except BaseException as exc:
                if info.builtin:
                    raise
                _warn_failed(info, hook_name, exc)
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
            try:  # a generator's items are made here, by the plugin's code
                items = _as_items(result, kind)
            except KeyboardInterrupt:
                raise
            except BaseException as exc:
                if info.builtin:
                    raise
                _warn_failed(info, hook_name, exc)
                continue
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

    def named_contributions(self, hook_name: str, kind: type[Named]) -> dict[str, Named]:
        """``contributions`` by their ``name``, each clash settled with a ``PluginWarning``.

        A built-in keeps its name against any third-party plugin; a name that
        only third-party plugins claim goes to none of them. Two built-ins with
        one name raise ``PluginConflictError`` (a bug in danvan).
        """
        named, clashes = self._settled(hook_name, kind)
        for clash in clashes:
            warnings.warn(PluginWarning(clash.describe()), stacklevel=2)
        return named

    def name_clashes(self, hook_name: str, kind: type[Named]) -> list[NameClash]:
        """The name clashes among ``hook_name``'s contributions (for ``danvan plugins``)."""
        return self._settled(hook_name, kind)[1]

    def _settled(
        self, hook_name: str, kind: type[Named]
    ) -> tuple[dict[str, Named], list[NameClash]]:
        claims = self.contributions(hook_name, kind)
        return settle_names(hook_name, kind.__name__.lower(), claims)


def _as_items(result: Any, kind: type[_Item]) -> list[Any]:
    """A hook's answer as a list: one ``kind``, or the items of an iterable (made here)."""
    if isinstance(result, kind):
        return [result]
    try:
        iterator = iter(result)
    except TypeError:
        return [result]
    return list(iterator)


def _warn_failed(info: PluginInfo, hook_name: str, exc: BaseException) -> None:
    message = f"Plugin {info.describe()} lỗi trong / failed in {hook_name}: {failure(exc)}"
    warnings.warn(PluginWarning(message), stacklevel=3)


def _ambiguous_names(
    points: list[importlib.metadata.EntryPoint],
) -> dict[str, list[importlib.metadata.EntryPoint]]:
    """Entry-point names that more than one distribution uses, with their entry points."""
    by_name: dict[str, list[importlib.metadata.EntryPoint]] = {}
    for point in points:
        by_name.setdefault(point.name, []).append(point)
    return {name: found for name, found in by_name.items() if len(found) > 1}


def _info_of(entry_point: importlib.metadata.EntryPoint) -> PluginInfo:
    dist = entry_point.dist
    return PluginInfo(
        name=entry_point.name,
        distribution=dist.name if dist is not None else entry_point.value,
        version=dist.version if dist is not None else None,
        builtin=False,
    )


def load_entry_point_plugins(
    pm: PluginManager, only: frozenset[str] | None = None
) -> list[PluginInfo]:
    """Register the plugins of the ``danvan`` entry-point group; return those loaded.

    ``only`` limits loading to the named entry points. A plugin that fails to
    import (whatever it raises, ``SystemExit`` included, ``KeyboardInterrupt``
    excepted), whose name is taken, or whose name two distributions use, is
    reported as a ``PluginWarning`` naming its distribution and skipped.
    """
    points = [p for p in _entry_points() if only is None or p.name in only]
    ambiguous = _ambiguous_names(points)
    loaded: list[PluginInfo] = []
    for entry_point in points:
        info = _info_of(entry_point)
        skipping = f"Bỏ qua plugin trùng tên / skipping plugin {info.describe()}"
        if info.name in ambiguous:
            others = ", ".join(_info_of(p).describe() for p in ambiguous[info.name])
            pm.skip(info, skipping, f"its name is used by {others}")
            continue
        if pm.has_plugin(info.name):
            pm.skip(info, skipping, "its name is taken by a built-in or an earlier plugin")
            continue
        started = time.perf_counter()
        try:
            plugin = entry_point.load()
        except KeyboardInterrupt:
            raise
        except BaseException as exc:
            what = (
                f"Không nạp được plugin / could not load plugin {info.describe()} "
                f"from {entry_point.value!r}"
            )
            pm.skip(info, what, failure(exc))
            continue
        info = attrs.evolve(info, load_seconds=time.perf_counter() - started)
        if pm.register_plugin(plugin, info):
            loaded.append(pm.plugin_info(info.name))
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
        started = time.perf_counter()
        module = importlib.import_module(module_name)
        spent = time.perf_counter() - started
        pm.register_plugin(
            module, PluginInfo(module_name, BUILTIN_DISTRIBUTION, version, True, spent)
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


__all__ = [
    "BUILTIN_PLUGINS",
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
    "load_entry_point_plugins",
    "make_plugin_manager",
]
