"""Rules on references and ids: every id named resolves, and no id is used twice."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Protocol

import attrs

from danvan.findings import Finding, Location, codes, make_finding
from danvan.layout import field_name, kind_name
from danvan.model import Activity, Level, Membership, Provenance, Quantity
from danvan.rules.base import ValidationContext, rule

_VILLAGE = field_name("activity", "village")


class _Record(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def provenance(self) -> Provenance | None: ...


def _duplicates(kind: str, records: Iterable[_Record]) -> Iterator[Finding]:
    seen: dict[str, int] = {}
    for index, record in enumerate(records):
        count = seen.get(record.id, 0) + 1
        seen[record.id] = count
        if count > 1:
            yield make_finding(
                codes.DUPLICATE_ID,
                Location.of(kind, record.id, record.provenance, field="id", index=index),
                kind=kind_name(kind),
                record_id=record.id,
                occurrence=count,
            )


def _duplicate_codes(kind: str, entries: Iterable[str]) -> Iterator[Finding]:
    seen: set[str] = set()
    for index, code in enumerate(entries):
        if code in seen:
            yield make_finding(
                codes.DUPLICATE_ID,
                Location.of(kind, code, field="code", index=index),
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
    yield from _duplicates("unit_figure", dataset.figures)
    yield from _duplicates("target", dataset.targets)
    yield from _duplicates("submission", dataset.submissions)
    yield from _duplicates("reporting_body", dataset.bodies)
    catalog = dataset.catalog
    yield from _duplicate_codes("activity_type", (t.code for t in catalog.activity_types))
    yield from _duplicate_codes("topic", (t.code for t in catalog.topics))
    yield from _duplicate_codes("indicator", (i.code for i in catalog.indicators))


@rule("unit-references", codes.UNKNOWN_UNIT, codes.NOT_A_VILLAGE)
def unit_references(context: ValidationContext) -> Iterator[Finding]:
    """Parents, organisations' units, teams' villages and successions name existing units."""
    dataset = context.dataset
    for position, unit in enumerate(dataset.units):
        if unit.parent is not None and dataset.unit(unit.parent) is None:
            location = Location.of("unit", unit.id, unit.provenance, field="parent", index=position)
            yield make_finding(
                codes.UNKNOWN_UNIT, location, field=field_name("unit", "parent"), target=unit.parent
            )
    for position, organization in enumerate(dataset.organizations):
        if organization.unit is not None and dataset.unit(organization.unit) is None:
            location = Location.of(
                "organization",
                organization.id,
                organization.provenance,
                field="unit",
                index=position,
            )
            yield make_finding(
                codes.UNKNOWN_UNIT,
                location,
                field=field_name("organization", "unit"),
                target=organization.unit,
            )
    for position, team in enumerate(dataset.teams):
        for index, assignment in enumerate(team.villages):
            field = f"villages[{index}].village"
            location = Location.of_line(
                "team", team, assignment, field=field, column="village", index=position
            )
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
                at = Location.of(
                    "succession", None, succession.provenance, field=field, index=index
                )
                location = attrs.evolve(at, record_index=index)
                yield make_finding(
                    codes.UNKNOWN_UNIT,
                    location,
                    field=field_name("succession", field),
                    target=target,
                )


def _membership_at(membership: Membership, position: int, field: str) -> Location:
    return Location.of(
        "membership", membership.id, membership.provenance, field=field, index=position
    )


@rule("people-references", codes.UNKNOWN_TEAM, codes.UNKNOWN_MEMBER, codes.UNKNOWN_ORGANIZATION)
def people_references(context: ValidationContext) -> Iterator[Finding]:
    """Memberships name existing teams and members; members name existing organisations."""
    dataset = context.dataset
    for position, member in enumerate(dataset.members):
        if member.organization is not None and dataset.organization(member.organization) is None:
            location = Location.of(
                "member", member.id, member.provenance, field="organization", index=position
            )
            yield make_finding(
                codes.UNKNOWN_ORGANIZATION,
                location,
                field=field_name("member", "organization"),
                target=member.organization,
            )
    for position, membership in enumerate(dataset.memberships):
        if dataset.team(membership.team) is None:
            location = _membership_at(membership, position, "team")
            yield make_finding(
                codes.UNKNOWN_TEAM,
                location,
                field=field_name("membership", "team"),
                target=membership.team,
            )
        if dataset.member(membership.member) is None:
            location = _membership_at(membership, position, "member")
            yield make_finding(
                codes.UNKNOWN_MEMBER,
                location,
                field=field_name("membership", "member"),
                target=membership.member,
            )


@rule("catalog-references", codes.UNKNOWN_ACTIVITY_TYPE)
def catalog_references(context: ValidationContext) -> Iterator[Finding]:
    """The activity type an indicator counts is in the catalogue."""
    catalog = context.dataset.catalog
    for index, indicator in enumerate(catalog.indicators):
        kind = indicator.counts_type
        if kind is not None and catalog.activity_type(kind) is None:
            location = Location.of("indicator", indicator.code, field="counts_type", index=index)
            yield make_finding(codes.UNKNOWN_ACTIVITY_TYPE, location, target=kind)


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
    for position, activity in enumerate(dataset.activities):
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
            activity,
            position,
            activity.team in team_ids,
            activity.village,
            level,
            activity.type if activity.type not in types else None,
            [(i, t) for i, t in enumerate(activity.topics) if t not in topics],
            [(i, q) for i, q in enumerate(activity.quantities) if q.indicator not in indicators],
        )


def _activity_references(
    activity: Activity,
    position: int,
    team_known: bool,
    village: str,
    level: Level | None,
    unknown_type: str | None,
    unknown_topics: list[tuple[int, str]],
    unknown_indicators: list[tuple[int, Quantity]],
) -> Iterator[Finding]:
    def at(field: str) -> Location:
        return Location.of(
            "activity", activity.id, activity.provenance, field=field, index=position
        )

    if not team_known:
        yield make_finding(
            codes.UNKNOWN_TEAM,
            at("team"),
            field=field_name("activity", "team"),
            target=activity.team,
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
    for index, quantity in unknown_indicators:
        field = f"quantities[{index}].indicator"
        where = Location.of_line(
            "activity", activity, quantity, field=field, column="indicator", index=position
        )
        yield make_finding(codes.UNKNOWN_INDICATOR, where, target=quantity.indicator)
