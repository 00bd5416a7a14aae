"""Limits with names on what one input file may cost, and the checks that need no reader.

Every input file is hostile until read. ``ReadLimits`` names each limit with a
default of the kind Apache POI uses (a zip member that inflates more than 100
times is refused); ``read_dataset(..., limits=ReadLimits(...))`` overrides
them. Exceeding one is a finding at the file (DV620-DV628), never a crash:
checks raise ``RefusedFileError`` carrying that finding, and ``read_dataset``
reports it while the other files are still read.
"""

from __future__ import annotations

import itertools
from typing import Any

import attrs

from danvan.errors import DanvanError
from danvan.findings import MAX_FINDINGS_PER_CODE, Finding, Location, codes, make_finding

MIB = 1 << 20


def _positive(instance: Any, attribute: attrs.Attribute[Any], value: float) -> None:
    if value <= 0:
        raise ValueError(f"{attribute.name} must be positive, not {value!r}")


@attrs.frozen
class ReadLimits:
    """What one input file may cost before it is refused with a finding.

    Sizes are in bytes and counted when inflated. Rows and cells are counted
    over all the sheets (or CSV files) of one file; a workbook's cells are the
    rectangle its reader allocates (from ``A1`` to the last cell used), so a
    sheet with one cell at ``A1`` and one at ``XFD1048576`` counts as full.
    The defaults keep any input of 1 MB or less under about 30 s and 500 MB
    end to end (``benchmarks/hostile_inputs.py``); raise them for larger files.
    """

    #: Bytes one zip member (a sheet's XML, a CSV of a Data Package) may inflate to.
    max_member_bytes: int = attrs.field(default=256 * MIB, validator=_positive)
    #: Inflated size / compressed size allowed per member, checked past ``ratio_grace_bytes``.
    max_inflate_ratio: float = attrs.field(default=100.0, validator=_positive)
    #: A member smaller than this once inflated is never refused for its ratio (POI: 100 KB).
    ratio_grace_bytes: int = attrs.field(default=100 * 1024, validator=_positive)
    #: Bytes all members of one archive may inflate to together.
    max_archive_bytes: int = attrs.field(default=512 * MIB, validator=_positive)
    #: Cells of one file (rows x columns of each sheet's used rectangle, summed).
    max_cells: int = attrs.field(default=3_000_000, validator=_positive)
    #: Rows of one file (all its sheets).
    max_rows: int = attrs.field(default=300_000, validator=_positive)
    #: Columns of one sheet (Excel's own limit, column XFD).
    max_columns: int = attrs.field(default=16_384, validator=_positive)
    #: Characters of one text cell (what an Excel cell holds).
    max_text_length: int = attrs.field(default=32_767, validator=_positive)
    #: Excel error cells (``#N/A`` …) of one workbook, each a finding at its cell.
    max_error_cells: int = attrs.field(default=100_000, validator=_positive)
    #: Levels of nesting of a JSON document (danvan's own need a handful).
    max_json_depth: int = attrs.field(default=64, validator=_positive)
    #: Findings of one code listed per file; one DV628 finding counts the rest.
    max_findings_per_code: int = attrs.field(default=MAX_FINDINGS_PER_CODE, validator=_positive)
    #: Bytes of memory a native reader's worker process may add to what it starts with.
    worker_memory: int = attrs.field(default=2048 * MIB, validator=_positive)
    #: Seconds a native reader's worker process may take over one file.
    worker_timeout: float = attrs.field(default=120.0, validator=_positive)


DEFAULT_LIMITS = ReadLimits()


class RefusedFileError(DanvanError):
    """A file refused by a limit (or its reader stopped): ``finding`` says which and why.

    ``read_dataset`` reports the finding in place of DV601 and reads the other files.
    """

    def __init__(self, finding: Finding) -> None:
        super().__init__(finding.message.en)
        self.finding = finding


def refuse(code: Any, source: str, **values: Any) -> RefusedFileError:
    """The error that refuses ``source`` with a finding of ``code`` at the file."""
    return RefusedFileError(make_finding(code, Location(source=source), source=source, **values))


def sheet_too_large(source: str, what: str, value: int, limit: int, setting: str) -> None:
    """Refuse ``source`` when ``value`` (rows, columns, cells, …) is over ``limit``."""
    if value > limit:
        raise refuse(
            codes.SHEET_TOO_LARGE, source, what=what, value=value, limit=limit, setting=setting
        )


def check_area(source: str, what: str, rows: int, columns: int, limits: ReadLimits) -> None:
    """Refuse a sheet whose used rectangle is over the rows, columns or cells limit."""
    sheet_too_large(source, f"{what}: rows / số dòng", rows, limits.max_rows, "max_rows")
    sheet_too_large(source, f"{what}: columns / số cột", columns, limits.max_columns, "max_columns")
    sheet_too_large(source, f"{what}: cells / số ô", rows * columns, limits.max_cells, "max_cells")


# JSON nesting -----------------------------------------------------------------------------

_KEEP = b'"[]{}'
_OTHERS = bytes(b for b in range(256) if b not in _KEEP)
_STEP = {ord("["): 1, ord("{"): 1, ord("]"): -1, ord("}"): -1}


def json_depth(data: bytes) -> int:
    """How deep the arrays and objects of a JSON text nest (brackets inside strings aside).

    Done on the bytes, before any parser builds the document, in C-level
    passes: escaped backslashes and quotes are dropped, then all but quotes
    and brackets, then what lies between quotes; the brackets left are summed.
    """
    skeleton = data.replace(b"\\\\", b"").replace(b'\\"', b"").translate(None, _OTHERS)
    brackets = b"".join(skeleton.split(b'"')[::2])
    return max(itertools.accumulate(map(_STEP.__getitem__, brackets)), default=0)


def check_json_depth(data: bytes, source: str, limits: ReadLimits) -> None:
    """Refuse a JSON text nested deeper than ``limits.max_json_depth``."""
    if data.count(b"[") + data.count(b"{") <= limits.max_json_depth:
        return
    depth = json_depth(data)
    if depth > limits.max_json_depth:
        raise refuse(codes.TOO_DEEP, source, depth=depth, limit=limits.max_json_depth)
