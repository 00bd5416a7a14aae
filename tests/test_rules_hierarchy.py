"""The administrative hierarchy: levels in order, no cycles, children inside parents (DV2xx)."""

from __future__ import annotations

from datetime import date

from danvan.model import AdminUnit, Dataset, Level
from danvan.rules import hierarchy
from tests.rule_cases import added, changed, check, found

RULES = (hierarchy.hierarchy, hierarchy.cycles)


def test_the_sample_hierarchy_is_sound(nampo: Dataset) -> None:
    assert not check(nampo, *RULES).findings


def test_a_village_whose_commune_was_merged_away_keeps_its_open_end(nampo: Dataset) -> None:
    # Nậm Tin ended on 30/06/2025; bản Mốc 4 goes on, its end unknown: not a finding.
    commune, village = nampo.unit("xa-nam-tin"), nampo.unit("ban-moc-4")
    assert commune is not None
    assert commune.valid_until == date(2025, 6, 30)
    assert village is not None
    assert village.valid_until is None
    assert not check(nampo, hierarchy.hierarchy).filter(code="DV204").findings


def test_a_parent_must_be_a_level_above(nampo: Dataset) -> None:
    dataset = changed(nampo, "units", "xa-nam-tin", parent="ban-na-su")
    report = check(dataset, hierarchy.hierarchy)
    assert found(report) == {("DV201", "xa-nam-tin", "parent")}
    assert report.findings[0].message.vi.startswith("Đơn vị cấp xã có đơn vị cha ban-na-su")
    assert report.findings[0].message.en.startswith("A unit of level commune has parent ban-na-su")


def test_a_village_directly_under_a_district_is_not_under_a_commune(nampo: Dataset) -> None:
    dataset = changed(nampo, "units", "ban-moc-4", parent="huyen-nam-po")
    assert found(check(dataset, hierarchy.hierarchy)) == {("DV203", "ban-moc-4", "parent")}


def test_a_child_cannot_outlive_its_parent(nampo: Dataset) -> None:
    dataset = changed(nampo, "units", "ban-moc-4", valid_until=date(2026, 1, 1))
    assert found(check(dataset, hierarchy.hierarchy)) == {("DV204", "ban-moc-4", "valid_from")}


def test_a_child_ending_on_its_parents_last_day_is_inside_it(nampo: Dataset) -> None:
    dataset = changed(nampo, "units", "ban-moc-4", valid_until=date(2025, 6, 30))
    assert not check(dataset, hierarchy.hierarchy).findings


def test_validity_that_ends_before_it_starts(nampo: Dataset) -> None:
    dataset = changed(
        nampo, "units", "ban-moc-4", valid_from=date(2022, 1, 1), valid_until=date(2021, 1, 1)
    )
    assert ("DV205", "ban-moc-4", "valid_until") in found(check(dataset, hierarchy.hierarchy))


def test_every_unit_of_a_cycle_is_reported_with_the_whole_cycle(nampo: Dataset) -> None:
    dataset = changed(nampo, "units", "tinh-dien-bien", parent="xa-nam-tin")
    report = check(dataset, hierarchy.cycles)
    assert found(report) == {
        ("DV202", "tinh-dien-bien", "parent"),
        ("DV202", "huyen-nam-po", "parent"),
        ("DV202", "xa-nam-tin", "parent"),
    }
    assert report.findings[0].values["cycle"].count("→") == 3


def test_a_unit_that_is_its_own_parent_is_a_cycle(nampo: Dataset) -> None:
    loner = AdminUnit("ban-lap", "Bản Lặp", Level.VILLAGE, parent="ban-lap")
    report = check(added(nampo, "units", loner), *RULES)
    assert {"DV202", "DV201"} <= report.codes
