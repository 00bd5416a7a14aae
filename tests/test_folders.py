"""Reading a folder reads only regular files inside it: no link out, no pipe, device or socket.

A named pipe opened for reading would wait for a writer for ever; the tests
that put one in a folder read in a thread and, should it ever block, feed
the pipe an end of file so that the failure is reported, not the suite hung.
"""

from __future__ import annotations

import os
import socket
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest

from danvan import read_dataset
from danvan.importers.files import NotRegularFileError, open_regular, read_regular
from danvan.read import DatasetReadError, ImportResult

T = TypeVar("T")
posix_only = pytest.mark.skipif(sys.platform == "win32", reason="pipes and links of POSIX")

UNITS = "Mã,Tên đơn vị,Cấp\n{id},Bản {id},village\n"


def _units(folder: Path, unit_id: str, name: str | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / (name or f"units-{unit_id}.csv")
    path.write_text(UNITS.format(id=unit_id), encoding="utf-8")
    return path


def _unblocked(pipe: Path, read: Callable[[], T]) -> T:
    """``read()`` in a thread; a pipe it blocks on gets an end of file and the test fails."""
    results: list[T] = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            results.append(read())
        except BaseException as error:  # handed to the test below
            errors.append(error)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(timeout=60)
    if thread.is_alive():
        os.close(os.open(pipe, os.O_WRONLY))  # release the blocked reader
        thread.join()
        pytest.fail(f"reading blocked on the named pipe {pipe}")
    if errors:
        raise errors[0]
    return results[0]


def _ids(result: ImportResult) -> list[str]:
    return sorted(u.id for u in result.dataset.units)


@posix_only
def test_a_link_out_of_the_folder_is_skipped_with_a_finding(tmp_path: Path) -> None:
    folder = tmp_path / "bao-cao"
    _units(folder, "a")
    secret = _units(tmp_path / "ngoai", "x")
    (folder / "units-x.csv").symlink_to(secret)
    (folder / "ra-ngoai").symlink_to(tmp_path / "ngoai", target_is_directory=True)
    result = read_dataset(folder)
    assert _ids(result) == ["a"]
    assert sorted((f.code, f.location.source) for f in result.report.findings) == [
        ("DV631", str(folder / "ra-ngoai")),
        ("DV631", str(folder / "units-x.csv")),
    ]
    assert str(secret) in result.report.findings[-1].message.en


@posix_only
def test_a_dangling_link_and_a_link_to_a_system_file_are_skipped(tmp_path: Path) -> None:
    folder = tmp_path / "bao-cao"
    _units(folder, "a")
    (folder / "mat.csv").symlink_to(tmp_path / "khong-co.csv")
    (folder / "thiet-bi.csv").symlink_to("/dev/null")
    result = read_dataset(folder)
    assert _ids(result) == ["a"]
    assert [f.code for f in result.report.findings] == ["DV631", "DV631"]


@posix_only
def test_a_link_inside_the_folder_is_read_as_its_target_once(tmp_path: Path) -> None:
    # Decided: a link whose target stays inside the folder is followed; the
    # file is read once however many names lead to it.
    folder = tmp_path / "bao-cao"
    target = _units(folder / "thang-11", "a", "units.csv")
    (folder / "moi-nhat.csv").symlink_to(target)
    (folder / "cung-file.csv").symlink_to(Path("thang-11") / "units.csv")
    result = read_dataset(folder)
    assert _ids(result) == ["a"]
    assert not result.report.findings


@posix_only
def test_a_named_pipe_in_a_folder_is_skipped_unopened(tmp_path: Path) -> None:
    folder = tmp_path / "bao-cao"
    _units(folder, "a")
    pipe = folder / "units-b.csv"
    os.mkfifo(pipe)
    result = _unblocked(pipe, lambda: read_dataset(folder))
    assert _ids(result) == ["a"]
    ((code, source, message),) = [
        (f.code, f.location.source, f.message.en) for f in result.report.findings
    ]
    assert (code, source) == ("DV630", str(pipe))
    assert "named pipe" in message


@posix_only
def test_a_named_pipe_named_explicitly_is_a_finding_not_a_hang(tmp_path: Path) -> None:
    pipe = tmp_path / "units.csv"
    os.mkfifo(pipe)
    good = _units(tmp_path / "tot", "a")
    result = _unblocked(pipe, lambda: read_dataset([pipe, good]))
    assert _ids(result) == ["a"]
    assert [(f.code, f.location.source) for f in result.report.findings] == [("DV630", str(pipe))]
    with pytest.raises(DatasetReadError, match="named pipe"):
        _unblocked(pipe, lambda: read_dataset(pipe))


@posix_only
def test_a_socket_in_a_folder_is_skipped_with_a_finding(tmp_path: Path) -> None:
    folder = tmp_path / "s"  # short: a socket's path has a small size limit
    _units(folder, "a")
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(folder / "k.csv"))
        result = read_dataset(folder)
    assert _ids(result) == ["a"]
    assert [(f.code, f.values["kind_en"]) for f in result.report.findings] == [("DV630", "socket")]


@posix_only
def test_a_device_is_never_opened_as_an_input() -> None:
    with pytest.raises(NotRegularFileError) as refused:
        open_regular("/dev/null")
    assert refused.value.kind.en == "character device"


@posix_only
def test_a_file_is_opened_without_following_a_link_when_asked(tmp_path: Path) -> None:
    real = _units(tmp_path, "a")
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    assert read_regular(link) == real.read_bytes()
    with pytest.raises(OSError, match="link"):
        read_regular(link, follow_links=False)


@posix_only
def test_a_data_package_folder_does_not_read_a_pipe_it_names(tmp_path: Path) -> None:
    package = tmp_path / "goi"
    _units(package, "a", "units.csv")
    os.mkfifo(package / "pipe.csv")
    (package / "datapackage.json").write_text(
        '{"resources": [{"name": "units", "path": "units.csv"},'
        ' {"name": "more", "path": "pipe.csv"}]}'
    )
    result = _unblocked(package / "pipe.csv", lambda: read_dataset(package))
    assert _ids(result) == ["a"]
    assert [(f.code, f.location.sheet) for f in result.report.findings] == [("DV601", "pipe.csv")]


def test_subfolders_other_than_data_packages_are_not_read(tmp_path: Path) -> None:
    folder = tmp_path / "bao-cao"
    _units(folder, "a")
    _units(folder / "nhap", "b")
    assert _ids(read_dataset(folder)) == ["a"]
