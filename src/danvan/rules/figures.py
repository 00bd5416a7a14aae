"""Rules on the numbers given for whole units: their figures and the plan's targets.

Both are checked with the codes their kind of mistake already has elsewhere:
an unknown unit is DV102 and an unknown indicator DV108, as for an activity (a
target may also name a measure of every activity, `MEASURE_TARGETS`); a span
that ends before it starts is DV306, as for a team; a negative value is DV405
and a fraction of a whole unit DV408, as for a quantity. Each finding is at
the record's row and the column of the field.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence

from danvan.findings import Finding, Location, codes, make_finding
from danvan.layout import field_name
from danvan.model import MEASURE_TARGETS, Dataset, Target, UnitFigure
from danvan.rules.base import ValidationContext, rule

_CODES = (
    codes.UNKNOWN_UNIT,
    codes.UNKNOWN_INDICATOR,
    codes.DATES_REVERSED,
    codes.NEGATIVE_COUNT,
    codes.NOT_WHOLE,
)


@rule("unit-figures", *_CODES)
def unit_figures(context: ValidationContext) -> Iterator[Finding]:
    """A unit figure names an existing unit and indicator, ends after it starts, and its value
    is not negative (nor a fraction of a whole unit)."""
    dataset = context.dataset
    yield from _unit_values(dataset, "unit_figure", dataset.figures, also_known=())


@rule("plan-targets", *_CODES)
def plan_targets(context: ValidationContext) -> Iterator[Finding]:
    """A plan target names an existing unit and an indicator of the catalogue (or a measure of
    every activity), ends after it starts, and its value is not negative (nor a fraction)."""
    dataset = context.dataset
    yield from _unit_values(dataset, "target", dataset.targets, also_known=MEASURE_TARGETS)


def _unit_values(
    dataset: Dataset,
    kind: str,
    records: Sequence[UnitFigure | Target],
    also_known: Collection[str],
) -> Iterator[Finding]:
    catalog = dataset.catalog
    for index, record in enumerate(records):

        def at(field: str, record: UnitFigure | Target = record, index: int = index) -> Location:
            return Location.of(kind, record.id, record.provenance, field=field, index=index)

        if dataset.unit(record.unit) is None:
            yield make_finding(
                codes.UNKNOWN_UNIT,
                at("unit"),
                field=field_name(kind, "unit"),
                target=record.unit,
            )
        indicator = catalog.indicator(record.indicator)
        if indicator is None and record.indicator not in also_known:
            yield make_finding(codes.UNKNOWN_INDICATOR, at("indicator"), target=record.indicator)
        if record.end < record.start:
            yield make_finding(
                codes.DATES_REVERSED,
                at("end"),
                field=field_name(kind, "end"),
                start=record.start,
                end=record.end,
            )
        value = record.value
        if value < 0:
            yield make_finding(
                codes.NEGATIVE_COUNT, at("value"), field=field_name(kind, "value"), value=value
            )
        elif (
            isinstance(value, float)
            and (indicator is None or indicator.unit.whole)
            and (indicator is not None or record.indicator in also_known)
            and not value.is_integer()
        ):
            yield make_finding(
                codes.NOT_WHOLE,
                at("value"),
                indicator=record.indicator,
                unit="" if indicator is None else indicator.unit.value,
                value=value,
            )
