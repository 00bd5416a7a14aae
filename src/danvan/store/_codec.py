"""Findings and the keys of cross-file checks as plain JSON values, and back.

A store entry holds a file's findings; they must come back equal, messages and
all, and name the file by the path it has now (a renamed file keeps its
entry). Values are tagged where JSON has no type of their own (dates, labels);
a finding whose values hold anything else is not stored (`NotStorable`), and
the file is then read again on the next run.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import sys
from array import array
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from typing import Any, Final

from danvan.errors import DanvanError
from danvan.findings import Finding, FindingCode, Location, Severity
from danvan.findings.codes import BUILTIN
from danvan.labels import Label
from danvan.model import Activity, Status
from danvan.periods import ReportingCalendar

_CODES: Final[dict[str, FindingCode]] = {kind.id: kind for kind in BUILTIN}
_LOCATION_FIELDS: Final = (
    "source",
    "sheet",
    "row",
    "column",
    "field",
    "record_kind",
    "record_id",
    "record_index",
    "letter",
    "pointer",
)


class NotStorable(DanvanError):
    """A value a store entry cannot hold exactly (the file is then not stored)."""


def _value_to_raw(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return {"$date": value.isoformat()}
    if isinstance(value, Label):
        return {"$label": [value.vi, value.en]}
    if isinstance(value, tuple):
        return {"$tuple": [_value_to_raw(v) for v in value]}
    if isinstance(value, list):
        return [_value_to_raw(v) for v in value]
    raise NotStorable(f"{type(value).__name__} in a finding's values")


def _value_from_raw(raw: Any) -> Any:
    if isinstance(raw, list):
        return [_value_from_raw(v) for v in raw]
    if isinstance(raw, dict):
        if "$date" in raw:
            return dt.date.fromisoformat(raw["$date"])
        if "$label" in raw:
            vi, en = raw["$label"]
            return Label(vi, en)
        if "$tuple" in raw:
            return tuple(_value_from_raw(v) for v in raw["$tuple"])
        raise ValueError("an unknown tagged value")
    return raw


def finding_to_raw(finding: Finding) -> dict[str, Any]:
    """A finding as plain JSON values (``NotStorable`` when a value has no JSON form)."""
    where = finding.location
    return {
        "code": finding.code,
        "severity": finding.severity.value,
        "message": [finding.message.vi, finding.message.en],
        "location": [getattr(where, name) for name in _LOCATION_FIELDS],
        "tags": sorted(finding.tags),
        "values": {name: _value_to_raw(value) for name, value in finding.values.items()},
        "personal": sorted(finding.personal),
        "declared": finding.kind is not None and _CODES.get(finding.code) is finding.kind,
    }


def finding_from_raw(raw: dict[str, Any], source: str | None, now: str | None) -> Finding:
    """The finding ``finding_to_raw`` gave ``raw`` for, the file once called ``source``
    named ``now`` wherever the finding named it."""

    def moved(text: Any) -> Any:
        if source is None or now is None or source == now or not isinstance(text, str):
            return text
        return text.replace(source, now)

    where = Location(
        **{
            name: moved(value)
            for name, value in zip(_LOCATION_FIELDS, raw["location"], strict=True)
        }
    )
    vi, en = raw["message"]
    return Finding(
        code=raw["code"],
        severity=Severity(raw["severity"]),
        message=Label(moved(vi), moved(en)),
        location=where,
        tags=frozenset(raw["tags"]),
        values={name: moved(_value_from_raw(v)) for name, v in raw["values"].items()},
        personal=frozenset(raw["personal"]),
        kind=_CODES.get(raw["code"]) if raw["declared"] else None,
    )


def findings_to_raw(findings: Iterable[Finding]) -> list[dict[str, Any]]:
    return [finding_to_raw(finding) for finding in findings]


def findings_from_raw(raw: list[dict[str, Any]], source: str, now: str) -> list[Finding]:
    return [finding_from_raw(item, source, now) for item in raw]


def digest64(value: Any) -> int:
    """A 64-bit digest of a key (an id, an activity's likely-duplicate key): two files whose
    digests meet are checked together by reading them, so a collision costs time only."""
    text = repr(value).encode("utf-8", "surrogatepass")
    return int.from_bytes(hashlib.blake2b(text, digest_size=8).digest(), "little") >> 1


def activity_keys(
    activities: Sequence[Activity], meeting_types: frozenset[str], calendar: ReportingCalendar
) -> dict[str, Any]:
    """What the checks across files need of a file's activities: digests of the ids and of the
    likely-duplicate keys, a day and village of each (team, reporting month) with a done
    meeting, and the last activity's day."""
    month_key = calendar.month_key
    meetings: dict[tuple[str, str], tuple[str, str]] = {}
    likely = set()
    for a in activities:
        quantities = sorted((q.indicator, float(q.value), q.unit or "") for q in a.quantities)
        likely.add(digest64((a.team, a.village, a.date, a.type, *quantities)))
        if a.type in meeting_types and a.status is Status.DONE:
            year, month = month_key(a.date)
            meetings.setdefault(
                (a.team, f"{year:04d}-{month:02d}"), (a.date.isoformat(), a.village)
            )
    return {
        "ids": packed({digest64(a.id) for a in activities}),
        "likely": packed(likely),
        "meetings": [
            [team, month, day, village]
            for (team, month), (day, village) in sorted(meetings.items())
        ],
        "last": max(a.date for a in activities).isoformat(),
    }


def packed(digests: Iterable[int]) -> str:
    """Digests sorted and packed as big-endian 64-bit words, in hex: a tenth of the memory
    and of the parsing a JSON list of numbers costs, for a million of them."""
    words = array("Q", sorted(digests))
    if sys.byteorder == "little":
        words.byteswap()
    return words.tobytes().hex()


def unpacked(text: str) -> array[int]:
    """The sorted digests ``packed`` gave ``text`` for."""
    words = array("Q", bytes.fromhex(text))
    if sys.byteorder == "little":
        words.byteswap()
    return words


def shared(parts: Sequence[array[int]]) -> bool:
    """Whether a digest is in two of ``parts`` (each sorted, without repeats of its own).

    The digests are taken a 256th of their range at a time, so that no set of them
    all is ever held: a million digests cost their packed 8 bytes each, not a set's 70.
    """
    cuts = [[bisect_left(part, k << 55) for k in range(257)] for part in parts]
    for k in range(256):
        together: array[int] = array("Q")
        for part, at in zip(parts, cuts, strict=True):
            together.extend(part[at[k] : at[k + 1]])
        if len(set(together)) != len(together):
            return True
    return False
