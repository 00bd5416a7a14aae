"""CPU time of ``load_lines``: the loading of activities as JSON lines, alone.

The end-to-end stage of ``run.py`` is mostly this load; its wall time swings
with the machine's other work, the process's CPU time much less. The lines
come from ``synthetic.py`` (seeded); the collector is paused as the command
line pauses it; the best and the median of ``--runs`` loads are printed.

    python benchmarks/bench_lines.py --n 200000 --runs 5 --data /tmp/danvan-lines
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import ACTIVITIES, SETTING, write_inputs

import danvan


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200_000, help="activities (lines)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--data", type=Path, default=Path("/tmp/danvan-lines"))
    args = parser.parse_args()
    write_inputs(args.data, args.n)
    setting = (args.data / SETTING).read_bytes()
    times = []
    for _ in range(args.runs):
        with open(args.data / ACTIVITIES, "rb") as lines, danvan.collector_paused():
            start = time.process_time()
            dataset, report = danvan.load_lines(setting, lines, source=ACTIVITIES)
            times.append(time.process_time() - start)
        assert dataset is not None, report.summary("en")
    print(
        f"load_lines, {args.n:,} lines: best {min(times):.3f} s, "
        f"median {statistics.median(times):.3f} s of CPU ({args.runs} runs)"
    )


if __name__ == "__main__":
    main()
