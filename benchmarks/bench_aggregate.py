"""Time `summarize(by=commune, per=(month, type))` against a hand-written accumulator and pandas.

All three read the same Activity objects of `make_dataset(n)` (built untimed) and
compute, per commune x calendar month x activity type of 2022: activities,
participants, households, every indicator with its own aggregation (sum, count,
max, latest), money by funding source, the villages with an activity, and the
(team, month) pairs with a monthly meeting. The hand-written loop is what one
would write for exactly this query: a village -> commune dict made beforehand,
(year, month) from the date, a list per tuple key. pandas (if installed) builds
a DataFrame from the objects and groups it; it computes only the additive columns
(activities, participants, households, money by source), so it does less work.

summarize does more than both: it also fills zero rows, counts villages with a
team, meetings expected and members, and builds row objects.

Run: python benchmarks/bench_aggregate.py [--n 1000000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import gc
import statistics
import time
from collections.abc import Callable
from datetime import date
from typing import Any

from synthetic import make_dataset

from danvan.aggregate import summarize
from danvan.model import Aggregation, Dataset, FundingSource, Level, Status


def hand_written(dataset: Dataset) -> dict[tuple[Any, ...], list[Any]]:
    """The single-pass dict accumulator a programmer writes for this one query (locals only)."""
    commune_of = {}
    for unit in dataset.units:
        if unit.level is Level.VILLAGE:
            parent = dataset.ancestor_at(unit.id, Level.COMMUNE)
            commune_of[unit.id] = parent.id if parent is not None else None
    sources = {source: 4 + i for i, source in enumerate(FundingSource)}
    slots: dict[str, tuple[int, Aggregation]] = {}
    start = [0, 0, 0, None, 0, 0, 0]
    for indicator in dataset.catalog.indicators:
        slots[indicator.code] = (len(start), indicator.aggregation)
        start += [None, None] if indicator.aggregation is Aggregation.LAST else [0]
    meeting_types = dataset.catalog.meeting_types
    first, last = date(2022, 1, 1), date(2022, 12, 31)
    done = Status.DONE
    sum_, count, max_ = Aggregation.SUM, Aggregation.COUNT, Aggregation.MAX
    table: dict[tuple[Any, ...], list[Any]] = {}
    meetings: set[tuple[str, tuple[int, int]]] = set()
    for a in dataset.activities:
        d = a.date
        if a.status is not done or d < first or d > last:
            continue
        commune = commune_of.get(a.village)
        if commune is None:
            continue
        month = (d.year, d.month)
        key = (commune, month, a.type)
        acc = table.get(key)
        if acc is None:
            acc = table[key] = start.copy()
            acc[3] = set()
        acc[0] += 1
        participants, households = a.participants, a.households
        if participants:
            acc[1] += participants
        if households:
            acc[2] += households
        acc[3].add(a.village)
        for f in a.funding:
            acc[sources[f.source]] += f.amount
        for q in a.quantities:
            spec = slots.get(q.indicator)
            if spec is None:
                continue
            slot, aggregation = spec
            if aggregation is sum_:
                acc[slot] += q.value
            elif aggregation is count:
                acc[slot] += 1
            elif aggregation is max_:
                if acc[slot] is None or q.value > acc[slot]:
                    acc[slot] = q.value
            elif acc[slot + 1] is None or d >= acc[slot + 1]:
                acc[slot], acc[slot + 1] = q.value, d
        if a.type in meeting_types:
            meetings.add((a.team, month))
    return table


def with_pandas(dataset: Dataset) -> Any:
    """Build a DataFrame from the objects, then group it (additive columns only)."""
    import pandas as pd

    commune_of = {
        u.id: parent.id
        for u in dataset.units
        if u.level is Level.VILLAGE
        and (parent := dataset.ancestor_at(u.id, Level.COMMUNE)) is not None
    }
    done = Status.DONE
    records = []
    for a in dataset.activities:
        if a.status is not done:
            continue
        money = dict.fromkeys(FundingSource, 0)
        for f in a.funding:
            money[f.source] += f.amount
        records.append(
            (
                commune_of.get(a.village),
                a.date,
                a.type,
                a.participants or 0,
                a.households or 0,
                *money.values(),
            )
        )
    frame = pd.DataFrame.from_records(
        records,
        columns=["commune", "date", "type", "participants", "households", "m0", "m1", "m2"],
    )
    frame["date"] = pd.to_datetime(frame["date"])
    frame = frame[(frame["date"] >= "2022-01-01") & (frame["date"] <= "2022-12-31")]
    frame["month"] = frame["date"].dt.to_period("M")
    grouped = frame.groupby(["commune", "month", "type"], observed=True)
    return grouped.agg(
        activities=("participants", "size"),
        participants=("participants", "sum"),
        households=("households", "sum"),
        m0=("m0", "sum"),
        m1=("m1", "sum"),
        m2=("m2", "sum"),
    )


def seconds(run: Callable[[], object]) -> float:
    gc.collect()  # every contender starts from the same heap
    started = time.perf_counter()
    run()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=1_000_000, help="number of activities")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    dataset = make_dataset(args.n)

    def ours() -> object:
        return summarize(dataset, "2022", by=Level.COMMUNE, per=("month", "type"))

    check = summarize(dataset, "2022", by=Level.COMMUNE, per=("month", "type"))
    reference = hand_written(dataset)
    assert sum(r.activities for r in check.rows) == sum(acc[0] for acc in reference.values())
    assert sum(r.money_total for r in check.rows) == sum(
        sum(acc[4:7]) for acc in reference.values()
    )

    contenders: dict[str, Callable[[], object]] = {
        "hand-written accumulator": lambda: hand_written(dataset),
        "danvan.summarize": ours,
    }
    try:
        import pandas

        contenders[f"pandas {pandas.__version__} (build + groupby)"] = lambda: with_pandas(dataset)
    except ImportError:
        print("pandas is not installed: skipped")
    # Interleaved rounds, so that every contender meets the same machine load.
    times: dict[str, list[float]] = {name: [] for name in contenders}
    for _ in range(args.repeat):
        for name, run in contenders.items():
            times[name].append(seconds(run))
    results = [(name, statistics.median(values)) for name, values in times.items()]
    baseline = results[0][1]
    print(f"{args.n:,} activities, commune x month x type, median of {args.repeat}:")
    for name, median in results:
        print(f"  {name:<40} {median:6.2f} s  {median / baseline:5.2f}x")
    print(f"  rows from summarize: {len(check.rows):,}")


if __name__ == "__main__":
    main()
