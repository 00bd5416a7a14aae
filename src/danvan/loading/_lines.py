"""``load_lines``: a setting document and activities as JSON lines, one line at a time.

The lines are never held parsed: each is structured alone, by the quick road
where it can (one ``Loader`` for the whole stream, so equal strings are still
shared), else by the full road; each line's findings are located by its line
number. A line that is its value's own compact JSON text (as danvan, orjson
and most writers of JSON lines write them) cannot hold a key twice; the other
lines are checked for duplicate keys a batch at a time.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import attrs
import orjson

from danvan.findings import Finding, Location, ValidationReport, codes, make_finding
from danvan.loading._checked import load_checked
from danvan.loading._diagnostics import (
    json_pointer,
    located_duplicates,
    may_repeat_keys,
    parsed_or_refused,
    structure_finding,
    text_or_none,
    without_bom,
)
from danvan.loading._errors import DatasetLoadError, FieldError, Path, format_path
from danvan.loading._json import structure_records
from danvan.loading._normal import normalize_strings, text_findings
from danvan.loading._quick import REFUSED, Loader, structurer
from danvan.model import Activity, Catalog, Dataset


def load_lines(
    setting: bytes | str | Mapping[str, Any],
    lines: Iterable[bytes | str],
    *,
    source: str | None = None,
    catalog: Catalog,
    setting_source: str | None = None,
) -> tuple[Dataset | None, ValidationReport]:
    """Load a setting document and activities as JSON lines, one line at a time; never raise.

    ``setting`` is a dataset document (JSON text or parsed) with the units,
    teams, members and catalogue the activities refer to; ``lines`` yields one
    activity a line (an open binary file will do), and those activities come
    after any the setting holds. ``source`` names the lines' file and
    ``setting_source`` the setting's; a setting without a catalogue takes ``catalog``.

    Gives what ``load_checked`` gives for the setting with the lines' activities
    in it, but never holds the parsed lines: each is parsed and structured
    alone, by the quick road where it can, else by the full road (text changes
    DV5xx, structure errors DV0xx). Their findings point at ``source`` and the
    1-based line number (``row``), with the record's index among the activities.
    A line that is not JSON is a DV001 error at its line; the other lines are
    still checked. Blank lines are skipped. As with ``load_checked``, the
    dataset is ``None`` when any error was found.
    """
    findings: list[Finding] = []
    raw_setting, refused = parsed_or_refused(setting, setting_source)
    findings.extend(refused)
    base: Dataset | None = None
    loader = Loader()  # one for the setting and every line: their equal strings are shared
    if raw_setting is not None:
        base, report = load_checked(
            raw_setting, catalog=catalog, source=setting_source, loader=loader
        )
        findings.extend(report.findings)
    given = raw_setting.get("activities") if isinstance(raw_setting, Mapping) else None
    index = len(given) if isinstance(given, list) else 0
    activities: list[Activity] = list(base.activities) if base is not None else []
    failed = base is None
    loads, dumps, decode_error = orjson.loads, orjson.dumps, orjson.JSONDecodeError
    # Lines that are not their value's own JSON text, to be checked for duplicate keys
    # together: (line, what it parsed to, its number, its activity's index).
    batch: list[tuple[Any, Any, int, int]] = []
    clean = structurer(Activity)
    with loader.active():
        for number, line in enumerate(lines, start=1):
            if number == 1:
                line = without_bom(line)
            try:
                raw = loads(line)
            except decode_error as error:
                if line.strip():
                    location = Location(source=source, row=number)
                    findings.append(make_finding(codes.INVALID_JSON, location, detail=str(error)))
                    failed = True
                continue
            try:
                # A line that begins with its value written back is that value's own text,
                # which never holds a key twice: the common line costs one write-back.
                written = isinstance(line, bytes) and line.startswith(dumps(raw))
            except TypeError:  # a value orjson does not write back: the batch check
                written = False
            if not written:
                batch.append((line, raw, number, index))
                if len(batch) >= _BATCH:
                    failed = _repeated_keys(batch, source, findings) or failed
                    batch.clear()
            try:
                activities.append(clean(raw, Activity))
            except REFUSED:  # the full road finds and reports what it was
                activity = _activity_the_full_way(raw, index, number, source, findings)
                if activity is None:
                    failed = True
                else:
                    activities.append(activity)
            index += 1
    if batch:
        failed = _repeated_keys(batch, source, findings) or failed
    if failed or base is None:
        return None, ValidationReport.of(findings)
    return attrs.evolve(base, activities=tuple(activities)), ValidationReport.of(findings)


_BATCH = 256
"""JSON lines checked for duplicate keys together (see ``_repeated_keys``)."""


def _repeated_keys(
    batch: list[tuple[Any, Any, int, int]], source: str | None, findings: list[Finding]
) -> bool:
    """``may_repeat_keys`` for a batch of JSON lines; whether one had a key twice.

    ``batch`` holds each line with what it parsed to, its number and its
    activity's index. Writing each line's record back would cost more than
    the rest of its check: the batch is joined and written back in one call
    each, and only a batch whose colons do not add up is looked at line by
    line (with DV634 findings for the lines that repeat a key).
    """
    lines = [line for line, _, _, _ in batch]
    try:
        text = lines[0][:0].join(lines)
    except (TypeError, AttributeError):  # text and bytes mixed, or neither: line by line
        text = None
    if text is not None and not may_repeat_keys(text, [raw for _, raw, _, _ in batch]):
        return False
    found = False
    for line, raw, number, index in batch:
        if may_repeat_keys(line, raw):
            found = _repeated_in_line(line, index, number, source, findings) or found
    return found


def _repeated_in_line(
    line: bytes | str, index: int, number: int, source: str | None, findings: list[Finding]
) -> bool:
    """Add a DV634 finding for each key the line writes twice; whether there was one."""
    repeated = located_duplicates(line.encode() if isinstance(line, str) else line)
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
            record_id=text_or_none(record_id),
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
