"""Time what a user waits for before any work: importing danvan, the CLI's start, a tiny report.

Each case runs in a fresh interpreter, the cases interleaved round by round so
that a busy machine slows them alike; the median of the rounds is printed. The
target of the "One house" redesign: ``import danvan`` at most 1.3 times the
import of its core dependencies alone (attrs, cattrs, pluggy, python-dateutil,
orjson), and ``danvan --version`` / ``danvan validate data.json`` without
XlsxWriter or python-calamine.

Run: python benchmarks/bench_startup.py [--rounds 15]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import attrs

CORE = "import attrs, cattrs, pluggy, dateutil.relativedelta, orjson"
HEAVY = ("xlsxwriter", "python_calamine")


def _five_teams(folder: Path) -> Path:
    """The sample cut to its first five teams and their work, as a dataset document."""
    import danvan
    from danvan.loading import dataset_to_json

    dataset = danvan.sample()
    teams = {team.id for team in dataset.teams[:5]}
    small = attrs.evolve(
        dataset,
        teams=tuple(t for t in dataset.teams if t.id in teams),
        memberships=tuple(m for m in dataset.memberships if m.team in teams),
        activities=tuple(a for a in dataset.activities if a.team in teams),
        title="Năm tổ / five teams",
    )
    path = folder / "five-teams.json"
    path.write_bytes(dataset_to_json(small))
    return path


def _cases(folder: Path) -> dict[str, list[str]]:
    data = _five_teams(folder)
    python = sys.executable
    danvan_command = [python, "-m", "danvan"]
    heavy = ", ".join(repr(m) for m in HEAVY)
    check = f"import sys; import danvan; print([m for m in ({heavy},) if m in sys.modules])"
    return {
        "core dependencies": [python, "-c", CORE],
        "import danvan": [python, "-c", "import danvan"],
        "danvan --version": [*danvan_command, "--version"],
        "danvan validate (5 teams)": [*danvan_command, "validate", str(data)],
        "danvan report (5 teams)": [
            *danvan_command,
            "report",
            str(data),
            "-o",
            str(folder / "report.xlsx"),
        ],
        "heavy modules after import danvan": [python, "-c", check],
    }


def _time(command: list[str]) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode not in (0, 1):  # validate exits 1 when the data has errors
        raise SystemExit(f"{command} failed: {done.stderr.strip()}")
    return time.perf_counter() - start, done.stdout.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--json", action="store_true", help="print the medians as JSON")
    args = parser.parse_args()
    os.environ.setdefault("DANVAN_DISABLE_PLUGIN_ENTRYPOINTS", "1")
    with tempfile.TemporaryDirectory() as name:
        cases = _cases(Path(name))
        times: dict[str, list[float]] = {case: [] for case in cases}
        heavy_seen = ""
        for _ in range(args.rounds):
            for case, command in cases.items():
                elapsed, out = _time(command)
                times[case].append(elapsed)
                if case.startswith("heavy"):
                    heavy_seen = out
    medians = {case: statistics.median(values) for case, values in times.items()}
    ratio = medians["import danvan"] / medians["core dependencies"]
    if args.json:
        print(json.dumps({**medians, "import ratio": ratio, "heavy": heavy_seen}, indent=2))
        return
    for case, median in medians.items():
        if not case.startswith("heavy"):
            print(f"{case:<28} {median * 1000:7.0f} ms (median of {args.rounds})")
    print(f"{'import danvan / core':<28} {ratio:7.2f}x (target: at most 1.3x)")
    print(f"{'heavy modules after import':<28} {heavy_seen}")


if __name__ == "__main__":
    main()
