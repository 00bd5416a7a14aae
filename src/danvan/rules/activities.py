"""Rules on activities: dated inside their team and village assignment, sane numbers, no twins.

Each rule makes one pass over the activities with dictionary look-ups, so a
million activities take seconds, not hours.
"""

from __future__ import annotations

from collections.abc import Iterator

from danvan.findings import Finding, Location, codes, make_finding
from danvan.layout import field_name
from danvan.model import Activity, Funding, Quantity, Status
from danvan.model._dates import within
from danvan.rules.base import ValidationContext, rule


def _at(activity: Activity, index: int, field: str | None = None) -> Location:
    """The activity's place (its ``index`` gives its JSON pointer when not read from a sheet)."""
    return Location.of("activity", activity.id, activity.provenance, field=field, index=index)


def _line_at(
    activity: Activity, index: int, line: Quantity | Funding, field: str, column: str
) -> Location:
    """A quantity's or funding line's place: its own sheet and row when it has one."""
    return Location.of_line("activity", activity, line, field=field, column=column, index=index)


@rule(
    "activity-dates",
    codes.OUTSIDE_TEAM_LIFE,
    codes.VILLAGE_NOT_ASSIGNED,
    codes.OUTSIDE_ASSIGNMENT,
    codes.AFTER_AS_OF,
)
def activity_dates(context: ValidationContext) -> Iterator[Finding]:
    """An activity lies in its team's life, in its village's assignment to the team, and not
    after the as-of date (unless only planned or cancelled)."""
    dataset = context.dataset
    teams = {team.id: team for team in reversed(dataset.teams)}
    units = {unit.id for unit in dataset.units}
    assignments = context.assignments
    as_of = context.as_of
    done = Status.DONE
    for position, activity in enumerate(dataset.activities):
        day = activity.date
        if as_of is not None and day > as_of and activity.status is done:
            yield make_finding(
                codes.AFTER_AS_OF, _at(activity, position, "date"), date=day, as_of=as_of
            )
        team = teams.get(activity.team)
        if team is None:
            continue
        if not within(day, team.established, team.dissolved):
            yield make_finding(
                codes.OUTSIDE_TEAM_LIFE,
                _at(activity, position, "date"),
                date=day,
                team=team.id,
                team_start=team.established,
                team_end=team.dissolved,
            )
        served = assignments.get((team.id, activity.village))
        if served is None:
            if activity.village in units:
                yield make_finding(
                    codes.VILLAGE_NOT_ASSIGNED,
                    _at(activity, position, "village"),
                    village=activity.village,
                    team=team.id,
                )
        elif not any(within(day, a.valid_from, a.valid_until) for a in served):
            yield make_finding(
                codes.OUTSIDE_ASSIGNMENT,
                _at(activity, position, "date"),
                date=day,
                village=activity.village,
                team=team.id,
            )


@rule("activity-numbers", codes.NEGATIVE_COUNT, codes.NEGATIVE_MONEY)
def activity_numbers(context: ValidationContext) -> Iterator[Finding]:
    """No negative participants, households, quantities or money."""
    for position, activity in enumerate(context.dataset.activities):
        if activity.participants is not None and activity.participants < 0:
            yield make_finding(
                codes.NEGATIVE_COUNT,
                _at(activity, position, "participants"),
                field=field_name("activity", "participants"),
                value=activity.participants,
            )
        if activity.households is not None and activity.households < 0:
            yield make_finding(
                codes.NEGATIVE_COUNT,
                _at(activity, position, "households"),
                field=field_name("activity", "households"),
                value=activity.households,
            )
        for index, quantity in enumerate(activity.quantities):
            if quantity.value < 0:
                field = f"quantities[{index}].value"
                where = _line_at(activity, position, quantity, field, "value")
                yield make_finding(
                    codes.NEGATIVE_COUNT,
                    where,
                    field=field_name("activity", field),
                    value=quantity.value,
                )
        for index, funding in enumerate(activity.funding):
            if funding.amount < 0:
                field = f"funding[{index}].amount"
                where = _line_at(activity, position, funding, field, "amount")
                yield make_finding(
                    codes.NEGATIVE_MONEY,
                    where,
                    field=field_name("activity", field),
                    value=funding.amount,
                )


@rule("quantity-units", codes.UNIT_MISMATCH, codes.NOT_WHOLE)
def quantity_units(context: ValidationContext) -> Iterator[Finding]:
    """A quantity's stated unit is its indicator's, and whole units hold whole numbers."""
    catalog = context.dataset.catalog
    units = {i.code: i.unit for i in reversed(catalog.indicators)}
    for position, activity in enumerate(context.dataset.activities):
        for index, quantity in enumerate(activity.quantities):
            unit = units.get(quantity.indicator)
            if unit is None:
                continue
            if quantity.unit is not None and quantity.unit != unit.value:
                yield make_finding(
                    codes.UNIT_MISMATCH,
                    _line_at(activity, position, quantity, f"quantities[{index}].unit", "unit"),
                    indicator=quantity.indicator,
                    expected=unit.value,
                    unit=quantity.unit,
                )
            value = quantity.value
            if isinstance(value, float) and unit.whole and not value.is_integer():
                yield make_finding(
                    codes.NOT_WHOLE,
                    _line_at(activity, position, quantity, f"quantities[{index}].value", "value"),
                    indicator=quantity.indicator,
                    unit=unit.value,
                    value=value,
                )


@rule("likely-duplicates", codes.LIKELY_DUPLICATE)
def likely_duplicates(context: ValidationContext) -> Iterator[Finding]:
    """Two activities with the same team, village, date, type and quantities."""
    first: dict[tuple[object, ...], str] = {}
    for position, activity in enumerate(context.dataset.activities):
        quantities = activity.quantities
        key: tuple[object, ...] = (activity.team, activity.village, activity.date, activity.type)
        if len(quantities) == 1:
            only = quantities[0]
            key = (*key, (only.indicator, only.value, only.unit or ""))
        elif quantities:
            key = (*key, *sorted((q.indicator, q.value, q.unit or "") for q in quantities))
        other = first.setdefault(key, activity.id)
        if other != activity.id:
            yield make_finding(
                codes.LIKELY_DUPLICATE, _at(activity, position), other=other, date=activity.date
            )
