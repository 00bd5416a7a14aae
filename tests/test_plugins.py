"""The plugin manager: built-ins, entry points, environment switches, failures, conflicts.

Each hook has a test here named ``test_hook_<hook name>`` (the meta-tests check it).
"""

from __future__ import annotations

import importlib
import io
import types
from collections.abc import Callable, Iterable
from typing import Any

import attrs
import pytest

from danvan import export
from danvan.exporters.base import Exporter, ExportOptions
from danvan.labels import Label
from danvan.plugins import (
    PluginConflictError,
    PluginInfo,
    PluginWarning,
    available_exporters,
    get_plugin_manager,
    hookimpl,
    make_plugin_manager,
)
from danvan.plugins import manager as manager_module
from danvan.plugins.info import settle_names
from danvan.tables import Bundle
from danvan.testing import reference_bundles


def _write_row_count(bundle: Bundle, stream: Any, options: ExportOptions) -> None:
    count = sum(1 for table in bundle.tables for _ in table.iter_rows())
    stream.write(f"{options.label(bundle.metadata.title)}: {count}\n".encode())


COUNT_EXPORTER = Exporter(
    name="count",
    suffixes=(".count",),
    media_type="text/plain",
    description=Label("Đếm số dòng", "Row count"),
    write=_write_row_count,
)


def _plugin(exporters: Callable[[], Iterable[Any]]) -> types.SimpleNamespace:
    """A plugin object whose danvan_exporters hook returns what ``exporters`` gives."""

    @hookimpl
    def danvan_exporters() -> Iterable[Any]:
        return exporters()

    return types.SimpleNamespace(danvan_exporters=danvan_exporters)


def test_hook_danvan_exporters() -> None:
    pm = make_plugin_manager(
        load_entrypoints=False, extra_plugins={"count": _plugin(lambda: [COUNT_EXPORTER])}
    )
    assert "count" in available_exporters(pm)
    stream = io.BytesIO()
    used = export(reference_bundles()["vietnamese"], stream, "count", plugin_manager=pm)
    assert used is COUNT_EXPORTER
    assert stream.getvalue().decode() == "Bộ thử: tiếng Việt: 4\n"


def test_the_built_ins_are_ordinary_plugins() -> None:
    pm = make_plugin_manager(load_entrypoints=False)
    infos = pm.plugins_info()
    assert [i.name for i in infos] == [
        "danvan.bundled",
        "danvan.exporters.csv",
        "danvan.exporters.docx",
        "danvan.exporters.json",
        "danvan.exporters.parquet",
        "danvan.exporters.xlsx",
        "danvan.importers.csv",
        "danvan.importers.json",
        "danvan.importers.parquet",
        "danvan.importers.xlsx",
        "danvan.rules.builtin",
    ]
    assert all(i.builtin and i.distribution == "danvan" for i in infos)


def test_the_process_wide_manager_is_made_once() -> None:
    assert get_plugin_manager() is get_plugin_manager()


def test_a_plugin_that_raises_is_skipped_with_a_warning_and_the_rest_keep_working() -> None:
    def broken() -> list[Exporter]:
        raise RuntimeError("hỏng / broken")

    pm = make_plugin_manager(load_entrypoints=False, extra_plugins={"broken": _plugin(broken)})
    with pytest.warns(PluginWarning, match=r"broken \(broken\) .*failed in danvan_exporters"):
        exporters = available_exporters(pm)
    assert "csv" in exporters


def test_a_plugin_returning_something_else_is_skipped_with_a_warning() -> None:
    pm = make_plugin_manager(
        load_entrypoints=False, extra_plugins={"odd": _plugin(lambda: ["not an exporter"])}
    )
    with pytest.warns(PluginWarning, match="not a Exporter"):
        assert "odd" not in available_exporters(pm)


def test_an_exporter_named_like_a_built_in_is_dropped_with_a_warning_naming_both() -> None:
    clash = attrs.evolve(COUNT_EXPORTER, name="csv")
    pm = make_plugin_manager(
        load_entrypoints=False, extra_plugins={"clash": _plugin(lambda: [clash])}
    )
    with pytest.warns(
        PluginWarning,
        match=r"'csv'.*built-in danvan\.exporters\.csv \(danvan.*kept.*clash \(clash\)",
    ):
        exporters = available_exporters(pm)
    assert exporters["csv"] is not clash
    assert [c.name for c in pm.name_clashes("danvan_exporters", Exporter)] == ["csv"]


def test_two_built_ins_with_one_name_are_a_bug_named_as_such() -> None:
    builtins = [PluginInfo(n, "danvan", None, builtin=True) for n in ("a", "b")]
    with pytest.raises(PluginConflictError, match=r"'count': a \(danvan\) and b \(danvan\)"):
        settle_names("danvan_exporters", "exporter", [(i, COUNT_EXPORTER) for i in builtins])


@attrs.frozen
class FakeDistribution:
    name: str
    version: str


@attrs.frozen
class FakeEntryPoint:
    """Stands in for an installed plugin's entry point."""

    name: str
    plugin: object
    dist: FakeDistribution
    value: str = "fake_module"
    group: str = "danvan"

    def load(self) -> object:
        if isinstance(self.plugin, BaseException):
            raise self.plugin
        return self.plugin


@pytest.fixture
def installed(monkeypatch: pytest.MonkeyPatch) -> list[FakeEntryPoint]:
    """Pretend these plugins are installed (the list may be filled by the test)."""
    points: list[FakeEntryPoint] = [
        FakeEntryPoint(
            "count", _plugin(lambda: [COUNT_EXPORTER]), FakeDistribution("danvan-count", "1.0")
        ),
    ]
    monkeypatch.setattr(manager_module, "_entry_points", lambda: points)
    monkeypatch.delenv("DANVAN_DISABLE_PLUGIN_ENTRYPOINTS", raising=False)
    monkeypatch.delenv("DANVAN_PLUGINS", raising=False)
    return points


def test_installed_plugins_are_loaded_from_entry_points(installed: list[FakeEntryPoint]) -> None:
    pm = make_plugin_manager()
    assert "count" in available_exporters(pm)
    third_party = [i for i in pm.plugins_info() if not i.builtin]
    assert [i.describe() for i in third_party] == ["count (danvan-count 1.0)"]


def test_an_environment_variable_turns_entry_points_off(
    installed: list[FakeEntryPoint], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DANVAN_DISABLE_PLUGIN_ENTRYPOINTS", "1")
    assert "count" not in available_exporters(make_plugin_manager())


def test_an_environment_variable_allows_only_named_plugins(
    installed: list[FakeEntryPoint], monkeypatch: pytest.MonkeyPatch
) -> None:
    other = attrs.evolve(COUNT_EXPORTER, name="other")
    installed.append(
        FakeEntryPoint("other", _plugin(lambda: [other]), FakeDistribution("danvan-other", "2.0"))
    )
    assert {"count", "other"} <= set(available_exporters(make_plugin_manager()))
    monkeypatch.setenv("DANVAN_PLUGINS", "other, unknown")
    names = set(available_exporters(make_plugin_manager()))
    assert "other" in names
    assert "count" not in names


def test_a_plugin_that_fails_to_import_is_a_warning_naming_its_distribution(
    installed: list[FakeEntryPoint],
) -> None:
    installed.insert(
        0,
        FakeEntryPoint(
            "broken",
            ImportError("No module named 'lxml'"),
            FakeDistribution("danvan-broken", "0.3"),
        ),
    )
    with pytest.warns(PluginWarning, match=r"could not load plugin broken \(danvan-broken 0\.3\)"):
        pm = make_plugin_manager()
    assert "count" in available_exporters(pm)


def test_a_plugin_with_a_malformed_hook_is_a_warning(installed: list[FakeEntryPoint]) -> None:
    @hookimpl
    def danvan_exporters(unexpected: int) -> list[Exporter]:
        return []

    bad = types.SimpleNamespace(danvan_exporters=danvan_exporters)
    installed.append(FakeEntryPoint("bad", bad, FakeDistribution("danvan-bad", "0.1")))
    with pytest.warns(PluginWarning, match=r"skipping plugin bad \(danvan-bad 0\.1\)"):
        pm = make_plugin_manager()
    assert not pm.has_plugin("bad")


def test_every_builtin_hook_implementation_is_named_after_its_hook() -> None:
    # The manager looks only at the built-in modules' ``danvan_*`` names for hooks.
    for name in manager_module.BUILTIN_PLUGINS:
        module = importlib.import_module(name)
        marked = [
            attribute
            for attribute in dir(module)
            if getattr(getattr(module, attribute), "danvan_impl", None) is not None
        ]
        assert marked, name
        assert all(a.startswith(manager_module.HOOK_PREFIX) for a in marked), (name, marked)


def test_a_plugin_object_is_searched_for_hooks_by_every_name() -> None:
    class Named:
        @hookimpl(specname="danvan_catalog")
        def my_catalog(self) -> list[object]:
            return []

    manager = make_plugin_manager(load_entrypoints=False, extra_plugins={"named": Named()})
    callers = manager.hook.danvan_catalog.get_hookimpls()
    assert [impl.plugin_name for impl in callers][-1] == "named"
