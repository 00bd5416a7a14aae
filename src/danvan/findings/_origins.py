"""Which file each record of a merged dataset came from, so findings name that file.

A record read from a sheet carries its file, sheet and row in its provenance.
A record read from a JSON document carries no such thing (its provenance, if
any, is part of the data), and once several documents are merged its place in
the merged lists is not its place in its file. Reading keeps, per record list
and file, the span the file's records took (`RecordOrigin`); `relocated` turns
a finding's JSON pointer into the merged dataset back into the file and the
pointer in that file.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from danvan.findings._finding import Finding
from danvan.findings._report import ValidationReport


@attrs.frozen
class RecordOrigin:
    """Records ``start`` to ``end`` (excluded) of the merged list ``table`` came from ``source``."""

    table: str
    start: int
    end: int
    source: str


def relocated(report: ValidationReport, origins: Iterable[RecordOrigin]) -> ValidationReport:
    """``report`` with each finding on a record read from a document named by its file.

    A finding whose JSON pointer (``/activities/57/team``) falls in the span of
    one file's records gets that file as its source and the pointer in that
    file (``/activities/3/team``); every other finding is left as it was.
    """
    spans: dict[str, list[RecordOrigin]] = {}
    for origin in origins:
        spans.setdefault(origin.table, []).append(origin)
    if not spans:
        return report
    return ValidationReport.of(_relocated(f, spans) for f in report.findings)


def _relocated(finding: Finding, spans: dict[str, list[RecordOrigin]]) -> Finding:
    where = finding.location
    if where.pointer is None or where.row is not None:
        return finding
    parts = where.pointer.split("/")  # "", the list, the index, then the path in the record
    if len(parts) < 3 or not parts[2].isdigit():
        return finding
    table, position, rest = parts[1], int(parts[2]), parts[3:]
    for origin in spans.get(table, ()):
        if origin.start <= position < origin.end:
            pointer = "/".join(["", table, str(position - origin.start), *rest])
            moved = attrs.evolve(where, source=origin.source, pointer=pointer)
            return attrs.evolve(finding, location=moved)
    return finding
