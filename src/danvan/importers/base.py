"""The importer contract: what a ``danvan_importers`` hook returns and what ``read`` gives back.

An importer only opens its format: it hands back raw sheets (a header and rows
of cells, each row with its 1-based number) or, for a format that holds a whole
dataset, the dataset itself, plus findings about the file. Recognising tables
and headers, reading cells and building records is shared by every format
(``danvan.importers.tabular``), so a header or a date is read the same way
from XLSX, CSV or JSON.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import IO, Any

import attrs

from danvan.findings import Finding
from danvan.labels import Label
from danvan.model import Catalog, Dataset

BinaryStream = IO[bytes]


class UnreadableFileError(Exception):
    """A file cannot be read at all; the message names the file and says why (vi and en).

    Importers raise it (or any exception) from ``read``; ``read_dataset``
    turns it into one DV601 finding naming the file.
    """


@attrs.frozen
class ImportOptions:
    """What an importer is given besides the stream: the catalogue for documents without one."""

    catalog: Catalog | None = None


@attrs.frozen
class RawSheet:
    """A sheet as read: rows of cells, the first non-empty one (usually) the header.

    ``name`` is the sheet name (or resource path) and ``hint`` a name to match
    against the layout's tables (the sheet name, a CSV's stem, a resource name).
    ``rows[i]`` is row number ``first_row + i``, numbered from 1 as a
    spreadsheet shows them. ``text_cells`` says every cell is text as written
    in CSV (numbers and dates still to be read, formula-like text escaped with ``'``).
    """

    name: str | None
    hint: str | None
    rows: Sequence[Sequence[Any]]
    first_row: int = 1
    text_cells: bool = False


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
