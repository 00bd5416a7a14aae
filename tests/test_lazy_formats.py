"""A format's heavy dependency loads when the format is first used, not at start-up."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import danvan
from danvan.loading import dataset_to_json

HEAVY = ("xlsxwriter", "python_calamine")
PROBE = """
import sys
from danvan.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
print("HEAVY:", sorted(m for m in {heavy!r} if m in sys.modules), file=sys.stderr)
"""


def _heavy_after(*args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(heavy=HEAVY), *args],
        capture_output=True,
        text=True,
        check=False,
    )
    return next(line for line in done.stderr.splitlines() if line.startswith("HEAVY:"))


def test_the_version_and_validating_json_load_neither_xlsxwriter_nor_calamine(
    tmp_path: Path,
) -> None:
    document = tmp_path / "nam-po.json"
    document.write_bytes(dataset_to_json(danvan.sample()))
    assert _heavy_after("--version") == "HEAVY: []"
    assert _heavy_after("validate", str(document)) == "HEAVY: []"


def test_writing_a_workbook_loads_xlsxwriter_when_it_is_needed(tmp_path: Path) -> None:
    assert _heavy_after("report", "-o", str(tmp_path / "r.xlsx")) == "HEAVY: ['xlsxwriter']"
    assert (tmp_path / "r.xlsx").read_bytes()[:2] == b"PK"
