"""Districts ended on 1 July 2025: a summary or report by district on a later day says so."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import attrs
from click.testing import CliRunner

import danvan
from danvan.aggregate import level_abolished
from danvan.bundled import bundled_registry
from danvan.cli import main
from danvan.model import AdminUnit, Dataset, Level
from danvan.registry import UnitRegistry
from danvan.reports import NOTES_TABLE, report_notes

REFORM = date(2025, 7, 1)


def test_a_summary_by_district_on_1_july_2025_says_districts_were_abolished(
    nampo: Dataset,
) -> None:
    then = danvan.summarize(nampo, "2022", by=Level.DISTRICT)
    now = danvan.summarize(nampo, "2022", by=Level.DISTRICT, units_on=REFORM)
    assert then.abolished is None
    assert now.abolished == REFORM
    # The former district keeps the activities: none is lost, none is invented.
    assert [(r.name, r.code, r.activities) for r in now.rows] == [
        (r.name, r.code, r.activities) for r in then.rows
    ]


def test_the_day_comes_from_the_units_not_from_a_date_in_the_code(nampo: Dataset) -> None:
    assert level_abolished(nampo, Level.DISTRICT, date(2025, 6, 30)) is None
    assert level_abolished(nampo, Level.DISTRICT, REFORM) == REFORM
    assert level_abolished(nampo, Level.COMMUNE, REFORM, bundled_registry()) is None
    # A district whose validity the data leaves open is still a district …
    district = next(u for u in nampo.units if u.level is Level.DISTRICT)
    open_ended = attrs.evolve(district, valid_until=None)
    units = tuple(open_ended if u is district else u for u in nampo.units)
    reopened = attrs.evolve(nampo, units=units)
    assert level_abolished(reopened, Level.DISTRICT, REFORM) is None
    # … unless the registry knows that it ended.
    assert level_abolished(reopened, Level.DISTRICT, REFORM, bundled_registry()) == REFORM


def test_a_level_that_ends_later_in_the_data_ends_then() -> None:
    province = AdminUnit("p", "Tỉnh mẫu", Level.PROVINCE, code="99")
    district = AdminUnit("d", "Huyện mẫu", Level.DISTRICT, "p", "999", None, date(2030, 3, 31))
    dataset = Dataset(units=(province, district))
    assert level_abolished(dataset, Level.DISTRICT, REFORM, UnitRegistry()) is None
    assert level_abolished(dataset, Level.DISTRICT, date(2030, 4, 1)) == date(2030, 4, 1)


def test_the_report_bundle_carries_the_finding(nampo: Dataset) -> None:
    bundle = danvan.period_report(nampo, "2022", by=Level.DISTRICT, units_on=REFORM)
    notes = bundle.table(NOTES_TABLE)
    codes = [row[0] for row in notes.iter_rows()]
    assert codes == ["DV210"]
    assert "bãi bỏ" in bundle.table("by_district").title.vi
    [message] = report_notes(bundle)
    assert "01/07/2025" in message.vi
    assert "districts were abolished on 2025-07-01" in message.en


def test_a_report_while_districts_existed_has_no_note(nampo: Dataset) -> None:
    bundle = danvan.period_report(nampo, "2022", by=Level.DISTRICT)
    assert NOTES_TABLE not in [table.name for table in bundle.tables]
    assert report_notes(bundle) == []
    by_commune = danvan.period_report(nampo, "2022", units_on=REFORM)
    assert report_notes(by_commune) == []


def test_the_command_line_prints_one_warning_line(tmp_path: Path) -> None:
    output = tmp_path / "x.xlsx"
    args = ["report", "--by", "district", "--units-on", "01/07/2025", "-o", str(output)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if "warning" in line]
    assert len(warnings) == 1
    assert warnings[0].startswith("Cảnh báo / warning: Ngày 01/07/2025 không còn cấp huyện")
    assert "No district exists on 2025-07-01" in warnings[0]
    assert output.exists()


def test_no_warning_while_districts_existed(tmp_path: Path) -> None:
    output = tmp_path / "x.xlsx"
    result = CliRunner().invoke(main, ["report", "--by", "district", "-o", str(output)])
    assert result.exit_code == 0, result.output
    assert "Cảnh báo / warning" not in result.output
