"""Rules on units over time: reused codes, units outliving their successor, looping successions.

The checks themselves are the pure functions of ``danvan.registry``; these rules
word their problems as findings on the dataset's unit records. Also here:
``resolve_unit_name``, the name look-up importers use, which turns an
ambiguous name into a finding that lists the candidates.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from danvan.findings import Finding, Location, codes, make_finding
from danvan.model import AdminUnit, Level
from danvan.registry import (
    UnitRegistry,
    check_reused_codes,
    check_succession_cycles,
    check_valid_after_successor,
)
from danvan.rules.base import ValidationContext, rule


def _at(context: ValidationContext, unit_id: str, field: str | None = None) -> Location:
    unit = context.dataset.unit(unit_id)
    provenance = unit.provenance if unit is not None else None
    return Location.of("unit", unit_id, provenance, field=field)


@rule("reused-codes", codes.CODE_REUSED_OVERLAP)
def reused_codes(context: ValidationContext) -> Iterator[Finding]:
    """No official code is held by two units on one day; a reused code starts after its old
    holder ends."""
    for problem in check_reused_codes(context.dataset.units):
        later = problem.units[1]
        yield make_finding(codes.CODE_REUSED_OVERLAP, _at(context, later, "code"), **problem.values)


@rule("valid-after-successor", codes.VALID_AFTER_SUCCESSOR)
def valid_after_successor(context: ValidationContext) -> Iterator[Finding]:
    """A unit merged into another ends before the day its successor takes over."""
    dataset = context.dataset
    for problem in check_valid_after_successor(dataset.units, dataset.successions):
        predecessor = problem.units[0]
        location = _at(context, predecessor, "valid_until")
        yield make_finding(codes.VALID_AFTER_SUCCESSOR, location, **problem.values)


@rule("succession-cycles", codes.SUCCESSION_CYCLE)
def succession_cycles(context: ValidationContext) -> Iterator[Finding]:
    """Following successions never comes back to where it started."""
    for problem in check_succession_cycles(context.dataset.successions):
        for unit_id in problem.units:
            yield make_finding(codes.SUCCESSION_CYCLE, _at(context, unit_id), **problem.values)


def _candidate(registry: UnitRegistry, unit: AdminUnit) -> str:
    start = unit.valid_from.isoformat() if unit.valid_from else "…"
    end = unit.valid_until.isoformat() if unit.valid_until else "…"
    return f"{registry.full_name(unit.id)} ({unit.id}, {start} – {end})"


def resolve_unit_name(
    registry: UnitRegistry,
    name: str,
    level: Level | None = None,
    at: date | None = None,
    *,
    parent: str | None = None,
    location: Location | None = None,
) -> tuple[AdminUnit | None, list[Finding]]:
    """The unit ``name`` designates, and a DV209 finding at ``location`` when it is ambiguous.

    The look-up is ``UnitRegistry.lookup`` (tolerant of NFC/NFD, tone placement,
    case and prefixes such as "xã", "X.", "bản", "thôn"). Importers call this
    for a unit written by name: when several units match, no unit is chosen and
    the finding lists every candidate, so the user can write the code or the
    level instead. A name that matches nothing gives ``(None, [])``: whether
    that is a problem is the importer's to say.
    """
    result = registry.lookup(name, level=level, at=at, parent=parent)
    if not result.ambiguous:
        return result.unit, []
    finding = make_finding(
        codes.AMBIGUOUS_UNIT_NAME,
        location,
        name=name,
        candidates="; ".join(_candidate(registry, unit) for unit in result.candidates),
        candidate_ids=tuple(unit.id for unit in result.candidates),
    )
    return None, [finding]
