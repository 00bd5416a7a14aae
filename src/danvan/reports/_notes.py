"""The report's own findings (a level abolished, a unit it cannot place): the notes table."""

from __future__ import annotations

import datetime as dt
from typing import Final

import attrs

from danvan.aggregate import (
    Summary,
)
from danvan.findings import Location, ValidationReport, codes, make_finding
from danvan.labels import Label
from danvan.model import Level
from danvan.tables import Bundle, Table

NOTES_TABLE: Final = "report_notes"
"""The table of a bundle that holds the report's own findings (a level abolished …)."""


def notes_table(by_unit: Summary, units_on: dt.date | None) -> Table | None:
    """The report's own findings (`NOTES_TABLE`), known from the units' validity and the
    registry, not from a date written here: a level grouped by that no longer exists
    (DV210, `Summary.abolished`), a unit kept as a row though it could not be placed among
    the units of the day (DV211, `Summary.not_placed`)."""
    abolished, by = by_unit.abolished, by_unit.by
    day = units_on or by_unit.calendar.bounds(by_unit.period).end
    findings = []
    if abolished is not None and isinstance(by, Level):
        findings.append(
            make_finding(
                codes.LEVEL_ABOLISHED,
                day=day,
                level_vi=by.label.vi.lower(),
                level_en=by.label.en.lower(),
                abolished=abolished,
                last_day=abolished - dt.timedelta(days=1),
            )
        )
    for kept in by_unit.not_placed:
        unit = kept.unit
        findings.append(
            make_finding(
                codes.UNIT_NOT_PLACED,
                Location.of("unit", unit.id, unit.provenance, field="code"),
                unit=unit.name,
                unit_code=unit.code or "—",
                level_vi=unit.level.label.vi.lower(),
                level_en=unit.level.label.en.lower(),
                day=day,
                reason_vi=kept.reason.vi,
                reason_en=kept.reason.en,
            )
        )
    if not findings:
        return None
    table = ValidationReport.of(findings).to_table(NOTES_TABLE)
    return attrs.evolve(table, title=Label("Ghi chú của báo cáo", "Report notes"))


def report_notes(bundle: Bundle) -> list[Label]:
    """The messages of a bundle's own findings (`NOTES_TABLE`), for a command line to print.

    Empty when the bundle has none, or was not made by `period_report`.
    """
    table = next((t for t in bundle.tables if t.name == NOTES_TABLE), None)
    if table is None:
        return []
    names = [column.name for column in table.columns]
    vi, en = names.index("message_vi"), names.index("message_en")
    return [Label(str(row[vi]), str(row[en])) for row in table.iter_rows()]
