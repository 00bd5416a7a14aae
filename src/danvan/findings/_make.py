"""Making a finding: a code, a place and the values its messages quote."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from danvan.findings._finding import (
    CONTENT_VALUES,
    Finding,
    FindingCode,
    Location,
    Severity,
    render,
)
from danvan.findings.codes import BY_ID


def _built_in(code_id: str) -> FindingCode:
    try:
        return BY_ID[code_id]
    except KeyError:
        raise KeyError(
            f"{code_id!r} is not a built-in finding code; pass the FindingCode a plugin declares"
        ) from None


def make_finding(
    code: FindingCode | str,
    location: Location | None = None,
    *,
    severity: Severity | None = None,
    personal: Iterable[str] | None = None,
    **values: Any,
) -> Finding:
    """A finding of ``code`` at ``location`` with its messages rendered from ``values``.

    ``personal`` names the values that quote personal data. By default they are
    the values quoting the field's content (``before``, ``after``, ``value``,
    ``suggestion``) when the location is a personal field (a member's name …).
    """
    kind = code if isinstance(code, FindingCode) else _built_in(code)
    location = location or Location()
    if personal is None:
        personal = CONTENT_VALUES.intersection(values) if location.personal else ()
    return Finding(
        code=kind.id,
        severity=severity or kind.severity,
        message=render(kind, values),
        location=location,
        tags=kind.tags,
        values=values,
        personal=personal,
        kind=kind,
    )
