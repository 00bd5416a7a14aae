"""Example: one workbook per commune, merged into one dataset, every finding traced to its cell.

Shows ``read_dataset`` on a folder, the findings of import and validation with
their file, sheet and row, and how a mistake typed in one commune's workbook
is found. The workbooks are made here from the bundled sample, as a district
would receive them: the district's file holds the units, each commune's file
its villages, teams, people and activities.
Run: ``python examples/merge_communes.py [FOLDER]``
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import attrs

import danvan
from danvan import export
from danvan.layout import dataset_bundle
from danvan.model import Dataset, Level


def commune_part(dataset: Dataset, commune_id: str) -> Dataset:
    """What one commune sends: its villages, the teams serving them, their people and work."""
    villages = {u.id for u in dataset.units if u.parent == commune_id}
    teams = {t.id for t in dataset.teams if any(a.village in villages for a in t.villages)}
    memberships = tuple(m for m in dataset.memberships if m.team in teams)
    members = {m.member for m in memberships}
    return Dataset(
        units=tuple(u for u in dataset.units if u.id in villages),
        members=tuple(m for m in dataset.members if m.id in members),
        teams=tuple(t for t in dataset.teams if t.id in teams),
        memberships=memberships,
        activities=tuple(a for a in dataset.activities if a.team in teams),
        catalog=dataset.catalog,
    )


def write_workbooks(folder: Path) -> None:
    sample = danvan.sample()
    district = attrs.evolve(
        sample,
        units=tuple(u for u in sample.units if u.level is not Level.VILLAGE),
        organizations=sample.organizations,
        members=(),
        teams=(),
        memberships=(),
        activities=(),
    )
    export(dataset_bundle(district), folder / "huyen-nam-po.xlsx")
    for commune in sample.units_at(Level.COMMUNE, date(2022, 6, 30)):
        part = commune_part(sample, commune.id)
        if commune.name == "Chà Nưa":
            # Two slips of the kind typed by hand: a negative count, a date after the year.
            first, second = part.activities[-2:]
            slips = (
                attrs.evolve(first, participants=-50),
                attrs.evolve(second, date=date(2032, 8, 25)),
            )
            part = attrs.evolve(part, activities=(*part.activities[:-2], *slips))
        export(dataset_bundle(part), folder / f"xa-{commune.id.removeprefix('xa-')}.xlsx")


def main(folder: str = "bao-cao-cac-xa") -> None:
    where = Path(folder)
    where.mkdir(exist_ok=True)
    write_workbooks(where)
    print("Tệp / files:", ", ".join(sorted(p.name for p in where.glob("*.xlsx"))))

    result = danvan.read_dataset(where)
    dataset = result.dataset
    print(
        f"Đã gộp / merged: {len(dataset.teams)} tổ / teams, "
        f"{len(dataset.activities)} hoạt động / activities"
    )
    report = result.report + danvan.validate(dataset, as_of=date(2022, 12, 31))
    print("Phát hiện / findings:", report.summary("vi"), "/", report.summary("en"))
    for finding in report.filter(min_severity=danvan.Severity.WARNING):
        place = finding.location
        print(
            f"  {finding.code} {Path(place.source or '?').name}, sheet {place.sheet!r}, "
            f"row {place.row}, {place.field}: {finding.message.vi}"
        )


if __name__ == "__main__":
    main(*sys.argv[1:])
