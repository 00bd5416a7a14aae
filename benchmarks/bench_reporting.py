"""Time the reports a province owes in a year and their rates rolled up the hierarchy.

The synthetic province (1,900 villages, each with a team) owes 22,800 monthly reports in
2022; each team sends most months, some late, some twice, some through its commune.
The same counts as the reporting measure of `summarize` (which works out the reports owed
itself), by the same four groupings.
Run: python benchmarks/bench_reporting.py
"""

from __future__ import annotations

import datetime as dt
import random
import sys
import time
from pathlib import Path

import attrs

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import make_dataset

from danvan.aggregate import summarize
from danvan.model import Level, Submission
from danvan.periods import Period
from danvan.reporting import ReportingSettings, expected_reports, reporting_rates


def _submissions(teams: list[str], communes: list[str], rng: random.Random) -> list[Submission]:
    found = []
    for month in range(1, 13):
        start = dt.date(2022, month, 1)
        end = (start + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
        for reporter in [t for t in teams if rng.random() < 0.9] + rng.sample(communes, 5):
            for _ in range(1 + (rng.random() < 0.05)):
                received = end + dt.timedelta(days=rng.randint(1, 15))
                found.append(
                    Submission(f"nop-{len(found)}", reporter, start, end, received=received)
                )
    return found


def main() -> None:
    rng = random.Random(2022)
    dataset = make_dataset(10_000)
    communes = [u.id for u in dataset.units if u.level is Level.COMMUNE]
    sent = _submissions([t.id for t in dataset.teams], communes, rng)
    dataset = attrs.evolve(dataset, submissions=tuple(sent))
    clock = time.perf_counter()
    reports = expected_reports(dataset, Period.of_year(2022), today=dt.date(2023, 2, 1))
    owed = time.perf_counter() - clock
    clock = time.perf_counter()
    for by in ("team", Level.COMMUNE, Level.DISTRICT, Level.PROVINCE):
        reporting_rates(dataset, reports, by=by)
    rolled = time.perf_counter() - clock
    clock = time.perf_counter()
    seen = ReportingSettings(today=dt.date(2023, 2, 1))
    for by in ("team", Level.COMMUNE, Level.DISTRICT, Level.PROVINCE):
        summarize(dataset, "2022", by=by, measures=["reporting"], reporting=seen)
    measured = time.perf_counter() - clock
    print(
        f"{len(dataset.teams):,} teams, {len(sent):,} submissions: {len(reports):,} reports owed "
        f"in {owed:.2f} s; rates by team, commune, district and province in {rolled:.2f} s; "
        f"the four summaries with the reporting measure in {measured:.2f} s"
    )


if __name__ == "__main__":
    main()
