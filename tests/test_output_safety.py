"""Write failures end in one Error line and exit 2, leave nothing partial and harm nothing.

Disk full, a file size limit, a closed or broken stdout, an unusable temporary
folder, and a signal halfway: each is tried here, most end to end in a subprocess.
"""

from __future__ import annotations

import errno
import io
import os
import re
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest
from click.testing import CliRunner

import danvan.cli
from danvan import export
from danvan.cli import main
from danvan.tables import Bundle
from danvan.testing import reference_bundles

resource = pytest.importorskip("resource", reason="signals and rlimits are POSIX")

EARLIER = b"last month's report"
STAGING = re.compile(r"\..*\.danvan-(\d+)-[0-9a-f]{8}-[a-z0-9_]+\.tmp\Z")


def _danvan(
    *args: str, limit: int | None = None, env: dict[str, str] | None = None, **kwargs: object
) -> subprocess.CompletedProcess[str]:
    """``danvan ARGS`` in a subprocess, with an optional file size limit in bytes."""

    def limited() -> None:
        if limit is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    kwargs.setdefault("stdout", subprocess.PIPE)
    return subprocess.run(  # type: ignore[call-overload, no-any-return]
        [sys.executable, "-m", "danvan", *args],
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=limited,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1", **(env or {})},
        check=False,
        **kwargs,
    )


def _one_error_line(stderr: str, *phrases: str) -> None:
    assert "Traceback" not in stderr, stderr
    assert "Exception ignored" not in stderr, stderr
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("Error: ")
    for phrase in phrases:
        assert phrase in lines[0]


def _listing(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() if p.is_file() else b"<folder>"
        for p in sorted(folder.rglob("*"))
    }


@pytest.fixture
def private_tmp(tmp_path: Path) -> Path:
    """A TMPDIR of the test's own, to see that nothing is left in it."""
    folder = tmp_path / "tmpdir"
    folder.mkdir()
    return folder


@pytest.mark.parametrize("name", ["report.xlsx", "report.json", "report.zip", "package"])
def test_a_file_size_limit_is_one_error_and_the_old_output_stays(tmp_path: Path, name: str) -> None:
    out = tmp_path / "out"
    out.mkdir()
    target = out / name
    if name == "package":
        export(reference_bundles()["vietnamese"], target, format="datapackage")
    else:
        target.write_bytes(EARLIER)
    before = _listing(out)
    args = ["sample", "-o", str(target)] + (
        ["--format", "datapackage"] if name == "package" else []
    )
    result = _danvan(*args, limit=8_000)
    assert result.returncode == 2
    _one_error_line(result.stderr, "file size limit", "unchanged")
    assert _listing(out) == before


# The sample written row by row (as a workbook too big for memory is) under a size limit.
ROW_BY_ROW = """
import resource, sys
import danvan.exporters.xlsx as plugin
from danvan.cli import main

plugin.IN_MEMORY_CELLS = 0
resource.setrlimit(resource.RLIMIT_FSIZE, (8_000, 8_000))
main(["sample", "-o", sys.argv[1]])
"""


def test_a_file_size_limit_on_a_workbook_written_row_by_row_is_one_error_too(
    tmp_path: Path,
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "report.xlsx").write_bytes(EARLIER)
    driver = tmp_path / "driver.py"
    driver.write_text(ROW_BY_ROW)
    result = subprocess.run(
        [sys.executable, str(driver), str(out / "report.xlsx")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    _one_error_line(result.stderr, "file size limit", "unchanged")
    assert _listing(out) == {"report.xlsx": EARLIER}


def test_disk_full_during_the_write_is_one_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    template = danvan.template_bundle()
    table = template.tables[0]

    def rows() -> Iterator[tuple[object, ...]]:
        yield from table.iter_rows()
        raise OSError(errno.ENOSPC, "No space left on device")

    failing = attrs.evolve(template, tables=[attrs.evolve(table, rows=rows), *template.tables[1:]])
    monkeypatch.setattr(danvan, "template_bundle", lambda: failing)
    target = tmp_path / "mau.xlsx"
    target.write_bytes(EARLIER)
    result = CliRunner().invoke(main, ["sample", "--template", "-o", str(target)])
    assert result.exit_code == 2
    _one_error_line(result.stderr, "disk full")
    assert target.read_bytes() == EARLIER
    assert [p.name for p in tmp_path.iterdir()] == ["mau.xlsx"]


def test_disk_full_reported_when_the_file_is_synced_is_one_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fsync(_fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", fsync)
    target = tmp_path / "report.xlsx"
    target.write_bytes(EARLIER)
    result = CliRunner().invoke(main, ["report", "-o", str(target)])
    assert result.exit_code == 2
    _one_error_line(result.stderr, "disk full")
    assert target.read_bytes() == EARLIER
    assert [p.name for p in tmp_path.iterdir()] == ["report.xlsx"]


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_stdout_is_one_error() -> None:
    with open("/dev/full", "wb") as full:
        result = _danvan("sample", "-o", "-", "--format", "xlsx", stdout=full)
    assert result.returncode == 2
    _one_error_line(result.stderr, "disk full", "stdout")


def test_a_closed_stdout_is_one_error() -> None:
    command = f"exec '{sys.executable}' -m danvan sample -o - --format json >&-"
    result = subprocess.run(["bash", "-c", command], capture_output=True, text=True, check=False)
    assert result.returncode == 2
    _one_error_line(result.stderr, "closed")


@pytest.mark.parametrize("fmt", ["json", "xlsx"])
def test_a_stdout_whose_reader_has_gone_is_one_error(fmt: str) -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)  # like `| head` having finished before danvan writes
    try:
        result = _danvan("sample", "-o", "-", "--format", fmt, stdout=write_end)
    finally:
        os.close(write_end)
    assert result.returncode == 2
    _one_error_line(result.stderr, "broken pipe")


def test_file_outputs_leave_tmpdir_alone_and_stdout_cleans_up_after_itself(
    tmp_path: Path, private_tmp: Path
) -> None:
    env = {"TMPDIR": str(private_tmp)}
    assert _danvan("sample", "-o", str(tmp_path / "s.xlsx"), env=env).returncode == 0
    with (tmp_path / "piped.xlsx").open("wb") as piped:
        assert (
            _danvan("sample", "-o", "-", "--format", "xlsx", env=env, stdout=piped).returncode == 0
        )
    assert (tmp_path / "piped.xlsx").read_bytes().startswith(b"PK")
    assert list(private_tmp.iterdir()) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["piped.xlsx", "s.xlsx", "tmpdir"]


def test_a_file_output_does_not_need_a_usable_tmpdir(tmp_path: Path) -> None:
    result = _danvan("sample", "-o", str(tmp_path / "s.xlsx"), env={"TMPDIR": "/no/such/dir"})
    assert result.returncode == 0, result.stderr


def test_no_usable_temporary_folder_for_stdout_is_one_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "missing"))
    result = CliRunner().invoke(main, ["sample", "-o", "-", "--format", "xlsx"])
    assert result.exit_code == 2
    _one_error_line(result.stderr, "cannot write stdout")


def test_a_missing_output_folder_is_one_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["sample", "-o", str(tmp_path / "no" / "such.xlsx")])
    assert result.exit_code == 2
    _one_error_line(result.stderr, "no such folder")


def test_a_stream_export_keeps_its_temporary_files_in_tmpdir_and_removes_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    stream = io.BytesIO()
    export(reference_bundles()["several_tables"], stream, "xlsx")
    assert stream.getvalue().startswith(b"PK")
    assert list(tmp_path.iterdir()) == []


# A driver that stops the XLSX exporter halfway (every sheet written, the workbook not yet
# closed) and tells the test so on stderr; the test then sends it a signal. With "rows",
# the sample's small workbook is written row by row, as a big one is, through XlsxWriter's
# temporary files; otherwise it is built in memory.
DRIVER = """
import signal, sys
import danvan.exporters._xlsx_workbook as xlsx
import danvan.exporters.xlsx as plugin
from danvan.cli import main

if sys.argv[2] == "rows":
    plugin.IN_MEMORY_CELLS = 0

write_summary = xlsx._write_summary

def write_summary_then_wait(*args):
    sys.stderr.write("halfway\\n")
    sys.stderr.flush()
    signal.pause()
    write_summary(*args)

xlsx._write_summary = write_summary_then_wait
main(["sample", "-o", sys.argv[1], "--format", "xlsx"])
"""


def _halfway(
    tmp_path: Path, target: Path | str, private_tmp: Path, mode: str = "rows"
) -> subprocess.Popen[str]:
    """An export to ``target`` stopped halfway, with its temporary files on disk."""
    driver = tmp_path / "driver.py"
    driver.write_text(DRIVER)
    process = subprocess.Popen(
        [sys.executable, str(driver), str(target), mode],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "TMPDIR": str(private_tmp)},
    )
    assert process.stderr is not None
    assert process.stderr.readline() == "halfway\n"
    return process


def _staging(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if STAGING.match(p.name)]


@pytest.mark.parametrize(
    ("signum", "mode"),
    [
        (signal.SIGTERM, "rows"),
        (signal.SIGINT, "rows"),
        (signal.SIGHUP, "rows"),
        (signal.SIGTERM, "memory"),
    ],
)
def test_a_signal_halfway_removes_every_temporary_file(
    tmp_path: Path, private_tmp: Path, signum: int, mode: str
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    target = out / "report.xlsx"
    target.write_bytes(EARLIER)
    process = _halfway(tmp_path, target, private_tmp, mode)
    (staging,) = _staging(out)  # beside the output, named after it and the process
    assert staging.name.startswith(f".report.xlsx.danvan-{process.pid}-")
    # XlsxWriter's files are in there when it writes row by row; in memory it has none.
    assert bool(list((staging / "scratch").iterdir())) == (mode == "rows")
    assert list(private_tmp.iterdir()) == []
    process.send_signal(signum)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 128 + signum
    _one_error_line(stderr, signal.Signals(signum).name)
    assert _listing(out) == {"report.xlsx": EARLIER}
    assert list(private_tmp.iterdir()) == []


def test_after_a_kill_the_next_export_removes_the_leftovers_of_the_dead_process(
    tmp_path: Path, private_tmp: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    target = out / "report.xlsx"
    process = _halfway(tmp_path, target, private_tmp)
    live = _staging(out)
    export(reference_bundles()["vietnamese"], target)  # meanwhile: the live one's are kept
    assert _staging(out) == live
    assert target.is_file()
    process.kill()
    process.communicate(timeout=120)
    assert _staging(out) == live  # a SIGKILL leaves them, beside the output, named
    export(reference_bundles()["vietnamese"], target)
    assert _staging(out) == []
    assert sorted(p.name for p in out.iterdir()) == ["report.xlsx"]


def test_leftovers_of_other_names_and_live_processes_are_not_touched(tmp_path: Path) -> None:
    bundle: Bundle = reference_bundles()["vietnamese"]
    lookalikes = [
        ".report.csv.danvan-1-00000000-abc.tmp",  # another host
        ".other.csv.danvan-999999999-00000000-abc.tmp",  # another target
        ".report.csv.something.tmp",  # not danvan's
    ]
    for name in lookalikes:
        (tmp_path / name).mkdir()
    export(bundle, tmp_path / "report.csv")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([*lookalikes, "report.csv"])


def test_after_a_kill_while_writing_to_stdout_the_next_stream_export_cleans_tmpdir(
    tmp_path: Path, private_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    process = _halfway(tmp_path, "-", private_tmp)
    (leftover,) = _staging(private_tmp)
    assert leftover.name.startswith(f".stream.danvan-{process.pid}-")
    process.kill()
    process.communicate(timeout=120)
    monkeypatch.setattr(tempfile, "tempdir", str(private_tmp))
    export(reference_bundles()["vietnamese"], io.BytesIO(), "xlsx")
    assert list(private_tmp.iterdir()) == []
