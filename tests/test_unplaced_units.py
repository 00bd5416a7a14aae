"""A report under another day's units never keeps, in silence, a unit it could not place.

The 2022 sample reported by the communes of 1 July 2025 goes under xã Mường
Chà, Nà Hỳ and Si Pa Phìn, through the registry's successions. A commune whose
code the registry does not know cannot be followed there: it keeps its own row
(no activity is lost), and the report says so with a DV211 finding in its
notes, as it says with DV210 that districts were abolished.
"""

from __future__ import annotations

from datetime import date

import attrs

import danvan
from danvan.model import AdminUnit, Dataset, Level
from danvan.reports import NOTES_TABLE, report_notes

REFORM = date(2025, 7, 1)


def _with_units(dataset: Dataset, *units: AdminUnit) -> Dataset:
    return attrs.evolve(dataset, units=(*dataset.units, *units))


def _notes(bundle: danvan.Bundle) -> list[tuple[str, str]]:
    """(code, record id) of each of the report's own findings."""
    if NOTES_TABLE not in [table.name for table in bundle.tables]:
        return []
    table = bundle.table(NOTES_TABLE)
    names = [column.name for column in table.columns]
    code, record = names.index("code"), names.index("record_id")
    return [(row[code], row[record]) for row in table.iter_rows()]


UNKNOWN_COMMUNE = AdminUnit(
    "xa-la", "Lạ", Level.COMMUNE, "huyen-nam-po", "99999", None, date(2025, 6, 30)
)
ITS_VILLAGE = AdminUnit("ban-la", "Bản Lạ", Level.VILLAGE, "xa-la")


def test_the_sample_is_placed_whole_on_1_july_2025(nampo: Dataset) -> None:
    bundle = danvan.period_report(nampo, "2022", by=Level.COMMUNE, units_on=REFORM)
    assert _notes(bundle) == []


def test_a_commune_whose_code_no_registry_holds_is_a_finding_of_the_report(
    nampo: Dataset,
) -> None:
    dataset = _with_units(nampo, UNKNOWN_COMMUNE, ITS_VILLAGE)

    bundle = danvan.period_report(dataset, "2022", by=Level.COMMUNE, units_on=REFORM)

    assert _notes(bundle) == [("DV211", "xa-la")]
    (message,) = report_notes(bundle)
    assert "Lạ" in message.en
    assert "99999" in message.en
    assert "2025-07-01" in message.en
    assert "no longer exists" in message.en
    # Kept under its own name beside the communes of the day: nothing is lost.
    summary = danvan.summarize(dataset, "2022", by=Level.COMMUNE, units_on=REFORM)
    assert "Lạ" in [row.name for row in summary.rows]
    assert [kept.unit.id for kept in summary.not_placed] == ["xa-la"]


def test_an_unknown_code_in_a_province_the_registry_holds_is_a_finding_on_any_day(
    nampo: Dataset,
) -> None:
    open_ended = attrs.evolve(UNKNOWN_COMMUNE, valid_until=None)
    dataset = _with_units(nampo, open_ended, ITS_VILLAGE)

    bundle = danvan.period_report(dataset, "2022", by=Level.COMMUNE)

    assert _notes(bundle) == [("DV211", "xa-la")]
    assert "registry holds its province" in report_notes(bundle)[0].en


def test_a_province_the_registry_does_not_hold_is_not_questioned() -> None:
    province = AdminUnit("p", "Tỉnh mẫu", Level.PROVINCE, code="98")
    commune = AdminUnit("x", "Xã mẫu", Level.COMMUNE, "p", "99999")
    dataset = Dataset(units=(province, commune))

    bundle = danvan.period_report(dataset, "2022", by=Level.COMMUNE, units_on=REFORM)

    assert _notes(bundle) == []


def test_districts_abolished_are_one_finding_not_one_per_district(nampo: Dataset) -> None:
    bundle = danvan.period_report(nampo, "2022", by=Level.DISTRICT, units_on=REFORM)
    assert [code for code, _ in _notes(bundle)] == ["DV210"]
