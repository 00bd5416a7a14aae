"""Opening input files with care: only regular files are opened, and a pipe never blocks.

A named pipe opened for reading waits for a writer (the run hangs); a device
may do anything when opened. So the kind of a path is checked before it is
opened, and checked again on the open descriptor (``fstat``): a file swapped
for something else in between is refused too. Opening uses ``O_NONBLOCK``,
so even a pipe that slips through cannot make the open wait.
"""

from __future__ import annotations

import os
import stat
from typing import BinaryIO

from danvan.errors import DanvanError
from danvan.labels import Label

_KINDS = (
    (stat.S_ISFIFO, Label("ống dẫn có tên", "named pipe")),
    (stat.S_ISCHR, Label("thiết bị ký tự", "character device")),
    (stat.S_ISBLK, Label("thiết bị khối", "block device")),
    (stat.S_ISSOCK, Label("socket", "socket")),
    (stat.S_ISDIR, Label("thư mục", "folder")),
    (stat.S_ISLNK, Label("liên kết tượng trưng", "symbolic link")),
)
_REPLACED = Label("tệp vừa bị thay", "file replaced while being opened")


def file_kind(mode: int) -> Label:
    """What a ``st_mode`` that is not a regular file is, in words."""
    for test, name in _KINDS:
        if test(mode):
            return name
    return Label("loại tệp lạ", "unusual kind of file")


class NotRegularFileError(DanvanError, OSError):
    """A path that is not a regular file (pipe, device, socket, folder); it was not opened."""

    def __init__(self, path: str | os.PathLike[str], kind: Label) -> None:
        super().__init__(f"{os.fspath(path)!r} is a {kind.en}, not a regular file")
        self.kind = kind


def open_regular(path: str | os.PathLike[str], *, follow_links: bool = True) -> BinaryIO:
    """Open ``path`` for reading in binary if it is a regular file; else ``NotRegularFileError``.

    ``follow_links=False`` refuses a symbolic link too (``O_NOFOLLOW``), for a
    path already resolved by the caller: a link put in its place meanwhile is
    not followed. Other failures are the usual ``OSError``.
    """
    before = os.stat(path, follow_symlinks=follow_links)
    if not stat.S_ISREG(before.st_mode):
        raise NotRegularFileError(path, file_kind(before.st_mode))
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    flags |= getattr(os, "O_BINARY", 0)
    if not follow_links:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    descriptor = os.open(path, flags)
    try:
        after = os.fstat(descriptor)
        if not stat.S_ISREG(after.st_mode):
            raise NotRegularFileError(path, file_kind(after.st_mode))
        if (after.st_dev, after.st_ino) != (before.st_dev, before.st_ino):
            raise NotRegularFileError(path, _REPLACED)
        return os.fdopen(descriptor, "rb")
    except BaseException:
        os.close(descriptor)
        raise


def read_regular(path: str | os.PathLike[str], *, follow_links: bool = True) -> bytes:
    """The bytes of a regular file (see ``open_regular``)."""
    with open_regular(path, follow_links=follow_links) as stream:
        return stream.read()
