"""Time what a user waits for before any work: importing danvan, the CLI's start, a tiny report.

Each case runs in a fresh interpreter, the cases interleaved round by round so
that a busy machine slows them alike; the median and the spread (min-max) of
the rounds are printed, of the wall-clock time and of the CPU time (user +
system) of the child, which a machine shared with other work disturbs less.

The target of the "One house" redesign: ``import danvan`` at most 1.3 times
the import of its core dependencies alone (attrs, cattrs, pluggy,
python-dateutil, orjson), and ``danvan --version`` / ``danvan validate
data.json`` without XlsxWriter or python-calamine.

Bytecode: an installed package has its ``.pyc`` files, so by default the
children write and read theirs in a private cache (``PYTHONPYCACHEPREFIX`` in a
temporary folder, after one warm-up round that is not counted), whatever
``PYTHONDONTWRITEBYTECODE`` says here. ``--no-bytecode-cache`` measures the
other case: danvan compiled from source at every start.

``--baseline SRC`` runs every case a second time with another checkout's
``src`` folder first on ``PYTHONPATH`` (say, main before a change), interleaved
with this one, so that a before/after comparison shares the machine's mood.
The five teams are written twice: plain (units, people, teams, memberships and
activities, the record kinds every danvan since 105d2b6 reads, so both trees
do the same work) and as the sample has them, with their submissions, targets
and figures (the report then counts reporting rates in working days); the
second case runs for this checkout only, and a case that fails in either tree
stops the run rather than timing an error.

Run: python benchmarks/bench_startup.py [--rounds 7] [--no-bytecode-cache] [--baseline SRC]
[--json]
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
import orjson

import danvan

try:
    import resource
except ImportError:  # not on Windows: the CPU column stays empty
    resource = None  # type: ignore[assignment]

CORE = "import attrs, cattrs, pluggy, dateutil.relativedelta, orjson"
HEAVY = ("xlsxwriter", "python_calamine")
FIRST_USE = (
    "import sys, danvan; "
    "result = danvan.read_dataset(sys.argv[1]); "
    "danvan.summarize(result.dataset, '2022')"
)


#: The record kinds a dataset document had at 105d2b6, before the redesign: the plain file
#: keeps only these (and the bundled catalogue), so that a baseline reads it as well.
PLAIN_KINDS = (
    "format",
    "title",
    "units",
    "organizations",
    "members",
    "teams",
    "memberships",
    "activities",
)
#: Cases timed for this checkout only: their data has record kinds an older tree refuses.
THIS_TREE_ONLY = ("danvan report (5 teams, submissions)",)


def _five_teams(folder: Path) -> tuple[Path, Path]:
    """The sample cut to its first five teams and their work: plain, and as the sample has it."""
    dataset = danvan.sample()
    teams = {team.id for team in dataset.teams[:5]}
    small = attrs.evolve(
        dataset,
        teams=tuple(t for t in dataset.teams if t.id in teams),
        memberships=tuple(m for m in dataset.memberships if m.team in teams),
        activities=tuple(a for a in dataset.activities if a.team in teams),
        submissions=tuple(s for s in dataset.submissions if s.reporter in teams),
        title="Năm tổ / five teams",
    )
    document = danvan.dataset_to_json(small)
    full = folder / "five-teams.json"
    full.write_bytes(document)
    plain = folder / "five-teams-plain.json"
    kept = {key: value for key, value in orjson.loads(document).items() if key in PLAIN_KINDS}
    plain.write_bytes(orjson.dumps(kept))
    return plain, full


def _cases(folder: Path) -> dict[str, list[str]]:
    data, with_submissions = _five_teams(folder)
    python = sys.executable
    danvan_command = [python, "-m", "danvan"]
    heavy = ", ".join(repr(m) for m in HEAVY)
    check = f"import sys; import danvan; print([m for m in ({heavy},) if m in sys.modules])"
    return {
        "core dependencies": [python, "-c", CORE],
        "import danvan": [python, "-c", "import danvan"],
        "+ read_dataset, summarize": [python, "-c", FIRST_USE, str(data)],
        "danvan --version": [*danvan_command, "--version"],
        "danvan --help": [*danvan_command, "--help"],
        "danvan validate (5 teams)": [*danvan_command, "validate", str(data)],
        "danvan report (5 teams)": [
            *danvan_command,
            "report",
            str(data),
            "-o",
            str(folder / "report.xlsx"),
        ],
        "danvan report (5 teams, submissions)": [
            *danvan_command,
            "report",
            str(with_submissions),
            "-o",
            str(folder / "report-submissions.xlsx"),
        ],
        "heavy modules after import danvan": [python, "-c", check],
    }


def _environment(folder: Path, bytecode_cache: bool, source: str | None) -> dict[str, str]:
    environment = dict(os.environ)
    if source is not None:
        environment["PYTHONPATH"] = os.pathsep.join(
            filter(None, (source, environment.get("PYTHONPATH")))
        )
    environment.setdefault("DANVAN_DISABLE_PLUGIN_ENTRYPOINTS", "1")
    if bytecode_cache:
        environment.pop("PYTHONDONTWRITEBYTECODE", None)
        environment["PYTHONPYCACHEPREFIX"] = str(folder / "pycache")
    else:
        environment["PYTHONDONTWRITEBYTECODE"] = "1"
        environment.pop("PYTHONPYCACHEPREFIX", None)
    return environment


def _check_imports_from(source: str, environment: dict[str, str]) -> None:
    """Refuse a baseline that PYTHONPATH cannot reach: an editable install of this checkout
    puts its own finder before ``sys.path``, and the "baseline" would time this tree again."""
    probe = [sys.executable, "-c", "import danvan; print(danvan.__file__)"]
    found = subprocess.run(probe, capture_output=True, text=True, env=environment, check=False)
    if not found.stdout.strip().startswith(str(Path(source).resolve())):
        raise SystemExit(
            f"--baseline {source}: this interpreter imports danvan from {found.stdout.strip()!r}, "
            "not from the baseline (an editable install wins over PYTHONPATH); run the script "
            "once with each tree's own interpreter instead"
        )


def _children_cpu() -> float:
    if resource is None:
        return float("nan")
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _time(command: list[str], environment: dict[str, str]) -> tuple[float, float, str]:
    """Wall-clock and CPU seconds of ``command``, and what it printed."""
    cpu, start = _children_cpu(), time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False, env=environment)
    elapsed, used = time.perf_counter() - start, _children_cpu() - cpu
    if done.returncode != 0:
        raise SystemExit(f"{command} failed: {done.stderr.strip() or done.stdout.strip()}")
    return elapsed, used, done.stdout.strip()


Times = dict[str, list[tuple[float, float]]]  # case -> (wall, cpu) of each round


def _measure(
    rounds: int, bytecode_cache: bool, baseline: str | None
) -> tuple[dict[str, Times], dict[str, str]]:
    """Each tree's times per case (this one is "", the baseline "baseline") and heavy modules."""
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        cases = _cases(folder)
        trees = {"": _environment(folder, bytecode_cache, None)}
        if baseline is not None:
            trees["baseline"] = _environment(folder, bytecode_cache, baseline)
            _check_imports_from(baseline, trees["baseline"])
        if bytecode_cache:  # the warm-up round writes the cache
            for tree, environment in trees.items():
                for case, command in cases.items():
                    if tree == "" or case not in THIS_TREE_ONLY:
                        _time(command, environment)
        times: dict[str, Times] = {tree: {case: [] for case in cases} for tree in trees}
        heavy_seen = dict.fromkeys(trees, "")
        for _ in range(rounds):
            for case, command in cases.items():
                for tree, environment in trees.items():
                    if tree != "" and case in THIS_TREE_ONLY:
                        continue
                    elapsed, used, out = _time(command, environment)
                    times[tree][case].append((elapsed, used))
                    if case.startswith("heavy"):
                        heavy_seen[tree] = out
    return times, heavy_seen


def _figures(values: list[float]) -> dict[str, float]:
    return {"median": statistics.median(values), "min": min(values), "max": max(values)}


def _cell(figures: dict[str, float]) -> str:
    ms = {key: value * 1000 for key, value in figures.items()}
    return f"{ms['median']:5.0f} ({ms['min']:.0f}-{ms['max']:.0f})"


def _report(label: str, times: Times, heavy_seen: str, echo: bool) -> dict[str, object]:
    """One tree's figures, its table printed when ``echo``."""
    timed = {
        case: rounds for case, rounds in times.items() if rounds and not case.startswith("heavy")
    }
    figures = {
        case: {
            "wall": _figures([wall for wall, _ in rounds]),
            "cpu": _figures([cpu for _, cpu in rounds]),
        }
        for case, rounds in timed.items()
    }
    ratios = {
        kind: figures["import danvan"][kind]["median"]
        / figures["core dependencies"][kind]["median"]
        for kind in ("wall", "cpu")
    }
    if echo:
        if label:
            print(f"-- {label}")
        print(f"{'':<38} {'wall':<17} cpu")
        for case, figure in figures.items():
            print(f"{case:<38} {_cell(figure['wall']):<17} {_cell(figure['cpu'])}")
        print(
            f"{'import danvan / core':<38} {ratios['wall']:5.2f}x wall, {ratios['cpu']:.2f}x cpu "
            "(target: at most 1.3x)"
        )
        print(f"{'heavy modules after import':<38} {heavy_seen}")
    return {**figures, "import ratio": ratios, "heavy": heavy_seen}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument(
        "--no-bytecode-cache",
        dest="bytecode_cache",
        action="store_false",
        help="compile danvan from source at every start (PYTHONDONTWRITEBYTECODE=1)",
    )
    parser.add_argument(
        "--baseline", metavar="SRC", help="also time another checkout's src folder, interleaved"
    )
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    times, heavy_seen = _measure(args.rounds, args.bytecode_cache, args.baseline)
    cache = "with" if args.bytecode_cache else "without"
    if not args.json:
        print(f"{args.rounds} rounds, {cache} a bytecode cache; median (min-max) in ms")
    labels = {"": "this checkout" if args.baseline else "", "baseline": f"{args.baseline}"}
    figures = {
        tree: _report(labels[tree], tree_times, heavy_seen[tree], echo=not args.json)
        for tree, tree_times in times.items()
    }
    if args.json:
        print(json.dumps(figures if args.baseline else figures[""], indent=2))


if __name__ == "__main__":
    main()
