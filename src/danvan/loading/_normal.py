"""The full road's first step: every string of a parsed document in normal form, changes kept.

Loading keeps text in one canonical form (control characters removed, then
``danvan.text.normalize``); what changed is returned for validation to report
(DV5xx, see ``text_findings``).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import attrs

from danvan.findings import Finding, Location, codes, make_finding
from danvan.layout import field_name
from danvan.loading._errors import Path
from danvan.text import (
    NormalizationIssue,
    canonical_text,
    has_control_characters,
    normalization_issues,
)


@attrs.frozen
class TextChange:
    """A string that was normalised on load (validation reports it as information)."""

    path: Path
    before: str
    after: str


_CODES = {
    NormalizationIssue.NFC: codes.NOT_NFC,
    NormalizationIssue.TONE_PLACEMENT: codes.TONE_PLACEMENT,
    NormalizationIssue.WHITESPACE: codes.EXTRA_SPACE,
}


def text_findings(before: str, after: str, location: Location) -> Iterator[Finding]:
    """What changed between ``before`` and its canonical form ``after``.

    Information for a change of form; a warning for control characters removed (DV504).
    The field is named in each message's language (``layout.field_name``).
    """
    field = field_name(location.record_kind, location.field) if location.field else ""
    if has_control_characters(before):
        yield make_finding(
            codes.CONTROL_CHARACTER, location, field=field, before=before, after=after
        )
    for issue in sorted(normalization_issues(before)):
        yield make_finding(_CODES[issue], location, field=field, before=before, after=after)


def normalize_strings(raw: Any, path: Path = ()) -> tuple[Any, list[TextChange]]:
    """Parsed JSON with every string in normal form (``canonical_text``).

    Returns the copy and the strings that changed, for validation to report.
    The outermost container is always a new one; an inner object or list with
    nothing to change is shared with ``raw`` rather than copied. Each distinct
    string is normalised once, and equal strings come out as one shared
    object: a document repeats its team, village and type ids a million
    times, and the dataset then holds each once.
    """
    changes: list[TextChange] = []
    memo: dict[str, str] = {}

    def walk(value: Any, here: Path) -> Any:
        # Returns ``value`` itself when nothing inside it changes.
        if isinstance(value, str):
            normal = memo.get(value)
            if normal is None:
                normal = canonical_text(value)
                memo[value] = normal = value if normal == value else normal
            if normal != value:
                changes.append(TextChange(here, value, normal))
            return normal
        if isinstance(value, dict):
            copy: dict[Any, Any] | None = None
            for key, item in value.items():
                if isinstance(item, str):
                    new = memo.get(item)
                    if new is None:
                        new = canonical_text(item)
                        memo[item] = new = item if new == item else new
                    if new is item:
                        continue
                    if new != item:
                        changes.append(TextChange((*here, key), item, new))
                elif isinstance(item, dict | list):
                    new = walk(item, (*here, key))
                    if new is item:
                        continue
                else:
                    continue
                if copy is None:
                    copy = dict(value)
                copy[key] = new
            return value if copy is None else copy
        if isinstance(value, list):
            items: list[Any] | None = None
            for index, item in enumerate(value):
                new = walk(item, (*here, index)) if isinstance(item, str | dict | list) else item
                if new is not item:
                    if items is None:
                        items = list(value)
                    items[index] = new
            return value if items is None else items
        return value

    normal = walk(raw, path)
    if normal is raw and isinstance(raw, dict | list):
        normal = type(raw)(raw)
    return normal, changes
