"""What the command line says besides its output: a bad option value, a missing PATH, a
library warning, a Ctrl-C and the exit status of a report on broken data are one line each;
shell completion works through the lazily loaded commands."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

import danvan.cli._report
from danvan.cli import main

BROKEN = (
    '{"members": [{"id": "m1"}], "activities": [{"id": "a", "team": "t", '
    '"village": "v", "date": "2022-13-01", "type": "monthly_meeting"}]}'
)


@pytest.fixture(scope="module")
def sample_json(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled sample as a JSON bundle, written by the command line itself."""
    path = tmp_path_factory.mktemp("sample") / "sample.json"
    result = CliRunner().invoke(main, ["sample", "-o", str(path)])
    assert result.exit_code == 0, result.output
    return path


def one_error_line(result: Result) -> str:
    """The only line on stderr, an ``Error:`` line, after exit status 2 and no traceback."""
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Error: ")
    assert "Usage:" not in result.output
    return lines[0]


# Every option that takes a value, given a wrong one: the option, then the accepted forms.
BAD_VALUES = [
    (["report", "--period", "2022-13"], "--period", "accepted forms"),
    (["report", "--period", "Q1-2022"], "--period", "2022-03-15/2022-06-14"),
    (["report", "--by", "canton"], "--by", "'commune', 'district', 'province', 'team'"),
    (["report", "--cutoff-day", "40"], "--cutoff-day", "1<=x<=28"),
    (["report", "--cutoff-day", "fifteen"], "--cutoff-day", "not a valid integer"),
    (["report", "--lang", "fr"], "--lang", "'vi', 'en'"),
    (["report", "--units-on", "nonsense"], "--units-on", "dd/mm/yyyy"),
    (["report", "--as-of", "31/02/2025"], "--as-of", "does not exist"),
    (["report", "--redact", "blur"], "--redact", "'omit', 'pseudonymise'"),
    (["report", "--limit", "max_rows"], "--limit", "NAME=VALUE"),
    (["report", "--fail-on", "always"], "--fail-on", "'error', 'warning'"),
    (["report", "--period"], "--period", "requires an argument"),
    (["report", "-o", "report.unknown"], "cannot tell the format", "Known formats"),
    (["validate", "x.json", "--as-of", "yesterday"], "--as-of", "dd/mm/yyyy"),
    (["validate", "x.json", "--cutoff-day", "0"], "--cutoff-day", "1<=x<=28"),
    (["validate", "x.json", "--format", "xml"], "--format", "'table', 'json'"),
    (["validate", "x.json", "--lang", "fr"], "--lang", "'vi', 'en'"),
    (["validate", "x.json", "--limit", "max_rows=-1"], "--limit", "max_rows"),
    (["export", "x.json", "-o", "out.zip", "--lang", "fr"], "--lang", "'vi', 'en'"),
    (["export", "x.json", "-o", "out.zip", "--redact", "x"], "--redact", "'omit'"),
    (["export", "x.json", "-o", "out.zip", "--limit", "no_such=1"], "--limit", "max_rows"),
    (["export", "x.json"], "'-o' / '--output'", "Missing option"),
    (["sample", "-o", "out.xlsx", "--lang", "fr"], "--lang", "'vi', 'en'"),
    (["sample", "-o", "out.nope"], "cannot tell the format", "Known formats"),
    (["sample"], "'-o' / '--output'", "Missing option"),
]


@pytest.mark.parametrize(("args", "option", "accepted"), BAD_VALUES)
def test_a_bad_option_value_is_one_error_line_with_the_accepted_forms(
    args: list[str], option: str, accepted: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # nothing is written, and surely not here
    line = one_error_line(CliRunner().invoke(main, args))
    assert option in line
    assert accepted in line


@pytest.mark.parametrize("value", ["csv", "jsonl"])
def test_an_unknown_format_or_table_names_those_there_are(
    sample_json: Path, tmp_path: Path, value: str
) -> None:
    out = tmp_path / f"out.{value}"
    args = ["export", str(sample_json), "-o", str(out), "--table", "nope"]
    line = one_error_line(CliRunner().invoke(main, args))
    assert "'nope'" in line
    assert "activities" in line
    assert not out.exists()
    line = one_error_line(CliRunner().invoke(main, ["export", str(sample_json), "-o", "-"]))
    assert "needs --format" in line
    args = ["export", str(sample_json), "-o", str(out), "--format", "nope"]
    line = one_error_line(CliRunner().invoke(main, args))
    assert "unknown format 'nope'. Known formats: csv (.csv)" in line


def test_a_usage_error_says_where_the_help_is() -> None:
    line = one_error_line(CliRunner().invoke(main, ["report", "--perod", "2022"]))
    assert line == (
        "Error: Lệnh chưa đúng / bad usage: No such option '--perod'. Did you mean '--period'? "
        "(xem / see: danvan report --help)"
    )
    line = one_error_line(CliRunner().invoke(main, ["raport"]))
    assert "No such command 'raport'" in line
    assert line.endswith("(xem / see: danvan --help)")


@pytest.mark.parametrize(
    "args", [["validate"], ["validate", "--as-of", "31/12/2022"], ["export", "-o", "out.zip"]]
)
def test_validate_and_export_without_a_path_say_that_they_need_one(args: list[str]) -> None:
    command = args[0]
    line = one_error_line(CliRunner().invoke(main, args))
    assert f"danvan {command} cần ít nhất một PATH" in line
    assert "needs at least one PATH, a file or folder to read" in line
    assert "only danvan report works without one" in line


def test_danvan_alone_still_shows_its_help() -> None:
    result = CliRunner().invoke(main, [])
    assert "Commands:" in result.output
    assert "Error" not in result.output


def long_cell_export(sample_json: Path, tmp_path: Path) -> list[str]:
    """``danvan export`` of a dataset with a cell longer than Excel holds (read under a raised
    limit), which the workbook writer cuts with a warning; the arguments of that command."""
    bundle = json.loads(sample_json.read_text(encoding="utf-8"))
    activities = next(t for t in bundle["tables"] if t["name"] == "activities")
    title = [c["name"] for c in activities["columns"]].index("title")
    activities["rows"][0][title] = "x" * 40_000
    long_cell = tmp_path / "long.json"
    long_cell.write_text(json.dumps(bundle, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "out.xlsx"
    return ["export", str(long_cell), "--limit", "max_text_length=50000", "-o", str(out)]


def test_a_library_warning_during_a_command_is_one_formatted_line(
    sample_json: Path, tmp_path: Path
) -> None:
    result = CliRunner().invoke(main, long_cell_export(sample_json, tmp_path))
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if "truncated" in line]
    assert warnings == [
        "Cảnh báo / warning: Ô quá 32767 ký tự đã bị cắt / cell over 32767 characters was "
        "truncated (40000 characters) at Hoạt động!R2C6"
    ]
    assert "_xlsx_workbook.py" not in result.stderr  # no source line
    assert (tmp_path / "out.xlsx").is_file()


def test_python_warning_filters_still_decide_whether_a_warning_shows(
    sample_json: Path, tmp_path: Path
) -> None:
    """As ``python -W ignore -m danvan …`` would: only the display is the command line's."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = CliRunner().invoke(main, long_cell_export(sample_json, tmp_path))
    assert result.exit_code == 0, result.output
    assert "Cảnh báo / warning" not in result.stderr
    assert (tmp_path / "out.xlsx").is_file()


def test_the_warning_display_is_put_back_after_the_command(sample_json: Path) -> None:
    import warnings

    before = warnings.showwarning
    assert CliRunner().invoke(main, ["validate", str(sample_json)]).exit_code == 0
    assert warnings.showwarning is before


def test_ctrl_c_outside_a_write_is_one_line_and_status_130(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def interrupted(*_args: object) -> object:
        raise KeyboardInterrupt

    monkeypatch.setattr(danvan.cli._report, "read_inputs", interrupted)
    result = CliRunner().invoke(main, ["report", "-o", str(tmp_path / "r.xlsx")])
    assert result.exit_code == 130
    assert result.stderr.splitlines() == ["Error: Đã dừng / stopped by SIGINT (Ctrl-C)"]


def test_report_fail_on_error_exits_1_and_still_writes_the_report(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text(BROKEN, encoding="utf-8")
    plain = CliRunner().invoke(main, ["report", str(broken), "-o", str(tmp_path / "a.json")])
    assert plain.exit_code == 0, plain.output
    for level in ("error", "warning"):
        out = tmp_path / f"{level}.json"
        args = ["report", str(broken), "--fail-on", level, "-o", str(out)]
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 1, result.output
        assert f"(--fail-on {level}): mã thoát / exit status 1" in result.stderr
        findings = next(
            t for t in json.loads(out.read_text("utf-8"))["tables"] if t["name"] == "findings"
        )
        assert findings["rows"]


def test_report_fail_on_passes_on_clean_data(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["report", "--fail-on", "warning", "-o", str(tmp_path / "r.json")]
    )
    assert result.exit_code == 0, result.output
    assert "exit status" not in result.stderr


def test_the_bash_completion_script_is_produced() -> None:
    result = CliRunner().invoke(
        main, [], env={"_DANVAN_COMPLETE": "bash_source"}, prog_name="danvan"
    )
    assert result.exit_code == 0, result.output
    assert "_danvan_completion()" in result.stdout
    assert "complete -o nosort -F _danvan_completion danvan" in result.stdout


@pytest.mark.parametrize("shell", ["zsh", "fish"])
def test_zsh_and_fish_completion_scripts_are_produced(shell: str) -> None:
    env = {"_DANVAN_COMPLETE": f"{shell}_source"}
    result = CliRunner().invoke(main, [], env=env, prog_name="danvan")
    assert result.exit_code == 0, result.output
    assert "_DANVAN_COMPLETE" in result.stdout


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("danvan rep", ["plain,report"]),
        (
            "danvan report --by ",
            ["plain,commune", "plain,district", "plain,province", "plain,team", "plain,village"],
        ),
        ("danvan validate x.json --format ", ["plain,table", "plain,json"]),
    ],
)
def test_completion_knows_the_lazily_loaded_commands_and_their_choices(
    words: str, expected: list[str]
) -> None:
    env = {
        "_DANVAN_COMPLETE": "bash_complete",
        "COMP_WORDS": words,
        "COMP_CWORD": str(len(words.split(" ")) - 1),
    }
    result = CliRunner().invoke(main, [], env=env, prog_name="danvan")
    assert result.exit_code == 0, result.output
    assert result.stdout.split() == expected
