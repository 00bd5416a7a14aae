"""Units over time (DV206–DV209): reused codes, units outliving successors, loops, names."""

from __future__ import annotations

from datetime import date

import pytest

from danvan.bundled import bundled_registry
from danvan.findings import Location, Severity
from danvan.model import AdminUnit, Dataset, Level, Provenance, Succession
from danvan.plugins import registered_rules
from danvan.registry import UnitRegistry
from danvan.rules import successions
from danvan.rules.successions import resolve_unit_name
from tests.rule_cases import check, found

RULES = (successions.reused_codes, successions.valid_after_successor, successions.succession_cycles)
LAST_DAY = date(2025, 6, 30)
REFORM = date(2025, 7, 1)
SHEET = Provenance(source="don_vi.xlsx", sheet="Xã", row=7)

CHA_CANG = AdminUnit("xa-cha-cang", "Chà Cang", Level.COMMUNE, code="03166", valid_until=LAST_DAY)
NAM_TIN = AdminUnit("xa-nam-tin", "Nậm Tin", Level.COMMUNE, code="03156", valid_until=LAST_DAY)
MUONG_CHA = AdminUnit(
    "xa-muong-cha", "Mường Chà", Level.COMMUNE, code="03166", valid_from=REFORM, provenance=SHEET
)
MERGER = Succession(("xa-cha-cang", "xa-nam-tin"), "xa-muong-cha", REFORM)


def _units(*units: AdminUnit, merged: tuple[Succession, ...] = (MERGER,)) -> Dataset:
    return Dataset(units=units, successions=merged)


def test_the_sample_and_a_well_recorded_merger_pass(nampo: Dataset) -> None:
    assert not check(nampo, *RULES).findings
    assert not check(_units(CHA_CANG, NAM_TIN, MUONG_CHA), *RULES).findings


def test_the_rules_run_with_every_validation() -> None:
    assert set(RULES) <= set(registered_rules())


def test_a_code_reused_while_its_old_holder_is_still_valid_is_an_error() -> None:
    still_valid = AdminUnit("xa-cha-cang", "Chà Cang", Level.COMMUNE, code="03166")
    report = check(_units(still_valid, MUONG_CHA, merged=()), successions.reused_codes)
    assert found(report) == {("DV206", "xa-muong-cha", "code")}
    (finding,) = report.findings
    assert finding.severity is Severity.ERROR
    assert finding.location.row == 7  # on the unit's own row of the sheet
    assert finding.message.en == (
        "Code 03166 is also held by xa-cha-cang (Chà Cang) while this unit is valid"
    )
    assert {"hierarchy", "succession"} <= finding.tags


def test_a_code_reused_after_its_old_holder_ended_is_told_apart() -> None:
    assert not check(_units(CHA_CANG, MUONG_CHA, merged=()), successions.reused_codes).findings


def test_a_unit_still_valid_when_its_successor_starts_is_an_error() -> None:
    open_ended = AdminUnit("xa-nam-tin", "Nậm Tin", Level.COMMUNE, code="03156")
    report = check(_units(CHA_CANG, open_ended, MUONG_CHA), successions.valid_after_successor)
    assert found(report) == {("DV207", "xa-nam-tin", "valid_until")}
    assert report.findings[0].message.vi == (
        "Đơn vị còn hiệu lực đến … nhưng xa-muong-cha đã thay thế từ 01/07/2025"
    )


def test_a_unit_ending_on_the_day_its_successor_starts_is_an_error() -> None:
    overlapping = AdminUnit("xa-nam-tin", "Nậm Tin", Level.COMMUNE, valid_until=REFORM)
    report = check(_units(CHA_CANG, overlapping, MUONG_CHA), successions.valid_after_successor)
    assert report.findings[0].values["end"] == REFORM


def test_part_of_a_unit_may_leave_while_it_goes_on() -> None:
    part = Succession(("xa-nam-tin",), "xa-muong-cha", REFORM, share=0.4)
    going_on = AdminUnit("xa-nam-tin", "Nậm Tin", Level.COMMUNE)
    dataset = _units(going_on, MUONG_CHA, merged=(part,))
    assert not check(dataset, successions.valid_after_successor).findings


def test_a_loop_of_successions_is_an_error_on_every_unit_of_it() -> None:
    back = Succession(("xa-muong-cha",), "xa-cha-cang", date(2026, 1, 1))
    dataset = _units(CHA_CANG, NAM_TIN, MUONG_CHA, merged=(MERGER, back))
    report = check(dataset, successions.succession_cycles)
    assert found(report) == {("DV208", "xa-cha-cang", None), ("DV208", "xa-muong-cha", None)}
    assert all(
        f.values["cycle"] == "xa-cha-cang → xa-muong-cha → xa-cha-cang" for f in report.findings
    )


# Names, as importers look them up.


@pytest.fixture(scope="module")
def dien_bien() -> UnitRegistry:
    return bundled_registry()


def test_a_name_written_any_way_resolves_to_one_unit(dien_bien: UnitRegistry) -> None:
    unit, findings = resolve_unit_name(dien_bien, "X. Nậm Tin", Level.COMMUNE, date(2022, 5, 1))
    assert unit is not None
    assert unit.id == "11-03156"
    assert findings == []


def test_an_ambiguous_name_gives_a_warning_listing_the_candidates(
    dien_bien: UnitRegistry,
) -> None:
    cell = Location(source="hoat_dong.xlsx", sheet="2022", row=12, column="Xã")
    unit, findings = resolve_unit_name(dien_bien, "xã Si Pa Phìn", Level.COMMUNE, location=cell)
    assert unit is None
    (finding,) = findings
    assert finding.code == "DV209"
    assert finding.severity is Severity.WARNING
    assert finding.location == cell
    assert finding.values["candidate_ids"] == ("11-03199", "11-03199-2025")
    assert "Xã Si Pa Phìn (11-03199, … – 2025-06-30)" in finding.message.en
    assert "Xã Si Pa Phìn (11-03199-2025, 2025-07-01 – …)" in finding.message.vi


def test_a_date_makes_the_name_unambiguous(dien_bien: UnitRegistry) -> None:
    unit, findings = resolve_unit_name(dien_bien, "Si Pa Phin", Level.COMMUNE, REFORM)
    assert unit is not None
    assert (unit.id, findings) == ("11-03199-2025", [])


def test_an_unknown_name_is_left_to_the_importer(dien_bien: UnitRegistry) -> None:
    assert resolve_unit_name(dien_bien, "Hà Nội", Level.COMMUNE) == (None, [])
