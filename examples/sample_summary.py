"""Load the bundled Nậm Pồ 2022 sample and print what it holds.

Shows: ``danvan.sample()``, the ``Dataset`` look-ups, and money in whole đồng.
Run: ``python examples/sample_summary.py``
"""

from __future__ import annotations

from collections import Counter
from datetime import date

from danvan.bundled import sample
from danvan.model import FundingSource, Level


def main() -> None:
    dataset = sample()
    mid_year = date(2022, 6, 30)
    print(dataset.title)
    print(
        f"Đơn vị / units: {len(dataset.units)}, tổ / teams: {len(dataset.teams)}, "
        f"thành viên / members: {len(dataset.members)}, hoạt động / activities: "
        f"{len(dataset.activities)}"
    )
    for village in dataset.units_at(Level.VILLAGE, mid_year):
        commune = dataset.ancestor_at(village.id, Level.COMMUNE)
        team = dataset.team_for_village(village.id, mid_year)
        leader = dataset.leader(team.id, mid_year) if team else None
        done = sum(1 for a in dataset.activities if team and a.team == team.id)
        print(
            f"- bản {village.name}, xã {commune.name if commune else '?'}: "
            f"{done} hoạt động; tổ trưởng: {leader.full_name if leader else '?'}"
        )
    by_type = Counter(a.type for a in dataset.activities)
    for code, count in by_type.most_common():
        kind = dataset.catalog.activity_type(code)
        print(f"  {count:3d} × {kind.label.get('vi') if kind else code}")
    mobilised = sum(
        f.amount for a in dataset.activities for f in a.funding if f.source is FundingSource.SOCIETY
    )
    print(f"Xã hội hóa / mobilised from society: {mobilised:,} đồng".replace(",", "."))


if __name__ == "__main__":
    main()
