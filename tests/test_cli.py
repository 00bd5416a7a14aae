"""The command line, driven end to end with click's runner; the files it writes are read back."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from python_calamine import CalamineWorkbook

from danvan.cli import main
from danvan.loading import dataset_to_json
from danvan.model import Dataset


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def sheets(path: Path) -> dict[str, list[list[object]]]:
    book = CalamineWorkbook.from_path(str(path))
    return {name: book.get_sheet_by_name(name).to_python() for name in book.sheet_names}


def test_report_on_the_bundled_sample_writes_the_workbook(
    runner: CliRunner, tmp_path: Path
) -> None:
    output = tmp_path / "report.xlsx"
    result = runner.invoke(main, ["report", "-o", str(output)])
    assert result.exit_code == 0, result.output
    assert "teams: 5" in result.output
    assert "0 lỗi / errors" in result.output
    assert str(output) in result.output
    workbook = sheets(output)
    key_figures = next(rows for name, rows in workbook.items() if "chỉ tiêu" in name.lower())
    values = {row[0]: row[2] for row in key_figures[1:]}
    assert values["gift_packages_children"] == 100
    assert values["street_lights"] == 20


def test_report_takes_period_grouping_calendar_and_language(
    runner: CliRunner, tmp_path: Path
) -> None:
    output = tmp_path / "q3.json"
    args = ["report", "--period", "2022-Q3", "--by", "village", "--cutoff-day", "15"]
    result = runner.invoke(main, [*args, "--lang", "en", "-o", str(output)])
    assert result.exit_code == 0, result.output
    document = json.loads(output.read_text(encoding="utf-8"))
    assert document["metadata"]["period"] == "2022-Q3"
    names = [table["name"] for table in document["tables"]]
    assert names[:2] == ["summary", "by_village"]


@pytest.mark.parametrize("option", ["--units-on", "--as-of"])  # --as-of: the former spelling
def test_report_under_the_2025_communes(runner: CliRunner, tmp_path: Path, option: str) -> None:
    output = tmp_path / "now.json"
    result = runner.invoke(main, ["report", option, "01/07/2025", "-o", str(output)])
    assert result.exit_code == 0, result.output
    document = json.loads(output.read_text(encoding="utf-8"))
    by_commune = next(t for t in document["tables"] if t["name"] == "by_commune")
    column = [c["name"] for c in by_commune["columns"]].index("commune")
    names = {row[column] for row in by_commune["rows"]}
    assert names == {"Mường Chà", "Nà Hỳ", "Si Pa Phìn"}


def test_output_dash_writes_to_stdout(runner: CliRunner) -> None:
    args = ["report", "-o", "-", "--format", "csv", "--table", "by_commune", "--lang", "en"]
    result = runner.invoke(main, args)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("\ufeffCode,Commune")
    assert "Nậm Tin" in result.stdout
    assert "teams: 5" in result.stderr


def test_validate_exits_0_on_clean_data_and_1_with_errors(
    runner: CliRunner, tmp_path: Path, nampo: Dataset
) -> None:
    clean = tmp_path / "nampo.json"
    clean.write_bytes(dataset_to_json(nampo))
    result = runner.invoke(main, ["validate", str(clean), "--as-of", "31/12/2022"])
    assert result.exit_code == 0, result.output
    assert "0 lỗi" in result.output
    broken = tmp_path / "broken.json"
    broken.write_text(
        '{"members": [{"id": "m1"}], "activities": [{"id": "a", "team": "t", '
        '"village": "v", "date": "2022-13-01", "type": "monthly_meeting"}]}',
        encoding="utf-8",
    )
    result = runner.invoke(main, ["validate", str(clean), str(broken), "--format", "json"])
    assert result.exit_code == 1
    findings = json.loads(result.stdout)
    places = {(f["code"], f["location"].get("field")) for f in findings}
    assert ("DV010", "full_name") in places
    assert ("DV011", "date") in places
    assert all(f["location"]["source"] == str(broken) for f in findings)


def test_plugins_lists_every_plugin_with_its_hooks_and_formats(runner: CliRunner) -> None:
    result = runner.invoke(main, ["plugins"])
    assert result.exit_code == 0, result.output
    assert "danvan.exporters.xlsx (danvan" in result.output
    assert "format xlsx (.xlsx)" in result.output
    assert "hooks: danvan_rules" in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["report", "--period", "2022-Q5"], "accepted forms"),
        (["report", "-o", "report.unknown"], "Known formats"),
        (["report", "-o", "-"], "needs --format"),
        (["validate", "no/such/file.json"], "not found"),
    ],
)
def test_usage_and_io_errors_are_one_line_with_status_2(
    runner: CliRunner, args: list[str], message: str
) -> None:
    result = runner.invoke(main, args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output
    error_lines = [line for line in result.stderr.splitlines() if line.startswith("Error")]
    assert len(error_lines) == 1


def test_no_progress_bar_when_stderr_is_not_a_terminal(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["report", "-o", str(tmp_path / "r.xlsx")])
    assert "reading" not in result.stderr
    assert "writing" not in result.stderr


def test_a_progress_bar_when_stderr_is_a_terminal(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import danvan.cli._common

    sample = tmp_path / "sample.zip"
    assert runner.invoke(main, ["sample", "-o", str(sample)]).exit_code == 0
    monkeypatch.setattr(danvan.cli._common, "_stderr_is_terminal", lambda: True)
    result = runner.invoke(main, ["report", str(sample), "-o", str(tmp_path / "r.xlsx")])
    assert result.exit_code == 0, result.output
    assert "Đọc / reading" in result.stderr
    assert "Ghi / writing" in result.stderr


def test_python_dash_m_runs_the_same_command_line() -> None:
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "danvan", "--version"], capture_output=True, text=True, check=True
    )
    assert result.stdout.startswith("danvan, version")


def test_every_command_and_option_is_in_the_cli_reference() -> None:
    import click

    reference = (Path(__file__).parent.parent / "docs" / "cli.md").read_text(encoding="utf-8")
    assert isinstance(main, click.Group)
    for name, command in main.commands.items():
        assert f"## `danvan {name}" in reference
        for param in command.params:
            if isinstance(param, click.Option):
                assert f"`{param.opts[-1]}`" in reference, (name, param.opts)


def test_sample_and_template_round_trip_through_export_and_report(
    runner: CliRunner, tmp_path: Path, nampo: Dataset
) -> None:
    workbook, package = tmp_path / "sample.xlsx", tmp_path / "sample.zip"
    result = runner.invoke(main, ["sample", "-o", str(workbook)])
    assert result.exit_code == 0, result.output
    result = runner.invoke(main, ["export", str(workbook), "-o", str(package)])
    assert result.exit_code == 0, result.output
    assert "activities: 96" in result.output
    from danvan import read_dataset

    assert len(read_dataset(package).dataset.activities) == len(nampo.activities)
    result = runner.invoke(main, ["report", str(package), "-o", str(tmp_path / "r.json")])
    assert result.exit_code == 0, result.output
    assert "0 lỗi / errors" in result.output


def test_the_template_is_an_empty_workbook_to_fill_in(runner: CliRunner, tmp_path: Path) -> None:
    template = tmp_path / "mau.xlsx"
    result = runner.invoke(main, ["sample", "--template", "-o", str(template)])
    assert result.exit_code == 0, result.output
    workbook = sheets(template)
    activities = next(rows for name, rows in workbook.items() if name.startswith("Hoạt động"))
    assert len(activities) == 1  # the header row, nothing else
    assert "Mã hoạt động" in activities[0] or any("Mã" in str(c) for c in activities[0])


def test_export_of_an_unreadable_file_is_one_clear_error(runner: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"not a workbook")
    result = runner.invoke(main, ["export", str(bad), "-o", str(tmp_path / "out.zip")])
    assert result.exit_code == 2
    assert "bad.xlsx" in result.stderr
    assert not (tmp_path / "out.zip").exists()


def test_a_read_limit_can_be_changed_and_a_wrong_one_is_exit_2(
    runner: CliRunner, tmp_path: Path
) -> None:
    sample = tmp_path / "sample.zip"
    assert runner.invoke(main, ["sample", "-o", str(sample)]).exit_code == 0
    tight = runner.invoke(main, ["validate", str(sample), "--limit", "max_rows=10"])
    assert tight.exit_code == 1
    assert "DV624" in tight.output
    assert "max_rows" in tight.output
    assert (
        runner.invoke(main, ["validate", str(sample), "--limit", "max_rows=1000000"]).exit_code == 0
    )
    for wrong in ("max_rows=-1", "no_such_limit=3", "max_rows=many", "max_rows"):
        result = runner.invoke(main, ["validate", str(sample), "--limit", wrong])
        assert result.exit_code == 2, wrong
        assert "--limit" in result.output
