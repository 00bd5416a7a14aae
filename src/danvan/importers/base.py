"""The importer contract: what a ``danvan_importers`` hook returns and what ``read`` gives back.

An importer only opens its format: it hands back raw sheets (a header and rows
of cells, each row with its 1-based number) or, for a format that holds a whole
dataset, the dataset itself, plus findings about the file. Recognising tables
and headers, reading cells and building records is shared by every format
(``danvan.importers.tabular``), so a header or a date is read the same way
from XLSX, CSV or JSON.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any, overload

import attrs

from danvan.errors import DanvanError
from danvan.findings import Finding
from danvan.importers.calamine_worker import turned
from danvan.importers.limits import DEFAULT_LIMITS, ReadLimits
from danvan.labels import Label
from danvan.model import Catalog, Dataset

BinaryStream = IO[bytes]


class UnreadableFileError(DanvanError):
    """A file cannot be read at all; the message names the file and says why (vi and en).

    Importers raise it (or any exception) from ``read``; ``read_dataset``
    turns it into one DV601 finding naming the file.
    """


def unreadable_detail(error: Exception) -> str:
    """The ``detail`` of a DV601 finding: why the file cannot be read, in words (vi / en).

    An ``UnreadableFileError`` says it already; any other exception is a fault
    of the reader, not of the file as the person sees it, so its Python form is
    not shown (only the kind, for whoever looks into it).
    """
    if isinstance(error, UnreadableFileError):
        return str(error)
    kind = type(error).__name__
    return (
        f"trình đọc gặp lỗi ngoài dự kiến ({kind}); hãy gửi tệp này cho người quản trị / "
        f"the reader failed unexpectedly ({kind}); please send this file to your administrator"
    )


@attrs.frozen
class ImportOptions:
    """What an importer is given besides the stream.

    ``catalog`` serves documents without one; ``limits`` says what one file
    may cost before it is refused with a finding (``ReadLimits``).
    """

    catalog: Catalog | None = None
    limits: ReadLimits = DEFAULT_LIMITS


class ColumnarRows(Sequence[tuple[Any, ...]]):
    """Rows kept column by column: what a reader hands over when it reads a sheet in bulk.

    The shared sheet reader works column by column, so a reader that fills
    columns as it goes (``from_rows``) spares holding every row and turning
    them round afterwards: on 100,000 XLSX rows, a tenth of the import. The
    first rows (``head``, where the header usually is) stay rows. It is still
    a sequence of rows, for anything that reads rows.
    """

    __slots__ = ("_count", "columns", "head")

    def __init__(
        self,
        head: Sequence[Sequence[Any]],
        columns: Sequence[Sequence[Any]],
        count: int | None = None,
    ) -> None:
        """``count`` rows below the head: the columns' length, needed only without columns."""
        if count is None:
            count = len(columns[0]) if columns else 0
        if any(len(column) != count for column in columns):
            raise ValueError("every column needs one cell per row")
        self.head = head
        self.columns = columns
        self._count = count

    @classmethod
    def from_rows(
        cls, rows: Iterable[Sequence[Any]], *, head: int = 1, chunk: int = 512
    ) -> ColumnarRows:
        """The first ``head`` rows as they are, the others column by column (short ones padded).

        Rows are taken a chunk at a time, so each is turned round while it is
        fresh and then let go.
        """
        first, columns, count = turned(rows, head, chunk)
        return cls(first, columns, count)

    def columns_from(self, start: int) -> list[Sequence[Any]]:
        """The cells of ``self[start:]`` column by column; the columns themselves past the head."""
        above = len(self.head)
        if start >= above:
            skip = start - above
            return [column[skip:] if skip else column for column in self.columns]
        top = list(itertools.zip_longest(*self.head[start:]))
        blank_top = (None,) * (above - start)
        blank_column = [None] * self._count
        return [
            [*(top[j] if j < len(top) else blank_top), *self._column(j, blank_column)]
            for j in range(max(len(top), len(self.columns)))
        ]

    def _column(self, index: int, blank: Sequence[Any]) -> Sequence[Any]:
        return self.columns[index] if index < len(self.columns) else blank

    def __len__(self) -> int:
        return len(self.head) + self._count

    @overload
    def __getitem__(self, index: int) -> tuple[Any, ...]: ...

    @overload
    def __getitem__(self, index: slice) -> ColumnarRows: ...

    def __getitem__(self, index: int | slice) -> tuple[Any, ...] | ColumnarRows:
        if isinstance(index, slice):
            start, stop, step = index.indices(len(self))
            if step != 1:
                return ColumnarRows([self[k] for k in range(start, stop, step)], [])
            count = max(0, stop - start)
            return ColumnarRows([], [c[:count] for c in self.columns_from(start)], count)
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError("row index out of range")
        if index < len(self.head):
            return tuple(self.head[index])
        return tuple(column[index - len(self.head)] for column in self.columns)

    def __iter__(self) -> Iterator[tuple[Any, ...]]:
        head = map(tuple, self.head)
        if not self.columns:
            return itertools.chain(head, itertools.repeat((), self._count))
        return itertools.chain(head, zip(*self.columns, strict=True))


@attrs.frozen
class ExcelError:
    """A cell that Excel shows as an error (``#DIV/0!``, ``#N/A`` …), as a raw sheet holds it.

    ``error`` is the error as Excel writes it, ``cell`` the cell's reference
    (``D7``). Readers that turn such a cell into an empty one (python-calamine
    does) are corrected with it, so that the shared sheet reader reports it at
    its cell instead of reading nothing there.
    """

    error: str
    cell: str

    def __str__(self) -> str:
        return self.error


@attrs.frozen
class RawSheet:
    """A sheet as read: rows of cells, the first non-empty one (usually) the header.

    ``name`` is the sheet name (or resource path) and ``hint`` a name to match
    against the layout's tables (the sheet name, a CSV's stem, a resource name).
    ``rows[i]`` is row number ``first_row + i``, numbered from 1 as a
    spreadsheet shows them (``ColumnarRows`` keeps them column by column).
    ``text_cells`` says every cell is text as written in CSV (numbers and
    dates still to be read, formula-like text escaped with ``'``).
    ``rows[i][j]`` is in column number ``first_column + j`` (1 is ``A``): a
    reader that leaves out empty columns on the left says where it started;
    ``None`` for a format whose columns have no letters (a JSON table).
    """

    name: str | None
    hint: str | None
    rows: Sequence[Sequence[Any]]
    first_row: int = 1
    text_cells: bool = False
    first_column: int | None = 1


def _sheets(items: Iterable[RawSheet]) -> tuple[RawSheet, ...]:
    return tuple(items)


def _findings(items: Iterable[Finding]) -> tuple[Finding, ...]:
    return tuple(items)


@attrs.frozen
class RawImport:
    """What an importer read from one file: sheets, or a whole dataset, and findings."""

    sheets: tuple[RawSheet, ...] = attrs.field(default=(), converter=_sheets)
    dataset: Dataset | None = None
    findings: tuple[Finding, ...] = attrs.field(default=(), converter=_findings)


ReadFunction = Callable[[BinaryStream, str, ImportOptions], RawImport]
ReadFolderFunction = Callable[[Path, str, ImportOptions], RawImport]


def _str_tuple(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(items)


@attrs.frozen
class Importer:
    """An input format: what a ``danvan_importers`` hook returns.

    ``read(stream, source, options)`` reads one file from an open binary stream
    (``source`` names it in findings) and must not close the stream.
    ``read_folder(path, source, options)``, when given, reads a folder instead
    (a Data Package unpacked); ``accepts_folder(path)`` says whether it can.
    """

    name: str
    suffixes: tuple[str, ...] = attrs.field(converter=_str_tuple)
    description: Label
    read: ReadFunction = attrs.field(eq=False)
    read_folder: ReadFolderFunction | None = attrs.field(default=None, eq=False)
    accepts_folder: Callable[[Path], bool] | None = attrs.field(default=None, eq=False)

    def matches(self, filename: str) -> str | None:
        """The longest of this importer's suffixes that ``filename`` ends with, if any."""
        lowered = filename.lower()
        found = [s for s in self.suffixes if lowered.endswith(s.lower())]
        return max(found, key=len) if found else None
