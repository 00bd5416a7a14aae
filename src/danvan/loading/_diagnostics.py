"""Where a loading problem is and what it is called: locations, JSON pointers, DV0xx findings.

A path into a parsed dataset document becomes a ``Location`` (record kind,
index, id, field, its JSON pointer, and the file, sheet and row of the
record's provenance);
JSON text is parsed with its own refusals (empty DV632, not JSON DV001, a key
written twice DV634); a ``FieldError`` becomes its DV0xx finding.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping
from typing import Any

import orjson

from danvan.findings import Finding, Location, codes, make_finding
from danvan.labels import Label
from danvan.layout import field_name, type_name
from danvan.loading._errors import FieldError, Path, format_path, lookup

_RECORD_KINDS = {
    "units": "unit",
    "organizations": "organization",
    "members": "member",
    "teams": "team",
    "memberships": "membership",
    "activities": "activity",
    "successions": "succession",
    "figures": "unit_figure",
    "targets": "target",
    "submissions": "submission",
    "bodies": "reporting_body",
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
        source=text_or_none(provenance.get("source")) or source,
        sheet=text_or_none(provenance.get("sheet")),
        row=row if isinstance(row, int) and not isinstance(row, bool) else None,
        field=format_path(rest) or None,
        record_kind=kind,
        record_id=text_or_none(record_id),
        record_index=index,
        pointer=json_pointer(path) if path else None,
    )


def text_or_none(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def structure_findings(
    errors: list[FieldError], raw: Any, source: str | None = None
) -> Iterator[Finding]:
    """One finding per ``FieldError`` of a ``DatasetLoadError``."""
    for error in errors:
        yield structure_finding(error, locate(error.path, raw, source))


#: The problems of a document that is no dataset, as a Vietnamese message says them.
_DOCUMENT_WORDS = {
    "not an object": "không phải một đối tượng JSON",
    "unknown format": "định dạng không phải của danvan",
    "a JSON object": "một đối tượng JSON",
}


def _said(text: str) -> Label:
    return Label(_DOCUMENT_WORDS.get(text, text), text)


def structure_finding(error: FieldError, location: Location) -> Finding:
    """The finding of one ``FieldError`` (a path in the document) found at ``location``.

    The field and the type it needs are named in each message's language
    (``layout.field_name``, ``layout.type_name``).
    """
    path = location.field or format_path(error.path)
    field = field_name(location.record_kind, path) if path else Label("(tài liệu)", "(document)")
    expected = type_name(error.expected) if error.expected else "?"
    if error.path in {(), ("format",)}:
        return make_finding(
            codes.NOT_A_DATASET,
            location,
            problem=_said(error.problem),
            expected=_said(error.expected) if error.expected else "?",
            value=error.value,
        )
    if error.problem == "required field missing":
        return make_finding(codes.MISSING_FIELD, location, field=field, expected=expected)
    if error.problem == "unknown field":
        return make_finding(codes.UNKNOWN_FIELD, location, field=field, value=error.value)
    return make_finding(
        codes.INVALID_VALUE,
        location,
        field=field,
        expected=expected,
        value=error.value,
        problem=error.problem,
    )


_BOM = b"\xef\xbb\xbf"


def without_bom(data: bytes | str) -> bytes | str:
    """JSON text without its UTF-8 byte-order mark, which orjson refuses."""
    if isinstance(data, bytes):
        return data[3:] if data.startswith(_BOM) else data
    return data[1:] if data.startswith("\ufeff") else data


def may_repeat_keys(raw: bytes | str, parsed: Any) -> bool:
    """Whether the text ``raw`` of ``parsed`` may hold a key twice in one object.

    orjson keeps the last of duplicate keys without a word, so the text is
    checked by counting: each name-value pair and each colon inside a string
    is one ``:`` in the text, and the parsed document written back has one
    ``:`` per pair it kept. Equal counts, with no colon escaped as ``\\u003a``,
    prove that no key was dropped.
    """
    escape, colon = (b"\\u003", b":") if isinstance(raw, bytes) else ("\\u003", ":")
    if escape in raw:  # type: ignore[operator]
        return True
    try:
        return raw.count(colon) != orjson.dumps(parsed).count(b":")  # type: ignore[arg-type]
    except TypeError:  # not writable back (cannot come from orjson.loads): look closer
        return True


def duplicate_keys(data: bytes | str, parsed: Any) -> list[tuple[Path, str]]:
    """``(path of the object, key)`` for each key written twice in one object of ``data``.

    Cheap when there is none (see ``may_repeat_keys``); only otherwise is the
    text read again, by the standard library, to say which keys and where.
    """
    if not may_repeat_keys(data, parsed):
        return []
    return located_duplicates(data.encode() if isinstance(data, str) else data)


class _Pairs(dict[str, Any]):
    """A parsed JSON object that remembers the keys it saw twice."""

    repeated: tuple[str, ...] = ()


def _pairs(pairs: list[tuple[str, Any]]) -> _Pairs:
    seen = _Pairs()
    repeated = []
    for key, value in pairs:
        if key in seen:
            repeated.append(key)
        seen[key] = value
    seen.repeated = tuple(repeated)
    return seen


def located_duplicates(raw: bytes) -> list[tuple[Path, str]]:
    """``duplicate_keys`` the slow way, by the standard library's reader: which keys, where."""
    try:
        tree = json.loads(raw, object_pairs_hook=_pairs)
    except ValueError:  # orjson read it; a text the two readers disagree on is not ours to judge
        return []
    found: list[tuple[Path, str]] = []
    stack: list[tuple[Path, Any]] = [((), tree)]
    while stack:
        here, value = stack.pop()
        if isinstance(value, dict):
            if isinstance(value, _Pairs):
                found.extend((here, key) for key in dict.fromkeys(value.repeated))
            stack.extend(((*here, key), item) for key, item in value.items())
        elif isinstance(value, list):
            stack.extend(((*here, index), item) for index, item in enumerate(value))
    return sorted(found, key=lambda item: (len(item[0]), str(item)))


def json_pointer(path: Path) -> str:
    """``("activities", 3)`` as the JSON pointer ``/activities/3`` (RFC 6901); ``""`` is the top."""
    return "".join("/" + str(part).replace("~", "~0").replace("/", "~1") for part in path)


def parse_document(
    data: bytes | str, source: str | None, where: Callable[[Path, Any], Location] | None = None
) -> tuple[Any, list[Finding]]:
    """JSON text parsed, or ``None`` and why not: empty (DV632), not JSON (DV001), a key twice.

    A key written twice in one object is a DV634 finding for each.

    A UTF-8 byte-order mark is accepted. ``where(path, parsed)`` locates a
    duplicate key (by default ``locate``, a path into a dataset document).
    """
    text = without_bom(data)
    if not text or text.isspace():
        return None, [
            make_finding(codes.EMPTY_FILE, Location(source=source), source=source or "JSON")
        ]
    try:
        parsed = orjson.loads(text)
    except orjson.JSONDecodeError as error:
        return None, [make_finding(codes.INVALID_JSON, Location(source=source), detail=str(error))]
    duplicates = duplicate_keys(text, parsed)
    if duplicates:
        place = where if where is not None else (lambda path, doc: locate(path, doc, source))
        return None, [
            make_finding(
                codes.DUPLICATE_KEY,
                place((*path, key), parsed),
                key=key,
                pointer=json_pointer(path),
            )
            for path, key in duplicates
        ]
    return parsed, []


def parsed_or_refused(
    data: bytes | str | Mapping[str, Any], source: str | None
) -> tuple[Any, list[Finding]]:
    """The parsed document, or ``None`` and the findings of JSON text that cannot be taken."""
    if not isinstance(data, bytes | str):
        return data, []
    return parse_document(data, source)
