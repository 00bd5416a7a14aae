"""The catalogue and the unit registry come through plugin hooks, built-ins included."""

from __future__ import annotations

from datetime import date

from danvan import dataset_from_json
from danvan.bundled import bundled_registry, bundled_reporting_line, default_catalog
from danvan.labels import Label
from danvan.model import AdminUnit, BodyKind, Catalog, Field, Level, ReportingBody, Topic
from danvan.plugins import hookimpl, make_plugin_manager
from danvan.plugins.provided import catalog, reporting_line, unit_registry
from danvan.registry import UnitRegistry

BEEKEEPING = Topic("beekeeping", Label("Nuôi ong", "Beekeeping"), Field.ECONOMY)


class BeekeepingPlugin:
    @hookimpl
    def danvan_catalog(self) -> Catalog:
        return Catalog(topics=(BEEKEEPING,))


class LaiChauPlugin:
    @hookimpl
    def danvan_unit_registries(self) -> UnitRegistry:
        return UnitRegistry((AdminUnit("12", "Lai Châu", Level.PROVINCE, code="12"),))


def test_hook_danvan_catalog() -> None:
    pm = make_plugin_manager(load_entrypoints=False, extra_plugins={"bees": BeekeepingPlugin()})
    merged = catalog(pm)
    assert merged.topic("beekeeping") == BEEKEEPING
    assert merged.topics[: len(default_catalog().topics)] == default_catalog().topics
    without_catalog = dataset_from_json(b'{"format": "danvan.dataset/1"}')
    assert without_catalog.catalog == default_catalog()


def test_the_built_in_catalogue_keeps_its_entries_when_a_plugin_reuses_a_code() -> None:
    class Clash:
        @hookimpl
        def danvan_catalog(self) -> Catalog:
            return Catalog(topics=(Topic("peanut", Label("Khác", "Other")),))

    pm = make_plugin_manager(load_entrypoints=False, extra_plugins={"clash": Clash()})
    peanut = catalog(pm).topic("peanut")
    assert peanut is not None
    assert peanut.label.vi == "Trồng lạc"


def test_hook_danvan_unit_registries() -> None:
    pm = make_plugin_manager(load_entrypoints=False, extra_plugins={"laichau": LaiChauPlugin()})
    registry = unit_registry(pm)
    lai_chau = registry.by_code("12", date(2022, 1, 1))
    assert lai_chau is not None
    assert lai_chau.name == "Lai Châu"
    assert registry.by_code("11", date(2022, 1, 1)) == bundled_registry().by_code(
        "11", date(2022, 1, 1)
    )


class LaiChauLinePlugin:
    @hookimpl
    def danvan_reporting_lines(self) -> list[ReportingBody]:
        return [
            ReportingBody(
                "btgdv-12",
                "Ban Tuyên giáo và Dân vận Tỉnh ủy Lai Châu",
                BodyKind.PROVINCE_PROPAGANDA_MASS_MOBILISATION_BOARD,
                unit="12",
                valid_from=date(2025, 3, 1),
                source="Quyết định số 1676-QĐ/TU ngày 10/02/2025",
            )
        ]


def test_hook_danvan_reporting_lines() -> None:
    pm = make_plugin_manager(load_entrypoints=False, extra_plugins={"laichau": LaiChauLinePlugin()})
    line = reporting_line(pm)
    bundled = bundled_reporting_line()
    assert line[: len(bundled)] == bundled
    assert [b.id for b in line[len(bundled) :]] == ["btgdv-12"]
