"""Time bucketing 1,000,000 activity dates into reporting months (month_key vs month_of).

Run: python benchmarks/bench_month_key.py
"""

from __future__ import annotations

import datetime as dt
import random
import timeit
from collections import Counter
from collections.abc import Callable, Hashable

from danvan.periods import ReportingCalendar

COUNT = 1_000_000


def seconds_to_bucket(key: Callable[[dt.date], Hashable], days: list[dt.date]) -> float:
    return timeit.timeit(lambda: Counter(map(key, days)), number=1)


def main() -> None:
    rng = random.Random(2022)
    first = dt.date(2015, 1, 1).toordinal()
    last = dt.date(2025, 12, 31).toordinal()
    days = [dt.date.fromordinal(rng.randint(first, last)) for _ in range(COUNT)]
    for cutoff in (1, 15):
        calendar = ReportingCalendar(cutoff)
        fast = seconds_to_bucket(calendar.month_key, days)
        slow = seconds_to_bucket(calendar.month_of, days)
        print(
            f"cutoff {cutoff:2d}: month_key {fast:.2f} s, month_of {slow:.2f} s for {COUNT:,} dates"
        )


if __name__ == "__main__":
    main()
