"""The checks of an incremental run: each file's (kept in the store) and the setting's (re-run),
listed as ``validate`` lists them for the whole folder.

``validate`` lists, per rule, the first findings of each code and file up to a
limit (then one DV628 counts the rest), in the order the rule yields them. A
file's findings are therefore kept per rule, in that order, uncut; the folder's
are cut when the files are put together. A rule that finds something in the
setting and in the activities under one code (duplicate ids, text form) is cut
on both together: when it passes the limit there, the run goes cold.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Final

import attrs

from danvan.errors import DanvanError
from danvan.findings import (
    Finding,
    Location,
    RecordOrigin,
    ValidationReport,
    codes,
    make_finding,
    record_pointer,
    relocated,
)
from danvan.model import Dataset
from danvan.periods import ReportingCalendar
from danvan.rules import Rule, ValidationContext, run_rule, validate
from danvan.store._codec import finding_from_raw

#: The built-in rules whose findings on an activity need only that activity and the setting.
PER_FILE_RULES: Final = frozenset(
    {
        *("duplicate-ids", "likely-duplicates", "unit-references", "activity-references"),
        *("activity-dates", "activity-numbers", "quantity-units", "text-form"),
    }
)
#: The built-in rules that look at activities alone: not run over the setting and the keys.
ACTIVITY_RULES: Final = frozenset(
    {
        *("activity-references", "activity-dates", "activity-numbers"),
        *("quantity-units", "likely-duplicates"),
    }
)
#: Every built-in rule: the split above is known for these only.
KNOWN_RULES: Final = PER_FILE_RULES | {
    *("hierarchy", "hierarchy-cycles", "reused-codes", "valid-after-successor"),
    *("succession-cycles", "team-dates", "memberships", "leaders", "monthly-meetings"),
    *("unit-figures", "plan-targets", "submissions", "catalog-references", "people-references"),
    *("submission-periods", "submission-duplicates", "reporting-line"),
}


class TooMany(DanvanError):
    """A rule passes the limit of findings in the setting and the activities together."""


def file_findings(
    own: Dataset,
    rules: Iterable[Rule],
    *,
    as_of: dt.date | None,
    calendar: ReportingCalendar,
) -> dict[str, list[Finding]]:
    """Per rule of `PER_FILE_RULES`, its findings on the activities of ``own`` (the setting
    and one file's activities), in the order it yields them, uncut, JSON pointers filled."""
    context = ValidationContext(own, as_of=as_of, calendar=calendar)
    first: dict[str, int] = {}
    for position, activity in enumerate(own.activities):
        first.setdefault(activity.id, position)
    found: dict[str, list[Finding]] = {}
    for rule in rules:
        if rule.name in PER_FILE_RULES:
            found[rule.name] = [
                _pointed(finding, first)
                for finding in run_rule(rule, context)
                if finding.location.record_kind == "activity"
            ]
    return found


def _pointed(finding: Finding, first: dict[str, int]) -> Finding:
    """The finding with the JSON pointer ``validate`` gives a record not read from a sheet."""
    where = finding.location
    if where.pointer is not None or where.row is not None:
        return finding
    index = where.record_index
    if index is None and where.record_id is not None:
        index = first.get(where.record_id)
    pointer = None if index is None else record_pointer("activity", index, where.field)
    if pointer is None:
        return finding
    return attrs.evolve(finding, location=attrs.evolve(where, pointer=pointer))


@attrs.frozen
class FilePart:
    """One file's stored findings, and where its activities sit in the folder's list."""

    source: str  # its name now
    stored_as: str  # its name when its findings were stored
    offset: int  # its first activity's place among the folder's activities
    count: int  # its activities
    document: bool  # read as a dataset document (its findings name JSON pointers)
    findings: dict[str, list[dict[str, Any]]]


@attrs.frozen
class SettingPart:
    """One rule's findings over the setting and the stand-ins (placed in their files), and
    how many of each (source, code) it found there before they were placed."""

    findings: list[Finding]
    counts: dict[tuple[str | None, str], int]


def setting_findings(
    rules: Sequence[Rule],
    keyed: Dataset,
    origins: Sequence[RecordOrigin],
    *,
    limit: int | None,
    as_of: dt.date | None,
    calendar: ReportingCalendar,
) -> dict[str, SettingPart]:
    """Per rule (but those of activities alone), its findings over ``keyed`` (the setting and
    stand-ins for the stored keys), as ``validate`` cuts them. Raises `TooMany` when a rule
    of the files passes the limit there (its cut would need the files' findings too)."""
    out: dict[str, SettingPart] = {}
    for rule in rules:
        if rule.name in ACTIVITY_RULES:
            continue
        mine = rule.name in PER_FILE_RULES
        setting = validate(
            keyed,
            rules=[rule],
            as_of=as_of,
            calendar=calendar,
            max_findings_per_code=None if mine else limit,
        )
        kept = [f for f in setting.findings if f.location.record_kind != "activity"]
        counts = Counter((f.location.source, f.code) for f in kept) if mine else Counter()
        if limit is not None and any(count > limit for count in counts.values()):
            raise TooMany(rule.name)
        out[rule.name] = SettingPart(
            list(relocated(ValidationReport.of(kept), origins).findings), counts
        )
    return out


def folder_findings(
    rules: Sequence[Rule],
    setting: Mapping[str, SettingPart],
    files: Sequence[FilePart],
    *,
    limit: int | None,
) -> list[Finding]:
    """Every rule's findings for the folder: the setting's (`setting_findings`), and the
    files' stored ones, cut as ``validate`` cuts them. Raises `TooMany` when they cannot be
    cut as it cuts them."""
    out: list[Finding] = []
    for rule in rules:
        counts: Counter[tuple[str | None, str]] = Counter()
        if rule.name not in ACTIVITY_RULES:
            part = setting[rule.name]
            out += part.findings
            if rule.name not in PER_FILE_RULES:
                continue
            counts.update(part.counts)
        out += _files_findings(rule.name, files, limit, counts, cut=rule.name in ACTIVITY_RULES)
    return out


def _files_findings(
    rule: str,
    files: Sequence[FilePart],
    limit: int | None,
    counts: Counter[tuple[str | None, str]],
    *,
    cut: bool,
) -> list[Finding]:
    """The files' findings of ``rule``, in the folder's order, the first ``limit`` of each
    code and file kept (``cut``), or all of them (`TooMany` past the limit)."""
    out: list[Finding] = []
    for part in files:
        kept = []
        for raw in part.findings.get(rule, ()):
            source = raw["location"][0]
            if source == part.stored_as:
                source = part.source
            key = (source, raw["code"])
            counts[key] += 1
            if limit is not None and counts[key] > limit:
                if cut:
                    continue
                raise TooMany(rule)
            kept.append(_placed(finding_from_raw(raw, part.stored_as, part.source), part.offset))
        spans = [RecordOrigin("activities", 0, part.count, part.source)] if part.document else []
        out += relocated(ValidationReport(kept), spans).findings
    if limit is not None:
        for (source, code), count in counts.items():
            if count > limit:
                out.append(
                    make_finding(
                        codes.MORE_FINDINGS,
                        Location(source=source),
                        source=source or "",
                        count=count - limit,
                        kind=code,
                        limit=limit,
                    )
                )
    return out


def _placed(finding: Finding, offset: int) -> Finding:
    """The finding with its activity's place among the folder's activities."""
    where = finding.location
    if not offset or where.record_index is None:
        return finding
    moved = attrs.evolve(where, record_index=where.record_index + offset)
    return attrs.evolve(finding, location=moved)
