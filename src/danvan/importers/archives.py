"""The pre-scan of a zip archive (a workbook, a zipped Data Package) before any reader sees it.

Every member is inflated once, a chunk at a time and with a cap, so that its
size and inflate ratio are measured rather than taken from the headers; an
empty archive, a member named twice, a member or archive too large, a ratio of
a zip bomb each refuse the file with a finding (``limits.RefusedFileError``).
For a workbook the same pass reads what makes a native reader allocate: the
shared-strings counts, each sheet's ``<dimension ref>``, the largest cell
reference present and the length of every reference.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from collections.abc import Iterator
from typing import IO

from danvan.findings import codes
from danvan.importers.base import UnreadableFileError
from danvan.importers.limits import ReadLimits, check_area, refuse, sheet_too_large

CHUNK = 1 << 20
#: Bytes of one chunk kept in front of the next, so that no tag is cut in two unseen.
_OVERLAP = 512
#: The longest cell reference a workbook can hold: ``XFD1048576``.
_LONGEST_REFERENCE = len("XFD1048576")


#: What ``zipfile`` and ``zlib`` raise on an archive or member they cannot read.
ZIP_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    OSError,
    ValueError,
    EOFError,
    NotImplementedError,
    RuntimeError,
)

NOT_A_ZIP = (
    "không phải tệp nén zip, hoặc tệp nén bị cắt cụt (thiếu mục lục ở cuối tệp) / "
    "not a zip archive, or an archive cut short (its table of contents at the end is missing)"
)


def _why(error: BaseException) -> tuple[str, str, str, str]:
    """What is wrong with a member, in words, from what ``zipfile`` or ``zlib`` raised.

    The standard library says it in its own words (``Bad CRC-32 for file …``,
    a ``RuntimeError`` for a password): a clerk is told what that means instead.
    Returns the archive's state and the reason, each in Vietnamese and English.
    """
    text = str(error)
    if isinstance(error, RuntimeError) and "encrypted" in text:
        return "tệp nén có mật khẩu", "password-protected archive", *_PASSWORD
    if isinstance(error, NotImplementedError):
        return "tệp nén không hỗ trợ", "unsupported archive", *_COMPRESSION
    if "CRC" in text:
        return "tệp nén hỏng", "damaged archive", *_CHECKSUM
    if "header" in text:
        return "tệp nén hỏng", "damaged archive", *_HEADER
    return "tệp nén hỏng", "damaged archive", *_DATA


_PASSWORD = ("mục này có đặt mật khẩu", "it is protected by a password")
_COMPRESSION = (
    "mục này nén theo kiểu danvan không đọc được",
    "it is compressed in a way danvan cannot read",
)
_CHECKSUM = ("dữ liệu không khớp mã kiểm tra CRC", "its data do not match their CRC checksum")
_HEADER = ("phần đầu của mục bị hỏng", "its header is damaged")
_DATA = ("dữ liệu nén bị hỏng hoặc bị cắt cụt", "its compressed data are damaged or cut short")


def damaged_member(name: str, error: BaseException) -> UnreadableFileError:
    """The error saying, in words, that member ``name`` cannot be read (``error``: why)."""
    state_vi, state_en, why_vi, why_en = _why(error)
    return UnreadableFileError(
        f"{state_vi}: không đọc được mục '{name}' ({why_vi}) / "
        f"{state_en}: member '{name}' cannot be read ({why_en})"
    )


def open_archive(stream: IO[bytes], source: str) -> zipfile.ZipFile:
    """The zip archive in ``stream``, or ``UnreadableFileError`` saying it is not one."""
    try:
        return zipfile.ZipFile(stream)
    except ZIP_ERRORS:
        raise UnreadableFileError(NOT_A_ZIP) from None


def check_members(archive: zipfile.ZipFile, source: str) -> list[zipfile.ZipInfo]:
    """The archive's file members; an empty archive or a name used twice refuses it."""
    members = [info for info in archive.infolist() if not info.is_dir()]
    if not members:
        raise refuse(codes.EMPTY_ARCHIVE, source)
    seen: set[str] = set()
    for info in members:
        if info.filename in seen:
            raise refuse(codes.DUPLICATE_MEMBER, source, member=info.filename)
        seen.add(info.filename)
    return members


def inflate(
    archive: zipfile.ZipFile,
    info: zipfile.ZipInfo,
    source: str,
    limits: ReadLimits,
    budget: int,
) -> Iterator[bytes]:
    """The member's bytes a chunk at a time, refused past a limit (``budget``: archive bytes left).

    The cap is the smaller of ``max_member_bytes`` and ``budget``; the ratio is
    checked past ``ratio_grace_bytes`` against the compressed size.
    """
    cap = min(limits.max_member_bytes, budget)
    compressed = max(info.compress_size, 1)
    size = 0
    try:
        with archive.open(info) as member:
            while chunk := member.read(CHUNK):
                size += len(chunk)
                if size > cap:
                    member_cap = cap == limits.max_member_bytes
                    setting = "max_member_bytes" if member_cap else "max_archive_bytes"
                    raise refuse(
                        codes.ARCHIVE_TOO_LARGE,
                        source,
                        member=info.filename,
                        limit=cap,
                        setting=setting,
                    )
                if size > limits.ratio_grace_bytes and size > compressed * limits.max_inflate_ratio:
                    raise refuse(
                        codes.ARCHIVE_RATIO,
                        source,
                        member=info.filename,
                        limit=f"{limits.max_inflate_ratio:g}",
                    )
                yield chunk
    except ZIP_ERRORS as error:
        raise damaged_member(info.filename, error) from None


def read_members(archive: zipfile.ZipFile, source: str, limits: ReadLimits) -> dict[str, bytes]:
    """Every file member's bytes, by name, after the checks of ``check_members`` and ``inflate``."""
    members = check_members(archive, source)
    budget = limits.max_archive_bytes
    contents: dict[str, bytes] = {}
    for info in members:
        data = b"".join(inflate(archive, info, source, limits, budget))
        budget -= len(data)
        contents[info.filename] = data
    return contents


# Workbooks ------------------------------------------------------------------------------

#: An attribute written oddly (spaces around ``=``, single quotes): rare enough that the
#: start of a member is rewritten to the usual ``␠r="`` first. (References written so
#: further on are left to the worker's own count and memory limit.)
_ODD = re.compile(rb"r[\s=][\s'=]")
_ODD_ATTRIBUTE = re.compile(rb"\s(r|ref)\s*=\s*[\"']")
#: A reference worth a closer look: two or three letters, seven digits, or too long.
_SUSPECT = re.compile(rb' r="(?:[A-Za-z]{2}|[A-Za-z]{0,3}[0-9]{6}|[^"]{%d})' % _LONGEST_REFERENCE)
_TOO_LONG = re.compile(rb' (?:r|ref)="[^"\'>]{%d}' % (_LONGEST_REFERENCE + 1))
_ROWS = re.compile(rb' r="[A-Za-z]{0,3}([0-9]{6,})["\']')
_ALL_ROWS = re.compile(rb' r="[A-Za-z]{0,3}([0-9]+)["\']')
_LETTERS = re.compile(rb' r="([A-Za-z]{2,})[0-9]*["\']')
_DIMENSION = re.compile(rb'dimension\b[^>]*? ref="([^"\']*)')
_SHARED = re.compile(rb"sst\b[^>]*>")
_COUNT = re.compile(rb"\b(count|uniqueCount)\s*=\s*[\"']\s*([0-9]+)")
_SPAN = re.compile(rb"([A-Za-z]*)([0-9]*)")
#: How an error cell's type is written (``#DIV/0!``, ``#N/A`` …), the attribute quoted either way.
#: One regular expression: twice as fast here as two substring tests (``"`` and ``t`` abound).
ERROR_MARK = re.compile(rb"t=[\"']e[\"']")


def has_error_mark(window: bytes) -> bool:
    """Whether ``window`` (a chunk of a member) holds an error cell's type attribute."""
    return ERROR_MARK.search(window) is not None


def column_number(letters: bytes) -> int:
    """``A`` is 1, ``Z`` 26, ``AA`` 27, ``XFD`` 16,384 (case aside)."""
    number = 0
    for letter in letters.upper():
        number = number * 26 + letter - 64
    return number


class WorkbookScan:
    """What one pass over a workbook's members found: rows and columns referred to.

    ``feed`` takes a member's chunks in order (each seam between two chunks
    is scanned too). Every search runs in C over a whole chunk, with no Python
    step per cell: a sheet whose references all have one letter and at most
    five digits (up to ``Z99999``) is settled by one search; only references
    beyond are collected. Such a sheet is not counted here (its reader's
    rectangle stays under 2.6 million cells); the worker counts the rows and
    cells its reader allocated before any becomes a Python object. ``marked``
    says whether the last member fed holds an error cell's mark (``t="e"``),
    which python-calamine reads as an empty cell (``workbook_errors``).
    """

    def __init__(self, source: str, limits: ReadLimits) -> None:
        self.source = source
        self.limits = limits
        self.rows = self.columns = 0
        self.total_rows = self.total_cells = 0
        self.marked = False

    def feed(self, chunks: Iterator[bytes]) -> int:
        """Scan one member, chunk by chunk, and say its size; refuse at the first limit passed."""
        self.rows = self.columns = 0
        self.marked = marked = False
        tail = b""
        size = 0
        for chunk in chunks:
            if not size:  # the shared strings' root and a sheet's dimension open the member
                self._declared(chunk)
            size += len(chunk)
            if tail:  # what a chunk's end and the next one's start hold together
                seam = tail + chunk[:_OVERLAP]
                self._scan(seam)
                marked = marked or has_error_mark(seam)
            self._scan(chunk)
            marked = marked or has_error_mark(chunk)
            tail = chunk[-_OVERLAP:]
        self.marked = marked
        self.total_rows += self.rows
        self.total_cells += self.rows * self.columns
        limits = self.limits
        what = "the workbook's sheets / các trang tính"
        sheet_too_large(self.source, f"{what}: rows", self.total_rows, limits.max_rows, "max_rows")
        sheet_too_large(
            self.source, f"{what}: cells", self.total_cells, limits.max_cells, "max_cells"
        )
        return size

    def _declared(self, window: bytes) -> None:
        """The counts and dimension a member declares at its start (what a reader allocates by).

        A declaration placed further on breaks the schema; what a reader makes
        of it is left to the worker's memory limit.
        """
        if _ODD.search(window):
            window = _ODD_ATTRIBUTE.sub(rb' \1="', window)
        if b"sst" in window:
            for match in _SHARED.finditer(window):
                for name, value in _COUNT.findall(match.group()):
                    sheet_too_large(
                        self.source,
                        f"shared strings {name.decode()} / số chuỗi dùng chung",
                        int(value),
                        self.limits.max_cells,
                        "max_cells",
                    )
        if b"dimension" in window:
            for match in _DIMENSION.finditer(window):
                self._dimension(match.group(1))

    def _scan(self, window: bytes) -> None:
        if not _SUSPECT.search(window):
            return
        if _TOO_LONG.search(window):
            raise refuse(
                codes.SHEET_TOO_LARGE,
                self.source,
                what="a cell reference / tham chiếu ô",
                value="> 10 characters",
                limit=_LONGEST_REFERENCE,
                setting="XFD1048576",
            )
        letters = set(_LETTERS.findall(window))
        if letters:
            self.columns = max(self.columns, max(map(column_number, letters)))
        # Wide sheets are rare: only there are all rows looked at, not only those past 99,999.
        rows = (_ALL_ROWS if letters else _ROWS).findall(window)
        if rows:
            self.rows = max(self.rows, max(map(int, rows)))
        check_area(self.source, "cells used / ô dùng", self.rows, self.columns, self.limits)

    def _dimension(self, ref: bytes) -> None:
        corners = [_SPAN.fullmatch(part) for part in ref.split(b":")]
        last = corners[-1]
        if last is None or not all(corners):
            return
        letters, digits = last.groups()
        check_area(
            self.source,
            f"dimension {ref.decode('ascii', 'replace')}",
            int(digits or 0),
            column_number(letters),
            self.limits,
        )


def scan_workbook(
    archive: zipfile.ZipFile, source: str, limits: ReadLimits
) -> list[zipfile.ZipInfo]:
    """Refuse a workbook that passes a limit, before any reader opens it.

    Returns the members that hold an error cell's mark (``t="e"``), for
    ``workbook_errors`` to read again: python-calamine reads such cells as empty.
    """
    members = check_members(archive, source)
    budget = limits.max_archive_bytes
    scan = WorkbookScan(source, limits)
    marked: list[zipfile.ZipInfo] = []
    for info in members:
        budget -= scan.feed(inflate(archive, info, source, limits, budget))
        if scan.marked:
            marked.append(info)
    return marked
