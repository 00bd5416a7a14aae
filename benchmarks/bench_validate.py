"""Time validation of the synthetic province: the whole run (median of 3) and each rule.

Building the dataset is not timed. Run:
``python benchmarks/bench_validate.py --n 1000000``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import make_dataset

from danvan import validate
from danvan.plugins import registered_rules
from danvan.rules import ValidationContext, run_rule


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=1_000_000, help="number of activities")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    as_of = date(2022, 12, 31)

    started = time.perf_counter()
    dataset = make_dataset(args.n)
    print(f"built {args.n:,} activities in {time.perf_counter() - started:.1f} s (not timed)")

    runs = []
    for _ in range(args.repeat):
        started = time.perf_counter()
        report = validate(dataset, as_of=as_of)
        runs.append(time.perf_counter() - started)
    print(f"validate: median {statistics.median(runs):.2f} s of {args.repeat} runs")
    print(f"findings: {report.summary('en')}")

    context = ValidationContext(dataset, as_of=as_of)
    print("per rule (one run, shared indexes built by the first rule that needs them):")
    for checker in registered_rules():
        started = time.perf_counter()
        found = sum(1 for _ in run_rule(checker, context))
        elapsed = time.perf_counter() - started
        print(f"  {checker.name:<22} {elapsed:6.2f} s  {found:>8,} findings")


if __name__ == "__main__":
    main()
