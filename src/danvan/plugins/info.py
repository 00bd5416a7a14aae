"""What the plugin manager knows of each plugin, and how it settles two claims on one name.

Kept apart from the manager so that the rules are plain data and pure
functions: a built-in keeps its name against any third-party plugin, and a
name claimed by third-party plugins only goes to none of them (which one
would win would depend on the order of installation, so the choice is left
to the user: ``DANVAN_PLUGINS=name``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol, TypeVar

import attrs

from danvan.errors import DanvanError, DanvanWarning

ENV_ONLY_PLUGINS = "DANVAN_PLUGINS"


class PluginWarning(DanvanWarning):
    """A plugin could not be loaded, failed in a hook or lost a name, and was skipped."""


class PluginConflictError(DanvanError):
    """Two built-in plugins claim one name: a bug in danvan, never a third party's doing."""


@attrs.frozen
class PluginInfo:
    """Where a registered plugin comes from, and how long it took to load."""

    name: str
    distribution: str
    version: str | None
    builtin: bool
    #: Seconds taken to import and register the plugin (``None``: not measured).
    load_seconds: float | None = attrs.field(default=None, eq=False)

    def describe(self) -> str:
        """``name (distribution version)``, the form used in warnings and errors."""
        version = f" {self.version}" if self.version else ""
        return f"{self.name} ({self.distribution}{version})"


@attrs.frozen
class SkippedPlugin:
    """A plugin that was not registered, and why (shown by ``danvan plugins``)."""

    info: PluginInfo
    reason: str


@attrs.frozen
class NameClash:
    """Several plugins offer an exporter or importer under one name; what was kept."""

    hook: str
    name: str
    #: The built-in kept under the name, or ``None`` when only third-party plugins claim it.
    kept: PluginInfo | None
    #: The plugins whose claim was dropped.
    dropped: tuple[PluginInfo, ...]

    def describe(self) -> str:
        """One line for warnings and ``danvan plugins``."""
        others = ", ".join(info.describe() for info in self.dropped)
        if self.kept is not None:
            return (
                f"tên {self.name!r} trùng tên sẵn có, giữ bản sẵn có / name {self.name!r} "
                f"({self.hook}) clashes with built-in {self.kept.describe()}, which is kept; "
                f"dropped from {others}"
            )
        return (
            f"nhiều plugin cùng tên {self.name!r}, không dùng cái nào / name {self.name!r} "
            f"({self.hook}) is claimed by {others}; none is used "
            f"(choose one with {ENV_ONLY_PLUGINS}=plugin)"
        )


class _HasName(Protocol):
    @property
    def name(self) -> str: ...


Named = TypeVar("Named", bound=_HasName)


def settle_names(
    hook: str, kind: str, claims: Iterable[tuple[PluginInfo, Named]]
) -> tuple[dict[str, Named], list[NameClash]]:
    """Each name's one item, and the clashes settled on the way.

    Two built-ins with one name raise ``PluginConflictError`` naming both.
    """
    by_name: dict[str, list[tuple[PluginInfo, Named]]] = {}
    for info, item in claims:
        by_name.setdefault(item.name, []).append((info, item))
    named: dict[str, Named] = {}
    clashes: list[NameClash] = []
    for name, claimants in by_name.items():
        if len(claimants) == 1:
            named[name] = claimants[0][1]
            continue
        builtins = [(info, item) for info, item in claimants if info.builtin]
        if len(builtins) > 1:
            raise PluginConflictError(
                f"Hai plugin cùng khai báo tên / two plugins claim the {kind} name {name!r}: "
                + " and ".join(info.describe() for info, _ in builtins)
            )
        if builtins:
            named[name] = builtins[0][1]
        dropped = tuple(info for info, _ in claimants if not info.builtin)
        clashes.append(NameClash(hook, name, builtins[0][0] if builtins else None, dropped))
    return named, clashes


def failure(exc: BaseException) -> str:
    """How a plugin's exception is told in a warning: its type and message."""
    return f"{type(exc).__name__}: {exc}"
