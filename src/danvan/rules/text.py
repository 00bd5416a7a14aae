"""Rules on text: strings not in the canonical form (NFC, one tone-mark placement, no controls).

Loading normalises every string, so for a loaded dataset these findings come
from the changes the loader made (see ``danvan.loading.load_checked``); for a dataset
built in code, the rule below looks at the people-facing texts themselves.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from danvan.findings import Finding, Location, codes
from danvan.loading import text_findings
from danvan.model import Provenance
from danvan.rules.base import ValidationContext, rule
from danvan.text import canonical_text


def _check(
    kind: str,
    record_id: str,
    provenance: Provenance | None,
    fields: Iterable[tuple[str, str | None]],
    index: int | None = None,
) -> Iterator[Finding]:
    for field, text in fields:
        if text is None:
            continue
        normal = canonical_text(text)
        if normal != text:
            location = Location.of(kind, record_id, provenance, field=field, index=index)
            yield from text_findings(text, normal, location)


@rule("text-form", codes.NOT_NFC, codes.TONE_PLACEMENT, codes.EXTRA_SPACE, codes.CONTROL_CHARACTER)
def text_form(context: ValidationContext) -> Iterator[Finding]:
    """Names, titles and notes are in the canonical form."""
    dataset = context.dataset
    for index, unit in enumerate(dataset.units):
        yield from _check("unit", unit.id, unit.provenance, [("name", unit.name)], index)
    for index, organization in enumerate(dataset.organizations):
        name = [("name", organization.name)]
        yield from _check("organization", organization.id, organization.provenance, name, index)
    for index, member in enumerate(dataset.members):
        fields = [
            ("full_name", member.full_name),
            ("ethnicity", member.ethnicity),
            ("position", member.position),
        ]
        yield from _check("member", member.id, member.provenance, fields, index)
    for index, team in enumerate(dataset.teams):
        fields = [("name", team.name), ("decision", team.decision)]
        yield from _check("team", team.id, team.provenance, fields, index)
    normal = canonical_text
    for index, activity in enumerate(dataset.activities):
        title, note, partners = activity.title, activity.note, activity.partners
        if normal(title) == title and normal(note) == note and not partners:
            continue
        fields = [
            ("title", title),
            ("note", note),
            *((f"partners[{i}]", p) for i, p in enumerate(partners)),
        ]
        yield from _check("activity", activity.id, activity.provenance, fields, index)
