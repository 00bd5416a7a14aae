"""Loading with findings instead of exceptions: structure errors and text fixes, located.

``load_checked`` reads a document the way ``danvan.convert`` does, but returns
what it found as a report: every field cattrs could not structure (DV0xx) and
every string that was normalised (DV5xx), each located by record kind, index,
id and field, and by the file, sheet and row the record's provenance names.
``load_lines`` does the same for activities read as JSON lines, one line at a
time, locating each line's findings by its line number.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

import attrs
import orjson

from danvan.convert import (
    REFUSED,
    DatasetLoadError,
    FieldError,
    Path,
    clean_road,
    dataset_from_normal,
    format_path,
    lookup,
    normalize_strings,
    structure_if_clean,
    structure_records,
)
from danvan.findings import Finding, Location, ValidationReport, codes, make_finding
from danvan.model import Activity, Catalog, Dataset
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
        yield structure_finding(error, locate(error.path, raw, source))


def structure_finding(error: FieldError, location: Location) -> Finding:
    """The finding of one ``FieldError`` (a path in the document) found at ``location``."""
    field = location.field or format_path(error.path) or "(document)"
    expected = error.expected or "?"
    if error.path in {(), ("format",)}:
        return make_finding(
            codes.NOT_A_DATASET,
            location,
            problem=error.problem,
            expected=expected,
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


def _without_bom(data: bytes | str) -> bytes | str:
    """JSON text without its UTF-8 byte-order mark, which orjson refuses."""
    if isinstance(data, bytes):
        return data[3:] if data.startswith(_BOM) else data
    return data[1:] if data.startswith("\ufeff") else data


def _may_repeat_keys(raw: bytes | str, parsed: Any) -> bool:
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

    Cheap when there is none (see ``_may_repeat_keys``); only otherwise is the
    text read again, by the standard library, to say which keys and where.
    """
    if not _may_repeat_keys(data, parsed):
        return []
    return _located_duplicates(data.encode() if isinstance(data, str) else data)


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


def _located_duplicates(raw: bytes) -> list[tuple[Path, str]]:
    import json  # only for the rare document whose colons do not add up

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
    text = _without_bom(data)
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


def _parsed(data: bytes | str | Mapping[str, Any], source: str | None) -> tuple[Any, list[Finding]]:
    """The parsed document, or ``None`` and the findings of JSON text that cannot be taken."""
    if not isinstance(data, bytes | str):
        return data, []
    return parse_document(data, source)


def load_checked(
    data: bytes | str | Mapping[str, Any],
    *,
    source: str | None = None,
    catalog: Catalog | None = None,
) -> tuple[Dataset | None, ValidationReport]:
    """Load a dataset document; never raise on bad data.

    Returns the dataset (``None`` when it does not fit the model) and a report
    of the structure errors and text normalisations found. ``data`` is JSON
    text or an already parsed document; ``source`` names the file. JSON text
    may begin with a UTF-8 byte-order mark; empty text (DV632) or a key written
    twice in one object (DV634, which a parsed document can no longer show)
    gives no dataset.
    """
    raw, refused = _parsed(data, source)
    if refused:
        return None, ValidationReport.of(refused)
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


def load_lines(
    setting: bytes | str | Mapping[str, Any],
    lines: Iterable[bytes | str],
    *,
    source: str | None = None,
    setting_source: str | None = None,
    catalog: Catalog | None = None,
) -> tuple[Dataset | None, ValidationReport]:
    """Load a setting document and activities as JSON lines, one line at a time; never raise.

    ``setting`` is a dataset document (JSON text or parsed) with the units,
    teams, members and catalogue the activities refer to; ``lines`` yields one
    activity a line (an open binary file will do), and those activities come
    after any the setting holds. ``source`` names the lines' file and
    ``setting_source`` the setting's.

    Gives what ``load_checked`` gives for the setting with the lines' activities
    in it, but never holds the parsed lines: each is parsed and structured
    alone, by the clean road where it can, else by the full road (text changes
    DV5xx, structure errors DV0xx). Their findings point at ``source`` and the
    1-based line number (``row``), with the record's index among the activities.
    A line that is not JSON is a DV001 error at its line; the other lines are
    still checked. Blank lines are skipped. As with ``load_checked``, the
    dataset is ``None`` when any error was found.
    """
    findings: list[Finding] = []
    raw_setting, refused = _parsed(setting, setting_source)
    findings.extend(refused)
    base: Dataset | None = None
    if raw_setting is not None:
        base, report = load_checked(raw_setting, source=setting_source, catalog=catalog)
        findings.extend(report.findings)
    given = raw_setting.get("activities") if isinstance(raw_setting, Mapping) else None
    index = len(given) if isinstance(given, list) else 0
    activities: list[Activity] = list(base.activities) if base is not None else []
    failed = base is None
    loads, decode_error = orjson.loads, orjson.JSONDecodeError
    batch_lines: list[Any] = []  # the last lines parsed, to be checked for duplicate keys
    batch_raws: list[Any] = []
    numbers: list[int] = []
    keep_line, keep_raw, keep_number = batch_lines.append, batch_raws.append, numbers.append
    with clean_road(Activity) as clean:
        for number, line in enumerate(lines, start=1):
            if number == 1:
                line = _without_bom(line)
            try:
                raw = loads(line)
            except decode_error as error:
                if line.strip():
                    location = Location(source=source, row=number)
                    findings.append(make_finding(codes.INVALID_JSON, location, detail=str(error)))
                    failed = True
                continue
            keep_line(line)
            keep_raw(raw)
            keep_number(number)
            if len(batch_raws) >= _BATCH:
                first = index - len(batch_raws) + 1
                if _repeated_keys(batch_lines, batch_raws, numbers, first, source, findings):
                    failed = True
                batch_lines.clear()
                batch_raws.clear()
                numbers.clear()
            try:
                activities.append(clean(raw))
            except REFUSED:  # the full road finds and reports what it was
                activity = _activity_the_full_way(raw, index, number, source, findings)
                if activity is None:
                    failed = True
                else:
                    activities.append(activity)
            index += 1
    if batch_raws:
        first = index - len(batch_raws)
        if _repeated_keys(batch_lines, batch_raws, numbers, first, source, findings):
            failed = True
    if failed or base is None:
        return None, ValidationReport.of(findings)
    return attrs.evolve(base, activities=tuple(activities)), ValidationReport.of(findings)


_BATCH = 256
"""JSON lines checked for duplicate keys together (see ``_repeated_keys``)."""


def _repeated_keys(
    lines: list[Any],
    raws: list[Any],
    numbers: list[int],
    first_index: int,
    source: str | None,
    findings: list[Finding],
) -> bool:
    """``_may_repeat_keys`` for a batch of JSON lines; whether one had a key twice.

    Writing each line's record back would cost more than the rest of its
    check: the batch is joined and written back in one call each, and only a
    batch whose colons do not add up is looked at line by line (with DV634
    findings for the lines that repeat a key).
    """
    try:
        text = lines[0][:0].join(lines)
    except (TypeError, AttributeError):  # text and bytes mixed, or neither: line by line
        text = None
    if text is not None and not _may_repeat_keys(text, raws):
        return False
    found = False
    for offset, (line, raw, number) in enumerate(zip(lines, raws, numbers, strict=True)):
        if _may_repeat_keys(line, raw):
            index = first_index + offset
            found = _repeated_in_line(line, index, number, source, findings) or found
    return found


def _repeated_in_line(
    line: bytes | str, index: int, number: int, source: str | None, findings: list[Finding]
) -> bool:
    """Add a DV634 finding for each key the line writes twice; whether there was one."""
    repeated = _located_duplicates(line.encode() if isinstance(line, str) else line)
    for path, key in repeated:
        location = Location(
            source=source,
            row=number,
            field=format_path((*path, key)),
            record_kind="activity",
            record_index=index,
        )
        findings.append(
            make_finding(codes.DUPLICATE_KEY, location, key=key, pointer=json_pointer(path))
        )
    return bool(repeated)


def _activity_the_full_way(
    raw: Any, index: int, number: int, source: str | None, findings: list[Finding]
) -> Activity | None:
    """One line's activity by the full road; its findings are added to ``findings``."""
    normal, changes = normalize_strings([raw])

    def location(path: Path) -> Location:
        # ``path`` starts at the record's index in ``normal`` (always 0).
        record = normal[0]
        record_id = record.get("id") if isinstance(record, Mapping) else None
        return Location(
            source=source,
            row=number,
            field=format_path(path[1:]) or None,
            record_kind="activity",
            record_id=_text(record_id),
            record_index=index,
        )

    for change in changes:
        findings.extend(text_findings(change.before, change.after, location(change.path)))
    try:
        [activity] = structure_records(normal, Activity)
    except DatasetLoadError as error:
        for field_error in error.errors:
            in_document = FieldError(
                ("activities", index, *field_error.path[1:]),
                field_error.problem,
                field_error.expected,
                field_error.value,
            )
            findings.append(structure_finding(in_document, location(field_error.path)))
        return None
    return activity
