"""Example: the 2022 year-end report of the bundled Nậm Pồ sample, as an Excel workbook.

Shows the whole job in a few lines: load, validate, grade the teams, export.
Run: ``python examples/annual_report.py [OUTPUT.xlsx]``
"""

from __future__ import annotations

import sys
from datetime import date

import danvan
from danvan import export


def main(output: str = "nampo-2022.xlsx") -> None:
    dataset = danvan.sample()
    report = danvan.validate(dataset, as_of=date(2022, 12, 31))
    print(dataset.title)
    print("Kiểm tra / validation:", report.summary("vi"), "/", report.summary("en"))

    for result in danvan.classify(dataset, "2022"):
        team = dataset.team(result.team)
        print(
            f"  {team.name if team else result.team}: {result.grade.label} "
            f"({result.points:g} điểm / points)"
        )

    bundle = danvan.annual_report(dataset, 2022, findings=report.to_table())
    export(bundle, output)
    print("Đã ghi / written:", output)


if __name__ == "__main__":
    main(*sys.argv[1:])
