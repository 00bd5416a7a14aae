"""Loading with findings instead of exceptions: structure errors and text fixes, located.

``load_checked`` reads a document the way ``danvan.convert`` does, but returns
what it found as a report: every field cattrs could not structure (DV0xx) and
every string that was normalised (DV5xx), each located by record kind, index,
id and field, and by the file, sheet and row the record's provenance names.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import orjson

from danvan.convert import (
    DatasetLoadError,
    FieldError,
    Path,
    collector_paused,
    dataset_from_normal,
    format_path,
    lookup,
    normalize_strings,
    structure_if_clean,
)
from danvan.findings import Finding, Location, ValidationReport, make_finding
from danvan.model import Catalog, Dataset
from danvan.rules import codes
from danvan.rules.text import text_findings

_RECORD_KINDS = {
    "units": "unit",
    "organizations": "organization",
    "members": "member",
    "teams": "team",
    "memberships": "membership",
    "activities": "activity",
    "successions": "succession",
}
_CATALOG_KINDS = {
    "activity_types": "activity_type",
    "topics": "topic",
    "indicators": "indicator",
}


def locate(path: Path, raw: Any, source: str | None = None) -> Location:
    """The location of ``path`` in the parsed document ``raw``.

    A path into a record list becomes record kind, index and id plus the
    field inside the record; file, sheet and row come from the record's
    ``provenance`` where it has a usable one, the file otherwise from ``source``.
    """
    kind: str | None = None
    record: Any = None
    index: int | None = None
    rest: Path = path
    id_key = "id"
    if len(path) >= 2 and path[0] in _RECORD_KINDS and isinstance(path[1], int):
        kind, index, rest = _RECORD_KINDS[str(path[0])], path[1], path[2:]
        record = lookup(raw, path[:2])
    elif (
        len(path) >= 3
        and path[0] == "catalog"
        and path[1] in _CATALOG_KINDS
        and isinstance(path[2], int)
    ):
        kind, index, rest = _CATALOG_KINDS[str(path[1])], path[2], path[3:]
        record = lookup(raw, path[:3])
        id_key = "code"
    record_id = record.get(id_key) if isinstance(record, Mapping) else None
    provenance = record.get("provenance") if isinstance(record, Mapping) else None
    if not isinstance(provenance, Mapping):
        provenance = {}
    row = provenance.get("row")
    return Location(
        source=_text(provenance.get("source")) or source,
        sheet=_text(provenance.get("sheet")),
        row=row if isinstance(row, int) and not isinstance(row, bool) else None,
        field=format_path(rest) or None,
        record_kind=kind,
        record_id=_text(record_id),
        record_index=index,
    )


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def structure_findings(
    errors: list[FieldError], raw: Any, source: str | None = None
) -> Iterator[Finding]:
    """One finding per ``FieldError`` of a ``DatasetLoadError``."""
    for error in errors:
        location = locate(error.path, raw, source)
        field = location.field or format_path(error.path) or "(document)"
        expected = error.expected or "?"
        if error.path in {(), ("format",)}:
            yield make_finding(
                codes.NOT_A_DATASET,
                location,
                problem=error.problem,
                expected=expected,
                value=error.value,
            )
        elif error.problem == "required field missing":
            yield make_finding(codes.MISSING_FIELD, location, field=field, expected=expected)
        elif error.problem == "unknown field":
            yield make_finding(codes.UNKNOWN_FIELD, location, field=field, value=error.value)
        else:
            yield make_finding(
                codes.INVALID_VALUE,
                location,
                field=field,
                expected=expected,
                value=error.value,
                problem=error.problem,
            )


def load_checked(
    data: bytes | str | Mapping[str, Any],
    *,
    source: str | None = None,
    catalog: Catalog | None = None,
) -> tuple[Dataset | None, ValidationReport]:
    """Load a dataset document; never raise on bad data.

    Returns the dataset (``None`` when it does not fit the model) and a report
    of the structure errors and text normalisations found. ``data`` is JSON
    text or an already parsed document; ``source`` names the file.
    """
    if isinstance(data, bytes | str):
        try:
            with collector_paused():
                raw: Any = orjson.loads(data)
        except orjson.JSONDecodeError as error:
            finding = make_finding(codes.INVALID_JSON, Location(source=source), detail=str(error))
            return None, ValidationReport.of([finding])
    else:
        raw = data
    dataset: Dataset | None = structure_if_clean(raw, catalog=catalog)
    if dataset is not None:
        return dataset, ValidationReport.of([])
    findings: list[Finding] = []
    if isinstance(raw, Mapping):
        normal, changes = normalize_strings(dict(raw))
        for change in changes:
            location = locate(change.path, normal, source)
            findings.extend(text_findings(change.before, change.after, location))
    else:
        normal = raw
    try:
        # The strings were made normal above: structure that copy, not walk them again.
        dataset = dataset_from_normal(raw, normal, catalog=catalog)
    except DatasetLoadError as error:
        dataset = None
        findings.extend(structure_findings(error.errors, normal, source))
    return dataset, ValidationReport.of(findings)
