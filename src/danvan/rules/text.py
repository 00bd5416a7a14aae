"""Rules on text: strings that were not in the canonical form (NFC, one tone-mark placement).

Loading normalises every string, so for a loaded dataset these findings come
from the changes the loader made (see ``danvan.rules.load``); for a dataset
built in code, the rule below looks at the people-facing texts themselves.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator

from danvan.convert import normalize_text
from danvan.findings import Finding, Location, make_finding
from danvan.model import Provenance
from danvan.rules import codes
from danvan.rules.base import ValidationContext, rule


def text_findings(before: str, after: str, location: Location) -> Iterator[Finding]:
    """What changed between ``before`` and its canonical form ``after``, as information."""
    field = location.field or ""
    nfc = unicodedata.normalize("NFC", before)
    if nfc != before:
        yield make_finding(codes.NOT_NFC, location, field=field, before=before, after=after)
    if nfc != after:
        yield make_finding(codes.TONE_PLACEMENT, location, field=field, before=before, after=after)


def _check(
    kind: str,
    record_id: str,
    provenance: Provenance | None,
    fields: Iterable[tuple[str, str | None]],
) -> Iterator[Finding]:
    for field, text in fields:
        if text is None or text.isascii():
            continue
        normal = normalize_text(text)
        if normal != text:
            location = Location.of(kind, record_id, provenance, field=field)
            yield from text_findings(text, normal, location)


@rule("text-form", codes.NOT_NFC, codes.TONE_PLACEMENT)
def text_form(context: ValidationContext) -> Iterator[Finding]:
    """Names, titles and notes are in the canonical form."""
    dataset = context.dataset
    for unit in dataset.units:
        yield from _check("unit", unit.id, unit.provenance, [("name", unit.name)])
    for organization in dataset.organizations:
        yield from _check(
            "organization", organization.id, organization.provenance, [("name", organization.name)]
        )
    for member in dataset.members:
        fields = [
            ("full_name", member.full_name),
            ("ethnicity", member.ethnicity),
            ("position", member.position),
        ]
        yield from _check("member", member.id, member.provenance, fields)
    for team in dataset.teams:
        fields = [("name", team.name), ("decision", team.decision)]
        yield from _check("team", team.id, team.provenance, fields)
    normal = normalize_text
    for activity in dataset.activities:
        title, note, partners = activity.title, activity.note, activity.partners
        if normal(title) == title and normal(note) == note and not partners:
            continue
        fields = [
            ("title", title),
            ("note", note),
            *((f"partners[{i}]", p) for i, p in enumerate(partners)),
        ]
        yield from _check("activity", activity.id, activity.provenance, fields)
