"""Rules on the plan's targets: their unit and indicator exist, their span and value are sane.

A target is checked with the codes its kind of mistake already has elsewhere,
as a unit figure is: an unknown unit is DV102, an unknown indicator DV108 (the
measures of every activity, `MEASURE_TARGETS`, are known too), a span that ends
before it starts DV306, a negative value DV405 and a fraction of a whole unit
DV408. Each finding is at the target's row and the column of the field.
"""

from __future__ import annotations

from collections.abc import Iterator

from danvan.findings import Finding, Location, codes, make_finding
from danvan.layout import field_name
from danvan.model import MEASURE_TARGETS, Target
from danvan.rules.base import ValidationContext, rule

KIND = "target"


def _at(target: Target, index: int, field: str) -> Location:
    return Location.of(KIND, target.id, target.provenance, field=field, index=index)


@rule(
    "plan-targets",
    codes.UNKNOWN_UNIT,
    codes.UNKNOWN_INDICATOR,
    codes.DATES_REVERSED,
    codes.NEGATIVE_COUNT,
    codes.NOT_WHOLE,
)
def plan_targets(context: ValidationContext) -> Iterator[Finding]:
    """A plan target names an existing unit and an indicator of the catalogue (or a measure of
    every activity), ends after it starts, and its value is not negative (nor a fraction)."""
    dataset = context.dataset
    catalog = dataset.catalog
    for index, target in enumerate(dataset.targets):
        if dataset.unit(target.unit) is None:
            yield make_finding(
                codes.UNKNOWN_UNIT,
                _at(target, index, "unit"),
                field=field_name(KIND, "unit"),
                target=target.unit,
            )
        indicator = catalog.indicator(target.indicator)
        if indicator is None and target.indicator not in MEASURE_TARGETS:
            yield make_finding(
                codes.UNKNOWN_INDICATOR, _at(target, index, "indicator"), target=target.indicator
            )
        if target.end < target.start:
            yield make_finding(
                codes.DATES_REVERSED,
                _at(target, index, "end"),
                field=field_name(KIND, "end"),
                start=target.start,
                end=target.end,
            )
        value = target.value
        whole = indicator.unit.whole if indicator is not None else True
        if value < 0:
            yield make_finding(
                codes.NEGATIVE_COUNT,
                _at(target, index, "value"),
                field=field_name(KIND, "value"),
                value=value,
            )
        elif isinstance(value, float) and whole and not value.is_integer():
            yield make_finding(
                codes.NOT_WHOLE,
                _at(target, index, "value"),
                indicator=target.indicator if indicator is None else indicator.code,
                unit="" if indicator is None else indicator.unit.value,
                value=value,
            )
