"""The long fuzz of an importer: mutated real files for minutes, native crashes and hangs caught.

The in-suite test (``tests/test_fuzz_importers.py``) tries a few hundred
inputs per importer in the test process. This script runs for as long as it is
given, and survives what a test process cannot: each input is read in a child
process (in-process there, no subprocess per input) that a parent watches. When
the child dies (a native abort, a memory limit) or stops answering (a hang),
the parent saves the input it was reading under ``--out`` and starts a new
child; Python failures the child records itself and goes on.

Inputs come from ``danvan.testing.fuzz`` (the small sample in the importer's
format, mutated where the format has structure). The engine is atheris
(coverage-guided, libFuzzer) when it is installed (``pip install atheris``, or
the ``fuzz`` extra), otherwise a seeded random loop that keeps the inputs
which gave new findings and mutates them further.

    python benchmarks/fuzz.py --importer xlsx --seconds 600 --out /tmp/fuzz
    python benchmarks/fuzz.py --importer all --seconds 1200 --out /tmp/fuzz --engine random
    python benchmarks/fuzz.py --importer xlsx --replay /tmp/fuzz/failures/xlsx-SIGABRT-....input

Failures are saved as ``OUT/failures/<importer>-<kind>-<hash>.input`` (a
folder input as the zip of its files), with a ``.txt`` beside saying what
happened; ``--replay`` reads one back in this process and shows the traceback.
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import json
import os
import random
import re
import resource
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path
from typing import Any

FORMATS = ("json-document", "json-tables", "csv", "datapackage-zip", "datapackage-folder", "xlsx")


def _save(out: Path, fmt: str, kind: str, data: bytes, detail: str) -> Path:
    """Keep an input that failed, named by importer, kind and content hash."""
    folder = out / "failures"
    folder.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256(data).hexdigest()[:12]
    path = folder / f"{fmt}-{kind}-{digest}.input"
    path.write_bytes(data)
    path.with_suffix(".txt").write_text(detail + "\n", encoding="utf-8")
    return path


def _failure_key(error: BaseException) -> str:
    """Exception type and its innermost frame in danvan (else the innermost of all)."""
    frames = traceback.extract_tb(error.__traceback__)
    ours = [f for f in frames if f"{os.sep}danvan{os.sep}" in f.filename] or frames
    where = f"{Path(ours[-1].filename).name}:{ours[-1].lineno}" if ours else "?"
    return f"{type(error).__name__}@{where}"


# The child: reads inputs in this process, one line to the parent for each.


class Child:
    """One child's state: what it reports to the parent through standard output."""

    def __init__(self, fmt: str, out: Path, hazards: bool, empty_is_a_finding: bool) -> None:
        from danvan.testing import fuzz

        self.fuzz, self.fmt, self.out, self.hazards = fuzz, fmt, out, hazards
        self.empty_is_a_finding = empty_is_a_finding
        self.current = out / ".current"
        self.slowest = 0.0
        self.tried = 0
        self.seen: set[str] = set()
        self.codes: set[frozenset[str]] = set()

    def run_one(self, data: bytes) -> frozenset[str] | None:
        """Read one input; report its time and the peak memory so far, or its failure."""
        self.current.write_bytes(data)
        codes: frozenset[str] | None = None
        started = time.perf_counter()
        with tempfile.TemporaryDirectory(dir=self.out, prefix=".input-") as tmp:
            try:
                path = self.fuzz.materialise(data, self.fmt, Path(tmp))
                result = self.fuzz.check_contract(path, empty_is_a_finding=self.empty_is_a_finding)
                if result is not None:
                    codes = frozenset(f.code for f in result.report.findings)
            except Exception as error:
                self.failed(data, error)
        elapsed = time.perf_counter() - started
        self.current.unlink()  # a death from here on is not this input's
        # Reading pauses the collector and leaves its cycles to the oldest generation;
        # collected here now and then, so that the peak memory is not the sum of many inputs.
        self.tried += 1
        if self.tried % 20 == 0:
            gc.collect()
        if elapsed > self.slowest:
            self.slowest = elapsed
            (self.out / f".slowest-{os.getpid()}").write_bytes(data)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        print(f"ok {elapsed:.6f} {peak} {len(data)}", flush=True)
        return codes

    def failed(self, data: bytes, error: Exception) -> None:
        key = _failure_key(error)
        detail = "".join(traceback.format_exception(error))
        path = self.out / "failures" / "none"
        if key not in self.seen:
            self.seen.add(key)
            path = _save(self.out, self.fmt, type(error).__name__, data, detail)
        print("fail " + json.dumps({"key": key, "file": str(path)}), flush=True)


def child_random(child: Child, seed: int, until: float) -> None:
    """A seeded loop: mutate a seed, or an earlier input that gave a new set of findings."""
    rng = random.Random(seed)
    pool = list(child.fuzz.seeds(child.fmt))
    while time.time() < until:
        parent = rng.choice(pool[-200:]) if rng.random() < 0.4 else rng.choice(pool[:3])
        data = child.fuzz.mutate(parent, child.fmt, rng, hazards=child.hazards)
        codes = child.run_one(data)
        if codes is not None and codes not in child.codes and len(data) <= 1 << 20:
            child.codes.add(codes)
            pool.append(data)


def child_atheris(child: Child, seed: int, until: float, memory_mb: int, timeout: float) -> None:
    """libFuzzer through atheris: coverage of danvan guides a structure-aware mutator."""
    import atheris

    first = child.fuzz.seeds(child.fmt)

    def mutator(data: bytes, max_size: int, mutation_seed: int) -> bytes:
        rng = random.Random(mutation_seed)
        start = data if data and rng.random() < 0.7 else rng.choice(first)
        return child.fuzz.mutate(start, child.fmt, rng, hazards=child.hazards)[:max_size]

    def test_one_input(data: bytes) -> None:
        child.run_one(data)

    remaining = max(1, int(until - time.time()))
    argv = [sys.argv[0], f"-max_total_time={remaining}", f"-seed={seed % 2**31 + 1}"]
    # libFuzzer's own timeout stays above the parent's, which records the hang itself.
    argv += ["-max_len=1048576", f"-rss_limit_mb={memory_mb}", f"-timeout={int(timeout) + 10}"]
    argv += [f"-artifact_prefix={child.out}/libfuzzer-", "-print_final_stats=1"]
    atheris.Setup(argv, test_one_input, custom_mutator=mutator)
    atheris.Fuzz()


def run_child(args: argparse.Namespace) -> None:
    if args.engine == "random":
        limit = args.memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    if args.engine == "atheris":  # danvan instrumented for coverage as it is imported
        import atheris

        with atheris.instrument_imports(include=["danvan"]):
            import danvan.importers._xlsx_reading
            import danvan.importers.csv
            import danvan.importers.json
            import danvan.importers.xlsx
            import danvan.read
            import danvan.rules  # noqa: F401
    child = Child(args.importer, Path(args.out), not args.no_hazards, args.empty_is_a_finding)
    if args.engine == "atheris":
        child_atheris(child, args.seed, args.until, args.memory_mb, args.timeout)
    else:
        child_random(child, args.seed, args.until)
    print("done", flush=True)


# The parent: starts children, watches them, keeps what killed them.


class Tally:
    """What the parent has seen of one importer's run."""

    def __init__(self) -> None:
        self.tried = 0
        self.failures: dict[str, dict[str, Any]] = {}
        self.slowest = (0.0, "")
        self.peak_kb = 0
        self.largest = 0
        self.children = 0
        self.between: list[str] = []

    def failure(self, key: str, file: str) -> None:
        entry = self.failures.setdefault(key, {"count": 0, "file": file})
        entry["count"] += 1


def _log(out: Path, fmt: str) -> Path:
    return out / f".child-{fmt}.log"


def _start(args: argparse.Namespace, fmt: str, seed: int, until: float) -> subprocess.Popen[str]:
    command = [sys.executable, __file__, "--child", "--importer", fmt, "--out", str(args.out)]
    command += ["--engine", args.engine, "--seed", str(seed), "--until", str(until)]
    command += ["--timeout", str(args.timeout)]
    command += ["--memory-mb", str(args.memory_mb)] + (["--no-hazards"] if args.no_hazards else [])
    command += ["--empty-is-a-finding"] if args.empty_is_a_finding else []
    log = _log(Path(args.out), fmt).open("a")
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=log, text=True, bufsize=1)


_NATIVE = re.compile(
    r"memory allocation of \d+ bytes failed|panicked at [^\n]*|deadly signal|out-of-memory"
)


def _native_cause(out: Path, fmt: str) -> str:
    """What a dead child's last words say (Rust's panic location, an allocation failure)."""
    log = _log(out, fmt).read_text("utf-8", "replace")[-20000:]
    causes = sorted(_NATIVE.findall(log), key=lambda c: c in ("deadly signal", "out-of-memory"))
    return re.sub(r"\d{4,}", "N", causes[0]).strip(": ") if causes else ""


def _death(code: int, engine: str) -> str:
    if code < 0:
        return signal.Signals(-code).name
    return "crash" if engine == "atheris" and code == 77 else f"exit{code}"  # libFuzzer's code


def _reproduced(args: argparse.Namespace, fmt: str, path: Path) -> bool:
    """Whether the input that a reading process died on also kills one that reads it alone."""
    command = [sys.executable, __file__, "--importer", fmt, "--replay", str(path)]
    command += ["--memory-mb", str(args.memory_mb)]
    try:
        replayed = subprocess.run(command, capture_output=True, timeout=args.timeout, check=False)
    except subprocess.TimeoutExpired:
        return True
    with path.with_suffix(".txt").open("a", encoding="utf-8") as note:
        note.write(f"\nread alone: exit {replayed.returncode}\n")
    return replayed.returncode != 0


def fuzz_one(args: argparse.Namespace, fmt: str, seconds: float) -> Tally:
    """Run children on ``fmt`` for ``seconds``; each death or hang saves the input it had."""
    out = Path(args.out)
    tally = Tally()
    until = time.time() + seconds
    while time.time() < until - 1:
        tally.children += 1
        process = _start(args, fmt, args.seed + 7919 * tally.children, until)
        assert process.stdout is not None
        finished = started = hung = False
        while True:
            wait = args.timeout if started else max(args.timeout, 300)  # imports, seeds
            ready, _, _ = select.select([process.stdout], [], [], wait)
            if not ready:  # a hang: no input finished within the timeout
                process.kill()
                hung = True
                if (out / ".current").exists():
                    data = (out / ".current").read_bytes()
                    path = _save(out, fmt, "hang", data, f"no answer within {args.timeout} s")
                    tally.tried += 1
                    tally.failure(f"hang>{args.timeout}s", str(path))
                break
            started = True
            line = process.stdout.readline()
            if not line:
                break
            word, _, rest = line.rstrip("\n").partition(" ")
            if word == "ok":
                elapsed, peak, size = rest.split()
                tally.tried += 1
                tally.peak_kb = max(tally.peak_kb, int(peak))
                tally.largest = max(tally.largest, int(size))
                if float(elapsed) > tally.slowest[0]:
                    tally.slowest = (float(elapsed), f".slowest-{process.pid}")
            elif word == "fail":
                event = json.loads(rest)
                tally.failure(event["key"], event["file"])
            elif word == "done":
                finished = True
        code = process.wait()
        for left in out.glob(".input-*"):  # what a killed child was reading
            shutil.rmtree(left, ignore_errors=True)
        if not (finished or hung) and code != 0 and (out / ".current").exists():
            data = (out / ".current").read_bytes()
            kind, cause = _death(code, args.engine), _native_cause(out, fmt)
            last = _log(out, fmt).read_text("utf-8", "replace")[-4000:]
            detail = f"the reading process ended with {kind}: {cause}\n\nits last words:\n{last}"
            path = _save(out, fmt, kind, data, detail)
            tally.tried += 1
            again = "" if _reproduced(args, fmt, path) else ", not reproduced alone"
            tally.failure(f"{kind} ({cause}{again})" if cause or again else kind, str(path))
        elif not (finished or hung) and code != 0:  # between inputs: none to blame
            tally.between.append(f"{_death(code, args.engine)} {_native_cause(out, fmt)}".strip())
        if finished or (code == 0 and args.engine == "atheris"):
            break
    return tally


def _keep_slowest(out: Path, fmt: str, tally: Tally) -> str:
    source = out / tally.slowest[1]
    if not tally.slowest[1] or not source.exists():
        return "-"
    target = out / f"slowest-{fmt}.input"
    source.replace(target)
    for stale in out.glob(".slowest-*"):
        stale.unlink()
    return str(target)


def summary(fmt: str, tally: Tally, slowest_file: str) -> str:
    lines = [
        f"{fmt}: {tally.tried} inputs tried ({tally.children} reading process(es)), "
        f"{len(tally.failures)} distinct failure(s)",
        f"  slowest input: {tally.slowest[0]:.3f} s ({slowest_file}); largest input: "
        f"{tally.largest / 1024:.1f} KB; peak memory of a reading process: "
        f"{tally.peak_kb / 1024:.1f} MB",
    ]
    if tally.between:
        lines.append(f"  reading process ended between inputs: {', '.join(tally.between)}")
    for key, entry in sorted(tally.failures.items()):
        lines.append(f"  {key}: {entry['count']}x, e.g. {entry['file']}")
    return "\n".join(lines)


def replay(args: argparse.Namespace) -> None:
    """Read one saved input in this process and say what happens."""
    from danvan.testing import fuzz

    limit = args.memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    data = Path(args.replay).read_bytes()
    with tempfile.TemporaryDirectory() as tmp:
        result = fuzz.check_contract(fuzz.materialise(data, args.importer, Path(tmp)))
    if result is None:
        print("DatasetReadError (the contract holds)")
    else:
        print(f"ImportResult with {len(result.report.findings)} finding(s) (the contract holds)")
        for finding in result.report.findings[:20]:
            print(" ", finding)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--importer", choices=(*FORMATS, "all"), required=True)
    parser.add_argument("--seconds", type=float, default=600, help="per importer")
    parser.add_argument("--out", type=Path, default=Path("fuzz-out"))
    parser.add_argument("--engine", choices=("auto", "atheris", "random"), default="auto")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--timeout", type=float, default=30, help="seconds for one input")
    parser.add_argument("--memory-mb", type=int, default=2048, help="a reading process's limit")
    parser.add_argument("--no-hazards", action="store_true", help="skip known XLSX crashers")
    parser.add_argument(
        "--empty-is-a-finding", action="store_true", help="a file giving no record must say why"
    )
    parser.add_argument("--replay", type=Path, help="read one saved input and show the outcome")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--until", type=float, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.replay:
        replay(args)
        return
    if args.engine == "auto":
        try:
            import atheris  # noqa: F401

            args.engine = "atheris"
        except ImportError:
            args.engine = "random"
    args.out.mkdir(parents=True, exist_ok=True)
    if args.child:
        run_child(args)
        return
    formats = FORMATS if args.importer == "all" else (args.importer,)
    print(f"engine: {args.engine}; {args.seconds:.0f} s per importer; failures in {args.out}")
    total = 0
    for fmt in formats:
        tally = fuzz_one(args, fmt, args.seconds)
        total += len(tally.failures)
        print(summary(fmt, tally, _keep_slowest(args.out, fmt, tally)), flush=True)
    (args.out / ".current").unlink(missing_ok=True)
    sys.exit(1 if total else 0)


if __name__ == "__main__":
    main()
