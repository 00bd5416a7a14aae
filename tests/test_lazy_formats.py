"""What loads when: a format's heavy dependency when the format is first used, a command's
services when that command runs, and neither for ``danvan --version`` or ``--help``."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

import danvan
from danvan.cli import COMMANDS, main
from danvan.loading import dataset_to_json

HEAVY = ("xlsxwriter", "python_calamine")
SERVICES = (
    "danvan.aggregate",
    "danvan.read",
    "danvan.rules",
    "danvan.plugins",
    "danvan.exporting",
    "danvan.loading",
    *HEAVY,
)
PROBE = """
import sys
from danvan.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
print("HEAVY:", sorted(m for m in {heavy!r} if m in sys.modules), file=sys.stderr)
"""


def _loaded_after(watched: tuple[str, ...], *args: str) -> str:
    """Run ``danvan ARGS`` in a fresh interpreter; which of ``watched`` it imported."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(heavy=watched), *args],
        capture_output=True,
        text=True,
        check=False,
    )
    return next(line for line in done.stderr.splitlines() if line.startswith("HEAVY:"))


def _heavy_after(*args: str) -> str:
    return _loaded_after(HEAVY, *args)


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


@pytest.mark.parametrize("args", [("--version",), ("--help",), ("-h",)])
def test_the_version_and_the_help_load_none_of_the_services(args: tuple[str, ...]) -> None:
    assert _loaded_after(SERVICES, *args) == "HEAVY: []"


def test_a_command_loads_its_own_module_and_validating_writes_nothing(tmp_path: Path) -> None:
    document = tmp_path / "nam-po.json"
    document.write_bytes(dataset_to_json(danvan.sample()))
    others = ("danvan.cli._report", "danvan.cli._export", "danvan.exporting")
    assert _loaded_after(others, "validate", str(document)) == "HEAVY: []"
    assert _loaded_after(("danvan.cli._report",), "report", "--help") == (
        "HEAVY: ['danvan.cli._report']"
    )


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_the_table_of_commands_gives_each_command_its_own_summary(name: str) -> None:
    command = main.get_command(click.Context(main), name)
    assert command is not None
    stand_in = click.Command(name, help=COMMANDS[name].summary)
    for limit in (30, 45, 66, 200):
        assert stand_in.get_short_help_str(limit) == command.get_short_help_str(limit)


def test_the_help_lists_every_command_with_its_summary() -> None:
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    listed = result.output.split("Commands:")[1]
    for name in COMMANDS:
        assert f"  {name} " in listed
    assert "report    The main job: import, validate" in listed


def test_reading_no_workbook_loads_neither_the_workbook_reader_nor_its_worker_machinery(
    tmp_path: Path,
) -> None:
    document = tmp_path / "nam-po.json"
    document.write_bytes(dataset_to_json(danvan.sample()))
    reader = ("danvan.importers._xlsx_reading", "multiprocessing", "subprocess")
    assert _loaded_after(reader, "validate", str(document)) == "HEAVY: []"


def test_reading_json_documents_alone_leaves_the_sheet_reader_unloaded(tmp_path: Path) -> None:
    document = tmp_path / "nam-po.json"
    document.write_bytes(dataset_to_json(danvan.sample()))
    sheet_reader = ("danvan.importers.tabular",)
    assert _loaded_after(sheet_reader, "validate", str(document)) == "HEAVY: []"
    table = tmp_path / "units.csv"
    table.write_text("id,name,level\nxa-nam-tin,Nậm Tin,commune\n", encoding="utf-8")
    assert _loaded_after(sheet_reader, "validate", str(table)) == (
        "HEAVY: ['danvan.importers.tabular']"
    )
