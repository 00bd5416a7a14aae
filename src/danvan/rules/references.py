"""Rules on references and ids: every id named resolves, and no id is used twice."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Protocol

from danvan.findings import Finding, Location, codes, make_finding
from danvan.layout import field_name, kind_name
from danvan.model import Level, Provenance
from danvan.rules.base import ValidationContext, rule

_VILLAGE = field_name("activity", "village")


class _Record(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def provenance(self) -> Provenance | None: ...


def _duplicates(kind: str, records: Iterable[_Record]) -> Iterator[Finding]:
    seen: dict[str, int] = {}
    for record in records:
        count = seen.get(record.id, 0) + 1
        seen[record.id] = count
        if count > 1:
            yield make_finding(
                codes.DUPLICATE_ID,
                Location.of(kind, record.id, record.provenance, field="id"),
                kind=kind_name(kind),
                record_id=record.id,
                occurrence=count,
            )


def _duplicate_codes(kind: str, entries: Iterable[str]) -> Iterator[Finding]:
    seen: set[str] = set()
    for code in entries:
        if code in seen:
            yield make_finding(
                codes.DUPLICATE_ID,
                Location(field="code", record_kind=kind, record_id=code),
                kind=kind_name(kind),
                record_id=code,
                occurrence=2,
            )
        seen.add(code)


@rule("duplicate-ids", codes.DUPLICATE_ID)
def duplicate_ids(context: ValidationContext) -> Iterator[Finding]:
    """No two records of one kind share an id, no two catalogue entries a code."""
    dataset = context.dataset
    yield from _duplicates("unit", dataset.units)
    yield from _duplicates("organization", dataset.organizations)
    yield from _duplicates("member", dataset.members)
    yield from _duplicates("team", dataset.teams)
    yield from _duplicates("membership", dataset.memberships)
    yield from _duplicates("activity", dataset.activities)
    catalog = dataset.catalog
    yield from _duplicate_codes("activity_type", (t.code for t in catalog.activity_types))
    yield from _duplicate_codes("topic", (t.code for t in catalog.topics))
    yield from _duplicate_codes("indicator", (i.code for i in catalog.indicators))


@rule("unit-references", codes.UNKNOWN_UNIT, codes.NOT_A_VILLAGE)
def unit_references(context: ValidationContext) -> Iterator[Finding]:
    """Parents, organisations' units, teams' villages and successions name existing units."""
    dataset = context.dataset
    for unit in dataset.units:
        if unit.parent is not None and dataset.unit(unit.parent) is None:
            location = Location.of("unit", unit.id, unit.provenance, field="parent")
            yield make_finding(
                codes.UNKNOWN_UNIT, location, field=field_name("unit", "parent"), target=unit.parent
            )
    for organization in dataset.organizations:
        if organization.unit is not None and dataset.unit(organization.unit) is None:
            location = Location.of(
                "organization", organization.id, organization.provenance, field="unit"
            )
            yield make_finding(
                codes.UNKNOWN_UNIT,
                location,
                field=field_name("organization", "unit"),
                target=organization.unit,
            )
    for team in dataset.teams:
        for index, assignment in enumerate(team.villages):
            field = f"villages[{index}].village"
            location = Location.of("team", team.id, team.provenance, field=field)
            village = dataset.unit(assignment.village)
            if village is None:
                yield make_finding(
                    codes.UNKNOWN_UNIT,
                    location,
                    field=field_name("team", field),
                    target=assignment.village,
                )
            elif village.level is not Level.VILLAGE:
                yield make_finding(
                    codes.NOT_A_VILLAGE,
                    location,
                    field=field_name("team", field),
                    target=village.id,
                    level=village.level,
                )
    for index, succession in enumerate(dataset.successions):
        named = [(f"predecessors[{i}]", p) for i, p in enumerate(succession.predecessors)]
        for field, target in [*named, ("successor", succession.successor)]:
            if dataset.unit(target) is None:
                provenance = succession.provenance or Provenance()
                location = Location(
                    source=provenance.source,
                    sheet=provenance.sheet,
                    row=provenance.row,
                    field=field,
                    record_kind="succession",
                    record_index=index,
                )
                yield make_finding(
                    codes.UNKNOWN_UNIT,
                    location,
                    field=field_name("succession", field),
                    target=target,
                )


@rule("people-references", codes.UNKNOWN_TEAM, codes.UNKNOWN_MEMBER, codes.UNKNOWN_ORGANIZATION)
def people_references(context: ValidationContext) -> Iterator[Finding]:
    """Memberships name existing teams and members; members name existing organisations."""
    dataset = context.dataset
    for member in dataset.members:
        if member.organization is not None and dataset.organization(member.organization) is None:
            location = Location.of("member", member.id, member.provenance, field="organization")
            yield make_finding(
                codes.UNKNOWN_ORGANIZATION,
                location,
                field=field_name("member", "organization"),
                target=member.organization,
            )
    for membership in dataset.memberships:
        if dataset.team(membership.team) is None:
            location = Location.of("membership", membership.id, membership.provenance, field="team")
            yield make_finding(
                codes.UNKNOWN_TEAM,
                location,
                field=field_name("membership", "team"),
                target=membership.team,
            )
        if dataset.member(membership.member) is None:
            location = Location.of(
                "membership", membership.id, membership.provenance, field="member"
            )
            yield make_finding(
                codes.UNKNOWN_MEMBER,
                location,
                field=field_name("membership", "member"),
                target=membership.member,
            )


@rule(
    "activity-references",
    codes.UNKNOWN_TEAM,
    codes.UNKNOWN_UNIT,
    codes.NOT_A_VILLAGE,
    codes.UNKNOWN_ACTIVITY_TYPE,
    codes.UNKNOWN_TOPIC,
    codes.UNKNOWN_INDICATOR,
)
def activity_references(context: ValidationContext) -> Iterator[Finding]:
    """An activity's team, village, type, topics and indicators all exist."""
    dataset = context.dataset
    catalog = dataset.catalog
    team_ids = {team.id for team in dataset.teams}
    unit_levels = {unit.id: unit.level for unit in reversed(dataset.units)}
    types = {t.code for t in catalog.activity_types}
    topics = {t.code for t in catalog.topics}
    indicators = {i.code for i in catalog.indicators}
    village = Level.VILLAGE
    for activity in dataset.activities:
        level = unit_levels.get(activity.village)
        if (
            activity.team in team_ids
            and level is village
            and activity.type in types
            and all(t in topics for t in activity.topics)
            and all(q.indicator in indicators for q in activity.quantities)
        ):
            continue
        yield from _activity_references(
            activity.id,
            activity.provenance,
            activity.team in team_ids,
            activity.village,
            level,
            activity.type if activity.type not in types else None,
            [(i, t) for i, t in enumerate(activity.topics) if t not in topics],
            [
                (i, q.indicator)
                for i, q in enumerate(activity.quantities)
                if q.indicator not in indicators
            ],
            activity.team,
        )


def _activity_references(
    activity_id: str,
    provenance: Provenance | None,
    team_known: bool,
    village: str,
    level: Level | None,
    unknown_type: str | None,
    unknown_topics: list[tuple[int, str]],
    unknown_indicators: list[tuple[int, str]],
    team: str,
) -> Iterator[Finding]:
    def at(field: str) -> Location:
        return Location.of("activity", activity_id, provenance, field=field)

    if not team_known:
        yield make_finding(
            codes.UNKNOWN_TEAM, at("team"), field=field_name("activity", "team"), target=team
        )
    if level is None:
        yield make_finding(codes.UNKNOWN_UNIT, at("village"), field=_VILLAGE, target=village)
    elif level is not Level.VILLAGE:
        yield make_finding(
            codes.NOT_A_VILLAGE, at("village"), field=_VILLAGE, target=village, level=level
        )
    if unknown_type is not None:
        yield make_finding(codes.UNKNOWN_ACTIVITY_TYPE, at("type"), target=unknown_type)
    for index, topic in unknown_topics:
        yield make_finding(codes.UNKNOWN_TOPIC, at(f"topics[{index}]"), target=topic)
    for index, indicator in unknown_indicators:
        field = f"quantities[{index}].indicator"
        yield make_finding(codes.UNKNOWN_INDICATOR, at(field), target=indicator)
