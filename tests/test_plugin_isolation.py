"""A plugin cannot end the host: whatever it raises is a warning, and clashing names keep the
built-in. Installed plugins are faked with entry points, as in ``test_plugins``."""

from __future__ import annotations

import sys
import types
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest
from click.testing import CliRunner

from danvan.cli import main
from danvan.exporters.base import Exporter
from danvan.plugins import (
    PluginWarning,
    available_exporters,
    get_plugin_manager,
    hookimpl,
    make_plugin_manager,
)
from danvan.plugins import manager as manager_module
from tests.test_plugins import COUNT_EXPORTER, FakeDistribution, FakeEntryPoint, _plugin


class ExitsAtImport(SystemExit):
    """What ``sys.exit(3)`` raises in a plugin module as it is imported."""


def _installed(monkeypatch: pytest.MonkeyPatch, *points: FakeEntryPoint) -> None:
    monkeypatch.setattr(manager_module, "_entry_points", lambda: list(points))
    monkeypatch.delenv("DANVAN_DISABLE_PLUGIN_ENTRYPOINTS", raising=False)
    monkeypatch.delenv("DANVAN_PLUGINS", raising=False)


def _point(name: str, plugin: object, dist: str = "") -> FakeEntryPoint:
    return FakeEntryPoint(name, plugin, FakeDistribution(dist or f"danvan-{name}", "1.0"))


COUNT = _point("count", _plugin(lambda: [COUNT_EXPORTER]))


@pytest.fixture
def fresh_manager() -> Iterator[None]:
    """The CLI's process-wide manager, made anew for the test and forgotten after it."""
    get_plugin_manager.cache_clear()
    yield
    get_plugin_manager.cache_clear()


def test_a_plugin_that_calls_sys_exit_at_import_is_skipped_with_a_warning(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _installed(monkeypatch, _point("quits", SystemExit(3)), COUNT)
    with pytest.warns(PluginWarning, match=r"could not load plugin quits .*SystemExit: 3"):
        pm = make_plugin_manager()
    assert "count" in available_exporters(pm)
    assert [s.info.name for s in pm.skipped()] == ["quits"]


def test_a_keyboard_interrupt_at_import_still_stops_the_run(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _installed(monkeypatch, _point("stopped", KeyboardInterrupt()))
    with pytest.raises(KeyboardInterrupt):
        make_plugin_manager()


def test_a_hook_that_exits_is_skipped_and_the_others_answer() -> None:
    def exits() -> list[Exporter]:
        sys.exit("bye")

    pm = make_plugin_manager(load_entrypoints=False, extra_plugins={"exits": _plugin(exits)})
    with pytest.warns(PluginWarning, match=r"exits \(exits\) .*failed in danvan_exporters: Sys"):
        assert "xlsx" in available_exporters(pm)


def test_a_hook_whose_generator_fails_halfway_gives_nothing_of_its_own() -> None:
    def halfway() -> Iterator[Exporter]:
        yield COUNT_EXPORTER
        raise SystemExit(1)

    pm = make_plugin_manager(load_entrypoints=False, extra_plugins={"half": _plugin(halfway)})
    with pytest.warns(PluginWarning, match="failed in danvan_exporters"):
        assert "count" not in available_exporters(pm)


def test_a_plugin_whose_attributes_raise_is_not_left_half_registered() -> None:
    class Hostile:
        danvan_exporters = _plugin(lambda: [COUNT_EXPORTER]).danvan_exporters

        def __dir__(self) -> list[str]:  # what the manager reads to find the hooks
            raise SystemExit("read me and die")

    with pytest.warns(PluginWarning, match=r"skipping plugin hostile .*SystemExit"):
        pm = make_plugin_manager(load_entrypoints=False, extra_plugins={"hostile": Hostile()})
    assert not pm.has_plugin("hostile")


def test_an_exporter_named_like_a_built_in_leaves_the_built_in_and_the_rest_of_the_plugin(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fake_xlsx = attrs.evolve(COUNT_EXPORTER, name="xlsx")
    _installed(monkeypatch, _point("mixed", _plugin(lambda: [fake_xlsx, COUNT_EXPORTER])))
    pm = make_plugin_manager()
    with pytest.warns(PluginWarning, match=r"'xlsx'.*built-in danvan\.exporters\.xlsx"):
        exporters = available_exporters(pm)
    assert exporters["xlsx"] is not fake_xlsx
    assert exporters["count"] is COUNT_EXPORTER
    (clash,) = pm.name_clashes("danvan_exporters", Exporter)
    assert clash.kept is not None
    assert clash.kept.name == "danvan.exporters.xlsx"
    assert [d.name for d in clash.dropped] == ["mixed"]


def test_two_third_party_exporters_with_one_name_are_neither_used_until_one_is_chosen(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ods_a = attrs.evolve(COUNT_EXPORTER, name="ods")
    ods_b = attrs.evolve(COUNT_EXPORTER, name="ods", media_type="application/x-b")
    _installed(
        monkeypatch, _point("a", _plugin(lambda: [ods_a])), _point("b", _plugin(lambda: [ods_b]))
    )
    with pytest.warns(
        PluginWarning, match=r"'ods'.*a \(danvan-a 1\.0\), b \(danvan-b 1\.0\).*none"
    ):
        assert "ods" not in available_exporters(make_plugin_manager())
    monkeypatch.setenv("DANVAN_PLUGINS", "b")
    assert available_exporters(make_plugin_manager())["ods"] is ods_b


def test_two_distributions_with_one_plugin_name_are_both_skipped(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _installed(
        monkeypatch,
        _point("ods", _plugin(lambda: [attrs.evolve(COUNT_EXPORTER, name="ods")]), "danvan-ods"),
        _point("ods", _plugin(lambda: [attrs.evolve(COUNT_EXPORTER, name="ods")]), "other-ods"),
    )
    with pytest.warns(PluginWarning, match=r"skipping plugin ods .*used by ods \(danvan-ods"):
        pm = make_plugin_manager()
    assert not pm.has_plugin("ods")
    assert len(pm.skipped()) == 2


def test_every_plugin_has_its_load_time(monkeypatch: pytest.MonkeyPatch) -> None:
    _installed(monkeypatch, COUNT)
    infos = make_plugin_manager().plugins_info()
    assert "count" in [i.name for i in infos]
    assert all(i.load_seconds is not None and i.load_seconds >= 0 for i in infos)


# End to end, through the command line.


def test_danvan_plugins_survives_a_plugin_that_exits_and_names_it(
    monkeypatch: pytest.MonkeyPatch, fresh_manager: None
) -> None:
    _installed(monkeypatch, _point("quits", ExitsAtImport(3)), COUNT)
    result = CliRunner().invoke(main, ["plugins"])
    assert result.exit_code == 0, result.output
    assert "Cảnh báo / warning: Không nạp được plugin / could not load plugin quits" in (
        result.stderr
    )
    assert "count (danvan-count 1.0) loaded in" in result.output
    assert "skipped: quits (danvan-quits 1.0): ExitsAtImport: 3" in result.output


def test_report_survives_a_plugin_that_exits_at_import(
    monkeypatch: pytest.MonkeyPatch, fresh_manager: None, tmp_path: Path
) -> None:
    _installed(monkeypatch, _point("quits", SystemExit(3)))
    result = CliRunner().invoke(main, ["report", "-o", str(tmp_path / "r.xlsx")])
    assert result.exit_code == 0, result.output
    assert "Cảnh báo / warning: " in result.stderr
    assert (tmp_path / "r.xlsx").is_file()


def test_report_keeps_the_built_in_xlsx_and_plugins_shows_the_clash(
    monkeypatch: pytest.MonkeyPatch, fresh_manager: None, tmp_path: Path
) -> None:
    fake_xlsx = attrs.evolve(COUNT_EXPORTER, name="xlsx", suffixes=(".xlsx",))
    _installed(monkeypatch, _point("fake", _plugin(lambda: [fake_xlsx])))
    output = tmp_path / "report.xlsx"
    result = CliRunner().invoke(main, ["report", "-o", str(output)])
    assert result.exit_code == 0, result.output
    assert "clashes with built-in" in result.stderr
    assert output.read_bytes()[:2] == b"PK"  # a workbook, not the plugin's text
    listing = CliRunner().invoke(main, ["plugins"])
    assert listing.exit_code == 0, listing.output
    assert "clash: " in listing.output
    assert "name 'xlsx' (danvan_exporters) clashes with built-in" in listing.output


def test_a_plugin_module_object_can_still_be_anything_with_hooks() -> None:
    module = types.ModuleType("fine")
    module.danvan_exporters = hookimpl(lambda: [COUNT_EXPORTER])  # type: ignore[attr-defined]
    pm = make_plugin_manager(load_entrypoints=False, extra_plugins={"fine": module})
    assert "count" in available_exporters(pm)


def _exits_while_writing(_bundle: object, _stream: object, _options: object) -> None:
    sys.exit(4)


def _fails_while_writing(_bundle: object, _stream: object, _options: object) -> None:
    raise RuntimeError("the plugin's own bug")


@pytest.mark.parametrize("write", [_exits_while_writing, _fails_while_writing])
def test_a_plugin_exporter_that_fails_while_writing_is_one_error_line_and_nothing_written(
    monkeypatch: pytest.MonkeyPatch, fresh_manager: None, tmp_path: Path, write: object
) -> None:
    broken = attrs.evolve(COUNT_EXPORTER, name="broken", suffixes=(".broken",), write=write)
    _installed(monkeypatch, _point("broken", _plugin(lambda: [broken])))
    output = tmp_path / "report.broken"
    result = CliRunner().invoke(main, ["report", "-o", str(output)])
    assert result.exit_code == 2, result.output
    assert "Error: " in result.output
    assert "'broken' (plugin)" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert list(tmp_path.iterdir()) == []
