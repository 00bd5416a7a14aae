"""A workbook that would crash or exhaust its reader is one finding; the other files import.

The inputs are the issue's reproducers, a few KB each: before the zip
pre-scan and the worker process, each made python-calamine abort the whole
process (no finding, no other file read) or take gigabytes.
"""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from danvan import read_dataset
from danvan.importers import calamine_worker
from danvan.importers.base import UnreadableFileError
from danvan.importers.isolation import run_isolated, start_method
from danvan.importers.limits import ReadLimits, RefusedFileError
from danvan.read import DatasetReadError, ImportResult
from tests.hostile import cell, good_workbook, row, workbook, zipped

FOUR_BILLION = (
    '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'count="4000000000" uniqueCount="4000000000"><si><t>x</t></si></sst>'
)

HOSTILE = {
    "shared-strings-four-billion": (
        workbook(row(1, '<c r="A1" t="s"><v>0</v></c>'), FOUR_BILLION),
        "DV624",
    ),
    "one-cell-at-the-far-corner": (
        workbook(row(1048576, cell("XFD1048576", "x"))),
        "DV624",
    ),
    "a-cell-reference-of-absurd-length": (
        workbook(row(1, cell("A" + "9" * 4000, "x"))),
        "DV624",
    ),
    "columns-a-and-xfd": (
        workbook("".join(row(r, cell(f"A{r}", "id"), cell(f"XFD{r}", "x")) for r in range(1, 400))),
        "DV624",
    ),
    "a-dimension-of-the-whole-sheet": (
        workbook(row(1, cell("A1", "id")), dimension="A1:XFD1048576"),
        "DV624",
    ),
    "a-sheet-member-inflating-a-thousand-times": (
        zipped({"xl/worksheets/sheet1.xml": b" " * 2_000_000}),
        "DV621",
    ),
    "an-empty-archive": (zipped({}), "DV622"),
}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_a_hostile_workbook_is_refused_with_a_finding_and_the_others_still_import(
    tmp_path: Path, name: str
) -> None:
    data, code = HOSTILE[name]
    assert len(data) < 40_000  # the reproducers are tiny
    good = good_workbook(tmp_path)
    bad = tmp_path / f"{name}.xlsx"
    bad.write_bytes(data)
    result = read_dataset(tmp_path)
    (finding,) = [f for f in result.report.findings if f.location.source == str(bad)]
    assert (finding.code, finding.severity.value) == (code, "error")
    assert str(bad) in finding.message.en
    assert len(result.dataset.activities) == len(read_dataset(good).dataset.activities) > 0


def test_a_refused_workbook_alone_is_a_read_error_naming_the_limit(tmp_path: Path) -> None:
    bad = tmp_path / "corner.xlsx"
    bad.write_bytes(HOSTILE["one-cell-at-the-far-corner"][0])
    with pytest.raises(DatasetReadError, match="max_rows"):
        read_dataset(bad)


def test_a_larger_limit_lets_a_wide_but_small_sheet_through(tmp_path: Path) -> None:
    """Limits are settings: a sheet using column XFD on three rows is read when allowed."""
    path = tmp_path / "rong.xlsx"
    path.write_bytes(
        workbook("".join(row(r, cell(f"A{r}", "a"), cell(f"XFD{r}", "b")) for r in (1, 2, 3)))
    )
    with pytest.raises(DatasetReadError, match="max_cells"):
        read_dataset(path, limits=ReadLimits(max_cells=40_000))
    result = read_dataset(path, limits=ReadLimits(max_cells=100_000))
    assert {f.code for f in result.report.findings} == {"DV603", "DV615"}  # read: no table in it


def test_the_worker_counts_the_rows_its_reader_allocated_before_making_them_objects(
    tmp_path: Path,
) -> None:
    """Rows under Z99999 pass the pre-scan; the worker still holds the file to ``max_rows``."""
    path = tmp_path / "dai.xlsx"
    path.write_bytes(workbook("".join(row(r, cell(f"A{r}", "x")) for r in range(1, 60))))
    with pytest.raises(DatasetReadError, match="max_rows"):
        read_dataset(path, limits=ReadLimits(max_rows=50))
    with pytest.raises(DatasetReadError, match="max_cells"):
        read_dataset(path, limits=ReadLimits(max_cells=50))


# The worker ----------------------------------------------------------------------------


WORKER = Path(calamine_worker.__file__)


def _abort(data: bytes) -> None:
    os.abort()


def _hang(data: bytes) -> None:
    time.sleep(600)


def _allocate(data: bytes) -> bytes:
    return bytes(1 << 34)  # 16 GB


def _fail(data: bytes) -> None:
    raise ValueError("không đọc được / cannot read")


def test_a_reader_that_aborts_ends_only_its_worker() -> None:
    with pytest.raises(RefusedFileError) as raised:
        run_isolated(_abort, b"", "a.xlsx", ReadLimits(), WORKER)
    finding = raised.value.finding
    assert (finding.code, finding.location.source) == ("DV627", "a.xlsx")
    assert "SIGABRT" in finding.message.en


def test_a_reader_that_hangs_is_stopped_at_the_timeout() -> None:
    with pytest.raises(RefusedFileError) as raised:
        run_isolated(_hang, b"", "b.xlsx", ReadLimits(worker_timeout=0.5), WORKER)
    assert "worker_timeout" in raised.value.finding.message.en


def test_a_reader_past_the_memory_limit_is_stopped() -> None:
    with pytest.raises(RefusedFileError) as raised:
        run_isolated(_allocate, b"", "c.xlsx", ReadLimits(worker_memory=64 << 20), WORKER)
    assert "worker_memory" in raised.value.finding.message.en


def test_what_a_reader_raises_comes_back_as_its_message() -> None:
    with pytest.raises(UnreadableFileError, match="cannot read"):
        run_isolated(_fail, b"", "d.xlsx", ReadLimits(), WORKER)


def test_a_worker_killed_mid_folder_is_a_finding_for_its_file_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The reader is patched to abort on one workbook: that file is a DV627, the other imports."""
    good = good_workbook(tmp_path, "a-good.xlsx")
    doomed = good_workbook(tmp_path, "b-doomed.xlsx")
    doomed.write_bytes(doomed.read_bytes() + b"DOOMED")  # trailing bytes: how the reader tells

    def aborting(data: bytes, **limits: int) -> object:
        if data.endswith(b"DOOMED"):
            os.abort()
        return read_workbook(data, **limits)

    read_workbook = calamine_worker.read_workbook
    monkeypatch.setattr("danvan.importers.calamine_worker.read_workbook", aborting)
    monkeypatch.setattr("danvan.importers.isolation.start_method", lambda: "fork")
    result = read_dataset(tmp_path)
    (finding,) = [f for f in result.report.findings if f.code == "DV627"]
    assert finding.location.source == str(doomed)
    assert {a.provenance.source for a in result.dataset.activities} == {str(good)}  # type: ignore[union-attr]


def test_the_worker_is_forked_only_when_no_other_thread_runs(tmp_path: Path) -> None:
    """With a thread running, a fork could copy a lock it holds: the worker is a fresh script."""
    assert start_method() == "fork"
    good_workbook(tmp_path)
    (tmp_path / "corner.xlsx").write_bytes(HOSTILE["one-cell-at-the-far-corner"][0])
    forked = read_dataset(tmp_path)
    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        assert start_method() == "script"
        assert read_dataset(tmp_path) == forked  # read all the same
        not_a_workbook = tmp_path / "other" / "not-a-workbook.xlsx"
        not_a_workbook.parent.mkdir()
        not_a_workbook.write_bytes(zipped({"note.txt": "x"}))
        with pytest.raises(DatasetReadError, match="is not an Excel workbook"):
            read_dataset(not_a_workbook)
        with pytest.raises(DatasetReadError, match="max_rows"):  # the limits reach the script
            read_dataset(tmp_path / "mau.xlsx", limits=ReadLimits(max_rows=5))
    finally:
        release.set()
        other.join()


_reference = st.text(alphabet="AXFDZaz0123456789:$ ", max_size=14)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    references=st.lists(_reference, min_size=1, max_size=4),
    dimension=_reference,
    count=st.integers(min_value=0, max_value=10**12),
)
def test_whatever_the_references_and_counts_the_run_goes_on(
    tmp_path: Path, references: list[str], dimension: str, count: int
) -> None:
    """A finding or a dataset, never a crash of the run: the process survives every example."""
    shared = (
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        f'count="{count}" uniqueCount="{count}"><si><t>x</t></si></sst>'
    )
    cells = "".join(cell(ref, "x") for ref in references)
    path = tmp_path / "fuzz.xlsx"
    path.write_bytes(workbook(row(1, cells), shared, dimension=dimension))
    try:
        read: ImportResult | str = read_dataset(path)
    except DatasetReadError as error:  # refused: a limit passed, or not a workbook
        read = str(error)
    if isinstance(read, str):
        assert "fuzz.xlsx" in read
    else:
        assert read.dataset.activities == ()
